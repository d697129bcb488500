#!/usr/bin/env bash
# The one test command (README): lint, types, unit, integration (real Postgres + mail world), build once, e2e in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
t0=$(date +%s)
step "lint";              npx eslint .
step "typecheck";         npx tsc --noEmit -p .
step "unit tests";        npx vitest run --project unit
step "integration tests"; npx vitest run --project integration
step "build";             npx next build
step "e2e (Chromium)";    npx playwright test
printf '\nAll checks passed in %ss\n' "$(( $(date +%s) - t0 ))"
