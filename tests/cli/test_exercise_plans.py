"""Named exercises in generated plans (#20): the patient's mobility, falls, equipment,
osteoporosis and affected side decide which exercises of data/exercises.json a session
names (exercise.suitability), with doses in the range in force (exercise.dose). Inputs in
tests/cli/scenarios/exercises/.

- a stroke patient who walks with an aid gets named seated and standing-with-support
  exercises with doses on every strength and balance day, extra sets for the affected side;
- a wheelchair user gets none that needs standing or the floor (file and options);
- osteoporosis: no loaded spinal flexion;
- validate of a hand-edited plan with an unsuitable exercise: the exercise.suitability error
  naming the date and the exercise.
"""

from __future__ import annotations

import json

from conftest import SOURCE_DIR

SCENARIOS = SOURCE_DIR / "tests" / "cli" / "scenarios" / "exercises"
LIBRARY = {e["id"]: e for e in json.loads((SOURCE_DIR / "data" / "exercises.json").read_text(encoding="utf-8"))["exercises"]}


def plan_of(cli, *args, weeks="8"):
    r = cli("generate", *args, "--start", "2026-11-23", "--weeks", weeks, "--format", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def named(plan):
    """(session, exercise, library entry) for every named exercise."""
    for s in plan["sessions"]:
        for e in s.get("exercises", []):
            assert e["id"] in LIBRARY, e["id"]
            yield s, e, LIBRARY[e["id"]]


def test_stroke_with_walking_aid_gets_seated_and_supported_exercises_with_doses(cli):
    plan = plan_of(cli, "--patient", SCENARIOS / "stroke-walking-aid.patient.json")
    days = [s for s in plan["sessions"] if s["type"] in ("strength", "balance")]
    assert days
    for s in days:
        assert s.get("exercises"), s["date"]
        for e in s["exercises"]:
            assert e["sets"] >= 1 and e["name"]
            assert sum(k in e for k in ("repetitions", "seconds", "minutes")) == 1, e
    positions = {(lib["position"], "support_within_reach" in lib["precautions"]) for _, _, lib in named(plan)}
    assert ("sitting", False) in positions or ("sitting", True) in positions
    assert ("standing", True) in positions
    for s, e, lib in named(plan):
        assert "no_support" not in lib["precautions"], (s["date"], e["id"])
        if lib.get("unilateral"):
            assert e.get("extra_side") == "left" and e.get("extra_sets", 0) >= 1, e
    first_weeks = [e for s, e, lib in named(plan) if lib["category"] in ("strength_lower", "strength_upper", "trunk")
                   and "repetitions" in e and s["date"] < "2026-12-21"]
    assert first_weeks and all(e["rpe"] == {"low": 12, "high": 13} for e in first_weeks)
    assert all(10 <= e["repetitions"] <= 15 and 1 <= e["sets"] <= 3 for e in first_weeks)
    v = cli("validate", "--patient", SCENARIOS / "stroke-walking-aid.patient.json", "--plan", "-", "--format", "json",
            stdin=json.dumps(plan).encode())
    assert v.code == 0, v.out + v.err
    assert "exercise.suitability" not in v.out


def test_wheelchair_user_gets_nothing_standing_or_on_the_floor(cli):
    for args in (("--patient", SCENARIOS / "wheelchair.patient.json"),
                 ("--age", "58", "--mobility", "wheelchair", "--equipment", "chair,band", "--days", "mon,wed,fri")):
        plan = plan_of(cli, *args)
        items = list(named(plan))
        assert items, args
        for s, e, lib in items:
            assert lib["position"] == "sitting", (s["date"], e["id"])
            assert not {"standing", "floor", "no_support"} & set(lib["precautions"]), e["id"]


def test_osteoporosis_leaves_out_spinal_flexion(cli):
    plan = plan_of(cli, "--age", "66", "--osteoporosis", "--days", "mon,wed,fri,sat")
    assert list(named(plan))
    for _, e, lib in named(plan):
        assert "spinal_flexion" not in lib["precautions"], e["id"]


def test_validate_hand_edited_plan_with_an_unsuitable_exercise(cli):
    r = cli("validate", "--patient", SCENARIOS / "wheelchair.patient.json",
            "--plan", SCENARIOS / "wheelchair-sit-to-stand.plan.json", "--format", "json")
    assert r.code == 1, r.err
    found = [f for f in json.loads(r.out)["findings"] if f["rule"] == "exercise.suitability"]
    assert len(found) == 1
    assert found[0]["severity"] == "error"
    assert found[0]["path"] == "/sessions/0/exercises/0/id"
    assert "2026-11-24" in found[0]["message"]["en"] and "Sit to stand" in found[0]["message"]["en"]
    assert "Opstaan uit een stoel" in found[0]["message"]["nl"]
    nl = cli("validate", "--patient", SCENARIOS / "wheelchair.patient.json",
             "--plan", SCENARIOS / "wheelchair-sit-to-stand.plan.json", "--lang", "nl")
    assert nl.code == 1 and "Opstaan uit een stoel" in nl.out
