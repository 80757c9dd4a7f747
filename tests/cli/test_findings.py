"""Findings that help instead of drown, and texts that are true (#19, FIND).

- A planned shortfall (session.duration below 45 min, week.volume below 150, week.sessions,
  week.strength, week.balance) in a build-up week or in concussion steps 1-3 is one week.volume
  info for the plan, not a warning per session or week; after the build-up the warnings stay.
- More than 300 moderate-equivalent minutes a week is information (WHO 2020: not harmful).
- "the first session is on <date>" names a day with a training session; a replanned plan says
  its own full-dose week; no rule parameter name or other snake_case word in the printout;
  "sessions of at least 45 minutes" only where the plan has them.

Inputs: tests/cli/scenarios/findings/ (patients, hand-written plans, a session log) and examples/.
"""

from __future__ import annotations

import datetime
import json
import re

import pytest

from conftest import SOURCE_DIR

FIND = SOURCE_DIR / "tests" / "cli" / "scenarios" / "findings"
EX = SOURCE_DIR / "examples"

SHORTFALL_RULES = ("session.duration", "week.volume", "week.sessions", "week.strength", "week.balance")


def flat(text: str) -> str:
    return " ".join(text.split())


def generate(cli, tmp_path, patient, *args):
    out = tmp_path / "plan.json"
    r = cli("generate", "--patient", patient, *args, "--format", "json", "--output", out)
    assert r.code == 0, r.err
    return out, json.loads(out.read_text(encoding="utf-8"))


def validate(cli, patient, plan, *args):
    r = cli("validate", "--patient", patient, "--plan", plan, "--format", "json", *args)
    assert r.code in (0, 1), r.err
    return json.loads(r.out)


def of(report, severity, rule=None):
    return [f for f in report["findings"] if f["severity"] == severity and (rule is None or f["rule"] == rule)]


def planned(report):
    """The plan-wide week.volume info findings: the build-up's or the concussion steps'."""
    return [f for f in of(report, "info", "week.volume") if f["path"] in ("", "/sessions", "/full_dose_week")]


# ---------------------------------------------------------------- one finding, not dozens
def test_findings_concussion_older_adult_plan_has_one_info_and_no_warnings(cli, tmp_path):
    """The issue's 78-year-old (concussion 2026-11-30, start 2026-12-07)."""
    patient = FIND / "concussion78.patient.json"
    plan, _ = generate(cli, tmp_path, patient, "--start", "2026-12-07")
    report = validate(cli, patient, plan)
    assert report["summary"]["errors"] == 0
    assert report["summary"]["warnings"] == 0, of(report, "warning")
    p = planned(report)
    assert len(p) == 1
    assert "before step 4" in p[0]["message"]["en"]
    assert "voor stap 4" in p[0]["message"]["nl"]


def test_findings_stroke_week_example_is_one_build_up_info(cli):
    """examples/plan-stroke-week.json (a therapist's plan, no full_dose_week): 190 -> 196
    training minutes, rising within 10 % to its last week: it builds up throughout."""
    report = validate(cli, EX / "patient-stroke.json", EX / "plan-stroke-week.json")
    assert report["summary"]["warnings"] == 0, of(report, "warning")
    p = planned(report)
    assert len(p) == 1
    assert "(10)" in p[0]["message"]["en"]
    assert "The full dose comes after this plan." in p[0]["message"]["en"]
    assert "De volledige dosis komt na dit plan." in p[0]["message"]["nl"]


@pytest.mark.parametrize("patient,start", [
    (FIND / "parkinson70.patient.json", "2026-12-07"),
    (EX / "patient-stroke.json", "2026-11-23"),
    (EX / "patient-older-adult.json", "2026-12-07"),
    (EX / "patient-tbi.json", "2026-12-07"),
], ids=["parkinson70", "stroke", "older-adult", "tbi"])
def test_findings_generated_plan_has_no_shortfall_warning_in_its_build_up(cli, tmp_path, patient, start):
    plan_path, plan = generate(cli, tmp_path, patient, "--start", start)
    report = validate(cli, patient, plan_path)
    assert report["summary"]["errors"] == 0
    fdw = plan.get("full_dose_week")
    assert fdw, "the generated plan reaches its full dose"
    # Every shortfall warning left lies in or after the full-dose week (an ISO week ending
    # on or after its first day).
    full_from = datetime.date.fromisoformat(plan["start_date"]) + datetime.timedelta(days=7 * (fdw - 1))
    for f in of(report, "warning"):
        if f["rule"] in SHORTFALL_RULES:
            when = f.get("date") or f.get("week")
            assert when is not None and datetime.date.fromisoformat(when[:10]) + datetime.timedelta(days=6) >= full_from, f
    if fdw > 1:
        assert len(planned(report)) <= 1


