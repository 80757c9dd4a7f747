#!/bin/sh
# CLI contract: exit codes 0/1/2/3, messages on stderr, - for stdin, JSON output.
set -u
cli="$REHABPLAN_CLI"
src="$REHABPLAN_SOURCE_DIR"
ex="$src/examples"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

expect() {  # expect NAME CODE -- command...
  name=$1; code=$2; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  if [ "$got" -eq "$code" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $name: exit $got, expected $code"; cat "$tmp/err"; fi
}
contains() {  # contains NAME FILE TEXT
  if grep -qF -- "$3" "$tmp/$2"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $1: '$3' not in $2"; cat "$tmp/$2"; fi
}

expect help 0 -- "$cli" --help
contains help out "rehabplan validate"
expect version 0 -- "$cli" --version
# The version printed is the one in CMakeLists.txt project(VERSION ...).
contains version out "rehabplan $(sed -n 's/^project(rehabplan VERSION \([0-9.]*\).*/\1/p' "$REHABPLAN_SOURCE_DIR/CMakeLists.txt") "
expect no-command 2 -- "$cli"
contains no-command err "missing command"
expect unknown-command 2 -- "$cli" frobnicate
expect unknown-option 2 -- "$cli" validate --bogus
expect missing-plan 2 -- "$cli" validate --patient "$ex/patient-stroke.json"
contains missing-plan err "needs --plan"
expect bad-format 2 -- "$cli" rules --format xml
expect bad-lang 2 -- "$cli" rules --lang fr
expect bad-date 2 -- "$cli" zones --patient "$ex/patient-concussion.json" --date 2026-02-30

expect clean-plan 0 -- "$cli" validate --patient "$ex/patient-stroke.json" --plan "$ex/plan-stroke-week.json"
contains clean-plan out "0 error(s)"
expect errors-found 1 -- "$cli" validate --patient "$ex/patient-stroke.json" --plan "$ex/plan-with-errors.json"
contains errors-found out "safety.stop_signals"
expect errors-found-nl 1 -- "$cli" validate --patient "$ex/patient-stroke.json" --plan "$ex/plan-with-errors.json" --lang nl
contains errors-found-nl out "stopsignalen"
expect json-findings 1 -- "$cli" validate --patient "$ex/patient-stroke.json" --plan "$ex/plan-with-errors.json" --format json
/usr/bin/python3 -c "import json,sys; d=json.load(open('$tmp/out')); sys.exit(0 if d['summary']['errors']>0 else 1)" \
  && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL json-findings: not JSON with errors"; }

expect stdin-plan 0 -- sh -c "\"$cli\" validate --patient \"$ex/patient-stroke.json\" --plan - < \"$ex/plan-stroke-week.json\""
expect both-stdin 2 -- "$cli" validate --patient - --plan -
expect missing-file 3 -- "$cli" validate --patient "$tmp/nope.json" --plan "$ex/plan-stroke-week.json"
contains missing-file err "cannot open"

printf '{"schema_version": 1, "age": 1e300, "sex": "male", "baseline_minutes": 10}' > "$tmp/p.json"
expect huge-age 3 -- "$cli" zones --patient "$tmp/p.json"
contains huge-age err "/age"
printf '' > "$tmp/empty.json"
expect empty 3 -- "$cli" zones --patient "$tmp/empty.json"
contains empty err "empty document"
printf '{"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"max_percent_hrmax": 90}}}}' > "$tmp/loose.json"
expect loosening 3 -- "$cli" rules --rules "$tmp/loose.json"
contains loosening err "max_percent_hrmax"
printf '{"schema_version": 1, "rules": {"session.duration": {"params": {"min_minutes": 50}}}}' > "$tmp/tight.json"
expect tightening 0 -- "$cli" rules --rules "$tmp/tight.json" --format json
contains tightening out '"value": 50'

expect zones-rpe 0 -- "$cli" zones --patient "$ex/patient-older-adult.json"
contains zones-rpe out "Target zone: RPE 11-14, heart rate at most"
expect zones-nl 0 -- "$cli" zones --patient "$ex/patient-older-adult.json" --lang nl
contains zones-nl out "matig:"
expect zones-json 0 -- "$cli" zones --patient "$ex/patient-stroke.json" --format json
contains zones-json out '"expression": "208 - 0.7 x age = 161.1"'
expect rules-json 0 -- "$cli" rules --format json
"$cli" rules --format json > "$tmp/rules.json"
expect rules-roundtrip 0 -- "$cli" rules --rules "$tmp/rules.json" --format json
cmp -s "$tmp/out" "$tmp/rules.json" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL rules-roundtrip: output differs"; }

# generate: from a patient file, from options, refusals and bad requests.
expect gen-text 0 -- "$cli" generate --patient "$ex/patient-stroke.json" --start 2026-11-23 --weeks 12
contains gen-text out "from week 3 you do the full amount."
contains gen-text out "STOP at once and call your therapist or doctor if you notice:"
expect gen-json 0 -- "$cli" generate --patient "$ex/patient-stroke.json" --start 2026-11-23 --weeks 12 --format json
cp "$tmp/out" "$tmp/gen1.json"
expect gen-json-again 0 -- "$cli" generate --patient "$ex/patient-stroke.json" --start 2026-11-23 --weeks 12 --format json
cmp -s "$tmp/out" "$tmp/gen1.json" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL gen-deterministic: output differs"; }
expect gen-validates 0 -- "$cli" validate --patient "$ex/patient-stroke.json" --plan "$tmp/gen1.json"
contains gen-validates out "Summary: 0 error(s)"
expect gen-options 0 -- "$cli" generate --age 67 --condition stroke:2026-08-14 --beta-blocker --days mon,wed,fri,sat --baseline 20 --start 2026-11-23 --weeks 4
contains gen-options out "effort 11-14 (Borg)"
expect gen-nl 0 -- "$cli" generate --age 40 --start 2026-11-23 --weeks 2 --lang nl
contains gen-nl out "STOP meteen"
expect gen-refused 1 -- "$cli" generate --age 60 --contraindication unstable_angina --start 2026-11-23
contains gen-refused err "Refer the patient to a physician"
expect gen-wrong-programme 2 -- "$cli" generate --patient "$ex/patient-stroke.json" --start 2026-11-23 --programme concussion_return
contains gen-wrong-programme err "/programme"
expect gen-bad-start 2 -- "$cli" generate --patient "$ex/patient-stroke.json" --start 2026-02-30
expect gen-bad-weeks 2 -- "$cli" generate --patient "$ex/patient-stroke.json" --start 2026-11-23 --weeks 53
expect gen-no-patient 2 -- "$cli" generate --start 2026-11-23
expect gen-bad-day 3 -- "$cli" generate --age 40 --days mon,funday --start 2026-11-23
contains gen-bad-day err "/available_days/1"
expect gen-concussion-no-date 2 -- "$cli" generate --age 20 --condition concussion --start 2026-11-23
expect gen-huge-age 3 -- "$cli" generate --age 1000 --start 2026-11-23
contains gen-huge-age err "/age"
expect programmes 0 -- "$cli" programmes
contains programmes out "neurorc_intensive"

# progress and replan: the example log against its plan.
plan="$src/tests/data/progress/plan-stroke.json"
log="$ex/log-stroke.json"
expect progress 0 -- "$cli" progress --patient "$ex/patient-stroke.json" --plan "$plan" --log "$log" --today 2026-12-14
contains progress out "Decision for the coming weeks"
expect progress-nl-html 0 -- "$cli" progress --patient "$ex/patient-stroke.json" --plan "$plan" --log "$log" --today 2026-12-14 --format html --lang nl
contains progress-nl-html out "<svg"
contains progress-nl-html out "Besluit"
expect progress-json 0 -- "$cli" progress --patient "$ex/patient-stroke.json" --plan "$plan" --log "$log" --today 2026-12-14 --format json
contains progress-json out '"next"'
expect progress-bad-format 2 -- "$cli" progress --patient "$ex/patient-stroke.json" --plan "$plan" --log "$log" --today 2026-12-14 --format ics
expect progress-no-today 2 -- "$cli" progress --patient "$ex/patient-stroke.json" --plan "$plan" --log "$log"
expect progress-bad-today 2 -- "$cli" progress --patient "$ex/patient-stroke.json" --plan "$plan" --log "$log" --today 2026-13-01
expect progress-two-stdin 2 -- "$cli" progress --patient - --plan "$plan" --log - --today 2026-12-14
# A log entry after today is bad input naming the entry.
expect progress-future 3 -- "$cli" progress --patient "$ex/patient-stroke.json" --plan "$plan" --log "$log" --today 2026-11-24
contains progress-future err "/entries/"
contains progress-future err "today"
printf '{"schema_version": 1, "entries": [{"date": "2026-11-23", "minutes": 1e300}]}' > "$tmp/huge-log.json"
expect progress-huge 3 -- "$cli" progress --patient "$ex/patient-stroke.json" --plan "$plan" --log "$tmp/huge-log.json" --today 2026-12-14
contains progress-huge err "/entries/0/minutes"
printf '{"schema_version": 1, "entries": [{"date": "2026-11-23", "type": "aerobic", "minutes": 20, "stop_signal": true, "note": "chest pain"}]}' > "$tmp/stop-log.json"
expect progress-stop 1 -- "$cli" progress --patient "$ex/patient-stroke.json" --plan "$plan" --log "$tmp/stop-log.json" --today 2026-11-25
contains progress-stop out "STOP AND REFER"
expect replan 0 -- "$cli" replan --patient "$ex/patient-stroke.json" --plan "$plan" --log "$log" --today 2026-12-14 --format json -o "$tmp/replanned.json"
expect replan-validates 0 -- "$cli" validate --patient "$ex/patient-stroke.json" --plan "$tmp/replanned.json"
contains replan-validates out "Summary: 0 error(s)"
expect replan-stop 0 -- "$cli" replan --patient "$ex/patient-stroke.json" --plan "$plan" --log "$tmp/stop-log.json" --today 2026-11-25 --format json -o "$tmp/paused.json"
contains replan-stop err "paused"
contains replan-stop paused.json "Training is paused"
cp "$tmp/paused.json" "$tmp/paused-copy.json"
expect replan-deterministic 0 -- "$cli" replan --patient "$ex/patient-stroke.json" --plan "$plan" --log "$tmp/stop-log.json" --today 2026-11-25 --format json -o "$tmp/paused.json"
cmp -s "$tmp/paused.json" "$tmp/paused-copy.json" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL replan-deterministic: output differs"; }

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
