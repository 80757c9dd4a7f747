"""The plan generator and the documents around it, against the JSON Schemas:

- `rehabplan generate --format json` output validates against schema/plan.schema.json for
  every programme that suits an example patient, in both languages and at 52 weeks, passes
  the semantic checks of schema/README.md, validates with no errors, and is the same byte
  for byte on a second run;
- request documents: schema/request.schema.json accepts the documented ones and rejects
  wrong types, weeks outside 1-52, unknown programmes and unknown fields;
- the new plan and patient fields: the schema and the C++ parser (through the CLI) agree.

Run with: REHABPLAN_CLI=build/rehabplan /usr/bin/python3 -m pytest tests/python/test_generate_schema.py
"""

import datetime
import json
import os
import pathlib
import subprocess

import pytest
from jsonschema import Draft202012Validator

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "schema"
EXAMPLES_DIR = ROOT / "examples"
GOLDEN_DIR = ROOT / "tests" / "data" / "golden"
PROGRAMMES = json.loads((ROOT / "data" / "programmes.json").read_text(encoding="utf-8"))

START = "2026-11-23"

CLI = os.environ.get("REHABPLAN_CLI")
needs_cli = pytest.mark.skipif(not CLI, reason="REHABPLAN_CLI not set (run through scripts/test.sh)")


def _validator(name):
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


VALIDATORS = {name: _validator(name) for name in ("plan", "patient", "request")}


def schema_errors(kind, doc):
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in sorted(VALIDATORS[kind].iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))]


def _date(s):
    return datetime.date.fromisoformat(s)


def plan_semantic_error(plan):
    """schema/README.md, "Semantic checks", for a schema-valid plan (first error's path or None)."""
    start = _date(plan["start_date"])
    end = start + datetime.timedelta(days=7 * plan["weeks"] - 1)
    if plan.get("full_dose_week", 1) > plan["weeks"]:
        return "/full_dose_week"
    if "daily_steps" in plan and plan["daily_steps"]["low"] > plan["daily_steps"]["high"]:
        return "/daily_steps/low"
    for i, s in enumerate(plan["sessions"]):
        if not start <= _date(s["date"]) <= end:
            return f"/sessions/{i}/date"
        for low, high in (("hr_low_bpm", "hr_high_bpm"), ("percent_low", "percent_high"), ("rpe_low", "rpe_high")):
            if low in s.get("intensity", {}) and s["intensity"][low] > s["intensity"][high]:
                return f"/sessions/{i}/intensity/{low}"
        if "blocks" in s and sum(b["minutes"] for b in s["blocks"]) != s["minutes"]:
            return f"/sessions/{i}/blocks"
    for i, m in enumerate(plan.get("outcome_measures", [])):
        if not start <= _date(m["date"]) <= end:
            return f"/outcome_measures/{i}/date"
    return None


def _cli(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, check=False)


def _write(tmp_path, name, doc):
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


# --- which programme suits which example patient -----------------------------------------

def _example(name):
    return json.loads((EXAMPLES_DIR / name).read_text(encoding="utf-8"))


def programme_suits(programme, patient):
    """The generator's own test (src/planning/generator.cpp): one of the programme's conditions, and
    the patient fields it requires."""
    conditions = {c["type"] for c in patient.get("conditions", [])}
    wanted = programme.get("conditions", [])
    if wanted and not conditions & set(wanted):
        return False
    return all(field in patient for field in programme.get("requires", []))


PATIENTS = sorted(p.name for p in EXAMPLES_DIR.glob("patient-*.json"))
CASES = [(patient, pid) for patient in PATIENTS for pid in sorted(PROGRAMMES["programmes"])
         if programme_suits(PROGRAMMES["programmes"][pid], _example(patient))]


def test_every_programme_has_an_example_patient():
    assert sorted({pid for _, pid in CASES}) == sorted(PROGRAMMES["programmes"])


def test_the_new_patients_have_their_programmes():
    assert {pid for p, pid in CASES if p == "patient-chronic-pain.json"} == {"standard", "graded_activity", "graded_exposure"}
    assert {pid for p, pid in CASES if p == "patient-tbi.json"} == {"standard", "neurorc_intensive", "cognitive_fitness"}


