"""What botocore (the AWS CLI, boto3) does with a cached SSO login, offline.

Reads JSON lines on standard input, {"id", "dir", "session", "start_url", "now"}: the folder is
the token cache (`~/.aws/sso/cache`) holding the case's file, if any; "session" is the
sso-session's name for a session's login, null for a legacy profile keyed by "start_url";
"now" is the time in seconds since the epoch. Prints one JSON line per case:
{"id", "result": "token" | "expired" | "refused", "renewed": bool, "error": str}.

- A session's login goes through botocore's own `tokens.SSOTokenProvider` (its `_refresher`
  and `DeferredRefreshableToken`), with a fake SSO OIDC client whose `create_token` answers at
  once (a renewal attempt is recorded, nothing is sent);
- a legacy profile's through `credentials.SSOCredentialFetcher` with the `SSOTokenLoader` of
  that folder and a fake SSO client whose `get_role_credentials` records the call.

"token": a token was obtained (and used, for legacy profiles); "expired": botocore refused an
expired token (`TokenRetrievalError`, `UnauthorizedSSOTokenError`); "refused": any other
failure to load or read the cached token.
"""

import datetime
import json
import sys

from dateutil.tz import tzutc

from botocore.credentials import SSOCredentialFetcher
from botocore.exceptions import TokenRetrievalError, UnauthorizedSSOTokenError
from botocore.tokens import SSOTokenProvider, _sso_json_dumps
from botocore.utils import JSONFileCache, SSOTokenLoader


class FakeOidc:
    def __init__(self):
        self.calls = 0

    def create_token(self, **kwargs):
        self.calls += 1
        return {"accessToken": "renewed", "expiresIn": 3600, "tokenType": "Bearer"}


class FakeSso:
    def __init__(self):
        self.calls = 0

    def get_role_credentials(self, **kwargs):
        self.calls += 1
        return {
            "roleCredentials": {
                "accessKeyId": "ASIAFAKEFAKEFAKEFAKE",
                "secretAccessKey": "fake",
                "sessionToken": "fake",
                "expiration": 4102444800000,
            }
        }


def session_login(case, now):
    cache = JSONFileCache(case["dir"], dumps_func=_sso_json_dumps)
    provider = SSOTokenProvider(
        session=None, cache=cache, time_fetcher=lambda: now, profile_name="p"
    )
    # What `_load_sso_config` would find in the config file, and the client it would make.
    provider.__dict__["_sso_config"] = {
        "session_name": case["session"],
        "sso_region": "us-east-1",
        "sso_start_url": case["start_url"],
    }
    oidc = FakeOidc()
    provider.__dict__["_client"] = oidc
    try:
        provider.load_token().get_frozen_token()
        result, error = "token", ""
    except TokenRetrievalError as e:
        result, error = "expired", str(e)
    except Exception as e:  # noqa: BLE001 - any other failure is a refusal
        result, error = "refused", f"{type(e).__name__}: {e}"
    return result, oidc.calls > 0, error


def legacy_login(case, now):
    sso = FakeSso()
    fetcher = SSOCredentialFetcher(
        case["start_url"],
        "us-east-1",
        "Dev",
        "123456789012",
        client_creator=lambda *args, **kwargs: sso,
        token_loader=SSOTokenLoader(cache=JSONFileCache(case["dir"])),
        cache={},
        time_fetcher=lambda: now,
    )
    try:
        fetcher.fetch_credentials()
        result, error = ("token" if sso.calls else "refused"), ""
    except UnauthorizedSSOTokenError as e:
        result, error = "expired", str(e)
    except Exception as e:  # noqa: BLE001
        result, error = "refused", f"{type(e).__name__}: {e}"
    return result, False, error


def main():
    for line in sys.stdin:
        case = json.loads(line)
        now = datetime.datetime.fromtimestamp(case["now"], tzutc())
        if case["session"] is not None:
            result, renewed, error = session_login(case, now)
        else:
            result, renewed, error = legacy_login(case, now)
        print(
            json.dumps(
                {"id": case["id"], "result": result, "renewed": renewed, "error": error}
            ),
            flush=True,
        )


main()