def test_findings_after_the_build_up_the_warning_stays(cli):
    """The same 44-min Saturday: in week 1 of a plan with full_dose_week 2 it is planned; in
    week 2 it is a warning."""
    patient = FIND / "adult40.patient.json"
    before = validate(cli, patient, FIND / "build-up-short-week1.plan.json")
    assert before["summary"] == {"errors": 0, "warnings": 0, "infos": 1}
    assert "The full dose comes in week 2, from 2026-11-30." in planned(before)[0]["message"]["en"]
    after = validate(cli, patient, FIND / "build-up-short-week2.plan.json")
    w = of(after, "warning", "session.duration")
    assert [(f["date"], f["actual"]) for f in w] == [("2026-12-05", "44 min")]
    assert planned(after) == []


# ---------------------------------------------------------------- more than 300 minutes
def test_findings_week_volume_300_passes_301_is_info(cli):
    patient = FIND / "adult40.patient.json"
    r300 = validate(cli, patient, FIND / "volume-300.plan.json")
    assert not [f for f in r300["findings"] if f["rule"] == "week.volume"]
    r301 = validate(cli, patient, FIND / "volume-301.plan.json")
    vol = [f for f in r301["findings"] if f["rule"] == "week.volume"]
    assert [(f["severity"], f["actual"]) for f in vol] == [("info", "301 min")]
    assert "not harmful (WHO 2020)" in vol[0]["message"]["en"]
    # No week.volume warning (the 70-minute days warn under session.duration's 60-minute cap).
    assert not [f for f in r301["findings"] if f["rule"] == "week.volume" and f["severity"] == "warning"]
    text = cli("validate", "--patient", patient, "--plan", FIND / "volume-301.plan.json", "--lang", "nl")
    assert text.code == 0, text.err
    assert "niet schadelijk (WHO 2020)" in flat(text.out)


# ---------------------------------------------------------------- true texts
@pytest.mark.parametrize("days", ["sat", "mon,thu", "tue,fri,sun"])
def test_findings_concussion_start_names_a_training_session(cli, tmp_path, days):
    _, plan = generate(cli, tmp_path, FIND / "concussion78.patient.json", "--start", "2026-11-30", "--days", days)
    m = re.search(r"the first session is on (\d{4}-\d{2}-\d{2})", plan["notes"])
    assert m, plan["notes"]
    training = sorted(s["date"] for s in plan["sessions"] if s["type"] in ("aerobic", "strength", "balance", "hiit",
                                                                           "dual_task"))
    assert m.group(1) == training[0]


def test_findings_replan_recomputes_the_full_dose_week(cli, tmp_path):
    """A hold from 2026-12-07 (RPE 17 logged in weeks 1-2) moves the full dose from week 5 to
    week 6: the notes and the stored findings say week 6, from 2026-12-28."""
    patient = EX / "patient-stroke.json"
    plan_path, plan = generate(cli, tmp_path, patient, "--start", "2026-11-23", "--weeks", "12")
    assert plan["full_dose_week"] == 5
    assert "is reached in week 5, from 2026-12-21." in plan["notes"]
    out = tmp_path / "replanned.json"
    r = cli("replan", "--patient", patient, "--plan", plan_path, "--log", FIND / "stroke-hold-rpe17.log.json",
            "--today", "2026-12-07", "--format", "json", "--output", out)
    assert r.code == 0, r.err
    again = json.loads(out.read_text(encoding="utf-8"))
    assert again["full_dose_week"] == 6
    assert "is reached in week 6, from 2026-12-28." in again["notes"]
    assert "week 5" not in again["notes"]
    msgs = [f["message"]["en"] for f in again["findings"]]
    assert not any("is reached in week 5" in m for m in msgs)
    assert any("is reached in week 6, from 2026-12-28." in m for m in msgs)
    # The printout (Dutch too) says the same.
    for lang, text in (("en", "is reached in week 6"), ("nl", "wordt bereikt in week 6")):
        shown = cli("render", "--plan", out, "--patient", patient, "--lang", lang)
        assert shown.code == 0, shown.err
        assert text in flat(shown.out)
        assert "week 5, " not in flat(shown.out)


