"""What botocore (the AWS CLI, boto3) reads from pairs of AWS config and credentials files.

Reads JSON lines on standard input, {"id": ..., "dir": ...}, where the folder holds `config`
and/or `credentials` (a missing file is skipped, as botocore skips it), and prints one JSON line
per case: {"id": ..., "profiles": ..., "sso_sessions": ..., "services": ...} from
`Session.full_config`, or {"id": ..., "error": {"class", "file", "line", "lines"}} where botocore
raises `ConfigParseError` (the class is the underlying exception's, the lines are one-based).
"""

import json
import os
import sys

import botocore.exceptions
import botocore.session


def read(folder):
    config = os.path.join(folder, "config")
    credentials = os.path.join(folder, "credentials")
    session = botocore.session.Session()
    session.set_config_variable("config_file", config)
    session.set_config_variable("credentials_file", credentials)
    try:
        full = session.full_config
    except botocore.exceptions.ConfigParseError as error:
        cause = error.kwargs.get("error")
        path = error.kwargs.get("path")
        lines = []
        if hasattr(cause, "errors"):  # ParsingError
            lines = [lineno for lineno, _ in cause.errors]
        elif getattr(cause, "lineno", None) is not None:
            lines = [cause.lineno]
        return {
            "error": {
                "class": type(cause).__name__,
                "file": "config" if path == config else "credentials",
                "line": lines[0] if lines else None,
                "lines": lines,
            }
        }
    return {
        "profiles": full.get("profiles", {}),
        "sso_sessions": full.get("sso_sessions", {}),
        "services": full.get("services", {}),
    }


def main():
    for line in sys.stdin:
        case = json.loads(line)
        try:
            result = read(case["dir"])
        except Exception as error:  # a crash is a finding too: report it, do not stop
            result = {"crash": "%s: %s" % (type(error).__name__, error)}
        result["id"] = case["id"]
        print(json.dumps(result, sort_keys=True), flush=True)


if __name__ == "__main__":
    main()
