#!/usr/bin/env bash
# Builds compose-validate (main.go beside this script, on compose-go at the version pinned in go.mod and
# go.sum) into .tools/bin/compose-validate; rebuilt only when main.go, go.mod or go.sum change.
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
src=tools/compose/validate
version=$(sed -n 's/^require github.com\/compose-spec\/compose-go\/v2 \(v[0-9.]*\)$/\1/p' "$src/go.mod")
stamp="$version $(sha256sum "$src/main.go" "$src/go.mod" "$src/go.sum" | sha256sum | cut -c1-16)"

if [ "$(cat .tools/bin/compose-validate.stamp 2>/dev/null)" = "$stamp" ] && [ -x .tools/bin/compose-validate ]; then
  exit 0
fi

echo "Building compose-validate on compose-go $version from its Go module…"
mkdir -p .tools/bin
(cd "$src" && CGO_ENABLED=0 go build -mod=readonly -trimpath -o "$root/.tools/bin/compose-validate" .)
echo "$stamp" >.tools/bin/compose-validate.stamp
