#!/usr/bin/env bash
# Installs the AWS SDK for JavaScript v3's shared-config parser (npm
# @smithy/shared-ini-file-loader, whose code is in @smithy/core) for the differential tests of
# the JavaScript view, in target/js-reader. Idempotent. The versions are the ones
# server/core/src/views/js.rs models.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v npm >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq nodejs npm
fi
dir=target/js-reader
mkdir -p "$dir"
if [ ! -f "$dir/package.json" ]; then
  echo '{"name": "js-reader", "private": true}' >"$dir/package.json"
fi
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error --save-exact \
  @smithy/shared-ini-file-loader@4.7.2 @smithy/core@3.41.1
node -e 'const p = require("'"$PWD/$dir"'/node_modules/@smithy/shared-ini-file-loader/package.json"); console.log(p.name, p.version, "on Node.js", process.version, "in", "'"$dir"'")'
