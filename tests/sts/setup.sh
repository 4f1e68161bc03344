#!/usr/bin/env bash
# Installs moto (from PyPI) for the STS tests, in target/sts-venv. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/sts-venv
if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv"; then
    # Debian's own python3 needs its venv module from a package.
    rm -rf "$venv"
    apt-get update -qq && apt-get install -y -qq python3-venv
    python3 -m venv "$venv"
  fi
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'moto[server]>=5,<6'
"$venv/bin/python" -c 'import moto; print("moto", moto.__version__, "in", "'"$venv"'")'
