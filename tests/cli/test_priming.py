"""Priming treatments (#22) through the CLI, with the inputs in tests/data/priming/:

- the esketamine patient (Tue and Fri 2026-11-24 .. 12-18, then four Tuesdays): no session on
  a dosing day in text, JSON and Dutch, dual-task and balance in the 24-72 h after each dose;
- a plan edited to put a session on a dosing day: exit 1 and a priming.dosing_day error at the
  session's date; a clinic's rest_days_after 1 makes the day after an error too;
- the rTMS patient (Mon, Wed, Fri 2026-11-23 .. 12-18): training on rTMS days, with a skill
  session on each;
- a bad priming treatment: exit 3 and the field's JSON Pointer.
"""

from __future__ import annotations

import datetime
import json
import re

import pytest

from conftest import SOURCE_DIR

PRIMING = SOURCE_DIR / "tests" / "data" / "priming"
ESKETAMINE = PRIMING / "patient-stroke-esketamine.json"
RTMS = PRIMING / "patient-stroke-rtms.json"

ESKETAMINE_DAYS = ["2026-11-24", "2026-11-27", "2026-12-01", "2026-12-04", "2026-12-08", "2026-12-11",
                   "2026-12-15", "2026-12-18", "2026-12-22", "2026-12-29", "2027-01-05", "2027-01-12"]
RTMS_DAYS = [d for d in (datetime.date(2026, 11, 23) + datetime.timedelta(days=i) for i in range(26))
             if d.weekday() in (0, 2, 4)]
SKILL = {"dual_task", "balance"}


def generate(cli, patient, fmt="json", lang="en", weeks=12, *extra):
    r = cli("generate", "--patient", patient, "--start", "2026-11-23", "--weeks", str(weeks), "--format", fmt,
            "--lang", lang, *extra)
    assert r.code == 0, r.err
    return json.loads(r.out) if fmt == "json" else r.out


def by_date(plan):
    days = {}
    for s in plan["sessions"]:
        days.setdefault(s["date"], set()).add(s["type"])
    return days


def test_esketamine_no_session_on_a_dosing_day_in_json(cli):
    days = by_date(generate(cli, ESKETAMINE))
    assert len(days) == 12 * 4  # four training days every week
    for d in ESKETAMINE_DAYS:
        assert d not in days, d
    # The days after: every window day of week 1 (Wed 25, Thu 26, Sat 28) holds a skill
    # session, and each dose's window holds one.
    for w in ("2026-11-25", "2026-11-26", "2026-11-28"):
        assert days[w] & SKILL, w
    assert days["2026-11-28"] == SKILL
    for dose in ESKETAMINE_DAYS:
        d = datetime.date.fromisoformat(dose)
        window = [(d + datetime.timedelta(days=k)).isoformat() for k in (1, 2)]
        assert any(days.get(w, set()) & SKILL for w in window), dose


@pytest.mark.parametrize("lang,rest,treatment,tue,fri,free", [
    ("en", "Rest days:", "Treatment days:", "Tue 24 Nov", "Fri 27 Nov", "esketamine: no training"),
    ("nl", "Rustdagen:", "Behandeldagen:", "di 24 nov", "vr 27 nov", "esketamine: geen training")])
def test_esketamine_no_session_on_a_dosing_day_in_text(cli, lang, rest, treatment, tue, fri, free):
    text = generate(cli, ESKETAMINE, "text", lang)
    week1 = text[text.index("Week 1"):text.index("Week 2:")]
    # Sessions are listed at the start of a line with their day; rest days on their own line,
    # the days a dose keeps free on a line of their own, named as treatment days.
    session_days = re.findall(r"^(\S+ \d+ \S+)\s{2,}\S", week1, re.M)
    assert session_days, week1
    assert tue not in session_days and fri not in session_days, session_days
    rest_line = next(line for line in week1.splitlines() if line.startswith(rest))
    assert tue not in rest_line and fri not in rest_line, rest_line
    start = week1.index(treatment)
    treatment_days = " ".join(week1[start:].split())  # the line may wrap
    assert f"{tue} ({free})" in treatment_days and f"{fri} ({free})" in treatment_days, treatment_days


def test_esketamine_plan_validates_without_errors(cli, tmp):
    path = tmp / "esketamine-12w.json"
    r = cli("generate", "--patient", ESKETAMINE, "--start", "2026-11-23", "--weeks", "12", "--format", "json",
            stdout_file=str(path))
    assert r.code == 0, r.err
    v = cli("validate", "--patient", ESKETAMINE, "--plan", path, "--format", "json")
    assert v.code == 0, v.out + v.err
    findings = json.loads(v.out)
    assert findings["summary"]["errors"] == 0
    assert not [f for f in findings["findings"] if f["rule"].startswith("priming.")]


