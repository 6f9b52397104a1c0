#!/usr/bin/env bash
# Builds Mailpit (the dev stack's SMTP server with a web UI) from its Go module into .tools/bin/mailpit.
# The module ships the web UI's sources (server/ui-src, package.json, package-lock.json,
# esbuild.config.mjs) but not the built UI that server/embed.go embeds, so the source is copied out of
# Go's read-only module cache, its npm packages are installed (npm ci, from its own lock file, in the
# copy) and its esbuild build runs before `go build` — without it the web UI is an empty page.
# The module's checksum is pinned in tools/stack/versions.env; its dependencies' in its own go.sum.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
# shellcheck source=../stack/versions.env
source tools/stack/versions.env
version="v$MAILPIT_VERSION"
build=.tools/build/mailpit
stamp="$version $(sha256sum tools/mailpit/build.sh | cut -c1-16)"

if [ "$(cat .tools/bin/mailpit.stamp 2>/dev/null)" = "$stamp" ] && [ -x .tools/bin/mailpit ]; then
  exit 0
fi

echo "Building Mailpit $version (its web UI with esbuild, then the server) from its Go module; this takes a few minutes once…"
download=$(cd "$(mktemp -d)" && go mod download -json "github.com/axllent/mailpit@$version")
module_sum=$(sed -n 's/^\t"Sum": "\(.*\)",$/\1/p' <<<"$download")
[ "$module_sum" = "$MAILPIT_MODULE_SUM" ] ||
  { echo "Mailpit $version has checksum '$module_sum', not the pinned $MAILPIT_MODULE_SUM" >&2; exit 1; }
module_dir=$(sed -n 's/^\t"Dir": "\(.*\)",$/\1/p' <<<"$download")

rm -rf "$build"
mkdir -p "$build"
cp -r "$module_dir" "$build/src"
chmod -R u+w "$build/src"
# Two packages of the module's lock file are not on the npm registry at their locked versions:
# - sass-embedded 1.108.1, a peer of esbuild-sass-plugin that the build does not use (the plugin compiles with
#   sass): --omit=peer leaves it out;
# - rapidoc 12.1.0, the viewer of the API docs page (server/ui-src/docs.js): re-pinned to rapidoc 9.3.8, the
#   newest the registry serves, in the lock file only for it (every other package keeps its locked version).
(cd "$build/src" &&
  npm install --package-lock-only --omit=peer --no-audit --no-fund --loglevel=error rapidoc@9.3.8 &&
  npm ci --omit=peer --no-audit --no-fund --loglevel=error &&
  npm run --silent build)
[ -s "$build/src/server/ui/dist/app.js" ] || { echo "Mailpit's web UI was not built" >&2; exit 1; }
(cd "$build/src" && CGO_ENABLED=0 go build -mod=readonly -trimpath \
  -ldflags "-s -w -X github.com/axllent/mailpit/config.Version=$version" -o "$root/.tools/bin/mailpit" .)
# The copy with its npm packages (about 300 MB) is only needed for building.
rm -rf "$build"
echo "$stamp" >.tools/bin/mailpit.stamp
