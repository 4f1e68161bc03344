#!/usr/bin/env bash
# Installs moto (from PyPI) for the STS tests, in target/sts-venv. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/sts-venv
bash tests/support/venv.sh "$venv" 'moto[server]>=5,<6'
"$venv/bin/python" -c 'import moto; print("moto", moto.__version__, "in", "'"$venv"'")'