# --- generated plans ---------------------------------------------------------------------

VARIANTS = {"default": [], "nl": ["--lang", "nl"], "52-weeks": ["--weeks", "52"]}


def _generate(patient_path, programme, extra):
    args = ["generate", "--patient", patient_path, "--start", START, "--programme", programme, "--format", "json", *extra]
    first, second = _cli(*args), _cli(*args)
    assert first.returncode == 0, first.stderr.decode()
    assert first.stdout == second.stdout, "generate is not deterministic"
    assert first.stderr == second.stderr
    return json.loads(first.stdout.decode("utf-8"))


@needs_cli
@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("patient,programme", CASES)
def test_generated_plan_matches_schema(patient, programme, variant):
    path = EXAMPLES_DIR / patient
    plan = _generate(path, programme, VARIANTS[variant])
    assert schema_errors("plan", plan) == []
    assert plan_semantic_error(plan) is None
    template = PROGRAMMES["programmes"][programme]
    assert plan["programme"] == programme
    assert plan["start_date"] == START
    assert plan["weeks"] == (52 if variant == "52-weeks" else template["default_weeks"])
    assert plan["language"] == ("nl" if variant == "nl" else "en")
    # The step target grows week by week from the programme's goal (issue 19): one per week.
    assert ("daily_steps" in plan) == ("daily_steps" in template)
    if "daily_steps" in template:
        assert len(plan["daily_steps_weeks"]) == plan["weeks"]
        assert plan["daily_steps"]["high"] <= max(template["daily_steps"]["high"], plan["daily_steps_weeks"][0])
    assert plan["sessions"], "a suitable patient gets sessions"
    if programme == "graded_exposure":
        assert any(s["type"] == "exposure" for s in plan["sessions"])
    # The generator's promise: the plan validates with no errors against the same patient.
    proc = subprocess.run([CLI, "validate", "--patient", str(path), "--plan", "-", "--format", "json"],
                          input=json.dumps(plan).encode(), capture_output=True, check=False)
    assert proc.returncode == 0, proc.stdout.decode()[:2000] + proc.stderr.decode()


@needs_cli
def test_request_example_generates_what_it_asks_for():
    request = _example("request-stroke-12-weeks.json")
    plan = _generate(EXAMPLES_DIR / "patient-stroke.json", request["programme"],
                     ["--weeks", request["weeks"], "--lang", request["language"]])
    # (the CLI takes the start date as --start; START is the request's)
    assert request["start_date"] == START
    assert (plan["start_date"], plan["weeks"], plan["programme"], plan["language"]) == (
        request["start_date"], request["weeks"], request["programme"], request["language"])
    assert schema_errors("plan", plan) == []


@needs_cli
@pytest.mark.parametrize("patient,expected", [("patient-stroke.json", "standard"),
                                              ("patient-concussion.json", "concussion_return"),
                                              ("patient-chronic-pain.json", "graded_activity"),
                                              ("patient-tbi.json", "standard")])
