"""How botocore reads the value of a setting with a fixed set of values, or a boolean.

Reads JSON lines `{"id", "key", "value"}` (and `"probe": "client"` to ask only whether botocore
builds a client at all) on stdin; for each, botocore reads a config file
whose `[default]` profile sets `key = value` (`s3.` keys inside an `s3 =` block), and one JSON
line `{"id", "result", "as", "error"}` goes to stdout: `result` is `accepted` (botocore uses
the setting; `as` is the value it acts on, as botocore reports it) or `rejected` (botocore
raises; `error` is the exception's class).

Each setting has a probe: the smallest use of botocore that makes it read and act on the
setting, with no request sent; a boolean's answer is `true` or `false`, the truth value
botocore acts on. `tests/readers/catalogue.rs` compares the answers with what the catalogue
says of each value and of its case.
"""

import json
import os
import sys
import tempfile

import botocore.session
from botocore import utils
from botocore.client import ClientCreator
from botocore.configprovider import (
    BOTOCORE_DEFAUT_SESSION_VARIABLES,
    DEFAULT_PROXIES_CONFIG_VARS,
    DEFAULT_S3_CONFIG_VARS,
)
from botocore.exceptions import CredentialRetrievalError
from botocore.validate import ParamValidationDecorator


def client(session, service, region="us-east-1"):
    return session.create_client(
        service,
        region_name=region,
        aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    )


def sts_endpoint(session):
    host = client(session, "sts").meta.endpoint_url
    return {"https://sts.amazonaws.com": "legacy", "https://sts.us-east-1.amazonaws.com": "regional"}.get(host, host)


def s3_endpoint(session):
    host = client(session, "s3").meta.endpoint_url
    return {"https://s3.amazonaws.com": "legacy", "https://s3.us-east-1.amazonaws.com": "regional"}.get(host, host)


def s3_addressing(session):
    # botocore checks the style when it builds the client and keeps what it took.
    return client(session, "s3").meta.config.s3["addressing_style"]


def endpoint_discovery(session):
    # botocore checks the value when it builds a client of a service that discovers
    # endpoints, and normalises it with the same function.
    client(session, "dynamodb")
    value = session.get_config_variable("endpoint_discovery_enabled")
    return str(ClientCreator._normalize_endpoint_discovery_config(None, value)).lower()


def credential_source(session):
    # botocore checks the role profile's credential source when it loads its credentials;
    # a source it takes then finds no credentials here (CredentialRetrievalError).
    try:
        session.get_credentials()
    except CredentialRetrievalError:
        pass
    return session.get_scoped_config()["credential_source"]


PROBES = {
    "account_id_endpoint_mode": lambda s: client(s, "dynamodb").meta.config.account_id_endpoint_mode,
    "credential_source": credential_source,
    "defaults_mode": lambda s: s._resolve_defaults_mode(None, s.get_component("config_store")),
    "ec2_metadata_service_endpoint_mode": lambda s: utils.resolve_imds_endpoint_mode(s),
    "endpoint_discovery_enabled": endpoint_discovery,
    "request_checksum_calculation": lambda s: client(s, "s3").meta.config.request_checksum_calculation,
    "response_checksum_validation": lambda s: client(s, "s3").meta.config.response_checksum_validation,
    "retry_mode": lambda s: client(s, "sts").meta.config.retries["mode"],
    "sts_regional_endpoints": sts_endpoint,
    "s3_us_east_1_regional_endpoint": s3_endpoint,
    "s3.addressing_style": s3_addressing,
    "s3.us_east_1_regional_endpoint": s3_endpoint,
}

def truth(value):
    return "true" if value else "false"


# Booleans: botocore converts them as its tables declare (`ensure_boolean`,
# `normalize_boolean`) when it reads them; the converted value is what it acts on.
BOOLEAN_CONVERSIONS = {"ensure_boolean", "normalize_boolean"}


def boolean_probes():
    probes = {}
    for logical, (key, _env, _default, convert) in BOTOCORE_DEFAUT_SESSION_VARIABLES.items():
        if isinstance(key, str) and getattr(convert, "__name__", None) in BOOLEAN_CONVERSIONS:
            probes[key] = lambda s, n=logical: truth(s.get_config_variable(n))
    for block, variables in (("s3", DEFAULT_S3_CONFIG_VARS), ("proxies_config", DEFAULT_PROXIES_CONFIG_VARS)):
        for logical, (names, _env, _default, convert) in variables.items():
            if getattr(convert, "__name__", None) not in BOOLEAN_CONVERSIONS:
                continue
            names = names if isinstance(names, list) else [names]
            for name in names:
                key = f"s3.{name[1]}" if isinstance(name, tuple) else name
                probes[key] = lambda s, b=block, n=logical: truth((s.get_config_variable(b) or {}).get(n))
    # Checked, then converted, whenever a client is built.
    probes["s3_disable_express_session_auth"] = lambda s: truth(
        client(s, "s3").meta.config.s3_disable_express_session_auth
    )
    # Converted where the client is built (args.py: `ensure_boolean` of the profile's
    # value), which then validates parameters through a decorator of its serializer.
    probes["parameter_validation"] = lambda s: truth(
        isinstance(client(s, "sts")._serializer, ParamValidationDecorator)
    )
    return probes


PROBES.update(boolean_probes())


def any_client(session):
    """Whether botocore builds a client at all with the profile (`{"probe": "client"}`): an STS
    client, with credentials in the environment as a user's would be."""
    os.environ["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    try:
        session.create_client("sts", region_name="us-east-1")
        return "built"
    finally:
        del os.environ["AWS_ACCESS_KEY_ID"]
        del os.environ["AWS_SECRET_ACCESS_KEY"]

for name in list(os.environ):
    if name.startswith("AWS_") or name.startswith("BOTO"):
        del os.environ[name]
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
folder = tempfile.mkdtemp(prefix="aws-config-lsp-enums-")
config = os.path.join(folder, "config")
os.environ["AWS_CONFIG_FILE"] = config
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.path.join(folder, "credentials")

for line in sys.stdin:
    request = json.loads(line)
    key, value = request["key"], request["value"]
    with open(config, "w", encoding="utf-8") as out:
        if key.startswith("s3."):
            out.write(f"[default]\nregion = us-east-1\ns3 =\n  {key[3:]} = {value}\n")
        elif key == "credential_source":
            out.write(
                "[default]\nregion = us-east-1\n"
                f"role_arn = arn:aws:iam::123456789012:role/r\ncredential_source = {value}\n"
            )
        else:
            out.write(f"[default]\nregion = us-east-1\n{key} = {value}\n")
    answer = {"id": request["id"], "result": None, "as": None, "error": None}
    probe = any_client if request.get("probe") == "client" else PROBES.get(key)
    if probe is None:
        answer["result"] = "no probe"
    else:
        try:
            answer["as"] = probe(botocore.session.Session())
            answer["result"] = "accepted"
        except Exception as error:  # botocore's refusal: its class is the answer
            answer["result"] = "rejected"
            answer["error"] = type(error).__name__
    print(json.dumps(answer), flush=True)
