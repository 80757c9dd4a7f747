"""The CLI contract: exit codes 0 (done), 1 (findings or refused), 2 (usage) and 3 (bad input or
I/O), messages on stderr, `-` for stdin, deterministic JSON, FHIR and batch output.

Each case id names what it runs; `pytest -k batch` runs the batch cases. Fixtures and the
helpers are in conftest.py.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass, field
from typing import Tuple

import pytest

from conftest import BATCH_INPUTS, bundle_problems, record_problems

PLAN = "{src}/tests/data/progress/plan-stroke.json"   # the plan the example log follows
LOG = "{ex}/log-stroke.json"
PROGRESS = ("--patient", "{ex}/patient-stroke.json", "--plan", PLAN, "--log", LOG)


def project_version(src):
    m = re.search(r"^project\(rehabplan VERSION ([0-9.]+)", (src / "CMakeLists.txt").read_text(), re.M)
    if not m:
        pytest.fail("no project(rehabplan VERSION ...) in CMakeLists.txt")
    return m.group(1)


@dataclass
class Case:
    """One CLI run: its arguments ({ex}, {src} and {tmp} are filled in), the exit code it
    must give and texts its stdout (out) and stderr (err) must contain."""
    id: str
    args: Tuple[str, ...]
    code: int
    out: Tuple[str, ...] = ()
    err: Tuple[str, ...] = ()
    stdin: str = ""   # a file given on stdin, like `< file`


def C(id, code, *args, out=(), err=(), stdin=""):
    return pytest.param(Case(id, args, code, tuple(out), tuple(err), stdin), id=id)


def fill(arg, ex, src, tmp):
    return arg.format(ex=ex, src=src, tmp=tmp)


# Usage, validate, zones, rules, generate, progress and replan: a run, its exit code, what it says.
CASES = [
    # usage
    C("help", 0, "--help", out=["rehabplan validate", "[--progress|--no-progress]"]),
    C("no-command", 2, err=["missing command"]),
    C("unknown-command", 2, "frobnicate"),
    C("unknown-option", 2, "validate", "--bogus"),
    C("missing-plan", 2, "validate", "--patient", "{ex}/patient-stroke.json", err=["needs --plan"]),
    C("bad-format", 2, "rules", "--format", "xml"),
    C("bad-lang", 2, "rules", "--lang", "fr"),
    C("bad-date", 2, "zones", "--patient", "{ex}/patient-concussion.json", "--date", "2026-02-30"),
    # validate
    C("clean-plan", 0, "validate", "--patient", "{ex}/patient-stroke.json", "--plan", "{ex}/plan-stroke-week.json",
      out=["0 error(s)"]),
    C("errors-found", 1, "validate", "--patient", "{ex}/patient-stroke.json", "--plan", "{ex}/plan-with-errors.json",
      out=["safety.stop_signals"]),
    C("errors-found-nl", 1, "validate", "--patient", "{ex}/patient-stroke.json", "--plan", "{ex}/plan-with-errors.json",
      "--lang", "nl", out=["stopsignalen"]),
    C("stdin-plan", 0, "validate", "--patient", "{ex}/patient-stroke.json", "--plan", "-",
      stdin="{ex}/plan-stroke-week.json"),
    C("both-stdin", 2, "validate", "--patient", "-", "--plan", "-"),
    C("missing-file", 3, "validate", "--patient", "{tmp}/nope.json", "--plan", "{ex}/plan-stroke-week.json",
      err=["cannot open"]),
    # bad documents: exit 3 and the JSON path of the culprit
    C("huge-age", 3, "zones", "--patient", "{tmp}/p.json", err=["/age"]),
    C("empty", 3, "zones", "--patient", "{tmp}/empty.json", err=["empty document"]),
    # clinic rules: tightening only
    C("loosening", 3, "rules", "--rules", "{tmp}/loose.json", err=["max_percent_hrmax"]),
    C("tightening", 0, "rules", "--rules", "{tmp}/tight.json", "--format", "json", out=['"value": 50']),
    # zones
    C("zones-rpe", 0, "zones", "--patient", "{ex}/patient-older-adult.json",
      out=["Target zone: RPE 11-13, heart rate at most"]),
    C("zones-nl", 0, "zones", "--patient", "{ex}/patient-older-adult.json", "--lang", "nl", out=["matig:"]),
    C("zones-json", 0, "zones", "--patient", "{ex}/patient-stroke.json", "--format", "json",
      out=['"expression": "208 - 0.7 x age = 161.1"']),
    C("rules-json", 0, "rules", "--format", "json"),
    # generate: from a patient file, from options, refusals and bad requests
    C("gen-text", 0, "generate", "--patient", "{ex}/patient-stroke.json", "--start", "2026-11-23", "--weeks", "12",
      out=["from week 5 you do the full amount.", "Stop and call 112 at once if you notice:",
           "Stop, rest, and call your therapist or doctor"]),
    C("gen-options", 0, "generate", "--age", "67", "--condition", "stroke:2026-08-14", "--beta-blocker",
      "--days", "mon,wed,fri,sat", "--baseline", "20", "--start", "2026-11-23", "--weeks", "4",
      out=["effort 11-13 (Borg)"]),
    C("gen-nl", 0, "generate", "--age", "40", "--start", "2026-11-23", "--weeks", "2", "--lang", "nl",
      out=["Stop en bel meteen 112 als u merkt:"]),
    C("gen-refused", 1, "generate", "--age", "60", "--contraindication", "unstable_angina", "--start", "2026-11-23",
      err=["Refer the patient to a physician"]),
    C("gen-wrong-programme", 2, "generate", "--patient", "{ex}/patient-stroke.json", "--start", "2026-11-23",
      "--programme", "concussion_return", err=["/programme"]),
    C("gen-bad-start", 2, "generate", "--patient", "{ex}/patient-stroke.json", "--start", "2026-02-30"),
    C("gen-bad-weeks", 2, "generate", "--patient", "{ex}/patient-stroke.json", "--start", "2026-11-23",
      "--weeks", "53"),
    C("gen-no-patient", 2, "generate", "--start", "2026-11-23"),
    C("gen-bad-day", 3, "generate", "--age", "40", "--days", "mon,funday", "--start", "2026-11-23",
      err=["/available_days/1"]),
    C("gen-concussion-no-date", 2, "generate", "--age", "20", "--condition", "concussion", "--start", "2026-11-23"),
    C("gen-huge-age", 3, "generate", "--age", "1000", "--start", "2026-11-23", err=["/age"]),
    # exercise selection's patient options: checked by the document's reader, with its path
    C("gen-bad-mobility", 3, "generate", "--age", "70", "--mobility", "crutches", "--start", "2026-11-23",
      err=["/mobility"]),
    C("gen-bad-equipment", 3, "generate", "--age", "70", "--equipment", "band,treadmill", "--start", "2026-11-23",
      err=["/equipment/1"]),
    C("gen-equipment-twice", 3, "generate", "--age", "70", "--equipment", "band,band", "--start", "2026-11-23",
      err=["/equipment"]),
    C("gen-side-without-stroke", 3, "generate", "--age", "70", "--affected-side", "left", "--start", "2026-11-23",
      err=["/affected_side", "stroke"]),
    C("gen-bad-side", 3, "generate", "--age", "70", "--condition", "stroke:2026-06-01", "--affected-side", "middle",
      "--start", "2026-11-23", err=["/affected_side"]),
    C("programmes", 0, "programmes", out=["neurorc_intensive"]),
    # progress: the example log against its plan
    C("progress", 0, "progress", *PROGRESS, "--today", "2026-12-14", out=["Decision for the coming weeks"]),
    C("progress-nl-html", 0, "progress", *PROGRESS, "--today", "2026-12-14", "--format", "html", "--lang", "nl",
      out=["<svg", "Besluit"]),
    C("progress-json", 0, "progress", *PROGRESS, "--today", "2026-12-14", "--format", "json", out=['"next"']),
    C("progress-bad-format", 2, "progress", *PROGRESS, "--today", "2026-12-14", "--format", "ics"),
    C("progress-no-today", 2, "progress", *PROGRESS),
    C("progress-bad-today", 2, "progress", *PROGRESS, "--today", "2026-13-01"),
    C("progress-two-stdin", 2, "progress", "--patient", "-", "--plan", PLAN, "--log", "-", "--today", "2026-12-14"),
    # a log entry after today is bad input naming the entry
    C("progress-future", 3, "progress", *PROGRESS, "--today", "2026-11-24", err=["/entries/", "today"]),
    C("progress-huge", 3, "progress", "--patient", "{ex}/patient-stroke.json", "--plan", PLAN,
      "--log", "{tmp}/huge-log.json", "--today", "2026-12-14", err=["/entries/0/minutes"]),
    C("progress-stop", 1, "progress", "--patient", "{ex}/patient-stroke.json", "--plan", PLAN,
      "--log", "{tmp}/stop-log.json", "--today", "2026-11-25", out=["STOP AND REFER"]),
]


@pytest.mark.parametrize("case", CASES)
def test_command(cli, ex, src, documents, case):
    stdin = fill(case.stdin, ex, src, documents) if case.stdin else None
    r = cli(*(fill(a, ex, src, documents) for a in case.args), stdin=stdin)
    assert r.code == case.code, f"exit {r.code}, want {case.code}; stderr: {r.err}"
    for text in case.out:
        assert text in r.out
    for text in case.err:
        assert text in r.err


def test_version(cli, src):
    r = cli("--version")
    assert r.code == 0, r.err
    # The version printed is the one in CMakeLists.txt project(VERSION ...).
    assert f"rehabplan {project_version(src)} " in r.out


def test_json_findings(cli, ex):
    r = cli("validate", "--patient", ex / "patient-stroke.json", "--plan", ex / "plan-with-errors.json",
            "--format", "json")
    assert r.code == 1, r.err
    assert json.loads(r.out)["summary"]["errors"] > 0


def test_rules_roundtrip(cli, tmp):
    """The effective rule set, read back as a clinic's file, is the same rule set."""
    rules = tmp / "rules.json"
    effective = cli("rules", "--format", "json")
    if effective.code != 0 or not effective.out:
        pytest.fail(f"rehabplan rules --format json (exit {effective.code}) gave no rule set: {effective.err}")
    rules.write_bytes(effective.out_bytes)
    r = cli("rules", "--rules", rules, "--format", "json")
    assert r.code == 0, r.err
    assert r.out_bytes == rules.read_bytes()


