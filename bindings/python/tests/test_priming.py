"""Priming treatments (#22) through the binding: the patient document's priming_treatments,
priming.dosing_day (no session on a ketamine or esketamine day) and the schema errors of a
bad treatment, with the JSON Pointer of the field."""

from __future__ import annotations

import copy
import datetime
import json
from typing import Any, Dict, List

import pytest

import rehabplan
from rehabplan import Status

from conftest import REPO

PRIMING = REPO / "tests" / "data" / "priming"


def _load(name: str) -> Dict[str, Any]:
    with open(PRIMING / name, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture
def esketamine() -> Dict[str, Any]:
    """tests/data/priming/patient-stroke-esketamine.json: a course Tue and Fri 2026-11-24 ..
    12-18, then four Tuesdays."""
    return _load("patient-stroke-esketamine.json")


REQUEST = {"schema_version": 1, "start_date": "2026-11-23", "weeks": 12}


def _dosing_days(patient: Dict[str, Any]) -> List[str]:
    """The dates of the patient's esketamine treatment, its course expanded (Python's own
    reading of the schema, not the library's)."""
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    days = set()
    for t in patient["priming_treatments"]:
        if t["type"] not in ("ketamine", "esketamine"):
            continue
        days.update(t.get("dates", []))
        if "course" in t:
            c = t["course"]
            d = datetime.date.fromisoformat(c["from"])
            while d <= datetime.date.fromisoformat(c["to"]):
                if names[d.weekday()] in c["weekdays"]:
                    days.add(d.isoformat())
                d += datetime.timedelta(days=1)
    return sorted(days)


def test_the_esketamine_patient_gets_no_session_on_a_dosing_day(ctx, esketamine):
    dosing = _dosing_days(esketamine)
    assert len(dosing) == 12 and dosing[:2] == ["2026-11-24", "2026-11-27"] and dosing[-1] == "2027-01-12"
    plan = ctx.generate(esketamine, REQUEST)
    dates = {s["date"] for s in plan["sessions"]}
    assert dates, "a plan without sessions says nothing"
    assert not dates & set(dosing), sorted(dates & set(dosing))
    # The days after a dose (the window) do carry training.
    assert {"2026-11-25", "2026-11-28"} <= dates
    findings = ctx.validate(esketamine, plan)
    assert findings["summary"]["errors"] == 0, findings["findings"]
    assert not [f for f in findings["findings"] if f["rule"].startswith("priming.")]


def test_a_session_moved_onto_a_dosing_day_is_a_priming_dosing_day_error(ctx, esketamine):
    plan = ctx.generate(esketamine, REQUEST)
    i = next(i for i, s in enumerate(plan["sessions"]) if s["date"] == "2026-11-25")
    plan["sessions"][i]["date"] = "2026-11-24"
    findings = ctx.validate(esketamine, plan)
    errors = [f for f in findings["findings"] if f["rule"] == "priming.dosing_day"]
    assert [f["severity"] for f in errors] == ["error"]
    assert errors[0]["path"] == f"/sessions/{i}/date"
    assert findings["summary"]["errors"] >= 1


def test_without_treatments_the_same_patient_trains_on_those_days(ctx, esketamine):
    plain = copy.deepcopy(esketamine)
    del plain["priming_treatments"]
    dates = {s["date"] for s in ctx.generate(plain, REQUEST)["sessions"]}
    assert dates & set(_dosing_days(esketamine)), "the dosing days are ordinary training days without the treatment"


@pytest.mark.parametrize("treatment,pointer", [
    ({"type": "esketamine", "dates": ["2026-11-24"], "window": {"start_hours": 24, "end_hours": 72}},
     "/priming_treatments/0/window"),
    ({"type": "hbot", "dates": ["2026-11-24"]}, "/priming_treatments/0/window"),
    ({"type": "hbot", "dates": ["2026-11-24"], "window": {"start_hours": 48, "end_hours": 24}},
     "/priming_treatments/0/window/end_hours"),
    ({"type": "hbot", "dates": ["2026-11-24"], "window": {"start_hours": 1e300, "end_hours": 24}},
     "/priming_treatments/0/window/start_hours"),
    ({"type": "ketamine", "dates": ["2026-02-30"]}, "/priming_treatments/0/dates/0"),
    ({"type": "rtms", "course": {"from": "2026-11-24", "to": "2026-11-23", "weekdays": ["mon"]}},
     "/priming_treatments/0/course/to"),
    ({"type": "Ketamine", "dates": ["2026-11-24"]}, "/priming_treatments/0/type"),
])
def test_a_bad_priming_treatment_is_a_schema_error_with_its_pointer(ctx, esketamine, treatment, pointer):
    esketamine["priming_treatments"] = [treatment]
    with pytest.raises(rehabplan.SchemaError) as info:
        ctx.generate(esketamine, REQUEST)
    e = info.value
    assert type(e) is rehabplan.SchemaError
    assert e.status == Status.SCHEMA_ERROR
    assert e.message.startswith(f"patient: {pointer}:"), e.message
    if e.document is not None:  # library 1.4.0 or later
        assert (e.document, e.pointer) == ("patient", pointer)
    # validate and the zones read the patient the same way.
    with pytest.raises(rehabplan.SchemaError) as again:
        ctx.heart_rate_zones(esketamine)
    assert again.value.message == e.message
