#!/bin/sh
# Command 2: the whole test suite, on a fresh machine too.
#   1. the dependency step (idempotent)
#   2. build with -Werror and run ctest (unit, CLI, corpus)
#   3. JSON Schema tests with Debian's pytest
#   4. build again under AddressSanitizer + UndefinedBehaviorSanitizer and run ctest there
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh

echo "== build (RelWithDebInfo, -Werror)"
scripts/build.sh build -DREHABPLAN_BUILD_BENCH=ON
(cd build && ctest --output-on-failure -j "$(nproc)")

echo "== JSON Schema tests"
REHABPLAN_CLI="$PWD/build/rehabplan" /usr/bin/python3 -m pytest -q tests/python

echo "== build with AddressSanitizer + UndefinedBehaviorSanitizer"
scripts/build.sh build-asan -DREHABPLAN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j "$(nproc)")
