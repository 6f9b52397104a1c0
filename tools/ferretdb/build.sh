#!/usr/bin/env bash
# Builds FerretDB from its Go module with sqlite-indexes.patch applied, into .tools/bin/ferretdb.
# The module source is copied out of Go's read-only module cache, patched, and substituted for the
# module through a go.mod `replace` written next to the copy, so tools/ferretdb/go.mod and go.sum
# (the pinned version and its checksums) stay exactly as `go mod tidy` leaves them.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
version=$(sed -n 's/^require github.com\/FerretDB\/FerretDB \(v[0-9.]*\)$/\1/p' tools/ferretdb/go.mod)
patch_file=tools/ferretdb/sqlite-indexes.patch
build=.tools/build/ferretdb
stamp="$version $(sha256sum "$patch_file" tools/ferretdb/main.go | sha256sum | cut -c1-16)"

if [ "$(cat .tools/bin/ferretdb.stamp 2>/dev/null)" = "$stamp" ] && [ -x .tools/bin/ferretdb ]; then
  exit 0
fi

echo "Building FerretDB $version with $patch_file (SQLite backend) from its Go module; this takes a few minutes once…"
module_dir=$(cd tools/ferretdb && go mod download -json "github.com/FerretDB/FerretDB@$version" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
[ -d "$module_dir" ] || { echo "FerretDB $version was not downloaded" >&2; exit 1; }

rm -rf "$build"
mkdir -p "$build"
cp -r "$module_dir" "$build/src"
chmod -R u+w "$build/src"
patch --quiet --strip=1 --directory="$build/src" --input="$root/$patch_file"

cp tools/ferretdb/go.mod tools/ferretdb/go.sum "$build/"
echo "replace github.com/FerretDB/FerretDB => $root/$build/src" >>"$build/go.mod"
(cd tools/ferretdb && CGO_ENABLED=0 go build -modfile="$root/$build/go.mod" -trimpath -o "$root/.tools/bin/ferretdb" .)
echo "$stamp" >.tools/bin/ferretdb.stamp
