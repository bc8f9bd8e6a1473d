#!/usr/bin/env bash
# make test: every test, on both databases, plus the sanitizer build and bounded fuzzing.
#   1. build (RelWithDebInfo) and run unit + integration tests on SQLite
#   2. start a throwaway PostgreSQL cluster (initdb in a temp folder, loopback port) and run them again
#   3. ASan+UBSan build of the tests, run on SQLite and on PostgreSQL
#   4. libFuzzer targets (clang), each for a bounded time
#   5. web unit tests and browser end-to-end tests (when web/ exists)
# Environment: FUZZ_SECONDS (default 20 per target), SKIP_ASAN=1, SKIP_FUZZ=1 for quicker local runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
PGDIR=$(mktemp -d /tmp/sotay-pg-XXXXXX)
PGPORT=${PGPORT:-$(scripts/free-port.sh)}
cleanup() { scripts/pg-test-cluster.sh stop "$PGDIR" || true; rm -rf "$PGDIR"; }
trap cleanup EXIT

run_suites() {  # $1 = build dir, $2 = label
  "$1/sotay_unit_tests" --gtest_brief=1
  "$1/sotay_integration_tests" --gtest_brief=1
}

step "build"
scripts/build.sh build -- sotay sotay_unit_tests sotay_integration_tests

step "tests on SQLite"
SOTAY_TEST_DB= run_suites build

step "tests on PostgreSQL (throwaway cluster on port $PGPORT)"
PGURL=$(scripts/pg-test-cluster.sh start "$PGDIR" "$PGPORT")
SOTAY_TEST_DB=$PGURL run_suites build

if [[ -z "${SKIP_ASAN:-}" ]]; then
  step "ASan + UBSan build"
  scripts/build.sh build-asan -DSOTAY_SANITIZE=ON -- sotay sotay_unit_tests sotay_integration_tests
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  step "sanitizer tests on SQLite"
  SOTAY_TEST_DB= run_suites build-asan
  step "sanitizer tests on PostgreSQL"
  SOTAY_TEST_DB=$PGURL build-asan/sotay_unit_tests --gtest_brief=1
fi

if [[ -z "${SKIP_FUZZ:-}" ]]; then
  step "fuzzing (${FUZZ_SECONDS:-20} s per target)"
  scripts/build.sh build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DSOTAY_FUZZ=ON -- fuzzers
  for target in build-fuzz/*_fuzz; do
    name=$(basename "$target" _fuzz)
    corpus=$(find server/src -type d -path "*fuzz_corpus/$name" | head -1)
    work=$(mktemp -d)
    [[ -n "$corpus" ]] && cp -r "$corpus"/. "$work"/
    echo "-- $name"
    "$target" -max_total_time="${FUZZ_SECONDS:-20}" -max_len=65536 -print_final_stats=0 "$work" 2>&1 | tail -2
    rm -rf "$work"
  done
fi

if [[ -f web/package.json ]]; then
  step "web tests"
  scripts/test-web.sh
fi

step "all tests passed"
