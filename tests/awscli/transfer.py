"""How the AWS CLI reads the transfer settings of an `s3 =` block for its `aws s3` commands.

Reads JSON lines `{"id", "key", "value"}` on stdin and answers each with one JSON line
`{"id", "result", "as", "error"}`: `result` is `accepted` (`as`: the number the AWS CLI uses,
in bytes, bytes per second, or a count), `rejected` (`error`: the exception's class, which
stops the command), or `not a transfer setting`. The AWS CLI builds its transfer
configuration from the profile's `s3` block with `RuntimeConfig().build_config(**s3)`
(awscli/customizations/s3/s3.py and subcommands.py); that call is what is asked here.
"""

import json
import sys

from awscli.customizations.s3.transferconfig import DEFAULTS, RuntimeConfig

for line in sys.stdin:
    request = json.loads(line)
    key, value = request["key"], request["value"]
    answer = {"id": request["id"], "result": None, "as": None, "error": None}
    if key not in DEFAULTS:
        answer["result"] = "not a transfer setting"
    else:
        try:
            answer["as"] = RuntimeConfig().build_config(**{key: value})[key]
            answer["result"] = "accepted"
        except Exception as error:  # the AWS CLI's refusal: its class is the answer
            answer["result"] = "rejected"
            answer["error"] = type(error).__name__
    print(json.dumps(answer), flush=True)
