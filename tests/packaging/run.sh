#!/usr/bin/env bash
# The install paths a user takes, checked on this machine:
#   1. the PyPI package: a wheel built by maturin for this machine (pyproject.toml), installed
#      into a fresh virtual environment; `aws-config-lsp check` runs from there.
#   2. the pre-commit hook (.pre-commit-hooks.yaml), through `pre-commit try-repo` on a broken
#      and a clean pair of files: it fails on the broken one with our diagnostics and passes on
#      the clean one.
#
#   bash tests/packaging/run.sh
#
# Both build the binary in the dev profile, stripped, into this repository's target/: only the
# binary's own crate compiles again (maturin passes its own flags), every dependency is reused.
# The release workflow builds the same wheel with `--release` for each platform. The Python
# tools (maturin, pre-commit, from PyPI) go into target/ci-venv.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"

step() { echo "== packaging: $*"; }
fail() { echo "error: $*" >&2; exit 1; }

venv="$repo/target/ci-venv"
if [ ! -x "$venv/bin/maturin" ] || [ ! -x "$venv/bin/pre-commit" ]; then
  step "maturin and pre-commit from PyPI into target/ci-venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check maturin pre-commit
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
work="$(mktemp -d "${TMPDIR:-/tmp}/aws-config-lsp-packaging.XXXXXX")"
trap 'rm -rf "$work"' EXIT
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)"

# --- 1. the wheel ------------------------------------------------------------------------------
step "maturin build --profile dev --locked"
start=$SECONDS
"$venv/bin/maturin" build --profile dev --locked --out "$work/wheels"
wheel="$(ls "$work"/wheels/aws_config_lsp-"$version"-*.whl)"
echo "built $(basename "$wheel") ($(du -h "$wheel" | cut -f1)) in $((SECONDS - start)) s"

step "pip install the wheel into a fresh virtual environment"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "$wheel"
installed="$work/venv/bin/aws-config-lsp"
[ -x "$installed" ] || fail "the wheel put no aws-config-lsp in the environment's bin/"
# As a user runs it: from PATH, with the environment activated.
out="$(PATH="$work/venv/bin:$PATH" aws-config-lsp --version)"
[ "$out" = "aws-config-lsp $version" ] || fail "aws-config-lsp --version printed '$out'"
status=0
out="$(PATH="$work/venv/bin:$PATH" aws-config-lsp check fixtures/broken/config fixtures/broken/credentials)" || status=$?
[ "$status" = 1 ] || fail "check on fixtures/broken from the wheel exited $status, not 1"
grep -q 'error\[unknown-source-profile\]' <<<"$out" || fail "check from the wheel did not report unknown-source-profile: $out"
PATH="$work/venv/bin:$PATH" aws-config-lsp check fixtures/valid/config fixtures/valid/credentials \
  || fail "check on fixtures/valid from the wheel failed"

# --- 2. the pre-commit hook --------------------------------------------------------------------
# try-repo installs the hook as pre-commit does for a user: `pip install .` of this repository
# (maturin through PEP 517). These settings make it a dev build into target/ as above.
export MATURIN_PEP517_ARGS="--profile dev --locked"
try_hook() { # NAME SOURCE-FOLDER: a git repository with the pair as .aws/config and .aws/credentials
  local dir="$work/$1"
  mkdir -p "$dir/.aws"
  cp "$2/config" "$2/credentials" "$dir/.aws/"
  git -C "$dir" init -q
  git -C "$dir" add -A
  (cd "$dir" && "$venv/bin/pre-commit" try-repo "$repo" aws-config-lsp --all-files --color never)
}
step "pre-commit try-repo on a broken pair (must fail with our diagnostics)"
status=0
out="$(try_hook broken fixtures/broken 2>&1)" || status=$?
echo "$out" | tail -n 5
[ "$status" = 1 ] || fail "pre-commit try-repo on the broken pair exited $status, not 1: $out"
grep -q 'aws-config-lsp check\.*Failed' <<<"$out" || fail "the hook did not fail: $out"
grep -q '\.aws/config:[0-9]*:[0-9]*: error\[unknown-source-profile\]' <<<"$out" \
  || fail "the hook's output has no unknown-source-profile error: $out"
grep -q '\.aws/credentials:[0-9]*:[0-9]*: error\[' <<<"$out" \
  || fail "the hook did not check the credentials file: $out"

step "pre-commit try-repo on a clean pair (must pass)"
status=0
out="$(try_hook clean fixtures/valid 2>&1)" || status=$?
echo "$out" | tail -n 2
[ "$status" = 0 ] || fail "pre-commit try-repo on the clean pair exited $status: $out"
grep -q 'aws-config-lsp check\.*Passed' <<<"$out" || fail "the hook did not pass: $out"
# The hook README.md gives users without Rust (`repo: local`, the wheel from PyPI), with the
# wheel built above in place of the PyPI release; its `files` pattern must be the hook's.
step "README.md's local hook (the wheel) on the broken pair (must fail)"
config="$work/readme-hook.yaml"
python3 tests/packaging/readme_block.py "repo: local" \
  | sed "s#aws-config-lsp==$version#$wheel#" >"$config"
grep -qF "$wheel" "$config" || fail "README.md's local hook does not install aws-config-lsp==$version"
hook_files="$(sed -n 's/^ *files: //p' .pre-commit-hooks.yaml)"
[ "$(sed -n 's/^ *files: //p' "$config")" = "$hook_files" ] \
  || fail "README.md's local hook has another files pattern than .pre-commit-hooks.yaml ($hook_files)"
status=0
out="$(cd "$work/broken" && PRE_COMMIT_HOME="$work/pre-commit-home" \
  "$venv/bin/pre-commit" run --config "$config" --all-files --color never 2>&1)" || status=$?
echo "$out" | tail -n 2
[ "$status" = 1 ] || fail "README.md's local hook on the broken pair exited $status, not 1: $out"
grep -q '\.aws/config:[0-9]*:[0-9]*: error\[unknown-source-profile\]' <<<"$out" \
  || fail "README.md's local hook did not report unknown-source-profile: $out"

echo "packaging: wheel, pre-commit hook and README.md's hook OK"
