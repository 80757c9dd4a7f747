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
contains help out "[--progress|--no-progress]"
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

# batch: NDJSON in, one record per line out, in order; exit 0, 1 (refused or a validated plan
# breaking a rule) or 3 (a bad line). The input files are written with Python from the examples.
/usr/bin/python3 -c '
import json, sys
ex, tmp = sys.argv[1], sys.argv[2]
def load(name): return json.load(open(ex + "/" + name))
stroke, older = load("patient-stroke.json"), load("patient-older-adult.json")
req = {"schema_version": 1, "start_date": "2026-11-23", "weeks": 2}
req_nl = dict(req, language="nl")
refused = {"schema_version": 1, "age": 60, "sex": "male", "conditions": [{"type": "stroke", "event_date": "2026-08-14"}],
           "contraindications": {"named": ["unstable_angina"]}, "baseline_minutes": 20}
golden = json.load(open(sys.argv[3]))
def line(d): return json.dumps(d, ensure_ascii=False)
good = [line({"id": "g1", "patient": stroke, "request": req}),
        line({"id": 2, "patient": stroke, "plan": load("plan-stroke-week.json")}),
        line({"id": "f1", "patient": older, "request": req_nl, "format": "fhir"})]
def write(name, lines, end="\n", last=True):
    with open(tmp + "/" + name, "w", newline="") as f:
        f.write(end.join(lines) + (end if last else ""))
write("good.ndjson", good)
write("good-crlf.ndjson", good, end="\r\n")
write("good-no-final-newline.ndjson", good, last=False)
write("refused.ndjson", good + [line({"id": "r", "patient": refused, "request": req})])
write("breaks-rule.ndjson", [line({"id": "w", "patient": stroke, "plan": load("plan-with-errors.json")})])
write("golden.ndjson", [line({"id": "golden", "patient": stroke, "plan": golden})])
bad_age = dict(stroke, age=1e300)
write("bad.ndjson", [good[0], line({"id": "a", "patient": bad_age, "request": req}), "not json", "",
                     line({"id": "p", "patient": 7, "request": req}), good[1],
                     line({"id": "r", "patient": refused, "request": req})])
' "$ex" "$tmp" "$src/tests/data/golden/stroke-standard-12w.json" \
  && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL batch-inputs: cannot write the batch inputs"; }

# JSON checks of a batch output: every line a record, numbered from 1, as many as input lines.
records() {  # records NAME OUTFILE INPUTFILE
  /usr/bin/python3 -c '
import json, sys
out = open(sys.argv[1], "rb").read().decode("utf-8")
lines = open(sys.argv[2], "rb").read().decode("utf-8").replace("\r\n", "\n")
n_in = lines.count("\n") + (0 if lines.endswith("\n") or lines == "" else 1)
assert out.endswith("\n"), "no final line break"
recs = [json.loads(l) for l in out[:-1].split("\n")]
assert len(recs) == n_in, "%d records for %d lines" % (len(recs), n_in)
assert [r["line"] for r in recs] == list(range(1, n_in + 1)), "line numbers"
for r in recs:
    assert r["status"] in ("ok", "refused", "error"), r["status"]
' "$tmp/$2" "$tmp/$3" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL $1: records of $3"; }
}
same() {  # same NAME FILE1 FILE2: byte for byte
  cmp -s "$tmp/$2" "$tmp/$3" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL $1: $2 and $3 differ"; }
}