def test_gen_json_deterministic_and_valid(cli, ex, tmp):
    args = ("generate", "--patient", ex / "patient-stroke.json", "--start", "2026-11-23", "--weeks", "12",
            "--format", "json")
    first = cli(*args)
    assert first.code == 0, first.err                          # gen-json
    again = cli(*args)
    assert again.code == 0, again.err                          # gen-json-again
    assert again.out_bytes == first.out_bytes                  # gen-deterministic
    (tmp / "gen1.json").write_bytes(first.out_bytes)
    v = cli("validate", "--patient", ex / "patient-stroke.json", "--plan", tmp / "gen1.json")
    assert v.code == 0, v.err                                  # gen-validates
    assert "Summary: 0 error(s)" in v.out


def test_replan_validates(cli, ex, src, tmp):
    out = tmp / "replanned.json"
    r = cli("replan", *(fill(a, ex, src, tmp) for a in PROGRESS), "--today", "2026-12-14", "--format", "json",
            "-o", out)
    assert r.code == 0, r.err                                  # replan
    v = cli("validate", "--patient", ex / "patient-stroke.json", "--plan", out)
    assert v.code == 0, v.err                                  # replan-validates
    assert "Summary: 0 error(s)" in v.out


def test_replan_after_a_stop_signal_pauses(cli, ex, src, documents):
    args = ("replan", "--patient", ex / "patient-stroke.json", "--plan", fill(PLAN, ex, src, documents),
            "--log", documents / "stop-log.json", "--today", "2026-11-25", "--format", "json")
    paused = documents / "paused.json"
    r = cli(*args, "-o", paused)
    assert r.code == 0, r.err                                  # replan-stop
    assert "paused" in r.err
    assert "Training is paused" in paused.read_text(encoding="utf-8")
    again = cli(*args, "-o", documents / "paused-again.json")
    assert again.code == 0, again.err                          # replan-deterministic
    assert (documents / "paused-again.json").read_bytes() == paused.read_bytes()


