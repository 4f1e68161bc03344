"""What botocore itself says about the settings it reads from a profile, as JSON on stdout.

`tests/readers/catalogue.rs` compares it with the catalogue (`server/core/src/knowledge`):
- `table`: botocore's session variables (`botocore.configprovider`
  `BOTOCORE_DEFAUT_SESSION_VARIABLES`): for each, the profile key, the environment
  variables and the default, as botocore declares them;
- `literals`: every string literal of botocore's own sources, to tell whether botocore
  names a key at all (the credential providers, the S3 and SSO settings read it outside
  that table).
"""

import ast
import json
import os
import sys

import botocore
from botocore.configprovider import BOTOCORE_DEFAUT_SESSION_VARIABLES


def plain(value):
    """A default as the catalogue writes it: text; booleans and numbers as botocore prints them."""
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


table = []
for name, (key, env, default, _convert) in sorted(BOTOCORE_DEFAUT_SESSION_VARIABLES.items()):
    if key is None:
        continue  # not read from a profile (the file paths, the profile's name)
    envs = [] if env is None else ([env] if isinstance(env, str) else list(env))
    table.append({"name": name, "key": key, "env": envs, "default": plain(default)})

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
