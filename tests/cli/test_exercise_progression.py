"""Double progression per exercise through the CLI (issue 20, exercise.progression): a log
where every set of an exercise reached the top of its range in two sessions running moves
that exercise one level up in `replan`; pain rising by 3 points moves it one level down,
by 2 it does not; `progress` reports per exercise in English and Dutch, as text, HTML and
JSON.

Inputs in tests/cli/scenarios/exercises/: a patient and the prescription and per-exercise
log entries (exercises.json). The plan is generated afresh from the patient (a stored plan
would go stale when the generator's rules tighten); its strength sessions then prescribe the
sit-to-stand chain at level 2, and the logs are dated on its first two strength sessions.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import SOURCE_DIR

DIR = SOURCE_DIR / "tests/cli/scenarios/exercises"
PATIENT = DIR / "patient.json"
INPUT = json.loads((DIR / "exercises.json").read_text(encoding="utf-8"))


def flat(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text)


@pytest.fixture(scope="module")
def plan(cli, tmp_path_factory):
    """(path, plan document, the strength sessions' dates): the plan with the prescription."""
    tmp = tmp_path_factory.mktemp("exercise-progression")
    generated = tmp / "generated.json"
    g = cli("generate", "--patient", PATIENT, "--start", "2026-11-23", "--weeks", "6", "--format", "json",
            "-o", generated)
    if g.code != 0:
        pytest.fail(f"generate (exit {g.code}): {g.err}")
    doc = json.loads(generated.read_text(encoding="utf-8"))
    dates = []
    for s in doc["sessions"]:
        if s["type"] == "strength":
            s["exercises"] = [dict(INPUT["prescription"])]
            dates.append(s["date"])
    assert len(dates) >= 4
    path = tmp / "plan.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    v = cli("validate", "--patient", PATIENT, "--plan", path)
    assert v.code == 0, v.out + v.err
    return path, doc, dates


def write_log(tmp_path, dates, name):
    entries = []
    for date, exercise in zip(dates, INPUT["logs"][name]):
        entries.append({"date": date, "type": "strength", "minutes": 20, "completed": True,
                        "symptoms_before": {"pain": 1}, "exercises": [exercise]})
    path = tmp_path / f"log-{name}.json"
    path.write_text(json.dumps({"schema_version": 1, "entries": entries}), encoding="utf-8")
    return path


def replanned(cli, plan, tmp_path, name):
    path, _, dates = plan
    log = write_log(tmp_path, dates, name)
    today = dates[1]
    out = tmp_path / "replanned.json"
    r = cli("replan", "--patient", PATIENT, "--plan", path, "--log", log, "--today", today, "--format", "json",
            "-o", out)
    assert r.code == 0, r.err
    doc = json.loads(out.read_text(encoding="utf-8"))
    # The sit-to-stand chain only: the generator names other exercises in other sessions.
    chain = INPUT["prescription"]["chain"]
    before = [x["id"] for s in doc["sessions"] if s["date"] <= today for x in s.get("exercises", [])
              if x["chain"] == chain]
    after = [x for s in doc["sessions"] if s["date"] > today for x in s.get("exercises", []) if x["chain"] == chain]
    v = cli("validate", "--patient", PATIENT, "--plan", out)
    assert v.code == 0, v.out + v.err
    assert "Summary: 0 error(s)" in v.out
    return before, after, doc


def test_exercise_progression_top_twice_moves_one_level_up(cli, plan, tmp_path):
    before, after, doc = replanned(cli, plan, tmp_path, "top_twice")
    assert before and set(before) == {"sit_to_stand"}          # the sessions done stay as they were
    assert after
    assert {x["id"] for x in after} == {"sit_to_stand_no_hands"}
    assert {x["level"] for x in after} == {3}
    assert any(f["rule"] == "exercise.progression" for f in doc["findings"])


def test_exercise_progression_pain_up_3_moves_one_level_down(cli, plan, tmp_path):
    _, after, _ = replanned(cli, plan, tmp_path, "pain_up_3")
    assert after
    assert {x["id"] for x in after} == {"sit_to_stand_high_seat"}
    assert {x["level"] for x in after} == {1}


def test_exercise_progression_pain_up_2_does_not_step_back(cli, plan, tmp_path):
    _, after, _ = replanned(cli, plan, tmp_path, "pain_up_2")
    assert after
    assert {x["id"] for x in after} == {"sit_to_stand"}
    assert {x["level"] for x in after} == {2}


@pytest.mark.parametrize("lang,words", [
    ("en", ["Exercises: double progression", "Up: Sit to stand: every set reached the top of the range (15) in 2 sessions running",
            "Sit to stand without hands"]),
    ("nl", ["Oefeningen: dubbele progressie", "Omhoog: Opstaan uit een stoel: elke set haalde de bovenkant van de marge (15) in 2 sessies achter elkaar",
            "niveau 3"]),
])
@pytest.mark.parametrize("fmt", ["text", "html"])
def test_exercise_progression_progress_reports_per_exercise(cli, plan, tmp_path, lang, words, fmt):
    path, _, dates = plan
    log = write_log(tmp_path, dates, "top_twice")
    r = cli("progress", "--patient", PATIENT, "--plan", path, "--log", log, "--today", dates[1], "--lang", lang,
            "--format", fmt)
    assert r.code == 0, r.err
    out = flat(re.sub(r"<[^>]+>", " ", r.out) if fmt == "html" else r.out)
    for w in words[:2]:
        assert w in out
    assert words[2].lower() in out.lower()


def test_exercise_progression_progress_json(cli, plan, tmp_path):
    path, _, dates = plan
    log = write_log(tmp_path, dates, "pain_up_3")
    r = cli("progress", "--patient", PATIENT, "--plan", path, "--log", log, "--today", dates[1], "--format", "json")
    assert r.code == 0, r.err
    x = json.loads(r.out)["exercises"]
    assert len(x) == 1
    assert x[0]["chain"] == "sit_to_stand"
    assert x[0]["step"] == "step_back"
    assert x[0]["why"] == "pain_rise"
    assert x[0]["evidence"] == [dates[0], dates[1]]
    assert x[0]["next"]["id"] == "sit_to_stand_high_seat"


def test_exercise_progression_log_naming_an_exercise_the_session_lacks_is_an_error(cli, plan, tmp_path):
    path, _, dates = plan
    log = tmp_path / "log.json"
    log.write_text(json.dumps({"entries": [{"date": dates[0], "type": "strength", "minutes": 20,
                                            "exercises": [{"id": "bridge", "sets": [10]}]}]}), encoding="utf-8")
    r = cli("progress", "--patient", PATIENT, "--plan", path, "--log", log, "--today", dates[1])
    assert r.code != 0
    assert "/entries/0/exercises/0/id" in r.err
