"""schema/progress.schema.json against the progress reports the library writes and a few
hand-written documents.

- every JSON golden in tests/data/golden/progress/ (written by render_progress, see
  tests/unit/render_progress_test.cpp) validates, has its numbers rounded to at most 2
  decimals and leaves absent values out instead of writing null;
- the schema is draft 2020-12, closed, and rejects what a report never contains (unknown
  fields, a decision or rule that does not exist, ratings out of range, null for an
  absent value, a finding without its message).

Run with: /usr/bin/python3 -m pytest tests/python/test_progress_schema.py
"""

import copy
import json
import pathlib

import pytest
from jsonschema import Draft202012Validator

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "schema" / "progress.schema.json"
GOLDEN_DIR = ROOT / "tests" / "data" / "golden" / "progress"

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
GOLDENS = sorted(p.name for p in GOLDEN_DIR.glob("*.json"))


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"), parse_constant=_reject_constant)


def errors(doc):
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in sorted(VALIDATOR.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))]


def _walk(node, path=""):
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from _walk(v, f"{path}/{k}")
    elif isinstance(node, list):
        yield path, node
        for i, v in enumerate(node):
            yield from _walk(v, f"{path}/{i}")
    else:
        yield path, node


# --- the schema ----------------------------------------------------------------------

def test_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"] == "https://rehabplan.example/schema/progress.schema.json"
    assert SCHEMA.get("title") and SCHEMA.get("description")


def test_every_object_schema_is_closed():
    for path, node in _walk(SCHEMA):
        if isinstance(node, dict) and node.get("type") == "object" and "properties" in node:
            assert node.get("additionalProperties") is False, f"{path}: additionalProperties must be false"


def test_finding_is_the_findings_document_finding():
    findings = json.loads((ROOT / "schema" / "findings.schema.json").read_text(encoding="utf-8"))
    mine, theirs = copy.deepcopy(SCHEMA["$defs"]["finding"]), copy.deepcopy(findings["$defs"]["finding"])
    for d in (mine, theirs):  # only the description of the path may differ (what it points into)
        d["properties"]["path"].pop("description")
    assert mine == theirs


def test_documented_in_the_readme():
    readme = (ROOT / "schema" / "README.md").read_text(encoding="utf-8")
    assert "`progress.schema.json`" in readme
    assert "## Progress report" in readme


# --- what the library writes -----------------------------------------------------------

def test_goldens_exist():
    assert "handmade.json" in GOLDENS


@pytest.mark.parametrize("name", GOLDENS)
def test_golden_validates(name):
    doc = load(GOLDEN_DIR / name)
    assert errors(doc) == []


@pytest.mark.parametrize("name", GOLDENS)
def test_golden_numbers_are_rounded_and_nothing_is_null(name):
    doc = load(GOLDEN_DIR / name)
    for path, value in _walk(doc):
        assert value is not None or path.startswith("/findings/"), f"{path}: null (absent values are left out)"
        if isinstance(value, float):
            assert round(value, 2) == value, f"{path}: {value} has more than 2 decimals"
    text = (GOLDEN_DIR / name).read_text(encoding="utf-8")
    assert text.endswith("}\n")


@pytest.mark.parametrize("name", GOLDENS)
def test_golden_is_consistent(name):
    doc = load(GOLDEN_DIR / name)
    weeks = doc["weeks"]
    assert [w["week"] for w in weeks] == list(range(1, len(weeks) + 1))
    for w in weeks:
        assert w["completed_sessions"] <= w["logged_sessions"]
        assert w["minutes_in_zone"] <= w["hr_logged_minutes"]
        if "strain" in w["load"]:
            assert "monotony" in w["load"]
    assert all(w["complete"] for w in weeks[:-1])
    counts = {"errors": 0, "warnings": 0, "infos": 0}
    for f in doc["findings"]:
        counts[f["severity"] + "s"] += 1
    assert doc["summary"] == counts


# --- hand-written documents ---------------------------------------------------------------

MINIMAL = {
    "schema_version": 1,
    "today": "2026-11-23",
    "next": "advance",
    "next_rule": "",
    "next_reason": {"en": "The plan starts today.", "nl": "Het plan begint vandaag."},
    "next_from": "2026-11-23",
    "weeks": [],
    "summary": {"errors": 0, "warnings": 0, "infos": 0},
    "findings": [],
}

