#!/usr/bin/env bash
# Installs moto (from PyPI) for the STS tests, in target/sts-venv. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/sts-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'moto[server]>=5,<6'
"$venv/bin/python" -c 'import moto; print("moto", moto.__version__, "in", "'"$venv"'")'