# ---------------------------------------------------------------------------------------------
# batch: NDJSON in, one record per line out, in order; exit 0, 1 (refused or a validated plan
# breaking a rule) or 3 (a bad line). The inputs are written by conftest.batch_inputs.

def test_batch_inputs(batch_inputs):
    assert [n for n in BATCH_INPUTS if (batch_inputs / n).stat().st_size == 0] == []


def test_batch_file(batch_inputs, good_out):
    r = good_out
    assert r.code == 0, r.err
    assert record_problems(r.out, batch_inputs / "good.ndjson") == []
    assert '{"line":1,"id":"g1","kind":"generate","status":"ok","plan":{' in r.out
    assert '{"line":2,"id":2,"kind":"validate","status":"ok","findings":{' in r.out
    assert '{"line":3,"id":"f1","kind":"generate","status":"ok","fhir":{"resourceType":"Bundle"' in r.out
    assert "rehabplan batch: 3 lines: 3 ok, 0 refused, 0 bad lines" in r.err
    # stderr is not a terminal here: no progress line unless asked for.
    assert "lines/s" not in r.err


def test_batch_stdin_dash(cli, batch_inputs, good_out):
    r = cli("batch", "-", stdin=batch_inputs / "good.ndjson")
    assert r.code == 0, r.err
    assert r.out_bytes == good_out.out_bytes