def test_findings_replan_of_edited_notes_replaces_the_stale_line(cli, tmp_path):
    patient = EX / "patient-stroke.json"
    plan_path, plan = generate(cli, tmp_path, patient, "--start", "2026-11-23", "--weeks", "12")
    plan["notes"] = "Checked by the therapist. " + plan["notes"]
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    out = tmp_path / "replanned.json"
    r = cli("replan", "--patient", patient, "--plan", plan_path, "--log", FIND / "stroke-hold-rpe17.log.json",
            "--today", "2026-12-07", "--format", "json", "--output", out)
    assert r.code == 0, r.err
    notes = json.loads(out.read_text(encoding="utf-8"))["notes"]
    assert notes.startswith("Checked by the therapist. ")
    assert "is reached in week 6, from 2026-12-28." in notes
    assert "is reached in week 5" not in notes


PATIENTS = [FIND / p for p in ("concussion78.patient.json", "stroke84_low_baseline.patient.json",
                               "parkinson70.patient.json", "athlete24.patient.json", "adult40.patient.json")] + \
           [EX / p for p in ("patient-stroke.json", "patient-older-adult.json", "patient-tbi.json",
                             "patient-chronic-pain.json", "patient-concussion.json")]
PROGRAMMES = ["", "cognitive_fitness", "graded_activity", "hiit_stroke", "neurorc_intensive"]


def parameter_names(cli):
    r = cli("rules", "--format", "json")
    assert r.code == 0, r.err
    names = set()
    for rule in json.loads(r.out)["rules"].values():
        names.update(rule.get("params", {}))
    assert "build_up_weeks" in names and "min_baseline_minutes" in names
    return names


def test_findings_no_parameter_name_in_the_printout(cli):
    """No rule parameter name (build_up_weeks, min_baseline_minutes, ...) and no other
    snake_case word in a generated plan's text or markdown, in either language, across
    patients and programmes. JSON paths (/available_days) and rule IDs ([safety.stop_signals])
    in the therapist's list of findings are identifiers, left out of the check."""
    names = parameter_names(cli)
    snake = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
    seen = 0
    for patient in PATIENTS:
        for programme in PROGRAMMES:
            for fmt in ("text", "markdown"):
                for lang in ("en", "nl"):
                    args = ["generate", "--patient", patient, "--start", "2026-12-07", "--format", fmt, "--lang", lang]
                    if programme:
                        args += ["--programme", programme]
                    r = cli(*args)
                    if r.code != 0:
                        continue  # a programme not for this patient
                    seen += 1
                    text = re.sub(r"/[A-Za-z0-9_/]+", "", r.out)
                    text = re.sub(r"\[[a-z0-9_.]+\]", "", text)
                    text = re.sub(r"`[a-z0-9_.]+`", "", text)
                    words = set(re.findall(r"[a-z0-9_]+", text))
                    assert not (names & words), (patient.name, programme, fmt, lang, names & words)
                    assert not snake.findall(text), (patient.name, programme, fmt, lang, snake.findall(text)[:5])
    assert seen >= 40


@pytest.mark.parametrize("patient,expected", [
    (EX / "patient-stroke.json", True),
    (FIND / "parkinson70.patient.json", True),
    # Its sessions stay under 45 minutes for all 12 weeks: the validator warns, so the page
    # says so too (once, with the count), beside the patient's "Your sessions start short".
    (FIND / "stroke84_low_baseline.patient.json", True),
    (FIND / "concussion78.patient.json", False),
], ids=["stroke", "parkinson70", "low-baseline", "concussion"])
def test_findings_45_minutes_only_where_the_plan_has_them(cli, patient, expected):
    for lang, phrase in (("en", "sessions of at least 45 minutes"), ("nl", "van minstens 45 minuten")):
        r = cli("generate", "--patient", patient, "--start", "2026-12-07", "--lang", lang)
        assert r.code == 0, r.err
        assert (phrase in flat(r.out)) == expected
    if "low_baseline" in patient.name:
        r = cli("generate", "--patient", patient, "--start", "2026-12-07")
        assert "Your sessions start short" in flat(r.out)
        assert "more warnings like this" in flat(r.out)


def test_findings_replan_pause_drops_the_full_dose_line(cli, tmp_path):
    """A stop signal on day 1 pauses the plan: no full-dose week any more, and no line that
    promises one."""
    patient = EX / "patient-stroke.json"
    plan_path, _ = generate(cli, tmp_path, patient, "--start", "2026-11-23", "--weeks", "12")
    r = cli("replan", "--patient", patient, "--plan", plan_path, "--log", FIND / "stop-signal.log.json",
            "--today", "2026-11-24", "--format", "json")
    assert r.code == 0, r.err
    paused = json.loads(r.out)
    assert "full_dose_week" not in paused
    assert "Training is paused" in paused["notes"]
    assert "full dose" not in paused["notes"]
    assert not any("full dose" in f["message"]["en"] for f in paused["findings"])