expect batch-file 0 -- "$cli" batch "$tmp/good.ndjson"
records batch-file out good.ndjson
cp "$tmp/out" "$tmp/good.out"
contains batch-file out '{"line":1,"id":"g1","kind":"generate","status":"ok","plan":{'
contains batch-file out '{"line":2,"id":2,"kind":"validate","status":"ok","findings":{'
contains batch-file out '{"line":3,"id":"f1","kind":"generate","status":"ok","fhir":{"resourceType":"Bundle"'
contains batch-file err "rehabplan batch: 3 lines: 3 ok, 0 refused, 0 bad lines"
# stderr is not a terminal here: no progress line unless asked for.
if grep -q "lines/s" "$tmp/err"; then failed=$((failed + 1)); echo "FAIL batch-file: a progress line without --progress"; else passed=$((passed + 1)); fi
expect batch-stdin-dash 0 -- sh -c "\"$cli\" batch - < \"$tmp/good.ndjson\""
same batch-stdin-dash out good.out
expect batch-stdin-pipe 0 -- sh -c "cat \"$tmp/good.ndjson\" | \"$cli\" batch"
same batch-stdin-pipe out good.out
contains batch-stdin-pipe err "rehabplan batch: 3 lines"
expect batch-output 0 -- "$cli" batch "$tmp/good.ndjson" --output "$tmp/good-o.ndjson"
same batch-output good-o.ndjson good.out
[ ! -s "$tmp/out" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL batch-output: records on stdout too"; }
expect batch-output-short 0 -- "$cli" batch "$tmp/good.ndjson" -o "$tmp/good-o2.ndjson" --threads 2
same batch-output-short good-o2.ndjson good.out
expect batch-crlf 0 -- "$cli" batch "$tmp/good-crlf.ndjson"
same batch-crlf out good.out
expect batch-no-final-newline 0 -- "$cli" batch "$tmp/good-no-final-newline.ndjson"
same batch-no-final-newline out good.out
for t in 2 0 64; do
  expect "batch-threads-$t" 0 -- "$cli" batch "$tmp/good.ndjson" --threads "$t"
  same "batch-threads-$t" out good.out
done

expect batch-refused 1 -- "$cli" batch "$tmp/refused.ndjson"
records batch-refused out refused.ndjson
contains batch-refused out '{"line":4,"id":"r","kind":"generate","status":"refused","findings":{'
contains batch-refused err "4 lines: 3 ok, 1 refused, 0 bad lines"
expect batch-breaks-rule 1 -- "$cli" batch "$tmp/breaks-rule.ndjson"
contains batch-breaks-rule out '"status":"ok","findings":{'
contains batch-breaks-rule out "safety.stop_signals"
contains batch-breaks-rule err "1 line: 1 ok (1 validated plans break a rule), 0 refused, 0 bad lines"

# A bad line: exit 3, an error record naming the field, and the later lines still run.
expect batch-bad 3 -- "$cli" batch "$tmp/bad.ndjson" --threads 1
records batch-bad out bad.ndjson
cp "$tmp/out" "$tmp/bad.out"
contains batch-bad out '{"line":2,"id":"a","kind":"generate","status":"error","error":{"code":"schema_error","message":"/patient/age: expected an integer 12-110, got number 1e+300"}}'
contains batch-bad out '{"line":3,"status":"error","error":{"code":"parse_error","message":"'
contains batch-bad out '{"line":4,"status":"error","error":{"code":"parse_error","message":"empty line'
contains batch-bad out '{"line":5,"id":"p","kind":"generate","status":"error","error":{"code":"schema_error","message":"/patient: expected an object, got integer 7"}}'
contains batch-bad out '{"line":6,"id":2,"kind":"validate","status":"ok"'
contains batch-bad out '{"line":7,"id":"r","kind":"generate","status":"refused"'
contains batch-bad err "rehabplan batch: 7 lines: 2 ok, 1 refused, 4 bad lines"
for t in 2 0; do
  expect "batch-bad-threads-$t" 3 -- "$cli" batch "$tmp/bad.ndjson" --threads "$t"
  same "batch-bad-threads-$t" out bad.out
done

# A line of exactly 4 MiB is read, also when CRLF ends it (the CR is not part of the line);
# one byte more is an error record.
/usr/bin/python3 -c '
import sys
tmp = sys.argv[1]
line = open(tmp + "/good.ndjson", "rb").read().split(b"\n")[0]
big = line[:-1] + b" " * (4 * 1024 * 1024 - len(line)) + b"}"
open(tmp + "/big-crlf.ndjson", "wb").write(big + b"\r\n")
open(tmp + "/bigger.ndjson", "wb").write(b" " + big + b"\n" + line + b"\n")
' "$tmp"
expect batch-4mib-crlf 0 -- "$cli" batch "$tmp/big-crlf.ndjson"
contains batch-4mib-crlf out '{"line":1,"id":"g1","kind":"generate","status":"ok","plan":{'
expect batch-4mib-plus-one 3 -- "$cli" batch "$tmp/bigger.ndjson" --threads 2
contains batch-4mib-plus-one out '{"line":1,"status":"error","error":{"code":"parse_error","message":"line is longer than 4194304 bytes"}}'
contains batch-4mib-plus-one out '{"line":2,"id":"g1","kind":"generate","status":"ok"'

# --rules: the clinic's rules make the records (a built-in plan breaks the tightened ceiling).
printf '{"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"max_percent_hrmax": 75}}}}' > "$tmp/hr75.json"
expect batch-golden 0 -- "$cli" batch "$tmp/golden.ndjson"
contains batch-golden out '"summary":{"errors":0,'
expect batch-rules 1 -- "$cli" batch "$tmp/golden.ndjson" --rules "$tmp/hr75.json"
contains batch-rules out '"rule":"intensity.heart_rate","severity":"error"'
contains batch-rules err "(1 validated plans break a rule)"
# The hand-written week (line 2) has heart-rate targets above 75 % HRmax: exit 1.
expect batch-rules-generate 1 -- "$cli" batch "$tmp/good.ndjson" --rules "$tmp/hr75.json"
records batch-rules-generate out good.ndjson
contains batch-rules-generate err "3 lines: 3 ok (1 validated plans break a rule)"
cmp -s "$tmp/out" "$tmp/good.out" && { failed=$((failed + 1)); echo "FAIL batch-rules-generate: the clinic rules changed nothing"; } || passed=$((passed + 1))
expect batch-bad-rules 3 -- "$cli" batch "$tmp/good.ndjson" --rules "$tmp/loose.json"
contains batch-bad-rules err "max_percent_hrmax"

# Usage errors and a missing file.
expect batch-threads-65 2 -- "$cli" batch "$tmp/good.ndjson" --threads 65
contains batch-threads-65 err "--threads"
expect batch-threads-negative 2 -- "$cli" batch "$tmp/good.ndjson" --threads -1
contains batch-threads-negative err "threads"
expect batch-threads-abc 2 -- "$cli" batch "$tmp/good.ndjson" --threads abc
contains batch-threads-abc err "threads"
expect batch-two-files 2 -- "$cli" batch "$tmp/good.ndjson" "$tmp/bad.ndjson"
expect batch-missing-file 3 -- "$cli" batch "$tmp/nope.ndjson"
contains batch-missing-file err "cannot open"
expect input-to-other-command 2 -- "$cli" rules "$tmp/good.ndjson"
expect batch-directory 3 -- "$cli" batch "$tmp"
contains batch-directory err "cannot read"
expect batch-empty 0 -- "$cli" batch /dev/null
[ ! -s "$tmp/out" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL batch-empty: output for no lines"; }
contains batch-empty err "rehabplan batch: 0 lines: 0 ok, 0 refused, 0 bad lines"
expect batch-output-dir 3 -- "$cli" batch "$tmp/good.ndjson" -o "$tmp/no/such/dir.ndjson"
contains batch-output-dir err "cannot write"
if [ -w /dev/full ]; then
  expect batch-disk-full 3 -- "$cli" batch "$tmp/good.ndjson" -o /dev/full
  contains batch-disk-full err "cannot write the results"
  expect batch-disk-full-threads 3 -- sh -c "\"$cli\" batch \"$tmp/good.ndjson\" --threads 2 > /dev/full"
  contains batch-disk-full-threads err "cannot write the results"
fi

# The progress line: --progress forces it on stderr (a bar for a file, the count for a pipe),
# --no-progress suppresses it; the summary line follows either way.
expect batch-progress 0 -- "$cli" batch "$tmp/good.ndjson" --progress
contains batch-progress err "batch [####################] 100 %  3 lines"
contains batch-progress err "lines/s"
contains batch-progress err "rehabplan batch: 3 lines: 3 ok"
same batch-progress out good.out
expect batch-progress-pipe 0 -- sh -c "cat \"$tmp/good.ndjson\" | \"$cli\" batch --progress"
contains batch-progress-pipe err "batch: 3 lines  "
head -n 1 "$tmp/good.ndjson" > "$tmp/one.ndjson"
expect batch-progress-one 0 -- "$cli" batch "$tmp/one.ndjson" --progress
contains batch-progress-one err "100 %  1 line  "
contains batch-progress-one err "rehabplan batch: 1 line: 1 ok"
expect batch-no-progress 0 -- "$cli" batch "$tmp/good.ndjson" --progress --no-progress
if grep -q "lines/s" "$tmp/err"; then failed=$((failed + 1)); echo "FAIL batch-no-progress: a progress line"; else passed=$((passed + 1)); fi
contains batch-no-progress err "rehabplan batch: 3 lines: 3 ok"
# A terminal, when script(1) can make one: the progress line by default, none with --no-progress.
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
  expect batch-tty 0 -- script -qec "\"$cli\" batch \"$tmp/good.ndjson\" -o \"$tmp/tty.ndjson\"" /dev/null
  contains batch-tty out "lines/s"
  expect batch-tty-no-progress 0 -- script -qec "\"$cli\" batch \"$tmp/good.ndjson\" -o \"$tmp/tty.ndjson\" --no-progress" /dev/null
  if grep -q "lines/s" "$tmp/out"; then failed=$((failed + 1)); echo "FAIL batch-tty-no-progress: a progress line"; else passed=$((passed + 1)); fi
fi

# FHIR R4: generate, render and replan give a Bundle (collection) with a CarePlan, the same
# bytes twice.
bundle() {  # bundle NAME FILE LANG: a FHIR Bundle with a CarePlan in that language
  /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["resourceType"] == "Bundle" and d["type"] == "collection", "not a collection Bundle"
kinds = [e["resource"]["resourceType"] for e in d["entry"]]
assert kinds.count("CarePlan") == 1, kinds
assert d["language"] == sys.argv[2], d.get("language")
' "$tmp/$2" "$3" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL $1: not a FHIR Bundle with a CarePlan ($3)"; }
}
expect gen-fhir 0 -- "$cli" generate --patient "$ex/patient-stroke.json" --start 2026-11-23 --weeks 4 --format fhir
bundle gen-fhir out en
cp "$tmp/out" "$tmp/gen.fhir.json"
expect gen-fhir-again 0 -- "$cli" generate --patient "$ex/patient-stroke.json" --start 2026-11-23 --weeks 4 --format fhir
same gen-fhir-again out gen.fhir.json
expect gen-fhir-nl 0 -- "$cli" generate --patient "$ex/patient-stroke.json" --start 2026-11-23 --weeks 4 --format fhir --lang nl -o "$tmp/gen-nl.fhir.json"
bundle gen-fhir-nl gen-nl.fhir.json nl
expect render-fhir 0 -- "$cli" render --plan "$ex/plan-stroke-week.json" --format fhir --lang nl
bundle render-fhir out nl
cp "$tmp/out" "$tmp/render.fhir.json"
expect render-fhir-again 0 -- "$cli" render --plan "$ex/plan-stroke-week.json" --format fhir --lang nl
same render-fhir-again out render.fhir.json
expect render-fhir-patient 0 -- "$cli" render --plan "$ex/plan-stroke-week.json" --patient "$ex/patient-stroke.json" --format fhir
bundle render-fhir-patient out en
contains render-fhir-patient out "P-0042"
expect replan-fhir 0 -- "$cli" replan --patient "$ex/patient-stroke.json" --plan "$plan" --log "$log" --today 2026-12-14 --format fhir
bundle replan-fhir out en
cp "$tmp/out" "$tmp/replan.fhir.json"
expect replan-fhir-again 0 -- "$cli" replan --patient "$ex/patient-stroke.json" --plan "$plan" --log "$log" --today 2026-12-14 --format fhir
same replan-fhir-again out replan.fhir.json
# The batch's FHIR record is the Bundle generate writes for the same request.
expect gen-fhir-older-nl 0 -- "$cli" generate --patient "$ex/patient-older-adult.json" --start 2026-11-23 --weeks 2 --format fhir --lang nl
/usr/bin/python3 -c '
import json, sys
rec = json.loads(open(sys.argv[1]).read().split("\n")[2])
sys.exit(0 if rec["fhir"] == json.load(open(sys.argv[2])) else 1)
' "$tmp/good.out" "$tmp/out" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL batch-fhir-record: not the Bundle of generate --format fhir"; }

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