def test_batch_stdin_pipe(cli, batch_inputs, good_out):
    r = cli("batch", stdin=(batch_inputs / "good.ndjson").read_bytes())
    assert r.code == 0, r.err
    assert r.out_bytes == good_out.out_bytes
    assert "rehabplan batch: 3 lines" in r.err


@pytest.mark.parametrize("option,threads", [("--output", ()), ("-o", ("--threads", "2"))],
                         ids=["batch-output", "batch-output-short"])
def test_batch_output_file(cli, batch_inputs, good_out, option, threads):
    target = batch_inputs / f"good{option}.ndjson"
    r = cli("batch", batch_inputs / "good.ndjson", option, target, *threads)
    assert r.code == 0, r.err
    assert target.read_bytes() == good_out.out_bytes
    if option == "--output":
        assert r.out == "", "records on stdout too"


@pytest.mark.parametrize("args", [
    pytest.param(("good-crlf.ndjson",), id="batch-crlf"),
    pytest.param(("good-no-final-newline.ndjson",), id="batch-no-final-newline"),
    pytest.param(("good.ndjson", "--threads", "2"), id="batch-threads-2"),
    pytest.param(("good.ndjson", "--threads", "0"), id="batch-threads-0"),
    pytest.param(("good.ndjson", "--threads", "64"), id="batch-threads-64"),
])
def test_batch_same_records(cli, batch_inputs, good_out, args):
    """Line ends and thread counts change nothing in the records."""
    r = cli("batch", batch_inputs / args[0], *args[1:])
    assert r.code == 0, r.err
    assert r.out_bytes == good_out.out_bytes


def test_batch_refused(cli, batch_inputs):
    r = cli("batch", batch_inputs / "refused.ndjson")
    assert r.code == 1, r.err
    assert record_problems(r.out, batch_inputs / "refused.ndjson") == []
    assert '{"line":4,"id":"r","kind":"generate","status":"refused","findings":{' in r.out
    assert "4 lines: 3 ok, 1 refused, 0 bad lines" in r.err


