#!/bin/sh
# Command 2: the whole test suite, on a fresh machine too.
#   1. the dependency step (idempotent; Debian packages, and the FHIR validators from npm)
#   2. build with -Werror and run ctest: unit, corpus, CLI, the C API tests (compiled as C),
#      the install/consumer test, the ABI check against abi/, the print test (HTML -> PDF
#      with headless Chromium, checked with poppler), the calendar tests (icalendar, libical)
#      and the FHIR tests (two FHIR R4 validators from npm, tests/fhir)
#   3. JSON Schema tests and the Python binding's tests with Debian's pytest (with the Dask
#      cluster example on a local cluster)
#   4. build again under AddressSanitizer + UndefinedBehaviorSanitizer and run ctest there
#   5. the concurrent-context test under ThreadSanitizer
#   6. a short run of each libFuzzer harness (clang) on a copy of its seed corpus
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh

echo "== build (RelWithDebInfo, -Werror)"
scripts/build.sh build -DREHABPLAN_BUILD_BENCH=ON
(cd build && ctest --output-on-failure -j "$(nproc)")

echo "== JSON Schema tests"
REHABPLAN_CLI="$PWD/build/rehabplan" /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/python

echo "== Python binding (ctypes)"
REHABPLAN_LIBRARY="$PWD/build/librehabplan.so.1" REHABPLAN_CLI="$PWD/build/rehabplan" /usr/bin/python3 -m pytest -q -p no:cacheprovider bindings/python/tests

echo "== build with AddressSanitizer + UndefinedBehaviorSanitizer"
scripts/build.sh build-asan -DREHABPLAN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j "$(nproc)")

echo "== C API under ThreadSanitizer (library and C API tests only)"
scripts/build.sh build-tsan -DREHABPLAN_TSAN=ON -DREHABPLAN_BUILD_CLI=OFF
(cd build-tsan && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure -R '^c_api\.threads$')

echo "== fuzzing: each harness briefly (scripts/fuzz.sh SECONDS for longer runs)"
scripts/fuzz.sh
