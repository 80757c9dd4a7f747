"""The JSON Schemas in schema/ against the examples, the built-in rule set and the
parser/schema agreement corpus in tests/data/corpus/.

Run with: /usr/bin/python3 -m pytest tests/python/test_schemas.py

The corpus manifest (tests/data/corpus/manifest.json) says for every file what the
C++ parser must answer ("valid", "code", "path") and what the JSON Schema must answer
("schema_valid"). This file checks the schema side; the C++ tests check the parser
side against the same manifest. The two differ only for the semantic checks listed in
schema/README.md, which `semantic_error` below mirrors so that those cases are pinned
here too.
"""

import datetime
import json
import pathlib

import pytest
from jsonschema import Draft202012Validator

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "schema"
EXAMPLES_DIR = ROOT / "examples"
CORPUS_DIR = ROOT / "tests" / "data" / "corpus"
RULES_JSON = ROOT / "data" / "rules.json"
PROGRAMMES_JSON = ROOT / "data" / "programmes.json"

SCHEMA_NAMES = ["patient", "plan", "rules", "findings", "zones", "request", "programmes", "exercises"]
KINDS = ["patient", "plan", "rules", "exercises"]  # kinds of the corpus manifest
EXAMPLE_KINDS = KINDS + ["request"]           # kinds of examples/<kind>-*.json


