#!/usr/bin/env bash
# npm start: installs what is missing, then runs the whole system with demo data until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/stack/install.sh
echo "Building the web UI…"
npx vite build apps/web --logLevel error
export SWC_NODE_PROJECT="$PWD/tsconfig.base.json"
exec node -r @swc-node/register tools/stack/launch.ts
