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
#      (fewer random cases, no print test)
#   5. the concurrent-context test under ThreadSanitizer
#   6. a short run of each libFuzzer harness (clang) on a copy of its seed corpus, one per core
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
# Here the code runs ten times slower and memory errors are the point: the property tests and
# the FHIR corpus take fewer random cases (100 and 20, not 300/200 and 100), and the print
# test, which checks Chromium's PDF of an HTML page the unit tests render here too, is left out.
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  REHABPLAN_PROPERTY_CASES=100 REHABPLAN_FHIR_RANDOM_CASES=20 \
  ctest --output-on-failure -j "$(nproc)" -E '^print$')

echo "== C API under ThreadSanitizer (library and C API tests only)"
scripts/build.sh build-tsan -DREHABPLAN_TSAN=ON -DREHABPLAN_BUILD_CLI=OFF
(cd build-tsan && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure -R '^c_api\.threads$')

echo "== fuzzing: each harness briefly (scripts/fuzz.sh SECONDS for longer runs)"
# One harness a core: each still fuzzes its 10 seconds on a core of its own.
FUZZ_JOBS="${FUZZ_JOBS:-$(nproc)}" scripts/fuzz.sh