def _load_schema(name):
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def _validator(name):
    return Draft202012Validator(_load_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON")


def load_json_text(data):
    """Strict JSON: UTF-8, no NaN/Infinity. Raises ValueError for anything else."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data  # UnicodeDecodeError is a ValueError
    return json.loads(text, parse_constant=_reject_constant)


def schema_errors(kind, doc):
    return sorted(_validator(kind).iter_errors(doc), key=lambda e: list(e.absolute_path))


def is_schema_valid(kind, data):
    try:
        doc = load_json_text(data)
    except ValueError:
        return False
    return not schema_errors(kind, doc)


# --- the semantic checks of schema/README.md, for schema-valid documents ---------------

def _date(s):
    return datetime.date.fromisoformat(s)


def semantic_error(kind, doc):
    """JSON Pointer of the first semantic error of a schema-valid document, or None."""
    if kind == "patient":
        seen = set()
        for i, c in enumerate(doc.get("conditions", [])):
            if c["type"] in seen:
                return f"/conditions/{i}/type"
            seen.add(c["type"])
        return None
    if kind == "plan":
        start = _date(doc["start_date"])
        end = start + datetime.timedelta(days=7 * int(doc["weeks"]) - 1)
        if doc.get("full_dose_week", 1) > doc["weeks"]:
            return "/full_dose_week"
        if "daily_steps" in doc and doc["daily_steps"]["low"] > doc["daily_steps"]["high"]:
            return "/daily_steps/low"
        for i, s in enumerate(doc["sessions"]):
            p = f"/sessions/{i}"
            if not start <= _date(s["date"]) <= end:
                return p + "/date"
            for low, high in (("hr_low_bpm", "hr_high_bpm"), ("percent_low", "percent_high"),
                              ("rpe_low", "rpe_high")):
                i_ = s.get("intensity", {})
                if low in i_ and i_[low] > i_[high]:
                    return f"{p}/intensity/{low}"
            if "blocks" in s and sum(b["minutes"] for b in s["blocks"]) != s["minutes"]:
                return p + "/blocks"
            for j, e in enumerate(s.get("exercises", [])):
                if "rpe" in e and e["rpe"]["low"] > e["rpe"]["high"]:
                    return f"{p}/exercises/{j}/rpe/low"
        for i, m in enumerate(doc.get("outcome_measures", [])):
            if not start <= _date(m["date"]) <= end:
                return f"/outcome_measures/{i}/date"
        return None
    return None


# --- schemas ------------------------------------------------------------------------

@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_draft_2020_12(name):
    schema = _load_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://rehabplan.example/schema/{name}.schema.json"
    assert schema.get("title") and schema.get("description")


def _walk(node, path=""):
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from _walk(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, f"{path}/{i}")


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_object_schema_is_closed(name):
    for path, node in _walk(_load_schema(name)):
        if node.get("type") == "object" and "properties" in node:
            assert node.get("additionalProperties") is False, f"{name}{path}: additionalProperties must be false"


# --- examples -----------------------------------------------------------------------

# Session logs (log-*.json) are checked in test_session_log_schema.py.
EXAMPLES = sorted(p.name for p in EXAMPLES_DIR.glob("*.json") if not p.name.startswith("log-"))


def _kind_of_example(name):
    for kind in EXAMPLE_KINDS:
        if name.startswith(kind + "-"):
            return kind
    return None


def test_examples_exist():
    for name in ["patient-stroke.json", "patient-concussion.json", "patient-older-adult.json",
                 "plan-stroke-week.json", "plan-concussion.json", "plan-with-errors.json",
                 "patient-chronic-pain.json", "patient-tbi.json", "request-stroke-12-weeks.json"]:
        assert name in EXAMPLES


def test_every_example_has_a_kind():
    assert [n for n in EXAMPLES if _kind_of_example(n) is None] == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_validates(name):
    kind = _kind_of_example(name)
    if kind is None:
        pytest.skip(f"{name}: not a patient, plan, rules or request document")
    doc = load_json_text((EXAMPLES_DIR / name).read_bytes())
    errors = schema_errors(kind, doc)
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]
    assert semantic_error(kind, doc) is None


def _example(name):
    return json.loads((EXAMPLES_DIR / name).read_text(encoding="utf-8"))


def _weekly_aerobic_minutes(plan):
    start = _date(plan["start_date"])
    weeks = [0] * plan["weeks"]
    for s in plan["sessions"]:
        if s["type"] == "aerobic":
            weeks[(_date(s["date"]) - start).days // 7] += s["minutes"]
    return weeks


def test_stroke_plan_is_plausible():
    plan = _example("plan-stroke-week.json")
    assert plan["start_date"] == "2026-11-23" and plan["weeks"] == 2
    # The general signs everyone needs, plus the stroke signs (safety.stop_signals), 112 first.
    assert plan["stop_signals"] == ["stroke_signs", "seizure", "chest_pain", "unusual_breathlessness", "acute_dizziness",
                                    "palpitations", "severe_headache", "calf_pain", "emotional_dysregulation"]
    hrmax = 208 - 0.7 * 67  # Tanaka, 161.1
    for s in plan["sessions"]:
        if s["type"] == "aerobic":
            i = s["intensity"]
            assert i["class"] == "moderate"
            assert 0.55 * hrmax <= i["hr_low_bpm"] <= i["hr_high_bpm"] <= 0.80 * hrmax
    strength_days = {_date(s["date"]).strftime("%a") for s in plan["sessions"] if s["type"] == "strength"}
    assert strength_days == {"Mon", "Thu"}
    for week in range(2):
        balance_days = {s["date"] for s in plan["sessions"] if s["type"] == "balance"
                        and (_date(s["date"]) - _date(plan["start_date"])).days // 7 == week}
        assert len(balance_days) == 2
    w1, w2 = _weekly_aerobic_minutes(plan)
    assert w2 * 10 <= w1 * 11  # at most +10 % (stroke)
    totals = [0, 0]
    for s in plan["sessions"]:
        totals[(_date(s["date"]) - _date(plan["start_date"])).days // 7] += s["minutes"]
    assert totals[1] * 10 <= totals[0] * 11


def test_concussion_plan_is_plausible():
    plan = _example("plan-concussion.json")
    steps = {}
    for s in plan["sessions"]:
        assert s["intensity"]["class"] == "light"
        assert s["intensity"]["hr_high_bpm"] <= 120  # 80 % of the symptom threshold of 150 bpm
        steps.setdefault((_date(s["date"]) - _date(plan["start_date"])).days // 7, set()).add(s["concussion_step"])
    assert steps == {0: {2}, 1: {3}}
    w1, w2 = _weekly_aerobic_minutes(plan)
    assert w2 * 10 <= w1 * 12  # at most +20 % (concussion = mild TBI)


def test_plan_with_errors_has_its_errors():
    plan = _example("plan-with-errors.json")
    assert not plan.get("stop_signals") and plan.get("patient_facing", True)
    assert any(s["type"] == "hiit" and s["hiit"]["repeats"] == 12 for s in plan["sessions"])
    assert any(s["type"] == "aerobic" and s["intensity"]["hr_high_bpm"] == 150 for s in plan["sessions"])


def test_new_examples_are_what_they_say():
    pain = _example("patient-chronic-pain.json")
    assert [c["type"] for c in pain["conditions"]] == ["chronic_pain"]
    assert len(pain["fear_hierarchy"]) == 5
    assert {"activity": "bending to lift a crate of bottles", "fear": 70} in pain["fear_hierarchy"]
    tbi = _example("patient-tbi.json")
    assert [(c["type"], c["severity"]) for c in tbi["conditions"]] == [("tbi", "moderate")]
    assert tbi["hiit_screening_done"] is True and tbi["baseline_minutes"] == 25
    request = _example("request-stroke-12-weeks.json")
    assert (request["start_date"], request["weeks"], request["programme"]) == ("2026-11-23", 12, "standard")


# --- the built-in rule set ----------------------------------------------------------

def test_builtin_rules_validate():
    if not RULES_JSON.exists():
        pytest.skip("data/rules.json not written yet")
    doc = load_json_text(RULES_JSON.read_bytes())
    errors = schema_errors("rules", doc)
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


# --- the built-in programmes ---------------------------------------------------------

def _programmes():
    return load_json_text(PROGRAMMES_JSON.read_bytes())


def test_builtin_programmes_validate():
    errors = schema_errors("programmes", _programmes())
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def programmes_semantic_errors(doc):
    """The checks of src/planning/programme.cpp that programmes.schema.json cannot express."""
    errors = []
    for sid, slot in doc["slots"].items():
        if slot.get("cognitive_share_percent", 0) + slot.get("balance_share_percent", 0) > 80:
            errors.append(f"/slots/{sid}: shares above 80 %")
        t = slot.get("target_percent")
        if t and t["low"] > t["high"]:
            errors.append(f"/slots/{sid}/target_percent: low > high")
    for pid, prog in doc["programmes"].items():
        p = f"/programmes/{pid}"
        if prog["days_per_week"]["min"] > prog["days_per_week"]["max"]:
            errors.append(p + "/days_per_week: min > max")
        steps = prog.get("daily_steps")
        if steps and steps["low"] > steps["high"]:
            errors.append(p + "/daily_steps: low > high")
        expected_from = 1
        for i, phase in enumerate(prog["phases"]):
            first, last = phase["weeks"]
            if first != expected_from or last < first:
                errors.append(f"{p}/phases/{i}/weeks: phases must follow each other from week 1")
            expected_from = last + 1
            for k, sid in enumerate(phase["slots"]):
                if sid not in doc["slots"]:
                    errors.append(f"{p}/phases/{i}/slots/{k}: unknown slot {sid}")
        if expected_from != 53:
            errors.append(p + "/phases: phases must cover weeks 1-52")
    return errors


def test_builtin_programmes_pass_the_loader_checks():
    assert programmes_semantic_errors(_programmes()) == []


def test_programme_citations_are_rule_set_references():
    references = load_json_text(RULES_JSON.read_bytes())["references"]
    doc = _programmes()
    keys = set(doc["engine"]["citations"])
    for prog in doc["programmes"].values():
        keys |= set(prog["citations"])
    assert sorted(keys - set(references)) == []


def test_programme_ids_are_the_request_enum():
    request_enum = _load_schema("request")["properties"]["programme"]["enum"]
    assert sorted(request_enum) == sorted(_programmes()["programmes"])


def _mutated_programmes(change):
    doc = _programmes()
    change(doc)
    return doc


@pytest.mark.parametrize("change", [
    lambda d: d.update(extra=1),
    lambda d: d["engine"].update(session_minutes=5),
    lambda d: d["engine"].pop("citations"),
    lambda d: d["programmes"]["standard"].update(default_weeks=53),
    lambda d: d["programmes"]["standard"].update(colour="blue"),
    lambda d: d["programmes"]["standard"]["phases"][0].update(days="some"),
    lambda d: d["programmes"]["standard"]["phases"][0].update(weeks=[1]),
    lambda d: d["programmes"]["standard"]["title"].pop("nl"),
    lambda d: d["programmes"]["graded_exposure"].update(requires=["hiit_screening_done"]),
    lambda d: d["slots"]["strength"].pop("minutes"),
    lambda d: d["slots"]["strength"].update(on="weekends"),
    lambda d: d["slots"]["hiit_cycling"].pop("per_week"),
    lambda d: d["slots"]["hiit_cycling"].update(intensity="zone"),
    lambda d: d["slots"]["exposure"].update(type="yoga"),
    lambda d: d["outcome_measures"]["by_condition"].update(migraine=["moca"]),
    lambda d: d["outcome_measures"]["by_condition"].update(stroke=["vo2max"]),
])
def test_programmes_schema_rejects(change):
    assert schema_errors("programmes", _mutated_programmes(change))


@pytest.mark.parametrize("change", [
    lambda d: d["programmes"]["standard"]["phases"][0].update(weeks=[2, 52]),
    lambda d: d["programmes"]["standard"]["phases"][0].update(weeks=[1, 51]),
    lambda d: d["programmes"]["standard"]["phases"][0]["slots"].append("no_such_slot"),
    lambda d: d["programmes"]["standard"].update(days_per_week={"min": 5, "max": 3}),
    lambda d: d["slots"]["brain_training"].update(cognitive_share_percent=60, balance_share_percent=30),
])
def test_programmes_loader_checks_catch(change):
    doc = _mutated_programmes(change)
    assert not schema_errors("programmes", doc)
    assert programmes_semantic_errors(doc)


# --- corpus -------------------------------------------------------------------------

MANIFEST = json.loads((CORPUS_DIR / "manifest.json").read_text(encoding="utf-8"))
CORPUS = sorted(p.name for p in CORPUS_DIR.iterdir() if p.name != "manifest.json")


def test_manifest_lists_every_corpus_file():
    assert sorted(MANIFEST) == CORPUS


def test_corpus_size():
    valid = [n for n, m in MANIFEST.items() if m["valid"]]
    assert len(MANIFEST) >= 70
    assert len(valid) >= 12


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_manifest_entry_is_well_formed(name):
    m = MANIFEST[name]
    assert set(m) == {"kind", "valid", "schema_valid", "code", "path", "note"}
    assert m["kind"] in KINDS
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
    data = (CORPUS_DIR / name).read_bytes()
    assert is_schema_valid(m["kind"], data) == m["schema_valid"]


@pytest.mark.parametrize("name", CORPUS)
def test_corpus_agrees_with_semantic_checks(name):
    """Non-JSON text must be a parse_error; for schema-valid documents the semantic
    checks decide `valid` and the reported path."""
    m = MANIFEST[name]
    data = (CORPUS_DIR / name).read_bytes()
    try:
        doc = load_json_text(data)
    except ValueError:
        assert m["code"] == "parse_error"
        return
    if not m["schema_valid"]:
        return
    expected = None if m["valid"] else m["path"]
    assert semantic_error(m["kind"], doc) == expected


def _pointer(error):
    return "".join(f"/{str(t).replace('~', '~0').replace('/', '~1')}" for t in error.absolute_path)


@pytest.mark.parametrize("name", [n for n, m in sorted(MANIFEST.items()) if not m["schema_valid"]])
def test_corpus_schema_errors_point_at_the_one_defect(name):
    """Each invalid document has exactly one defect: every schema error sits at the
    manifest path or at one of its ancestors (required, additionalProperties and
    dependentRequired report at the object that holds the field)."""
    m = MANIFEST[name]
    if m["code"] == "parse_error":
        return  # the parser stops before any field (Python may still read 1e400 or deep nesting)
    doc = load_json_text((CORPUS_DIR / name).read_bytes())
    path = m["path"]
    for e in schema_errors(m["kind"], doc):
        at = _pointer(e)
        assert path == at or path.startswith(at + "/"), f"schema error at {at!r} ({e.message}) vs manifest {path!r}"


# --- output schemas: findings and zones ---------------------------------------------

FINDINGS_SAMPLE = {
    "schema_version": 1,
    "summary": {"errors": 1, "warnings": 1, "infos": 0},
    "findings": [
        {"rule": "safety.stop_signals", "severity": "error", "path": "", "week": None, "date": None,
         "expected": "stop signals in a patient-facing plan", "actual": "none",
         "message": {"en": "The plan does not list the stop signals.", "nl": "Het plan noemt de stopsignalen niet."},
         "citations": ["ACSM's Guidelines for Exercise Testing and Prescription."]},
        {"rule": "intensity.heart_rate", "severity": "warning", "path": "/sessions/7/intensity/hr_low_bpm",
         "week": "2026-W49", "date": "2026-12-02",
         "message": {"en": "...", "nl": "..."}, "citations": []},
    ],
}

ZONES_LIMIT = {"bpm": 128.88, "rule": "intensity.heart_rate", "param": "max_percent_hrmax", "source": "stroke",
               "basis": {"en": "80 % of HRmax 161.1", "nl": "80 % van HRmax 161.1"}}
ZONES_SAMPLE = {
    "schema_version": 1,
    "hrmax": {"bpm": 161.1, "source": "tanaka", "expression": "208 - 0.7 x age"},
    "resting_bpm": None,
    "basis": "percent_hrmax",
    "target": {"low_bpm": 89, "high_bpm": 128, "low_percent": 55, "high_percent": 80, "rpe_low": None, "rpe_high": None},
    "floor": dict(ZONES_LIMIT, bpm=88.605, param="min_percent_hrmax", basis={"en": "55 % of HRmax 161.1", "nl": "55 % van HRmax 161.1"}),
    "ceiling": ZONES_LIMIT,
    "bands": [
        {"class": "light", "low_bpm": 0, "high_bpm": 103, "low_percent": 0, "high_percent": 63, "rpe_low": 6, "rpe_high": 11},
        {"class": "moderate", "low_bpm": 104, "high_bpm": 122, "low_percent": 64, "high_percent": 76, "rpe_low": 12, "rpe_high": 13},
        {"class": "vigorous", "low_bpm": 125, "high_bpm": 153, "low_percent": 77, "high_percent": 95, "rpe_low": 14, "rpe_high": 17},
    ],
    "hiit_ceiling": None,
    "notes": ["Stroke: 55-80 % of HRmax (AHA/ASA 2014)."],
}


def test_findings_sample_validates():
    assert not schema_errors("findings", FINDINGS_SAMPLE)


@pytest.mark.parametrize("change", [
    {"severity": "fatal"}, {"path": "sessions/0"}, {"week": "2026-49"}, {"date": "2026-02-30"},
    {"message": {"en": "x"}}, {"citations": "x"}, {"extra": 1},
])
def test_findings_schema_rejects(change):
    doc = json.loads(json.dumps(FINDINGS_SAMPLE))
    doc["findings"][1].update(change)
    assert schema_errors("findings", doc)


def test_zones_sample_validates():
    assert not schema_errors("zones", ZONES_SAMPLE)
    assert not schema_errors("zones", dict(ZONES_SAMPLE, resting_bpm=64, basis="karvonen", hiit_ceiling=ZONES_LIMIT))


@pytest.mark.parametrize("change", [
    {"basis": "percent_hrr"}, {"resting_bpm": 64.5}, {"hiit_ceiling": {}}, {"notes": [1]}, {"extra": 1},
])
def test_zones_schema_rejects(change):
    assert schema_errors("zones", dict(ZONES_SAMPLE, **change))


# ---- the C++ output itself validates against the output schemas --------------------
# scripts/test.sh sets REHABPLAN_CLI to the built command-line tool.
import os
import subprocess

CLI = os.environ.get("REHABPLAN_CLI")
needs_cli = pytest.mark.skipif(not CLI, reason="REHABPLAN_CLI not set (run through scripts/test.sh)")


def _run_cli(*args):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


@needs_cli
@pytest.mark.parametrize("name", [n for n in EXAMPLES if n.startswith("patient-")])
def test_cli_zones_match_schema(name):
    doc = _run_cli("zones", "--patient", str(EXAMPLES_DIR / name), "--format", "json")
    assert schema_errors("zones", doc) == []


@needs_cli
@pytest.mark.parametrize("patient,plan", [("patient-stroke.json", "plan-stroke-week.json"),
                                          ("patient-stroke.json", "plan-with-errors.json"),
                                          ("patient-concussion.json", "plan-concussion.json"),
                                          ("patient-older-adult.json", "plan-stroke-week.json")])
def test_cli_findings_match_schema(patient, plan):
    doc = _run_cli("validate", "--patient", str(EXAMPLES_DIR / patient), "--plan", str(EXAMPLES_DIR / plan),
                   "--format", "json")
    assert schema_errors("findings", doc) == []
    assert doc["summary"]["errors"] == sum(f["severity"] == "error" for f in doc["findings"])


@needs_cli
def test_cli_effective_rules_match_schema():
    assert schema_errors("rules", _run_cli("rules", "--format", "json")) == []
