#!/usr/bin/env bash
# The whole test suite, cheapest checks first; stops at the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."

stage() {
  printf '\n\033[1;36m==> %s\033[0m\n' "$1"
}

stage "1/6 Type check (tsc)"
npm run typecheck

stage "2/6 Lint (eslint)"
npm run lint

stage "3/6 Unit tests (vitest: unit)"
npx vitest run --project unit

stage "4/6 Integration tests on embedded PGlite (vitest: integration-pglite)"
npx vitest run --project integration-pglite

stage "5/6 Integration tests on PostgreSQL (vitest: integration-postgres)"
npx vitest run --project integration-postgres

stage "6/6 End-to-end tests (playwright, Chromium)"
npx playwright test

printf '\n\033[1;32mAll test stages passed.\033[0m\n'
