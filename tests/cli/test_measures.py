"""Outcome measures at the right time (#19, planning/measures, data/programmes.json
"outcome_measures"): as a clinician runs `generate`, each with its inputs in the repository.

- one cognitive screen per plan (`cognitive_screens`: MMSE with dementia, else MoCA), repeated
  no sooner than `cognitive_retest_min_weeks` (12) in its alternate form (MoCA version 2);
- SCAT6 only in the first days after a concussion; a TBI seven months ago gets the Rivermead
  questionnaire (`late_symptom_measure`), never SCAT6 or SCOAT6 (`scoat6_max_days` 30);
- the six-minute walk every 4 weeks and at the end; the TSK for graded exposure;
- every measurement on a training day, never after the plan's end.

Patients: tests/cli/scenarios/measures/.
"""

from __future__ import annotations

import datetime
import json

from conftest import SOURCE_DIR

SCENARIOS = SOURCE_DIR / "tests" / "cli" / "scenarios" / "measures"


def plan_json(cli, *args):
    r = cli("generate", *args, "--format", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def measures(plan, ids):
    return [(m["date"], m["measure"]) for m in plan.get("outcome_measures", []) if m["measure"] in ids]


def training_days(plan):
    training = {"aerobic", "strength", "balance", "hiit", "dual_task"}
    return {s["date"] for s in plan["sessions"] if s["type"] in training}


def days_between(a: str, b: str) -> int:
    return (datetime.date.fromisoformat(b) - datetime.date.fromisoformat(a)).days


COGNITIVE = {"moca", "moca_v2", "moca_v3", "mmse"}
SYMPTOMS = {"scat6", "scoat6", "child_scat6", "child_scoat6", "rpq"}


def test_cognitive_screens_one_per_plan_mmse_with_dementia(cli):
    plan = plan_json(cli, "--patient", SCENARIOS / "stroke_dementia.patient.json", "--start", "2026-11-23", "--weeks", "12")
    got = measures(plan, COGNITIVE)
    assert got and {m for _, m in got} == {"mmse"}


def test_cognitive_retest_min_weeks_at_limit_takes_the_alternate_form(cli):
    # Tuesdays only, 13 weeks from a Tuesday: the last Tuesday is 84 days after the first.
    plan = plan_json(cli, "--patient", SCENARIOS / "stroke_tuesdays.patient.json", "--start", "2026-11-24", "--weeks", "13")
    got = measures(plan, COGNITIVE)
    assert [m for _, m in got] == ["moca", "moca_v2"]
    assert days_between(got[0][0], got[1][0]) == 84


def test_cognitive_retest_min_weeks_one_day_short_gives_no_retest(cli):
    # Tuesdays and Mondays, 12 weeks from a Tuesday: the last Monday is 83 days after the first Tuesday.
    plan = plan_json(cli, "--patient", SCENARIOS / "stroke_tue_mon.patient.json", "--start", "2026-11-24", "--weeks", "12")
    assert [m for _, m in measures(plan, COGNITIVE)] == ["moca"]


def test_cognitive_retest_printed_with_its_version(cli):
    for lang, want in (("en", "MoCA, alternate version 2"), ("nl", "MoCA, alternatieve versie 2")):
        r = cli("generate", "--patient", SCENARIOS / "stroke_tuesdays.patient.json", "--start", "2026-11-24", "--weeks", "13",
                "--lang", lang)
        assert r.code == 0, r.err
        assert want in " ".join(r.out.split())


def test_scoat6_max_days_tbi_seven_months_gets_no_scat6(cli):
    # NeuroRC lists a concussion scale; seven months after a TBI it is the Rivermead questionnaire.
    for programme in ("neurorc_intensive", "standard"):
        plan = plan_json(cli, "--patient", SCENARIOS / "tbi_7_months.patient.json", "--start", "2026-11-23", "--weeks", "8",
                         "--programme", programme)
        ids = {m["measure"] for m in plan.get("outcome_measures", [])}
        assert not ids & {"scat6", "scoat6", "child_scat6", "child_scoat6"}, (programme, ids)
        if programme == "neurorc_intensive":
            assert "rpq" in ids
    r = cli("generate", "--patient", SCENARIOS / "tbi_7_months.patient.json", "--start", "2026-11-23", "--weeks", "8",
            "--programme", "neurorc_intensive", "--lang", "nl")
    assert r.code == 0, r.err
    assert "Rivermead-vragenlijst" in r.out and "SCAT6" not in r.out


def test_scat6_only_in_the_first_days_after_a_concussion(cli):
    # Three days after: SCAT6 first; later measurements SCOAT6.
    plan = plan_json(cli, "--age", "30", "--condition", "concussion:2026-11-20", "--start", "2026-11-23", "--weeks", "6")
    got = measures(plan, SYMPTOMS)
    assert got[0][1] == "scat6"
    assert all(m != "scat6" for _, m in got[1:])
    assert all(days_between("2026-11-20", d) <= 30 or m == "rpq" for d, m in got)


def test_six_minute_walk_every_4_weeks_and_at_the_end_on_training_days(cli):
    plan = plan_json(cli, "--patient", SCENARIOS / "parkinson_mwf.patient.json", "--start", "2026-11-23", "--weeks", "12")
    walk = [d for d, _ in measures(plan, {"six_minute_walk"})]
    assert walk == ["2026-11-23", "2026-12-21", "2027-01-18", "2027-02-12"]


def test_measurements_fall_on_training_days_when_the_plan_starts_and_ends_on_a_rest_day(cli):
    # Starts on Sunday 22 November, ends on Saturday 13 February; trains Mon, Wed, Fri.
    plan = plan_json(cli, "--patient", SCENARIOS / "parkinson_mwf.patient.json", "--start", "2026-11-22", "--weeks", "12")
    days = training_days(plan)
    end = (datetime.date.fromisoformat("2026-11-22") + datetime.timedelta(days=83)).isoformat()
    assert plan["outcome_measures"]
    for m in plan["outcome_measures"]:
        assert m["date"] in days, m
        assert "2026-11-22" <= m["date"] <= end
        assert datetime.date.fromisoformat(m["date"]).weekday() != 6
    assert plan["outcome_measures"][0]["date"] == "2026-11-23"
    assert plan["outcome_measures"][-1]["date"] == "2027-02-12"


def test_graded_exposure_measures_fear_of_moving(cli):
    plan = plan_json(cli, "--patient", SCENARIOS / "pain_fear.patient.json", "--start", "2026-11-23", "--weeks", "12",
                     "--programme", "graded_exposure")
    tsk = measures(plan, {"tsk"})
    assert tsk and tsk[0][0] == "2026-11-23"
    for lang, want in (("en", "TSK questionnaire (fear of moving)"), ("nl", "TSK-vragenlijst (angst om te bewegen)")):
        r = cli("generate", "--patient", SCENARIOS / "pain_fear.patient.json", "--start", "2026-11-23", "--weeks", "12",
                "--programme", "graded_exposure", "--lang", lang)
        assert r.code == 0, r.err
        assert want in " ".join(r.out.split())


def test_generated_plans_with_new_measures_read_back(cli, tmp_path):
    # A plan document holding moca_v2 and rpq reads back (validate) without a schema error.
    for args in (("--patient", SCENARIOS / "stroke_tuesdays.patient.json", "--start", "2026-11-24", "--weeks", "13"),
                 ("--patient", SCENARIOS / "tbi_7_months.patient.json", "--start", "2026-11-23", "--weeks", "8",
                  "--programme", "neurorc_intensive")):
        out = tmp_path / "plan.json"
        r = cli("generate", *args, "--format", "json", "--output", out)
        assert r.code == 0, r.err
        r = cli("render", "--plan", out, "--format", "text")
        assert r.code == 0, r.err
