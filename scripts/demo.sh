#!/bin/sh
# Command 1: install what is needed, build, and print a generated demo plan, then run
# the validator on the hand-written examples, and end with the printable plan in files.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh build >/dev/null
echo "== rehabplan $(build/rehabplan --version | cut -d' ' -f2-)"
# The script, not the library, knows today's date: the library never reads the clock.
start=$(date +%F)
echo
echo "== a 12-week plan for examples/patient-stroke.json, starting $start"
build/rehabplan generate --patient examples/patient-stroke.json --start "$start" --weeks 12
build/rehabplan generate --patient examples/patient-stroke.json --start "$start" --weeks 12 --format json > build/demo-plan.json
echo
echo "== the same plan, validated (JSON in build/demo-plan.json)"
build/rehabplan validate --patient examples/patient-stroke.json --plan build/demo-plan.json | tail -n 1
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

# The printable plan: A4 HTML (print it from any browser), the same as a PDF, a calendar
# file to import into a phone or computer calendar, and the plan for a clinic system.
echo
echo "== the printable plan"
build/rehabplan render --plan build/demo-plan.json --format html --output build/demo-plan.html
build/rehabplan render --plan build/demo-plan.json --format html --lang nl --output build/demo-plan.nl.html
build/rehabplan render --plan build/demo-plan.json --format ics --output build/demo-plan.ics
# For clinic systems: the same plan as an HL7 FHIR R4 Bundle (schema/fhir/README.md).
build/rehabplan render --plan build/demo-plan.json --format fhir --output build/demo-plan.fhir.json
scripts/print-pdf.sh build/demo-plan.html build/demo-plan.pdf
echo "Printable demo plan: $(pwd)/build/demo-plan.pdf ($(pdfinfo build/demo-plan.pdf | sed -n 's/^Pages: *//p') A4 pages)"
echo "  the same as HTML:  $(pwd)/build/demo-plan.html (Dutch: build/demo-plan.nl.html)"
echo "  calendar:          $(pwd)/build/demo-plan.ics"
echo "  FHIR R4 Bundle:    $(pwd)/build/demo-plan.fhir.json"