def test_batch_breaks_rule(cli, batch_inputs):
    r = cli("batch", batch_inputs / "breaks-rule.ndjson")
    assert r.code == 1, r.err
    assert '"status":"ok","findings":{' in r.out
    assert "safety.stop_signals" in r.out
    assert "1 line: 1 ok (1 validated plans break a rule), 0 refused, 0 bad lines" in r.err


BAD_RECORDS = [
    '{"line":2,"id":"a","kind":"generate","status":"error","error":{"code":"schema_error",'
    '"message":"/patient/age: expected an integer 12-110, got number 1e+300"}}',
    '{"line":3,"status":"error","error":{"code":"parse_error","message":"',
    '{"line":4,"status":"error","error":{"code":"parse_error","message":"empty line',
    '{"line":5,"id":"p","kind":"generate","status":"error","error":{"code":"schema_error",'
    '"message":"/patient: expected an object, got integer 7"}}',
    '{"line":6,"id":2,"kind":"validate","status":"ok"',
    '{"line":7,"id":"r","kind":"generate","status":"refused"',
]


def test_batch_bad(batch_inputs, bad_out):
    """A bad line: exit 3, an error record naming the field, and the later lines still run."""
    r = bad_out
    assert r.code == 3, r.err
    assert record_problems(r.out, batch_inputs / "bad.ndjson") == []
    for record in BAD_RECORDS:
        assert record in r.out
    assert "rehabplan batch: 7 lines: 2 ok, 1 refused, 4 bad lines" in r.err


@pytest.mark.parametrize("threads", ["2", "0"], ids=["batch-bad-threads-2", "batch-bad-threads-0"])
def test_batch_bad_threads(cli, batch_inputs, bad_out, threads):
    r = cli("batch", batch_inputs / "bad.ndjson", "--threads", threads)
    assert r.code == 3, r.err
    assert r.out_bytes == bad_out.out_bytes


@pytest.fixture(scope="module")
def big_inputs(batch_inputs):
    """A line of exactly 4 MiB ended by CRLF, and one of 4 MiB + 1 byte before a good line."""
    line = (batch_inputs / "good.ndjson").read_bytes().split(b"\n")[0]
    big = line[:-1] + b" " * (4 * 1024 * 1024 - len(line)) + b"}"
    (batch_inputs / "big-crlf.ndjson").write_bytes(big + b"\r\n")
    (batch_inputs / "bigger.ndjson").write_bytes(b" " + big + b"\n" + line + b"\n")
    return batch_inputs


def test_batch_4mib_crlf(cli, big_inputs):
    """A line of exactly 4 MiB is read, also when CRLF ends it (the CR is not part of the line)."""
    r = cli("batch", big_inputs / "big-crlf.ndjson")
    assert r.code == 0, r.err
    assert '{"line":1,"id":"g1","kind":"generate","status":"ok","plan":{' in r.out


def test_batch_4mib_plus_one(cli, big_inputs):
    """One byte more is an error record; the next line still runs."""
    r = cli("batch", big_inputs / "bigger.ndjson", "--threads", "2")
    assert r.code == 3, r.err
    assert ('{"line":1,"status":"error","error":{"code":"parse_error",'
            '"message":"line is longer than 4194304 bytes"}}') in r.out
    assert '{"line":2,"id":"g1","kind":"generate","status":"ok"' in r.out


# --rules: the clinic's rules make the records (a built-in plan breaks the tightened ceiling).
def test_batch_golden(cli, batch_inputs):
    r = cli("batch", batch_inputs / "golden.ndjson")
    assert r.code == 0, r.err
    assert '"summary":{"errors":0,' in r.out


