"""Fixtures of the CLI tests (test_cli.py): the CLI to run, the source tree, the inputs.

ctest runs them (ctest -L cli) with
    REHABPLAN_CLI         the rehabplan executable under test
    REHABPLAN_SOURCE_DIR  the source tree (examples/, tests/data/)
By hand, from the repository root:
    REHABPLAN_CLI=$PWD/build/rehabplan /usr/bin/python3 -m pytest -q tests/cli

Every passing `assert` is counted (pytest's assertion-pass hook, switched on in pytest.ini),
and the summary says how many checks passed.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
from dataclasses import dataclass
from typing import Optional, Sequence, Union

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("REHABPLAN_SOURCE_DIR") or pathlib.Path(__file__).resolve().parents[2])
EXAMPLES = SOURCE_DIR / "examples"

_checks_passed = 0


def pytest_assertion_pass(item, lineno, orig, expl):
    global _checks_passed
    _checks_passed += 1


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(f"cli: {_checks_passed} checks passed")


@dataclass
class Result:
    """What one CLI run gave: the exit code and its output decoded as UTF-8."""
    code: int
    out: str
    err: str
    out_bytes: bytes


class Cli:
    def __init__(self, path: str):
        self.path = path

    def __call__(self, *args: Union[str, os.PathLike], stdin: Union[None, bytes, pathlib.Path] = None,
                 stdout_file: Optional[str] = None) -> Result:
        """Runs the CLI. stdin: bytes come through a pipe, a path as a file (like `< file`).
        stdout_file: stdout goes to that file (like `> file`) instead of being captured."""
        argv = [self.path, *map(str, args)]
        kwargs = {"stderr": subprocess.PIPE, "timeout": 300}
        opened = []
        try:
            if isinstance(stdin, bytes):
                kwargs["input"] = stdin
            elif stdin is not None:
                opened.append(open(stdin, "rb"))
                kwargs["stdin"] = opened[-1]
            else:
                kwargs["stdin"] = subprocess.DEVNULL
            if stdout_file is not None:
                opened.append(open(stdout_file, "wb"))
                kwargs["stdout"] = opened[-1]
            else:
                kwargs["stdout"] = subprocess.PIPE
            p = subprocess.run(argv, **kwargs)
        finally:
            for f in opened:
                f.close()
        out = p.stdout or b""
        return Result(p.returncode, out.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), out)


@pytest.fixture(scope="session")
def cli() -> Cli:
    path = os.environ.get("REHABPLAN_CLI")
    if not path:
        pytest.fail("REHABPLAN_CLI is not set: it names the rehabplan executable to test", pytrace=False)
    if not os.access(path, os.X_OK):
        pytest.fail(f"REHABPLAN_CLI={path} is not an executable", pytrace=False)
    return Cli(path)


@pytest.fixture(scope="session")
def ex() -> pathlib.Path:
    """examples/ of the source tree."""
    return EXAMPLES


@pytest.fixture(scope="session")
def src() -> pathlib.Path:
    return SOURCE_DIR


@pytest.fixture(scope="session")
def tmp(tmp_path_factory) -> pathlib.Path:
    """One directory for the files the tests share (written by the fixtures below)."""
    return tmp_path_factory.mktemp("cli")


# Small input documents the cases name as {tmp}/<file>.
DOCUMENTS = {
    # an age no int holds
    "p.json": '{"schema_version": 1, "age": 1e300, "sex": "male", "baseline_minutes": 10}',
    "empty.json": "",
    # a clinic rule file that loosens a rule (refused: a clinic may only tighten) ...
    "loose.json": '{"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"max_percent_hrmax": 90}}}}',
    # ... and two that tighten one
    "tight.json": '{"schema_version": 1, "rules": {"session.duration": {"params": {"min_minutes": 50}}}}',
    "hr75.json": '{"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"max_percent_hrmax": 75}}}}',
    "huge-log.json": '{"schema_version": 1, "entries": [{"date": "2026-11-23", "minutes": 1e300}]}',
    "stop-log.json": '{"schema_version": 1, "entries": [{"date": "2026-11-23", "type": "aerobic", "minutes": 20, '
                     '"stop_signal": true, "note": "chest pain"}]}',
}


@pytest.fixture(scope="session")
def documents(tmp) -> pathlib.Path:
    """DOCUMENTS written into `tmp`; returns `tmp`."""
    for name, text in DOCUMENTS.items():
        (tmp / name).write_text(text, encoding="utf-8")
    return tmp


@pytest.fixture(scope="session")
def batch_inputs(tmp, ex, src) -> pathlib.Path:
    """The NDJSON batch inputs, written from the examples into `tmp`; returns `tmp`."""
    def load(name):
        return json.loads((ex / name).read_text(encoding="utf-8"))
    stroke, older = load("patient-stroke.json"), load("patient-older-adult.json")
    req = {"schema_version": 1, "start_date": "2026-11-23", "weeks": 2}
    req_nl = dict(req, language="nl")
    refused = {"schema_version": 1, "age": 60, "sex": "male",
               "conditions": [{"type": "stroke", "event_date": "2026-08-14"}],
               "contraindications": {"named": ["unstable_angina"]}, "baseline_minutes": 20}
    golden = json.loads((src / "tests/data/golden/stroke-standard-12w.json").read_text(encoding="utf-8"))

    def line(d):
        return json.dumps(d, ensure_ascii=False)
    good = [line({"id": "g1", "patient": stroke, "request": req}),
            line({"id": 2, "patient": stroke, "plan": load("plan-stroke-week.json")}),
            line({"id": "f1", "patient": older, "request": req_nl, "format": "fhir"})]

    def write(name, lines, end="\n", last=True):
        with open(tmp / name, "w", newline="", encoding="utf-8") as f:
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
    write("one.ndjson", good[:1])
    return tmp


BATCH_INPUTS = ["good.ndjson", "good-crlf.ndjson", "good-no-final-newline.ndjson", "refused.ndjson",
                "breaks-rule.ndjson", "golden.ndjson", "bad.ndjson", "one.ndjson"]


@pytest.fixture(scope="session")
def good_out(cli, batch_inputs) -> Result:
    """`rehabplan batch good.ndjson`: the reference output of the three good lines (its checks
    are test_batch_file's; the tests that compare with it need records to compare)."""
    r = cli("batch", batch_inputs / "good.ndjson")
    if r.out.count("\n") != 3:
        pytest.fail(f"rehabplan batch good.ndjson gave no 3 records to compare with (exit {r.code}): {r.err}")
    return r


@pytest.fixture(scope="session")
def bad_out(cli, batch_inputs) -> Result:
    """`rehabplan batch bad.ndjson --threads 1`: the reference output with bad lines (checked
    by test_batch_bad)."""
    r = cli("batch", batch_inputs / "bad.ndjson", "--threads", "1")
    if r.out.count("\n") != 7:
        pytest.fail(f"rehabplan batch bad.ndjson gave no 7 records to compare with (exit {r.code}): {r.err}")
    return r


def record_problems(out: str, input_file: pathlib.Path) -> Sequence[str]:
    """What is wrong with a batch output: it must have one record per input line, numbered
    from 1, each with a status ok, refused or error. Empty when all is well."""
    lines = input_file.read_bytes().decode("utf-8").replace("\r\n", "\n")
    n_in = lines.count("\n") + (0 if lines.endswith("\n") or lines == "" else 1)
    if not out.endswith("\n"):
        return ["no final line break"]
    try:
        recs = [json.loads(line) for line in out[:-1].split("\n")]
    except ValueError as e:
        return [f"a line is not JSON: {e}"]
    problems = []
    if len(recs) != n_in:
        problems.append(f"{len(recs)} records for {n_in} lines")
    if [r.get("line") for r in recs] != list(range(1, n_in + 1)):
        problems.append(f"line numbers {[r.get('line') for r in recs]}")
    problems += [f"status {r.get('status')!r}" for r in recs if r.get("status") not in ("ok", "refused", "error")]
    return problems


def bundle_problems(text: str, lang: str) -> Sequence[str]:
    """What keeps `text` from being a FHIR collection Bundle with one CarePlan in `lang`."""
    try:
        d = json.loads(text)
    except ValueError as e:
        return [f"not JSON: {e}"]
    problems = []
    if d.get("resourceType") != "Bundle" or d.get("type") != "collection":
        problems.append(f"not a collection Bundle: {d.get('resourceType')}/{d.get('type')}")
    kinds = [e["resource"]["resourceType"] for e in d.get("entry", [])]
    if kinds.count("CarePlan") != 1:
        problems.append(f"resources {kinds}: want one CarePlan")
    if d.get("language") != lang:
        problems.append(f"language {d.get('language')!r}, want {lang!r}")
    return problems
