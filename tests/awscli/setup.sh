#!/usr/bin/env bash
# The AWS CLI version 1 from PyPI, for the differential tests of the catalogue's claims about
# the AWS CLI's own settings (tests/readers/awscli.rs): into target/awscli-venv. It carries its
# own botocore (1.43.62 in awscli 1.46.3), so it has a venv of its own beside
# target/botocore-venv.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/awscli-venv
bash tests/support/venv.sh "$venv" 'awscli==1.46.3'
"$venv/bin/python" -c 'import awscli, botocore, sys; print("awscli", awscli.__version__, "(botocore", botocore.__version__ + ") on Python", sys.version.split()[0], "in", "'"$venv"'")'
