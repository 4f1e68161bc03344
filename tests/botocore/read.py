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

import botocore.configloader
import botocore.exceptions
import botocore.session
from botocore.credentials import ConfigProvider, SharedCredentialProvider


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
    keys = {}
    for profile in full.get("profiles", {}):
        found = static_keys(config, credentials, profile)
        if found is not None:
            keys[profile] = found
    return {
        "profiles": full.get("profiles", {}),
        "sso_sessions": full.get("sso_sessions", {}),
        "services": full.get("services", {}),
        "static_keys": keys,
    }


def static_keys(config, credentials, profile):
    """What botocore's static-key providers read for the profile, in the order the credential
    chain asks them: the shared credentials file, then the config file."""
    providers = (
        ("credentials", SharedCredentialProvider(credentials, profile)),
        ("config", ConfigProvider(config, profile)),
    )
    for file, provider in providers:
        try:
            found = provider.load()
        except botocore.exceptions.PartialCredentialsError:
            return {"file": file, "error": "PartialCredentialsError"}
        if found is None:
            continue
        token = None
        if found.token is not None:
            names = provider.TOKENS
            section = provider._ini_parser(credentials)[profile] if file == "credentials" else None
            if section is None:
                section = botocore.configloader.load_config(config)["profiles"][profile]
            key = next(name for name in names if name in section)
            token = {"key": key, "value": text(found.token)}
        return {
            "file": file,
            "aws_access_key_id": text(found.access_key),
            "aws_secret_access_key": text(found.secret_key),
            "token": token,
        }
    return None


def text(value):
    """A value as our JSON shows it: a block of `key = value` lines read as a map is there,
    but has no text (botocore would send the map's text form)."""
    return value if isinstance(value, str) else ""


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
