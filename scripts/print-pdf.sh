#!/bin/sh
# Prints an HTML plan to PDF with headless Chromium: scripts/print-pdf.sh PLAN.html PLAN.pdf
# The page size and margins come from the plan's own print CSS (A4), not from here.
set -eu
if [ $# -ne 2 ]; then echo "usage: $0 PLAN.html PLAN.pdf" >&2; exit 2; fi
in=$1 out=$2
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then echo "print-pdf: chromium is not installed (scripts/deps.sh installs it)" >&2; exit 77; fi
case $in in /*) url=file://$in ;; *) url=file://$(pwd)/$in ;; esac
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$out"
# --no-sandbox: CI and containers run as root, where Chromium's sandbox cannot start.
# Without a time limit a wedged browser would hang the test suite.
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$out" "$url" >/dev/null 2>&1 || true
if [ ! -s "$out" ]; then echo "print-pdf: chromium did not write $out" >&2; exit 1; fi
