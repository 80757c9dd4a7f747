"""The session-log schema (schema/session-log.schema.json) against the example logs and
the parser/schema agreement corpus in tests/data/corpus-log/.

Run with: /usr/bin/python3 -m pytest tests/python/test_session_log_schema.py

As for patients and plans (test_schemas.py and tests/unit/corpus_test.cpp), the corpus
manifest (tests/data/corpus-log/manifest.json) says for every file what the C++ parser
must answer ("valid", "code", "path") and what the JSON Schema must answer
("schema_valid"). This file checks the schema side; tests/unit/session_log_test.cpp
checks the parser side against the same manifest. They differ only for the semantic
checks listed in schema/README.md (section Session log), which `semantic_error` mirrors.
"""

import datetime
import json
import pathlib

import pytest
from jsonschema import Draft202012Validator

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "schema" / "session-log.schema.json"
EXAMPLES_DIR = ROOT / "examples"
CORPUS_DIR = ROOT / "tests" / "data" / "corpus-log"
PLANS_DIR = ROOT / "tests" / "data" / "progress"


def _schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _validator():
    return Draft202012Validator(_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON")


def load_json_text(data):
    """Strict JSON: UTF-8, no NaN/Infinity. Raises ValueError for anything else."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data  # UnicodeDecodeError is a ValueError
    return json.loads(text, parse_constant=_reject_constant)


def schema_errors(doc):
    return sorted(_validator().iter_errors(doc), key=lambda e: list(e.absolute_path))


def is_schema_valid(data):
    try:
        doc = load_json_text(data)
    except ValueError:
        return False
    return not schema_errors(doc)


def semantic_error(doc):
    """JSON Pointer of the first semantic error of a schema-valid log, or None: the
    document-only checks of schema/README.md, in the parser's order."""
    for i, e in enumerate(doc["entries"]):
        p = f"/entries/{i}"
        if e.get("completed", True) and e["minutes"] == 0:
            return p + "/minutes"
        hr = e.get("heart_rate", {})
        if "average_bpm" in hr and "peak_bpm" in hr and hr["peak_bpm"] < hr["average_bpm"]:
            return p + "/heart_rate/peak_bpm"
        if hr.get("minutes_in_zone", 0) > e["minutes"]:
            return p + "/heart_rate/minutes_in_zone"
        ids = [x["id"] for x in e.get("exercises", [])]
        for k, x in enumerate(ids):
            if x in ids[:k]:
                return p + f"/exercises/{k}/id"
    dates = [d["date"] for d in doc.get("days", [])]
    for i, d in enumerate(dates):
        if d in dates[:i]:
            return f"/days/{i}/date"
    return None


# --- the schema -----------------------------------------------------------------------

def test_schema_is_valid_draft_2020_12():
    schema = _schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://rehabplan.example/schema/session-log.schema.json"
    assert schema.get("title") and schema.get("description")


def _walk(node, path=""):
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from _walk(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, f"{path}/{i}")


def test_every_object_schema_is_closed():
    for path, node in _walk(_schema()):
        if node.get("type") == "object" and "properties" in node:
            assert node.get("additionalProperties") is False, f"{path}: additionalProperties must be false"


def test_session_types_are_the_plans():
    plan = json.loads((ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    plan_types = plan["$defs"]["session"]["properties"]["type"]["enum"]
    assert _schema()["$defs"]["entry"]["properties"]["type"]["enum"] == plan_types


def test_patient_id_is_the_plans():
    plan = json.loads((ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    plan_id = dict(plan["properties"]["patient"]["properties"]["id"])
    log_id = dict(_schema()["properties"]["patient_id"])
    plan_id.pop("description")
    log_id.pop("description")
    assert log_id == plan_id


# --- the example logs -------------------------------------------------------------------

LOG_EXAMPLES = sorted(p.name for p in EXAMPLES_DIR.glob("log-*.json"))


def _date(s):
    return datetime.date.fromisoformat(s)


def test_log_examples_exist():
    assert LOG_EXAMPLES == ["log-concussion.json", "log-stroke.json"]


@pytest.mark.parametrize("name", LOG_EXAMPLES)
def test_log_example_validates(name):
    doc = load_json_text((EXAMPLES_DIR / name).read_bytes())
    errors = schema_errors(doc)
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]
    assert semantic_error(doc) is None


def _load(path):
    return load_json_text(path.read_bytes())


def test_stroke_log_is_what_it_says():
    """Weeks 1-3 of the generated stroke plan: the planned types, RPE 11-14, heart rate
    near the plan's zone, one missed session and one not completed."""
    log = _load(EXAMPLES_DIR / "log-stroke.json")
    plan = _load(PLANS_DIR / "plan-stroke.json")
    assert log["patient_id"] == plan["patient"]["id"]
    start = _date(plan["start_date"])
    end = start + datetime.timedelta(days=20)
    planned = {(s["date"], s["type"]) for s in plan["sessions"] if _date(s["date"]) <= end}
    logged = [(e["date"], e["type"]) for e in log["entries"]]
    assert all(start <= _date(d) <= end for d, _ in logged)
    assert len(set(logged)) == len(logged)
    assert set(logged) <= planned
    assert len(planned - set(logged)) == 1  # one missed session
    assert sum(not e.get("completed", True) for e in log["entries"]) == 1
    assert all(11 <= e["rpe"] <= 14 for e in log["entries"])
    zone = plan["heart_rate_zone"]
    for e in log["entries"]:
        if "heart_rate" in e:
            assert zone["low_bpm"] - 10 <= e["heart_rate"]["average_bpm"] <= zone["high_bpm"] + 10


def test_concussion_log_has_a_symptom_rise_in_week_2():
    log = _load(EXAMPLES_DIR / "log-concussion.json")
    plan = _load(PLANS_DIR / "plan-concussion.json")
    assert log["patient_id"] == plan["patient"]["id"]
    start = _date(plan["start_date"])
    by_week = {}
    for e in log["entries"]:
        week = (_date(e["date"]) - start).days // 7 + 1
        by_week.setdefault(week, []).append(e["symptoms"]["concussion_score"])
    assert sorted(by_week) == [1, 2]
    assert max(by_week[2]) > max(by_week[1])


# --- corpus -----------------------------------------------------------------------------

MANIFEST = json.loads((CORPUS_DIR / "manifest.json").read_text(encoding="utf-8"))
CORPUS = sorted(p.name for p in CORPUS_DIR.iterdir() if p.name != "manifest.json")


def test_manifest_lists_every_corpus_file():
    assert sorted(MANIFEST) == CORPUS


def test_corpus_size():
    valid = [n for n, m in MANIFEST.items() if m["valid"]]
    semantic = [n for n, m in MANIFEST.items() if m["schema_valid"] and not m["valid"]]
    assert len(MANIFEST) >= 60
    assert len(valid) >= 8
    assert len(semantic) >= 4


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_manifest_entry_is_well_formed(name):
    m = MANIFEST[name]
    assert set(m) == {"valid", "schema_valid", "code", "path", "note"}
    assert isinstance(m["valid"], bool) and isinstance(m["schema_valid"], bool)
    assert isinstance(m["note"], str) and m["note"]
    if m["valid"]:
        assert m["schema_valid"] and m["code"] is None and m["path"] is None
    else:
        assert m["code"] in ("parse_error", "schema_error")
        assert isinstance(m["path"], str) and (m["path"] == "" or m["path"].startswith("/"))
        if m["code"] == "parse_error":
            assert m["path"] == "" and not m["schema_valid"]


@pytest.mark.parametrize("name", CORPUS)
def test_corpus_schema_verdict(name):
    m = MANIFEST[name]
    assert is_schema_valid((CORPUS_DIR / name).read_bytes()) == m["schema_valid"]


@pytest.mark.parametrize("name", CORPUS)
def test_corpus_agrees_with_semantic_checks(name):
    """Non-JSON text must be a parse_error; for schema-valid documents the semantic
    checks decide `valid` and the reported path."""
    m = MANIFEST[name]
    try:
        doc = load_json_text((CORPUS_DIR / name).read_bytes())
    except ValueError:
        assert m["code"] == "parse_error"
        return
    if not m["schema_valid"]:
        return
    assert semantic_error(doc) == (None if m["valid"] else m["path"])


def _pointer(error):
    return "".join(f"/{str(t).replace('~', '~0').replace('/', '~1')}" for t in error.absolute_path)


@pytest.mark.parametrize("name", [n for n, m in sorted(MANIFEST.items()) if not m["schema_valid"]])
def test_corpus_schema_errors_point_at_the_one_defect(name):
    """Each invalid document has one defect: every schema error sits at the manifest path
    or at one of its ancestors (required and additionalProperties report at the object)."""
    m = MANIFEST[name]
    if m["code"] == "parse_error":
        return
    doc = load_json_text((CORPUS_DIR / name).read_bytes())
    errors = schema_errors(doc)
    assert errors
    for e in errors:
        at = _pointer(e)
        assert m["path"] == at or m["path"].startswith(at + "/"), f"schema error at {at!r} ({e.message}) vs {m['path']!r}"