def test_batch_rules(cli, batch_inputs, documents):
    r = cli("batch", batch_inputs / "golden.ndjson", "--rules", documents / "hr75.json")
    assert r.code == 1, r.err
    assert '"rule":"intensity.heart_rate","severity":"error"' in r.out
    assert "(1 validated plans break a rule)" in r.err


def test_batch_rules_generate(cli, batch_inputs, documents, good_out):
    """The hand-written week (line 2) has heart-rate targets above 75 % HRmax: exit 1."""
    r = cli("batch", batch_inputs / "good.ndjson", "--rules", documents / "hr75.json")
    assert r.code == 1, r.err
    assert record_problems(r.out, batch_inputs / "good.ndjson") == []
    assert "3 lines: 3 ok (1 validated plans break a rule)" in r.err
    assert r.out_bytes != good_out.out_bytes, "the clinic rules changed nothing"


# Usage errors, bad files: a run, its exit code, what stderr says ({tmp} holds the batch inputs).
BATCH_ERRORS = [
    C("batch-bad-rules", 3, "batch", "{tmp}/good.ndjson", "--rules", "{tmp}/loose.json", err=["max_percent_hrmax"]),
    C("batch-threads-65", 2, "batch", "{tmp}/good.ndjson", "--threads", "65", err=["--threads"]),
    C("batch-threads-negative", 2, "batch", "{tmp}/good.ndjson", "--threads", "-1", err=["threads"]),
    C("batch-threads-abc", 2, "batch", "{tmp}/good.ndjson", "--threads", "abc", err=["threads"]),
    C("batch-two-files", 2, "batch", "{tmp}/good.ndjson", "{tmp}/bad.ndjson"),
    C("batch-missing-file", 3, "batch", "{tmp}/nope.ndjson", err=["cannot open"]),
    C("input-to-other-command", 2, "rules", "{tmp}/good.ndjson"),
    C("batch-directory", 3, "batch", "{tmp}", err=["cannot read"]),
    C("batch-output-dir", 3, "batch", "{tmp}/good.ndjson", "-o", "{tmp}/no/such/dir.ndjson", err=["cannot write"]),
]


@pytest.mark.parametrize("case", BATCH_ERRORS)
def test_batch_error(cli, ex, src, batch_inputs, documents, case):
    r = cli(*(fill(a, ex, src, batch_inputs) for a in case.args))
    assert r.code == case.code, f"exit {r.code}, want {case.code}; stderr: {r.err}"
    for text in case.err:
        assert text in r.err


def test_batch_empty(cli):
    r = cli("batch", "/dev/null")
    assert r.code == 0, r.err
    assert r.out == "", "output for no lines"
    assert "rehabplan batch: 0 lines: 0 ok, 0 refused, 0 bad lines" in r.err


full_disk = pytest.mark.skipif(not os.access("/dev/full", os.W_OK), reason="no writable /dev/full")


@full_disk
def test_batch_disk_full(cli, batch_inputs):
    r = cli("batch", batch_inputs / "good.ndjson", "-o", "/dev/full")
    assert r.code == 3, r.err
    assert "cannot write the results" in r.err


@full_disk
def test_batch_disk_full_threads(cli, batch_inputs):
    r = cli("batch", batch_inputs / "good.ndjson", "--threads", "2", stdout_file="/dev/full")
    assert r.code == 3, r.err
    assert "cannot write the results" in r.err


# The progress line: --progress forces it on stderr (a bar for a file, the count for a pipe),
# --no-progress suppresses it; the summary line follows either way.
def test_batch_progress(cli, batch_inputs, good_out):
    r = cli("batch", batch_inputs / "good.ndjson", "--progress")
    assert r.code == 0, r.err
    assert "batch [####################] 100 %  3 lines" in r.err
    assert "lines/s" in r.err
    assert "rehabplan batch: 3 lines: 3 ok" in r.err
    assert r.out_bytes == good_out.out_bytes


def test_batch_progress_pipe(cli, batch_inputs):
    r = cli("batch", "--progress", stdin=(batch_inputs / "good.ndjson").read_bytes())
    assert r.code == 0, r.err
    assert "batch: 3 lines  " in r.err


