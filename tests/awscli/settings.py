"""How the AWS CLI version 1 reads its own settings with a fixed set of values.

Reads JSON lines `{"id", "key", "value"}` on stdin and answers each with one JSON line
`{"id", "result", "error"}`: `accepted`, `rejected` (`error`: the exception's class, which
stops every command), or `no probe`. Each probe is the AWS CLI's own code that reads the
setting: `output` picks a formatter (awscli/formatter.py `get_formatter`), and
`cli_timestamp_format` installs the timestamp parser when a session starts
(awscli/customizations/scalarparse.py `add_timestamp_parser`).
"""

import argparse
import json
import os
import sys
import tempfile

# awscli first: it carries its own botocore and makes `import botocore` find it.
from awscli.customizations.scalarparse import add_timestamp_parser
from awscli.formatter import get_formatter

import botocore.session  # noqa: E402 (after awscli, on purpose)

for name in list(os.environ):
    if name.startswith("AWS_"):
        del os.environ[name]
folder = tempfile.mkdtemp(prefix="aws-config-lsp-awscli-")
config = os.path.join(folder, "config")
os.environ["AWS_CONFIG_FILE"] = config
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.path.join(folder, "credentials")


def output(value):
    get_formatter(value, argparse.Namespace(query=None, color="off"))


def timestamp_format(value):
    with open(config, "w", encoding="utf-8") as out:
        out.write(f"[default]\ncli_timestamp_format = {value}\n")
    add_timestamp_parser(botocore.session.Session())


PROBES = {"output": output, "cli_timestamp_format": timestamp_format}

for line in sys.stdin:
    request = json.loads(line)
    answer = {"id": request["id"], "result": None, "error": None}
    probe = PROBES.get(request["key"])
    if probe is None:
        answer["result"] = "no probe"
    else:
        try:
            probe(request["value"])
            answer["result"] = "accepted"
        except Exception as error:  # the AWS CLI's refusal: its class is the answer
            answer["result"] = "rejected"
            answer["error"] = type(error).__name__
    print(json.dumps(answer), flush=True)
