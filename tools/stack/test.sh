#!/usr/bin/env bash
# npm test: installs what is missing, then lints, type-checks and runs every test (unit,
# integration against the real servers, and the browser test).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/stack/install.sh --browser
export NX_DAEMON=false NX_NO_CLOUD=true
echo "Lint and type-check…"
npx nx run-many -t lint typecheck --parallel=2 --outputStyle=static
echo "Tests…"
npx jest --ci "$@"
