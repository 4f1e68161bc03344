#!/usr/bin/env bash
# Usage: tests/support/venv.sh VENV REQUIREMENT...
# Makes the virtual environment VENV (a path from the repository root) if it is not there and
# installs the requirements into it from PyPI. Idempotent. Used by the setup scripts of the
# tests that need a Python package (tests/sts/setup.sh, tests/botocore/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=$1
shift
if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv"; then
    # Debian's own python3 needs its venv module from a package.
    rm -rf "$venv"
    apt-get update -qq && apt-get install -y -qq python3-venv
    python3 -m venv "$venv"
  fi
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@"
