"""What botocore itself says about the settings it reads from a profile, as JSON on stdout.

`tests/readers/catalogue.rs` compares it with the catalogue (`server/core/src/knowledge`):
- `table`: botocore's session variables (`botocore.configprovider`
  `BOTOCORE_DEFAUT_SESSION_VARIABLES`, and those of the `s3` and `proxies_config` blocks):
  for each, its keys (a profile key, or a key of a block), the environment variables and
  the default, as botocore declares them;
- `literals`: every string literal of botocore's own sources, to tell whether botocore
  names a key at all (the credential providers, the S3 and SSO settings read it outside
  that table).
"""

import ast
import json
import os
import sys

import botocore
from botocore.configprovider import (
    BOTOCORE_DEFAUT_SESSION_VARIABLES,
    DEFAULT_PROXIES_CONFIG_VARS,
    DEFAULT_S3_CONFIG_VARS,
)


def plain(value):
    """A default as the catalogue writes it: text; booleans and numbers as botocore prints them."""
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def keys(names):
    """A variable's keys: a profile key, a `(block, key)` pair, or a list of them."""
    if names is None:
        return []
    if isinstance(names, str):
        return [{"block": None, "key": names}]
    if isinstance(names, tuple):
        return [{"block": names[0], "key": names[1]}]
    return [k for n in names for k in keys(n)]


table = []
for variables in (BOTOCORE_DEFAUT_SESSION_VARIABLES, DEFAULT_S3_CONFIG_VARS, DEFAULT_PROXIES_CONFIG_VARS):
    for name, (names, env, default, _convert) in sorted(variables.items()):
        if names is None:
            continue  # not read from a profile (the file paths, the profile's name)
        envs = [] if env is None else ([env] if isinstance(env, str) else list(env))
        table.append({"name": name, "keys": keys(names), "env": envs, "default": plain(default)})

literals = set()
root = os.path.dirname(botocore.__file__)
for folder, _dirs, files in os.walk(root):
    for file in files:
        if not file.endswith(".py"):
            continue
        with open(os.path.join(folder, file), encoding="utf-8") as source:
            tree = ast.parse(source.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 80:
                literals.add(node.value)

json.dump(
    {"version": botocore.__version__, "table": table, "literals": sorted(literals)},
    sys.stdout,
)