def test_batch_progress_one(cli, batch_inputs):
    r = cli("batch", batch_inputs / "one.ndjson", "--progress")
    assert r.code == 0, r.err
    assert "100 %  1 line  " in r.err
    assert "rehabplan batch: 1 line: 1 ok" in r.err


def test_batch_no_progress(cli, batch_inputs):
    r = cli("batch", batch_inputs / "good.ndjson", "--progress", "--no-progress")
    assert r.code == 0, r.err
    assert "lines/s" not in r.err, "a progress line"
    assert "rehabplan batch: 3 lines: 3 ok" in r.err


def _script_works():
    if shutil.which("script") is None:
        return False
    try:
        return subprocess.run(["script", "-qec", "true", "/dev/null"], stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.mark.skipif(not _script_works(), reason="script(1) cannot make a terminal here")
@pytest.mark.parametrize("extra,progress", [((), True), (("--no-progress",), False)],
                         ids=["batch-tty", "batch-tty-no-progress"])
def test_batch_tty(cli, batch_inputs, extra, progress):
    """On a terminal (made by script(1)): the progress line by default, none with --no-progress."""
    command = " ".join(shlex.quote(str(a)) for a in
                       (cli.path, "batch", batch_inputs / "good.ndjson", "-o", batch_inputs / "tty.ndjson", *extra))
    p = subprocess.run(["script", "-qec", command, "/dev/null"], stdin=subprocess.DEVNULL,
                       capture_output=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert ("lines/s" in p.stdout.decode("utf-8", "replace")) == progress


# ---------------------------------------------------------------------------------------------
# FHIR R4: generate, render and replan give a Bundle (collection) with a CarePlan, the same
# bytes twice.

FHIR = [
    pytest.param(("generate", "--patient", "{ex}/patient-stroke.json", "--start", "2026-11-23", "--weeks", "4",
                  "--format", "fhir"), "en", id="gen-fhir"),
    pytest.param(("render", "--plan", "{ex}/plan-stroke-week.json", "--format", "fhir", "--lang", "nl"), "nl",
                 id="render-fhir"),
    pytest.param(("replan", *PROGRESS, "--today", "2026-12-14", "--format", "fhir"), "en", id="replan-fhir"),
]


@pytest.mark.parametrize("args,lang", FHIR)
def test_fhir_bundle_twice(cli, ex, src, tmp, args, lang):
    args = [fill(a, ex, src, tmp) for a in args]
    r = cli(*args)
    assert r.code == 0, r.err
    assert bundle_problems(r.out, lang) == []
    again = cli(*args)
    assert again.code == 0, again.err
    assert again.out_bytes == r.out_bytes


def test_gen_fhir_nl(cli, ex, tmp):
    out = tmp / "gen-nl.fhir.json"
    r = cli("generate", "--patient", ex / "patient-stroke.json", "--start", "2026-11-23", "--weeks", "4",
            "--format", "fhir", "--lang", "nl", "-o", out)
    assert r.code == 0, r.err
    assert bundle_problems(out.read_text(encoding="utf-8"), "nl") == []


def test_render_fhir_patient(cli, ex):
    r = cli("render", "--plan", ex / "plan-stroke-week.json", "--patient", ex / "patient-stroke.json",
            "--format", "fhir")
    assert r.code == 0, r.err
    assert bundle_problems(r.out, "en") == []
    assert "P-0042" in r.out


def test_batch_fhir_record(cli, ex, good_out):
    """The batch's FHIR record (good.ndjson line 3) is the Bundle generate writes for the same request."""
    r = cli("generate", "--patient", ex / "patient-older-adult.json", "--start", "2026-11-23", "--weeks", "2",
            "--format", "fhir", "--lang", "nl")
    assert r.code == 0, r.err
    assert json.loads(good_out.out.split("\n")[2])["fhir"] == json.loads(r.out)
