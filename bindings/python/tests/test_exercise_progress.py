"""Double progression per exercise (exercise.progression) through the binding: the progress
report's ``exercises`` and replan writing the step into the sessions after today. Inputs from
tests/cli/scenarios/exercises/ (the CLI tests use the same)."""

from __future__ import annotations

import copy
import json
from typing import Any, Dict, List

import pytest

import rehabplan
from conftest import REPO

DIR = REPO / "tests/cli/scenarios/exercises"
PATIENT = json.loads((DIR / "patient.json").read_text(encoding="utf-8"))
INPUT = json.loads((DIR / "exercises.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan() -> Dict[str, Any]:
    doc = rehabplan.generate(PATIENT, {"schema_version": 1, "start_date": "2026-11-23", "weeks": 6, "language": "en"})
    for s in doc["sessions"]:
        if s["type"] == "strength":
            s["exercises"] = [dict(INPUT["prescription"])]
    return doc


def strength_dates(plan: Dict[str, Any]) -> List[str]:
    return [s["date"] for s in plan["sessions"] if s["type"] == "strength"]


def log(plan: Dict[str, Any], name: str) -> Dict[str, Any]:
    entries = [{"date": d, "type": "strength", "minutes": 20, "symptoms_before": {"pain": 1}, "exercises": [x]}
               for d, x in zip(strength_dates(plan), INPUT["logs"][name])]
    return {"schema_version": 1, "entries": entries}


def test_progress_reports_the_step_per_exercise(plan):
    today = strength_dates(plan)[1]
    report = rehabplan.progress(PATIENT, plan, log(plan, "top_twice"), today)
    assert [x["step"] for x in report["exercises"]] == ["advance"]
    assert report["exercises"][0]["next"]["id"] == "sit_to_stand_no_hands"
    assert report["exercises"][0]["reason"]["nl"].startswith("Opstaan uit een stoel")


@pytest.mark.parametrize("name,expected", [("top_twice", "sit_to_stand_no_hands"),
                                           ("pain_up_3", "sit_to_stand_high_seat"),
                                           ("pain_up_2", "sit_to_stand")])
def test_replan_applies_the_step_after_today(plan, name, expected):
    today = strength_dates(plan)[1]
    revised = rehabplan.replan(PATIENT, copy.deepcopy(plan), log(plan, name), today)
    chain = INPUT["prescription"]["chain"]  # the generator names other exercises in other sessions
    after = {x["id"] for s in revised["sessions"] if s["date"] > today for x in s.get("exercises", [])
             if x["chain"] == chain}
    assert after == {expected}
    errors = [f for f in rehabplan.validate(PATIENT, revised)["findings"] if f["severity"] == "error"]
    assert errors == []
