#!/bin/sh
# Prints HTML plans with headless Chromium and checks the PDFs (tests/print/check_pdf.py):
# A4 on every page, every dated day of every week, no week split over two pages, the
# heart-rate or effort target, the stop box on every page with nothing under it, the
# therapist's review on the last page. Golden plans (stroke: bpm; Parkinson with a
# beta-blocker: effort; four concussion returns with their ladders) in English and Dutch. Then the progress reports of the example
# stroke and concussion logs (rehabplan progress --format html) in English and Dutch: A4,
# nothing outside the printable width, the decision, every week and every chart. And the
# stroke plan with named exercises (add_exercises.py): a page of cards per kind of session.
# Environment: REHABPLAN_CLI (the rehabplan program), REHABPLAN_SOURCE_DIR.
# Exit 77 (skipped) only when Chromium is not installed; missing poppler-utils fails.
set -eu
cli=${REHABPLAN_CLI:?set REHABPLAN_CLI to the rehabplan program}
src=${REHABPLAN_SOURCE_DIR:?set REHABPLAN_SOURCE_DIR to the source tree}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "print test: chromium is not installed (scripts/deps.sh installs it); skipped"
    exit 77
fi
here=$(cd "$(dirname "$0")" && pwd)
for tool in pdfinfo pdftotext /usr/bin/python3; do
    command -v "$tool" >/dev/null || { echo "print test: $tool is missing (poppler-utils, python3)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# print_pdf NAME: $work/NAME.html -> $work/NAME.pdf; false (with the browser's last lines) when
# no PDF came out. A fresh profile per run; --no-sandbox because CI runs as root; a time
# limit so a wedged browser cannot hang the suite.
print_pdf() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
        --user-data-dir="$work/profile-$1" --no-pdf-header-footer --print-to-pdf="$work/$1.pdf" \
        "file://$work/$1.html" >"$work/$1.log" 2>&1 || true
    if [ ! -s "$work/$1.pdf" ]; then
        echo "print test: chromium did not print $1.pdf:" >&2
        tail -5 "$work/$1.log" >&2
        return 1
    fi
}
# and the four concussion returns (sport, learn then sport, work, daily activity), one of each.
for plan in stroke-standard-12w parkinson-beta-blocker-8w concussion-athlete-en concussion-pupil-nl \
        concussion-office-worker-en concussion-older-adult-nl; do
    for lang in en nl; do
        name=$plan.$lang
        if ! "$cli" render --plan "$src/tests/data/golden/$plan.json" --format html --lang "$lang" \
                --output "$work/$name.html" 2>"$work/$name.render.log"; then
            echo "print test: rendering $name.html failed:" >&2
            cat "$work/$name.render.log" >&2
            status=1
            continue
        fi
        if ! print_pdf "$name"; then
            status=1
            continue
        fi
        if /usr/bin/python3 "$here/check_pdf.py" "$src/tests/data/golden/$plan.json" "$lang" "$work/$name.pdf" "$src"; then
            echo "print test: $name.pdf: $(pdfinfo "$work/$name.pdf" | sed -n 's/^Pages: *//p') A4 pages, checked"
        else
            status=1
        fi
    done
done

# Exercise cards: the stroke plan with exercises of the library named in its sessions
# (add_exercises.py), printed in English and Dutch: a page of cards per kind of session.
plan=stroke-standard-12w
/usr/bin/python3 "$here/add_exercises.py" "$src/tests/data/golden/$plan.json" "$src/data/exercises.json" "$work/cards.json"
for lang in en nl; do
    name=cards.$lang
    if ! "$cli" render --plan "$work/cards.json" --format html --lang "$lang" --output "$work/$name.html" 2>"$work/$name.render.log"; then
        echo "print test: rendering $name.html failed:" >&2
        cat "$work/$name.render.log" >&2
        status=1
        continue
    fi
    if ! print_pdf "$name"; then
        status=1
        continue
    fi
    if /usr/bin/python3 "$here/check_pdf.py" --cards "$work/cards.json" "$lang" "$work/$name.pdf" "$src"; then
        echo "print test: $name.pdf: $(pdfinfo "$work/$name.pdf" | sed -n 's/^Pages: *//p') A4 pages with exercise cards, checked"
    else
        status=1
    fi
done

# Progress reports: patient, plan, log and today as in README.md's example.
for case in "stroke stroke 2026-12-14" "concussion concussion 2026-12-05"; do
    set -- $case
    for lang in en nl; do
        name=progress-$1.$lang
        for format in html json; do
            if ! "$cli" progress --patient "$src/examples/patient-$2.json" --plan "$src/tests/data/progress/plan-$1.json" \
                    --log "$src/examples/log-$1.json" --today "$3" --format "$format" --lang "$lang" \
                    --output "$work/$name.$format" 2>"$work/$name.render.log"; then
                echo "print test: rehabplan progress for $name.$format failed:" >&2
                cat "$work/$name.render.log" >&2
                status=1
                continue 2
            fi
        done
        if ! print_pdf "$name"; then
            status=1
            continue
        fi
        if /usr/bin/python3 "$here/check_pdf.py" --progress "$work/$name.json" "$lang" "$work/$name.pdf" "$src"; then
            echo "print test: $name.pdf: $(pdfinfo "$work/$name.pdf" | sed -n 's/^Pages: *//p') A4 pages, checked"
        else
            status=1
        fi
    done
done
exit $status
