#!/bin/sh
# Command 1: install what is needed, build, and run rehabplan on its built-in examples.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh build >/dev/null
echo "== rehabplan $(build/rehabplan --version | cut -d' ' -f2-)"
for pair in "patient-stroke plan-stroke-week" "patient-stroke plan-with-errors" "patient-concussion plan-concussion"; do
  set -- $pair
  echo
  echo "== validate examples/$2.json for examples/$1.json"
  # Exit code 1 means "errors found", which is what the second example shows.
  build/rehabplan validate --patient "examples/$1.json" --plan "examples/$2.json" || [ $? -eq 1 ]
done
echo
echo "== heart-rate zones for examples/patient-stroke.json"
build/rehabplan zones --patient examples/patient-stroke.json
