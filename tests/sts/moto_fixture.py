"""Starts moto on 127.0.0.1 with authentication on, creates the test identities, prints them
as one JSON line, and serves until its standard input closes (the test process ended).

moto checks credentials from the first action on (INITIAL_NO_AUTH_ACTION_COUNT=0); the
setup opens a window of exactly 6 unauthenticated actions with POST /moto-api/reset-auth.
"""

import json
import os
import sys

os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "0"
os.environ.setdefault("MOTO_ALLOW_NONEXISTENT_REGION", "true")

import logging  # noqa: E402

import boto3  # noqa: E402  (moto depends on boto3)
import urllib.request  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

logging.getLogger("werkzeug").setLevel(logging.ERROR)
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
host, port = server.get_host_and_port()
endpoint = f"http://{host}:{port}"

# The window: exactly the six setup actions below run without authentication.
request = urllib.request.Request(
    f"{endpoint}/moto-api/reset-auth",
    data=b"6",
    headers={"Content-Type": "text/plain"},
    method="POST",
)
urllib.request.urlopen(request).read()

iam = boto3.client(
    "iam",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
    aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
)
user = iam.create_user(UserName="alice")["User"]  # 1
iam.put_user_policy(  # 2: alice may assume roles and create them
    UserName="alice",
    PolicyName="assume",
    PolicyDocument=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": ["sts:AssumeRole", "iam:CreateRole"],
                    "Resource": "*",
                }
            ],
        }
    ),
)
valid = iam.create_access_key(UserName="alice")["AccessKey"]  # 3
deleted = iam.create_access_key(UserName="alice")["AccessKey"]  # 4
iam.delete_access_key(UserName="alice", AccessKeyId=deleted["AccessKeyId"])  # 5
role = iam.create_role(  # 6: trusts alice only
    RoleName="dev",
    AssumeRolePolicyDocument=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": user["Arn"]},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    ),
)["Role"]

# The window is closed: from here on moto checks every signature. alice creates a role that
# trusts someone else (signed with her own key).
as_alice = boto3.client(
    "iam",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id=valid["AccessKeyId"],
    aws_secret_access_key=valid["SecretAccessKey"],
)
locked = as_alice.create_role(
    RoleName="locked",
    AssumeRolePolicyDocument=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": "arn:aws:iam::123456789012:user/bob"},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    ),
)["Role"]

print(
    json.dumps(
        {
            "endpoint": endpoint,
            "user_arn": user["Arn"],
            "account": user["Arn"].split(":")[4],
            "key_id": valid["AccessKeyId"],
            "secret": valid["SecretAccessKey"],
            "deleted_key_id": deleted["AccessKeyId"],
            "deleted_secret": deleted["SecretAccessKey"],
            "role_arn": role["Arn"],
            "locked_role_arn": locked["Arn"],
        }
    ),
    flush=True,
)

# Serve until the test process closes our standard input (or dies).
sys.stdin.read()
server.stop()
