#!/usr/bin/env bash
# Web tests (called by scripts/test.sh when web/package.json exists):
#   1. build web/dist (scripts/build-web.sh: skipped when nothing changed)
#   2. unit tests: `npm test` (OpenAPI types regenerated, tsc, Vitest)
#   3. end-to-end tests: Debian's Chromium driven by playwright-core against a real `sotay serve`
#      on a fresh demo database (web/e2e/run.mjs); screenshots in artifacts/screenshots/
# Environment: SOTAY_BIN (default build/sotay, built if missing), SKIP_E2E=1 to stop after unit tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# Chromium and a font with full Vietnamese coverage (Noto, as on Android phones), from Debian.
scripts/setup.sh --web

scripts/build-web.sh

echo "== web unit tests"
(cd web && npm test --silent)

if [[ -n "${SKIP_E2E:-}" ]]; then exit 0; fi

SOTAY_BIN=${SOTAY_BIN:-$PWD/build/sotay}
if [[ ! -x $SOTAY_BIN ]]; then scripts/build.sh build -- sotay; fi
echo "== web end-to-end tests (Chromium, sotay at $SOTAY_BIN)"
(cd web && SOTAY_BIN="$SOTAY_BIN" node e2e/run.mjs)
