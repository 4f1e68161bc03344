#!/usr/bin/env bash
# Builds the language server and packages the extension with it: a platform-specific .vsix
# (`vsce package --target`) whose server/<target>/ folder holds the binary the extension runs.
#
#   scripts/package.sh                      release server for this machine's target
#   scripts/package.sh --profile debug      reuse target/debug (what CI's `cargo test` built)
#   scripts/package.sh --target linux-arm64 cross-build (needs the Rust target and a linker)
#   scripts/package.sh --binary PATH       package a binary built elsewhere
#   scripts/package.sh --out FILE.vsix
#
# Release is the default: it is what users should get (optimised, and smaller once stripped).
# The end-to-end test passes `--profile debug`, because CI has just built the debug binary for
# its own tests and a release build would cost minutes on CI's two cores for no extra coverage.
#
# BASE_IMAGES_URL, when set, is passed to vsce so that the README's screenshot resolves on the
# marketplace page; without it the link stays relative, which VS Code's extension page resolves
# inside the installed extension.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"

profile=release
target=""
binary=""
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift 2 ;;
    --target) target="$2"; shift 2 ;;
    --binary) binary="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

host_target() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    MINGW*|MSYS*|CYGWIN*) os=win32 ;;
    *) echo "package.sh: unknown OS $(uname -s)" >&2; exit 2 ;;
  esac
  case "$(uname -m)" in
    x86_64|amd64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) echo "package.sh: unknown machine $(uname -m)" >&2; exit 2 ;;
  esac
  echo "$os-$arch"
}

# vsce target -> Rust target triple.
rust_triple() {
  case "$1" in
    linux-x64) echo x86_64-unknown-linux-gnu ;;
    linux-arm64) echo aarch64-unknown-linux-gnu ;;
    alpine-x64) echo x86_64-unknown-linux-musl ;;
    alpine-arm64) echo aarch64-unknown-linux-musl ;;
    darwin-x64) echo x86_64-apple-darwin ;;
    darwin-arm64) echo aarch64-apple-darwin ;;
    win32-x64) echo x86_64-pc-windows-msvc ;;
    win32-arm64) echo aarch64-pc-windows-msvc ;;
    *) echo "package.sh: no Rust target for $1" >&2; exit 2 ;;
  esac
}

host="$(host_target)"
target="${target:-$host}"
exe=aws-config-lsp
case "$target" in win32-*) exe=aws-config-lsp.exe ;; esac

if [ -z "$binary" ]; then
  cargo_args=(build --locked -p aws-config-lsp)
  [ "$profile" = release ] && cargo_args+=(--release)
  [ "$profile" != release ] && [ "$profile" != debug ] && cargo_args+=(--profile "$profile")
  target_dir="${CARGO_TARGET_DIR:-$repo/target}"
  out_dir="$target_dir/$profile"
  if [ "$target" != "$host" ]; then
    triple="$(rust_triple "$target")"
    cargo_args+=(--target "$triple")
    out_dir="$target_dir/$triple/$profile"
  fi
  echo "== cargo ${cargo_args[*]}"
  (cd "$repo" && cargo "${cargo_args[@]}")
  binary="$out_dir/$exe"
fi
[ -x "$binary" ] || { echo "package.sh: no server binary at $binary" >&2; exit 1; }

# Exactly one platform's binary inside the package.
rm -rf "$here/server"
mkdir -p "$here/server/$target"
cp "$binary" "$here/server/$target/$exe"
if [ "$target" = "$host" ] && [ "$exe" = aws-config-lsp ] && command -v strip >/dev/null; then
  strip "$here/server/$target/$exe"
fi
chmod 755 "$here/server/$target/$exe"

cd "$here"
if [ ! -x node_modules/.bin/vsce ]; then
  echo "== npm ci"
  npm ci --ignore-scripts --no-audit --no-fund
fi
version="$(node -p 'require("./package.json").version')"
out="${out:-$here/aws-config-lsp-$target-$version.vsix}"
mkdir -p "$(dirname "$out")"
vsce_args=(package --no-dependencies --target "$target" --skip-license --allow-missing-repository --out "$out")
if [ -n "${BASE_IMAGES_URL:-}" ]; then
  vsce_args+=(--baseImagesUrl "$BASE_IMAGES_URL")
else
  vsce_args+=(--no-rewrite-relative-links)
fi
# vscode:prepublish bundles dist/extension.js (esbuild --production).
echo "== vsce ${vsce_args[*]}"
npx --no-install vsce "${vsce_args[@]}"
echo "$out"
