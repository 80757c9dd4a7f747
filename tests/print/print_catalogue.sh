#!/bin/sh
# Prints the exercise catalogue (rehabplan exercises --format html) with headless Chromium and
# checks the PDFs (tests/print/check_catalogue.py): A4, every word within the page, every
# category heading, every exercise with its name, dose and instructions on the page of its ID
# (a card never split). English and Dutch, the whole library and the stroke selection.
# Environment: REHABPLAN_CLI (the rehabplan program), REHABPLAN_SOURCE_DIR.
# Exit 77 (skipped) only when Chromium is not installed; missing poppler-utils fails.
set -eu
cli=${REHABPLAN_CLI:?set REHABPLAN_CLI to the rehabplan program}
src=${REHABPLAN_SOURCE_DIR:?set REHABPLAN_SOURCE_DIR to the source tree}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "print catalogue test: chromium is not installed (scripts/deps.sh installs it); skipped"
    exit 77
fi
here=$(cd "$(dirname "$0")" && pwd)
for tool in pdfinfo pdftotext /usr/bin/python3; do
    command -v "$tool" >/dev/null || { echo "print catalogue test: $tool is missing (poppler-utils, python3)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for case in "en" "nl" "en stroke"; do
    set -- $case
    lang=$1
    condition=${2:-}
    name=catalogue.$lang${condition:+.$condition}
    if ! "$cli" exercises --format html --lang "$lang" ${condition:+--condition "$condition"} \
            >"$work/$name.html" 2>"$work/$name.render.log"; then
        echo "print catalogue test: rehabplan exercises for $name failed:" >&2
        cat "$work/$name.render.log" >&2
        status=1
        continue
    fi
    # A fresh profile per run; --no-sandbox because CI runs as root; a time limit so a wedged
    # browser cannot hang the suite.
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
        --user-data-dir="$work/profile-$name" --no-pdf-header-footer --print-to-pdf="$work/$name.pdf" \
        "file://$work/$name.html" >"$work/$name.log" 2>&1 || true
    if [ ! -s "$work/$name.pdf" ]; then
        echo "print catalogue test: chromium did not print $name.pdf:" >&2
        tail -5 "$work/$name.log" >&2
        status=1
        continue
    fi
    if /usr/bin/python3 "$here/check_catalogue.py" "$lang" "$work/$name.pdf" "$src" $condition; then
        echo "print catalogue test: $name.pdf: $(pdfinfo "$work/$name.pdf" | sed -n 's/^Pages: *//p') A4 pages, checked"
    else
        status=1
    fi
done
exit $status
