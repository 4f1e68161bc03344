#!/usr/bin/env bash
# Installs botocore (from PyPI) for the differential tests of the AWS CLI's view, in
# target/botocore-venv. Idempotent. The version is the one server/core/src/views/ models.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/botocore-venv
bash tests/support/venv.sh "$venv" 'botocore==1.44.18'
"$venv/bin/python" -c 'import botocore, sys; print("botocore", botocore.__version__, "on Python", sys.version.split()[0], "in", "'"$venv"'")'
