#!/usr/bin/env bash
# Installs botocore (from PyPI) for the differential tests of the AWS CLI's view, in
# target/botocore-venv. Idempotent. The version is the one server/core/src/views/ models.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/botocore-venv
if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv"; then
    # Debian's own python3 needs its venv module from a package.
    rm -rf "$venv"
    apt-get update -qq && apt-get install -y -qq python3-venv
    python3 -m venv "$venv"
  fi
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'botocore==1.44.18'
"$venv/bin/python" -c 'import botocore, sys; print("botocore", botocore.__version__, "on Python", sys.version.split()[0], "in", "'"$venv"'")'
