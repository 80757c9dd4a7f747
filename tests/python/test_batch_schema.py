"""schema/batch-request.schema.json and schema/batch-result.schema.json against the batch
the CLI runs (`rehabplan batch`, REHABPLAN_CLI) on lines of every kind:

- every result record validates against the result schema, with the plan and findings
  documents inside checked by their own schemas; the records come one per input line, in
  order, numbered from 1;
- the request schema accepts the good lines and rejects the lines the library turns into
  error records for a schema reason (unknown field, both request and plan, a bad id, ...);
- the result schema is closed and rejects what a record never holds (an error with a plan,
  a refused validate line, an unknown status).

Run with: REHABPLAN_CLI=build/rehabplan /usr/bin/python3 -m pytest tests/python/test_batch_schema.py
"""

import copy
import json
import os
import pathlib
import subprocess

import pytest
from jsonschema import Draft202012Validator, RefResolver

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "schema"
EXAMPLES = ROOT / "examples"

STORE = {}
for path in SCHEMA_DIR.glob("*.schema.json"):
    schema = json.loads(path.read_text(encoding="utf-8"))
    STORE[schema["$id"]] = schema


def validator(name):
    schema = STORE[f"https://rehabplan.example/schema/{name}.schema.json"]
    return Draft202012Validator(schema, resolver=RefResolver.from_schema(schema, store=STORE),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


REQUEST = validator("batch-request")
RESULT = validator("batch-result")


def errors(v, doc):
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(doc)]


def example(name):
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


STROKE = example("patient-stroke.json")
REQUEST_12W = {"schema_version": 1, "start_date": "2026-11-23", "weeks": 12}

GOOD = [
    {"id": "g-1", "patient": STROKE, "request": REQUEST_12W},
    {"id": 2, "patient": STROKE, "request": {"schema_version": 1, "start_date": "2026-11-25", "weeks": 2},
     "format": "fhir", "lang": "nl"},
    {"id": "v-3", "patient": STROKE, "plan": example("plan-with-errors.json")},
    {"patient": example("patient-concussion.json"), "plan": example("plan-concussion.json")},
    {"id": "refused", "patient": {**STROKE, "contraindications": {"named": ["unstable_angina"]}}, "request": REQUEST_12W},
]
# Lines the library answers with an error record because they break the request schema.
SCHEMA_BAD = [
    {"patient": STROKE},
    {"patient": STROKE, "request": REQUEST_12W, "plan": example("plan-stroke-week.json")},
    {"id": [1], "patient": STROKE, "request": REQUEST_12W},
    {"id": "", "patient": STROKE, "request": REQUEST_12W},
    {"id": 2 ** 53, "patient": STROKE, "request": REQUEST_12W},
    {"patient": STROKE, "plan": example("plan-stroke-week.json"), "format": "fhir"},
    {"patient": STROKE, "request": REQUEST_12W, "format": "pdf"},
    {"patient": STROKE, "request": REQUEST_12W, "extra": True},
    {"patient": {**STROKE, "age": 1e300}, "request": REQUEST_12W},
    {"patient": STROKE, "request": {**REQUEST_12W, "weeks": 53}},
]


@pytest.fixture(scope="module")
def records():
    cli = os.environ.get("REHABPLAN_CLI")
    if not cli:
        pytest.fail("REHABPLAN_CLI must name the rehabplan command (ctest python.schemas sets it)")
    lines = [json.dumps(l) for l in GOOD + SCHEMA_BAD] + ["", "not json"]
    run = subprocess.run([cli, "batch", "--threads", "2", "--no-progress"], input="\n".join(lines).encode() + b"\n",
                         capture_output=True, check=False)
    assert run.returncode == 3, run.stderr  # bad lines: exit 3, and every line still has its record
    out = run.stdout.decode("utf-8").split("\n")
    assert out[-1] == ""
    return [json.loads(l) for l in out[:-1]]


def test_one_record_per_line_in_order(records):
    assert [r["line"] for r in records] == list(range(1, len(GOOD) + len(SCHEMA_BAD) + 3))


def test_every_record_validates_against_the_result_schema(records):
    for r in records:
        assert errors(RESULT, r) == [], r["line"]


def test_the_good_lines_have_their_results(records):
    by_id = {r.get("id"): r for r in records}
    assert by_id["g-1"]["status"] == "ok" and by_id["g-1"]["plan"]["weeks"] == 12
    assert by_id[2]["fhir"]["resourceType"] == "Bundle" and by_id[2]["fhir"]["language"] == "nl"
    assert by_id["v-3"]["kind"] == "validate" and by_id["v-3"]["findings"]["summary"]["errors"] > 0
    assert by_id["refused"]["status"] == "refused"
    assert any(f["rule"] == "safety.contraindication" for f in by_id["refused"]["findings"]["findings"])


def test_the_request_schema_accepts_the_good_lines():
    for line in GOOD:
        assert errors(REQUEST, line) == [], line.get("id")


@pytest.mark.parametrize("i", range(len(SCHEMA_BAD)))
def test_a_line_the_schema_rejects_is_an_error_record(records, i):
    assert errors(REQUEST, SCHEMA_BAD[i]) != []
    record = records[len(GOOD) + i]
    assert record["status"] == "error" and record["error"]["code"] in ("schema_error", "parse_error"), record


def test_error_messages_name_the_field_from_the_lines_root(records):
    by_line = {r["line"]: r for r in records}
    first_bad = len(GOOD) + 1
    assert by_line[first_bad + 2]["error"]["message"].startswith("/id: ")
    assert by_line[first_bad + 8]["error"]["message"] == "/patient/age: expected an integer 12-110, got number 1e+300"
    assert by_line[first_bad + 9]["error"]["message"].startswith("/request/weeks: ")
    assert by_line[len(GOOD) + len(SCHEMA_BAD) + 1]["error"]["message"].startswith("empty line")


@pytest.mark.parametrize("change", [
    lambda r: r.update(status="unknown"),
    lambda r: r.update(error={"code": "schema_error", "message": "x"}),   # ok with an error
    lambda r: r.update(kind="validate"),                                  # a validate record with a plan
    lambda r: r.update(line=0),
    lambda r: r.update(extra=1),
    lambda r: r.pop("findings"),
])
def test_the_result_schema_rejects_what_a_record_never_holds(records, change):
    record = copy.deepcopy(records[0])
    assert errors(RESULT, record) == []
    change(record)
    assert errors(RESULT, record) != []


def test_an_error_record_never_carries_a_result(records):
    record = copy.deepcopy(next(r for r in records if r["status"] == "error"))
    record["findings"] = {"schema_version": 1, "summary": {"errors": 0, "warnings": 0, "infos": 0}, "findings": []}
    assert errors(RESULT, record) != []