def test_a_session_on_a_dosing_day_is_a_priming_dosing_day_error(cli):
    plan = PRIMING / "plan-esketamine-2w-session-on-dosing-day.json"
    assert json.loads(plan.read_text(encoding="utf-8"))["sessions"][2]["date"] == "2026-11-24"
    r = cli("validate", "--patient", ESKETAMINE, "--plan", plan)
    assert r.code == 1, r.out + r.err
    assert "priming.dosing_day" in r.out
    assert re.search(r"^error\s+priming\.dosing_day\s.*2026-11-24\s+/sessions/2/date$", r.out, re.M), r.out
    j = cli("validate", "--patient", ESKETAMINE, "--plan", plan, "--format", "json")
    assert j.code == 1
    errors = [f for f in json.loads(j.out)["findings"] if f["severity"] == "error"]
    assert [(f["rule"], f["path"]) for f in errors] == [("priming.dosing_day", "/sessions/2/date")]
    nl = cli("validate", "--patient", ESKETAMINE, "--plan", plan, "--lang", "nl")
    assert nl.code == 1 and "doseringsdag" in nl.out
    # The plan as generated, before the edit, is fine.
    ok = cli("validate", "--patient", ESKETAMINE, "--plan", PRIMING / "plan-esketamine-2w.json")
    assert ok.code == 0, ok.out
    assert "priming.dosing_day" not in ok.out


def test_a_clinic_resting_the_day_after_makes_those_sessions_errors(cli):
    plan = PRIMING / "plan-esketamine-2w.json"
    r = cli("validate", "--patient", ESKETAMINE, "--plan", plan, "--rules", PRIMING / "clinic-rest-day-after.json",
            "--format", "json")
    assert r.code == 1, r.out + r.err
    sessions = json.loads(plan.read_text(encoding="utf-8"))["sessions"]
    dated = sorted({sessions[int(f["path"].split("/")[2])]["date"] for f in json.loads(r.out)["findings"]
                    if f["rule"] == "priming.dosing_day"})
    # Wednesday after Tuesday's dose, Saturday after Friday's, in both weeks.
    assert dated == ["2026-11-25", "2026-11-28", "2026-12-02", "2026-12-05"]
    # Generating under that clinic file moves them: nothing on the day after either.
    g = cli("generate", "--patient", ESKETAMINE, "--start", "2026-11-23", "--weeks", "4", "--format", "json",
            "--rules", PRIMING / "clinic-rest-day-after.json")
    assert g.code == 0, g.err
    dates = {s["date"] for s in json.loads(g.out)["sessions"]}
    rest = {(datetime.date.fromisoformat(d) + datetime.timedelta(days=k)).isoformat()
            for d in ESKETAMINE_DAYS for k in (0, 1)}
    assert dates and not dates & rest, sorted(dates & rest)


def test_rtms_course_days_carry_skill_sessions(cli):
    plan = generate(cli, RTMS)
    days = by_date(plan)
    assert len(RTMS_DAYS) == 12
    for d in RTMS_DAYS:
        assert days.get(d.isoformat(), set()) & SKILL, d  # training on the rTMS day, a skill session among it
    # During the course no dual-task or balance session falls on another day.
    course = {d.isoformat() for d in RTMS_DAYS}
    for date, types in days.items():
        if date <= "2026-12-20" and types & SKILL:
            assert date in course, (date, types)
    v = cli("validate", "--patient", RTMS, "--plan", "-", stdin=json.dumps(plan).encode())
    assert v.code == 0, v.out + v.err


@pytest.mark.parametrize("treatment,pointer", [
    ({"type": "esketamine", "dates": ["2026-11-24"], "window": {"start_hours": 24, "end_hours": 72}},
     "/priming_treatments/0/window"),
    ({"type": "hbot", "dates": ["2026-11-24"], "window": {"start_hours": 24, "end_hours": 24}},
     "/priming_treatments/0/window/end_hours"),
    ({"type": "rtms", "course": {"from": "2026-11-23", "to": "2026-11-26", "weekdays": ["fri"]}},
     "/priming_treatments/0/course/weekdays"),
])
def test_a_bad_priming_treatment_is_bad_input_with_its_pointer(cli, tmp, treatment, pointer):
    doc = json.loads(ESKETAMINE.read_text(encoding="utf-8"))
    doc["priming_treatments"] = [treatment]
    path = tmp / "bad-priming.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    r = cli("generate", "--patient", path, "--start", "2026-11-23", "--weeks", "4")
    assert r.code == 3, r.out + r.err
    assert f"{pointer}:" in r.err, r.err
    assert r.out == ""