WEEK = {
    "week": 1,
    "start": "2026-11-23",
    "complete": True,
    "planned_sessions": 4,
    "planned_minutes": 160,
    "logged_sessions": 3,
    "completed_sessions": 3,
    "done_minutes": 120,
    "extra_sessions": 0,
    "extra_minutes": 0,
    "adherence_percent": 75,
    "hr_logged_minutes": 90,
    "minutes_in_zone": 80,
    "mean_rpe": 12.67,
    "worst": {"pain": 3},
    "stop_signals": 0,
    "load": {"load": 1520, "sessions_with_rpe": 3, "monotony": 0.91, "strain": 1383.2},
    "decision": "hold",
    "rule": "progress.adherence",
    "reason": {"en": "Less than 80 % was done.", "nl": "Minder dan 80 % is gedaan."},
}


def full():
    doc = copy.deepcopy(MINIMAL)
    doc.update({
        "today": "2026-12-02",
        "programme": "graded_exposure",
        "language": "nl",
        "next": "hold",
        "next_rule": "progress.adherence",
        "next_from": "2026-11-30",
        "stop_signal_date": "2026-11-27",
        "exposure": {"activity": "fietsen", "hierarchy_fear": 40, "last_fear": 30, "move_on": False, "item": 0, "items": 5},
        "weeks": [copy.deepcopy(WEEK)],
    })
    return doc


def test_hand_written_documents_validate():
    assert errors(MINIMAL) == []
    assert errors(full()) == []


def _changed(change):
    doc = full()
    change(doc)
    return doc


@pytest.mark.parametrize("change", [
    lambda d: d.update(extra=1),
    lambda d: d.update(schema_version=2),
    lambda d: d.pop("next_from"),
    lambda d: d.update(next="pause"),
    lambda d: d.update(next_rule="Progress Adherence"),
    lambda d: d.update(today="2026-13-01"),
    lambda d: d.update(language="de"),
    lambda d: d.update(stop_signal_date=None),
    lambda d: d["next_reason"].pop("nl"),
    lambda d: d["weeks"][0].update(mean_rpe=None),
    lambda d: d["weeks"][0].update(mean_rpe=21),
    lambda d: d["weeks"][0].update(decision="advance_fast"),
    lambda d: d["weeks"][0].update(week=0),
    lambda d: d["weeks"][0].update(planned_minutes=-1),
    lambda d: d["weeks"][0].update(colour="green"),
    lambda d: d["weeks"][0]["worst"].update(pain=11),
    lambda d: d["weeks"][0]["worst"].update(concussion_score=133),
    lambda d: d["weeks"][0]["worst"].update(nausea=2),
    lambda d: d["weeks"][0]["load"].pop("sessions_with_rpe"),
    lambda d: d["weeks"][0]["load"].update(acwr=-0.5),
    lambda d: d["weeks"][0].update(exposure_fear=101),
    lambda d: d["weeks"][0].update(exposure_activity=""),
    lambda d: d["exposure"].pop("move_on"),
    lambda d: d["exposure"].update(items=0),
    lambda d: d["summary"].pop("infos"),
    lambda d: d["findings"].append({"rule": "progress.adherence", "severity": "warning", "path": "", "week": None, "date": None,
                                    "citations": []}),
    lambda d: d["findings"].append({"rule": "progress.adherence", "severity": "fatal", "path": "", "week": None, "date": None,
                                    "message": {"en": "x", "nl": "x"}, "citations": []}),
])
def test_schema_rejects(change):
    assert errors(_changed(change))


def test_a_finding_as_the_findings_document_writes_it_is_accepted():
    doc = full()
    doc["findings"].append({"rule": "progress.adherence", "severity": "warning", "path": "/entries/3", "week": "2026-W48",
                            "date": "2026-11-25", "expected": "at least 80 %", "actual": "75 %",
                            "message": {"en": "x", "nl": "y"}, "citations": ["A reference."]})
    doc["summary"]["warnings"] = 1
    assert errors(doc) == []
