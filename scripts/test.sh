#!/bin/sh
# Command 2: the whole test suite, on a fresh machine too.
#   1. the dependency step (idempotent; Debian packages, and the FHIR validators from npm)
#   2. build with -Werror and run every ctest test once (labels in tests/CMakeLists.txt): unit
#      and corpus (doctest), the CLI (pytest), the C API tests (compiled as C), the JSON
#      Schema tests and the Python binding's tests (Debian's pytest, with the Dask cluster
#      example on a local cluster), the install/consumer test, the ABI check against abi/, the
#      print test (HTML -> PDF with headless Chromium, checked with poppler), the calendar
#      tests (icalendar, libical) and the FHIR tests (two FHIR R4 validators from npm)
#   3. build again under AddressSanitizer + UndefinedBehaviorSanitizer and run ctest there
#      (fewer random cases; no print test, no pytest suites of the schemas and the binding)
#   4. the concurrent-context test under ThreadSanitizer
#   5. a short run of each libFuzzer harness (clang) on a copy of its seed corpus, one per core
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh

echo "== build (RelWithDebInfo, -Werror)"
scripts/build.sh build -DREHABPLAN_BUILD_BENCH=ON
(cd build && ctest --output-on-failure -j "$(nproc)")

echo "== build with AddressSanitizer + UndefinedBehaviorSanitizer"
scripts/build.sh build-asan -DREHABPLAN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
# Here the code runs ten times slower and memory errors are the point: the property tests and
# the FHIR corpus take fewer random cases (100 and 20, not 300/200 and 100), and the print
# test, which checks Chromium's PDF of an HTML page the unit tests render here too, is left out,
# as are the pytest suites labelled python (schemas, whose documents the normal run checked;
# the binding, which loads the library as shipped and has no test in a sanitizer tree).
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  REHABPLAN_PROPERTY_CASES=100 REHABPLAN_FHIR_RANDOM_CASES=20 \
  ctest --output-on-failure -j "$(nproc)" -LE '^(print|python)$')

echo "== C API under ThreadSanitizer (library and C API tests only)"
scripts/build.sh build-tsan -DREHABPLAN_TSAN=ON -DREHABPLAN_BUILD_CLI=OFF
(cd build-tsan && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure -R '^c_api\.threads$')

echo "== fuzzing: each harness briefly (scripts/fuzz.sh SECONDS for longer runs)"
# One harness a core: each still fuzzes its 10 seconds on a core of its own.
FUZZ_JOBS="${FUZZ_JOBS:-$(nproc)}" scripts/fuzz.sh
