#!/usr/bin/env bash
# npm test: installs what is missing, then lints, type-checks and runs every test (unit,
# integration against the real servers, and the browser test).
#
# The integration and browser tests run one suite at a time against one shared system (some restart or kill
# its apps), mostly waiting on servers; lint, type-check and the unit tests are CPU work that needs none of
# it. So the two run side by side, the checks on one core, and their output follows the tests'.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/stack/install.sh --browser
export NX_DAEMON=false NX_NO_CLOUD=true

checks_log=$(mktemp -t mitra-checks.XXXXXX)
checks=
trap '[ -z "$checks" ] || kill "$checks" 2>/dev/null || true; rm -f "$checks_log"' EXIT
(
  echo "Lint and type-check…"
  npx nx run-many -t lint typecheck --parallel=1 --outputStyle=static
  echo "Unit tests…"
  npx jest --ci --passWithNoTests "$@" --selectProjects unit
) >"$checks_log" 2>&1 &
checks=$!

echo "Integration and browser tests (lint, type-check and unit tests alongside; their output follows)…"
tests_status=0
npx jest --ci --passWithNoTests "$@" --selectProjects integration || tests_status=$?
checks_status=0
wait "$checks" || checks_status=$?
cat "$checks_log"

[ "$checks_status" -eq 0 ] || echo "Lint, type-check or unit tests failed (exit $checks_status)." >&2
[ "$tests_status" -eq 0 ] || echo "Integration or browser tests failed (exit $tests_status)." >&2
[ "$checks_status" -eq 0 ] && [ "$tests_status" -eq 0 ]