def test_default_programme_by_condition(patient, expected):
    proc = _cli("generate", "--patient", EXAMPLES_DIR / patient, "--start", START, "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    plan = json.loads(proc.stdout)
    assert plan["programme"] == expected
    assert plan["weeks"] == PROGRAMMES["programmes"][expected]["default_weeks"]
    assert schema_errors("plan", plan) == []


@needs_cli
def test_exposure_follows_the_fear_hierarchy():
    """The least feared activity in every week: the next is chosen with the therapist when
    fear has dropped, never dated in advance (issue 19)."""
    patient = _example("patient-chronic-pain.json")
    plan = _generate(EXAMPLES_DIR / "patient-chronic-pain.json", "graded_exposure", [])
    least = min(patient["fear_hierarchy"], key=lambda f: f["fear"])
    exposures = [s for s in plan["sessions"] if s["type"] == "exposure"]
    assert exposures
    for s in exposures:
        assert least["activity"] in s["title"], s["title"]


@needs_cli
@pytest.mark.parametrize("patient,programme", [("patient-stroke.json", "graded_exposure"),
                                               ("patient-stroke.json", "concussion_return"),
                                               ("patient-older-adult.json", "hiit_stroke")])
def test_unsuitable_programme_is_refused(patient, programme):
    proc = _cli("generate", "--patient", EXAMPLES_DIR / patient, "--start", START, "--programme", programme,
                "--format", "json")
    assert proc.returncode == 2 and proc.stdout == b""
    assert b"/programme" in proc.stderr or b"/fear_hierarchy" in proc.stderr


@needs_cli
def test_graded_exposure_needs_a_fear_hierarchy(tmp_path):
    patient = _example("patient-chronic-pain.json")
    del patient["fear_hierarchy"]
    proc = _cli("generate", "--patient", _write(tmp_path, "p.json", patient), "--start", START,
                "--programme", "graded_exposure", "--format", "json")
    assert proc.returncode == 2 and b"/fear_hierarchy" in proc.stderr


@needs_cli
def test_generated_plan_with_a_long_feared_activity_matches_schema(tmp_path):
    patient = _example("patient-chronic-pain.json")
    # A long activity (200 characters, valid) must not push the session title past its 200.
    patient["fear_hierarchy"] = [{"activity": "lifting " + "a" * 192, "fear": 100}]
    assert schema_errors("patient", patient) == []
    proc = _cli("generate", "--patient", _write(tmp_path, "p.json", patient), "--start", START,
                "--programme", "graded_exposure", "--weeks", "1", "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    assert schema_errors("plan", json.loads(proc.stdout)) == []


# --- golden plans (tests/data/golden) ------------------------------------------------------

GOLDEN = json.loads((GOLDEN_DIR / "manifest.json").read_text(encoding="utf-8"))["cases"] \
    if (GOLDEN_DIR / "manifest.json").exists() else {}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_case_matches_schemas(name):
    case = GOLDEN[name]
    assert schema_errors("patient", case["patient"]) == []
    assert schema_errors("request", case["request"]) == []
    plan = json.loads((GOLDEN_DIR / f"{name}.json").read_text(encoding="utf-8"))
    assert schema_errors("plan", plan) == []
    assert plan_semantic_error(plan) is None


# --- request documents -------------------------------------------------------------------

REQUEST = {"schema_version": 1, "start_date": "2026-11-23", "weeks": 12, "programme": "standard", "language": "en"}


@pytest.mark.parametrize("doc", [
    REQUEST,
    {"schema_version": 1, "start_date": "2026-11-23"},
    {"schema_version": 1, "start_date": "1900-01-01", "weeks": 1},
    {"schema_version": 1, "start_date": "2199-12-31", "weeks": 52},
    {"schema_version": 1, "start_date": "2026-11-23", "weeks": 8.0, "language": "nl"},
    *({"schema_version": 1, "start_date": "2026-11-23", "programme": p} for p in sorted(PROGRAMMES["programmes"])),
])
def test_request_schema_accepts(doc):
    assert schema_errors("request", doc) == []


@pytest.mark.parametrize("change,path", [
    ({"schema_version": 2}, "/schema_version"),
    ({"schema_version": "1"}, "/schema_version"),
    ({"start_date": 20261123}, "/start_date"),
    ({"start_date": "23-11-2026"}, "/start_date"),
    ({"start_date": "2026-02-30"}, "/start_date"),
    ({"start_date": "2200-01-01"}, "/start_date"),
    ({"start_date": "1899-12-31"}, "/start_date"),
    ({"weeks": 0}, "/weeks"),
    ({"weeks": 53}, "/weeks"),
    ({"weeks": -1}, "/weeks"),
    ({"weeks": "12"}, "/weeks"),
    ({"weeks": 12.5}, "/weeks"),
    ({"weeks": None}, "/weeks"),
    ({"weeks": True}, "/weeks"),
    ({"programme": "yoga"}, "/programme"),
    ({"programme": "Standard"}, "/programme"),
    ({"programme": ["standard"]}, "/programme"),
    ({"programme": ""}, "/programme"),
    ({"language": "de"}, "/language"),
    ({"language": "EN"}, "/language"),
    ({"language": 1}, "/language"),
    ({"patient": "P-0042"}, "/"),
    ({"start": "2026-11-23"}, "/"),
])
def test_request_schema_rejects(change, path):
    errors = schema_errors("request", dict(REQUEST, **change))
    assert errors
    assert all(e.startswith(path + ":") or e.startswith("/:") for e in errors), errors


@pytest.mark.parametrize("field", ["schema_version", "start_date"])
def test_request_schema_requires(field):
    doc = dict(REQUEST)
    del doc[field]
    assert schema_errors("request", doc)


@pytest.mark.parametrize("doc", [[], "x", None, 1])
def test_request_schema_rejects_non_objects(doc):
    assert schema_errors("request", doc)


# --- the new plan and patient fields: schema and parser agree ------------------------------
# The CLI parses a plan with `validate` and a patient with `zones`; exit code 3 is bad input
# and stderr names the field's path.

PLAN = {
    "schema_version": 1, "start_date": "2026-11-23", "weeks": 2, "programme": "graded_exposure",
    "patient_facing": True,
    "stop_signals": ["acute_dizziness", "severe_headache", "emotional_dysregulation", "chest_pain",
                     "unusual_breathlessness"],
    "language": "en", "full_dose_week": 2, "daily_steps": {"low": 5000, "high": 7500},
    "sessions": [{"date": "2026-11-23", "type": "exposure", "minutes": 20,
                  "title": "Exposure: bending to lift a crate (fear 70/100)"}],
}


def _session(i):
    return {"date": "2026-11-23", "type": "relaxation", "minutes": 5, "title": f"Breathing {i}"}


# (change, schema valid, parser's error path or None)
PLAN_CASES = {
    "as is": ({}, True, None),
    "language nl": ({"language": "nl"}, True, None),
    "language de": ({"language": "de"}, False, "/language"),
    "language number": ({"language": 1}, False, "/language"),
    "full_dose_week 1": ({"full_dose_week": 1}, True, None),
    "full_dose_week 0": ({"full_dose_week": 0}, False, "/full_dose_week"),
    "full_dose_week 53": ({"full_dose_week": 53}, False, "/full_dose_week"),
    "full_dose_week string": ({"full_dose_week": "2"}, False, "/full_dose_week"),
    "full_dose_week 2.0": ({"full_dose_week": 2.0}, True, None),
    "full_dose_week after the plan": ({"full_dose_week": 3}, True, "/full_dose_week"),
    "daily_steps 0-0": ({"daily_steps": {"low": 0, "high": 0}}, True, None),
    "daily_steps 50000": ({"daily_steps": {"low": 50000, "high": 50000}}, True, None),
    "daily_steps 50001": ({"daily_steps": {"low": 5000, "high": 50001}}, False, "/daily_steps/high"),
    "daily_steps negative": ({"daily_steps": {"low": -1, "high": 5000}}, False, "/daily_steps/low"),
    "daily_steps no high": ({"daily_steps": {"low": 5000}}, False, "/daily_steps/high"),
    "daily_steps empty": ({"daily_steps": {}}, False, "/daily_steps"),
    "daily_steps extra": ({"daily_steps": {"low": 1, "high": 2, "mean": 1}}, False, "/daily_steps/mean"),
    "daily_steps array": ({"daily_steps": [5000, 7500]}, False, "/daily_steps"),
    "daily_steps low > high": ({"daily_steps": {"low": 8000, "high": 7500}}, True, "/daily_steps/low"),
    "2000 sessions": ({"sessions": [_session(i) for i in range(2000)]}, True, None),
    "2001 sessions": ({"sessions": [_session(i) for i in range(2001)]}, False, "/sessions"),
    "exposure with hiit": ({"sessions": [dict(PLAN["sessions"][0], hiit={"work_seconds": 30, "recovery_seconds": 30,
                                                                          "repeats": 10})]},
                           False, "/sessions/0/hiit"),
    "session type yoga": ({"sessions": [dict(PLAN["sessions"][0], type="yoga")]}, False, "/sessions/0/type"),
}


@pytest.mark.parametrize("name", sorted(PLAN_CASES))
def test_plan_fields_schema(name):
    change, schema_valid, parser_path = PLAN_CASES[name]
    doc = dict(PLAN, **change)
    errors = schema_errors("plan", doc)
    assert (not errors) == schema_valid, errors
    if schema_valid:
        assert plan_semantic_error(doc) == parser_path


def _bad_input_path(proc):
    """The JSON Pointer the CLI names for bad input (exit code 3), or None when the file parsed."""
    if proc.returncode != 3:
        return None
    # "rehabplan: plan FILE: /path: message"
    text = proc.stderr.decode()
    rest = text.split(": ", 2)[2]
    return rest.split(":", 1)[0]


@needs_cli
@pytest.mark.parametrize("name", sorted(PLAN_CASES))
def test_plan_fields_parser_agrees(name, tmp_path):
    change, _, parser_path = PLAN_CASES[name]
    path = _write(tmp_path, "plan.json", dict(PLAN, **change))
    proc = _cli("validate", "--patient", EXAMPLES_DIR / "patient-chronic-pain.json", "--plan", path, "--format", "json")
    assert proc.returncode in (0, 1, 3), proc.stderr.decode()
    assert _bad_input_path(proc) == parser_path, proc.stderr.decode()


FEAR = [{"activity": "bending to lift a crate", "fear": 70}]

# (fear_hierarchy, valid for the schema and the parser, parser's error path or None)
PATIENT_CASES = {
    "one item": (FEAR, None),
    "twenty items": ([{"activity": f"activity {i}", "fear": i * 5} for i in range(20)], None),
    "fear 0 and 100": ([{"activity": "a", "fear": 0}, {"activity": "b", "fear": 100}], None),
    "activity 200 characters": ([{"activity": "a" * 200, "fear": 10}], None),
    "fear 45.0": ([{"activity": "a", "fear": 45.0}], None),
    "empty": ([], "/fear_hierarchy"),
    "21 items": ([{"activity": f"activity {i}", "fear": 1} for i in range(21)], "/fear_hierarchy"),
    "not an array": ({"activity": "a", "fear": 1}, "/fear_hierarchy"),
    "item not an object": (["bending"], "/fear_hierarchy/0"),
    "activity empty": ([{"activity": "", "fear": 10}], "/fear_hierarchy/0/activity"),
    "activity 201 characters": ([{"activity": "a" * 201, "fear": 10}], "/fear_hierarchy/0/activity"),
    "activity number": ([{"activity": 7, "fear": 10}], "/fear_hierarchy/0/activity"),
    "activity missing": ([{"fear": 10}], "/fear_hierarchy/0/activity"),
    "fear missing": ([{"activity": "a"}], "/fear_hierarchy/0/fear"),
    "fear 101": ([{"activity": "a", "fear": 101}], "/fear_hierarchy/0/fear"),
    "fear -1": ([{"activity": "a", "fear": -1}], "/fear_hierarchy/0/fear"),
    "fear 45.5": ([{"activity": "a", "fear": 45.5}], "/fear_hierarchy/0/fear"),
    "fear string": ([{"activity": "a", "fear": "high"}], "/fear_hierarchy/0/fear"),
    "extra field": ([{"activity": "a", "fear": 1, "note": "x"}], "/fear_hierarchy/0/note"),
}


def _patient(fear):
    return dict(_example("patient-chronic-pain.json"), fear_hierarchy=fear)


@pytest.mark.parametrize("name", sorted(PATIENT_CASES))
def test_fear_hierarchy_schema(name):
    fear, path = PATIENT_CASES[name]
    errors = schema_errors("patient", _patient(fear))
    assert (not errors) == (path is None), errors


@needs_cli
@pytest.mark.parametrize("name", sorted(PATIENT_CASES))
def test_fear_hierarchy_parser_agrees(name, tmp_path):
    fear, path = PATIENT_CASES[name]
    proc = _cli("zones", "--patient", _write(tmp_path, "p.json", _patient(fear)), "--format", "json")
    assert _bad_input_path(proc) == path, proc.stderr.decode()
