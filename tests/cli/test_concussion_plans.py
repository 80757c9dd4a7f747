"""concussion.return through `generate` and `zones` (#18, the generator's part): the issue's
reproductions as a clinician would run them, each with its inputs in the repository.

- the 78-year-old non-athlete gets the daily ladder, no dated contact step, no step 5 session;
- with a treadmill threshold of 190 bpm the plan's heart rates on a day are `zones --date`'s
  for that day, within 55 % HRmax in step 2A and 70 % in step 2B;
- NeuroRC 15 days after a concussion has no HIIT and says why;
- an athlete with symptoms_resolved and cleared gets steps 4-6 dated, without cleared undated;
- a 15-year-old gets return to learn before return to sport, the SCAT6; a 12-year-old the
  Child SCAT6.

They read the plan JSON (its return_ladders and sessions) and the printout.

Patients: tests/cli/scenarios/concussion/plans/.
"""

from __future__ import annotations

import datetime
import json

from conftest import SOURCE_DIR

PLANS = SOURCE_DIR / "tests" / "cli" / "scenarios" / "concussion" / "plans"

OLDER = ["generate", "--age", "78", "--sex", "female", "--condition", "concussion:2026-11-20", "--baseline", "10",
         "--start", "2026-11-20"]


def flat(text: str) -> str:
    """The printout with its line wrapping undone."""
    return " ".join(text.split())


def plan_json(cli, *args):
    r = cli(*args, "--format", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def ladders(plan) -> dict:
    """ladder -> {step: (from or None, gates)}"""
    return {l["ladder"]: {s["step"]: (s.get("from"), s.get("gates", [])) for s in l["steps"]}
            for l in plan["return_ladders"]}


# ---------------------------------------------------------------- (a) the 78-year-old
def test_concussion_return_older_adult_gets_the_daily_ladder_without_contact(cli):
    plan = plan_json(cli, *OLDER)
    lad = ladders(plan)
    assert list(lad) == ["daily"]
    assert list(lad["daily"]) == ["1", "2A", "2B", "3", "4"]
    assert lad["daily"]["2A"][0] == "2026-11-22"
    # Step 4 of the daily ladder is not dated: it waits for resolution and the doctor.
    assert lad["daily"]["4"] == (None, ["symptoms_resolved", "cleared"])
    r = cli(*OLDER)
    assert r.code == 0, r.err
    text = flat(r.out)
    assert "Back to your daily activities, step by step" in text
    assert "Back to sport" not in text
    assert "Step 5" not in text and "Step 6" not in text
    assert "full-contact" not in text and "with contact" not in text
    assert "Step 4: All daily and free-time activities" in text
    assert "Return to daily activities: step 4 not dated yet." in text
    assert "Errors: 0." in text


def test_concussion_return_older_adult_sessions_stay_in_steps_2_and_3(cli):
    plan = plan_json(cli, *OLDER)
    training = [s for s in plan["sessions"] if s.get("concussion_step") is not None]
    assert training, "the plan has training sessions"
    assert min(s["date"] for s in training) == "2026-11-22" or min(s["date"] for s in training) > "2026-11-22"
    assert all(2 <= s["concussion_step"] <= 3 for s in training)
    assert not any("Step 5" in s["title"] or "contact" in s["title"] for s in plan["sessions"])
    # Nothing before step 2A's day (step 1: symptom-limited daily activity).
    assert all(s["date"] >= "2026-11-22" for s in plan["sessions"])


def test_concussion_return_older_adult_in_dutch(cli):
    r = cli(*OLDER, "--lang", "nl")
    assert r.code == 0, r.err
    text = flat(r.out)
    assert "Stap 2A: licht bewegen" in text
    assert "Stap 4: Alle dagelijkse dingen en vrije tijd" in text
    assert "Stap 5" not in text
    assert "Terug naar dagelijkse bezigheden: stap 4 nog zonder datum." in text


# ---------------------------------------------------------------- (b) ceilings and zones agree
def test_concussion_return_threshold_plan_agrees_with_zones_and_keeps_step_ceilings(cli):
    patient = PLANS / "threshold190.patient.json"
    plan = plan_json(cli, "generate", "--patient", patient, "--start", "2026-11-20")
    hrmax = 200
    checked = {"2A": 0, "2B": 0, "3": 0}
    for s in plan["sessions"]:
        if "intensity" not in s or "hr_high_bpm" not in s["intensity"]:
            continue
        z = cli("zones", "--patient", patient, "--date", s["date"], "--format", "json")
        assert z.code == 0, z.err
        zones = json.loads(z.out)
        assert (s["intensity"]["hr_low_bpm"], s["intensity"]["hr_high_bpm"]) == \
            (zones["target"]["low_bpm"], zones["target"]["high_bpm"]), s["date"]
        param = zones["ceiling"]["param"]
        if param == "step_2a_max_percent_hrmax":
            assert s["intensity"]["hr_high_bpm"] <= hrmax * 55 // 100
            checked["2A"] += 1
        elif param == "step_2b_max_percent_hrmax":
            assert s["intensity"]["hr_high_bpm"] <= hrmax * 70 // 100
            assert s["intensity"]["hr_high_bpm"] > hrmax * 55 // 100
            checked["2B"] += 1
        else:
            checked["3"] += 1
        # 90 % of the 190 bpm threshold never lifts a step's ceiling.
        assert s["intensity"]["hr_high_bpm"] <= 190 * 90 // 100
    assert checked["2A"] > 0 and checked["2B"] > 0 and checked["3"] > 0, checked


def test_concussion_return_zones_from_options_match_the_printed_plan(cli):
    r = cli(*OLDER)
    assert r.code == 0, r.err
    line = next(l for l in r.out.splitlines() if l.startswith("Mon 23 Nov"))
    z = cli("zones", "--age", "78", "--sex", "female", "--condition", "concussion:2026-11-20", "--date", "2026-11-23",
            "--format", "json")
    assert z.code == 0, z.err
    target = json.loads(z.out)["target"]
    assert f"{target['low_bpm']}-{target['high_bpm']} bpm" in line


# ---------------------------------------------------------------- (c) NeuroRC 15 days after
def test_concussion_return_neurorc_15_days_after_has_no_hiit_and_says_why(cli):
    args = ["generate", "--age", "30", "--sex", "male", "--condition", "concussion:2026-11-05", "--programme",
            "neurorc_intensive", "--screened", "--baseline", "20", "--start", "2026-11-20"]
    plan = plan_json(cli, *args)
    assert not any(s["type"] == "hiit" or "hiit" in s for s in plan["sessions"])
    assert all(s.get("intensity", {}).get("class") != "vigorous" for s in plan["sessions"])
    r = cli(*args)
    assert r.code == 0, r.err
    text = flat(r.out)
    assert "[concussion.return]" in text
    assert "The programme asks for HIIT, but it is left out" in text
    assert "HIIT and vigorous work only from step 4 of the return" in text


def test_concussion_return_neurorc_with_vigorous_clearance_still_no_hiit_before_step_4(cli):
    args = ["generate", "--age", "30", "--sex", "male", "--condition", "concussion:2026-11-05", "--programme",
            "neurorc_intensive", "--screened", "--clearance", "vigorous:2026-11-18", "--baseline", "20",
            "--start", "2026-11-20"]
    plan = plan_json(cli, *args)
    assert not any(s["type"] == "hiit" for s in plan["sessions"])
    nl = cli(*args, "--lang", "nl")
    assert nl.code == 0, nl.err
    assert "pas HIIT en zware inspanning vanaf stap 4" in flat(nl.out)


# ---------------------------------------------------------------- (d) the athlete's gates
def test_concussion_return_athlete_cleared_gets_steps_4_to_6_dated(cli):
    patient = PLANS / "athlete_cleared.patient.json"
    plan = plan_json(cli, "generate", "--patient", patient, "--start", "2026-11-16")
    assert plan["return_ladders"][0]["sport"] == "field hockey"
    sport = ladders(plan)["sport"]
    assert sport["4"] == ("2026-11-16", ["symptoms_resolved", "cleared"])
    assert sport["5"][0] == "2026-11-17"
    assert sport["6"][0] == "2026-11-18"
    steps = [s["concussion_step"] for s in plan["sessions"] if "concussion_step" in s]
    assert steps == sorted(steps) and 5 in steps
    r = cli("generate", "--patient", patient, "--start", "2026-11-16")
    assert r.code == 0, r.err
    text = flat(r.out)
    assert "Back to field hockey, step by step" in text
    assert "Step 5: full training with contact" in text
    assert "not dated yet" not in text


def test_concussion_return_athlete_without_clearance_gets_steps_4_to_6_undated(cli):
    patient = PLANS / "athlete_resolved.patient.json"
    plan = plan_json(cli, "generate", "--patient", patient, "--start", "2026-11-16")
    sport = ladders(plan)["sport"]
    for step in ("4", "5", "6"):
        assert sport[step] == (None, ["symptoms_resolved", "cleared"])
    assert sport["3"][0] == "2026-11-10"
    assert all((s.get("concussion_step") or 0) <= 3 for s in plan["sessions"])
    assert not any("contact" in s["title"] or "team" in s["title"] for s in plan["sessions"])
    r = cli("generate", "--patient", patient, "--start", "2026-11-16")
    assert r.code == 0, r.err
    text = flat(r.out)
    assert "Return to sport: steps 4, 5 and 6 not dated yet. The patient record has no doctor's clearance" in text
    assert "Return to sport: steps 4, 5 and 6 not dated yet. The patient record has no date on which" not in text


def test_concussion_return_athlete_from_the_command_line_flags(cli):
    base = ["generate", "--age", "24", "--sex", "female", "--condition", "concussion:2026-11-02", "--baseline", "30",
            "--start", "2026-11-16", "--ladder", "sport", "--sport", "field hockey", "--symptoms-resolved", "2026-11-12"]
    cleared = plan_json(cli, *base, "--concussion-cleared", "2026-11-16:Dr A")
    assert ladders(cleared)["sport"]["5"][0] == "2026-11-17"
    assert cleared["return_ladders"][0]["sport"] == "field hockey"
    waiting = plan_json(cli, *base)
    assert ladders(waiting)["sport"]["5"][0] is None
    # A clearance without symptoms_resolved is bad input, named by the patient reader.
    bad = cli("generate", "--age", "24", "--condition", "concussion:2026-11-02", "--start", "2026-11-16",
              "--concussion-cleared", "2026-11-16")
    assert bad.code != 0
    assert "/concussion_return/cleared" in bad.err


def test_concussion_return_ladder_flag_rejects_unknown_ladders(cli):
    r = cli("generate", "--age", "40", "--condition", "concussion:2026-11-02", "--start", "2026-11-16",
            "--ladder", "sport,swimming")
    assert r.code != 0
    assert "/concussion_return/ladders/1" in r.err


# ---------------------------------------------------------------- (e) the young
def test_concussion_return_pupil_gets_learn_before_sport_and_the_scat6(cli):
    patient = PLANS / "pupil15.patient.json"
    plan = plan_json(cli, "generate", "--patient", patient, "--start", "2026-11-20")
    lad = ladders(plan)
    assert list(lad) == ["learn", "sport"]
    assert [v[0] for v in lad["learn"].values()] == ["2026-11-18", "2026-11-20", "2026-11-22", "2026-11-26"]
    # Full-time school (learn step 4) comes before team training (sport step 4), which
    # waits for its gates.
    assert lad["sport"]["4"][0] is None
    measures = {m["measure"] for m in plan["outcome_measures"]}
    assert "scat6" in measures and "child_scat6" not in measures and "child_scoat6" not in measures
    r = cli("generate", "--patient", patient, "--start", "2026-11-20")
    assert r.code == 0, r.err
    text = flat(r.out)
    assert text.index("Back to school or study, step by step") < text.index("Back to basketball, step by step")
    assert "Step 4: Full-time school" in text
    assert "Do not stay away from school for more than one week." in text
    assert "Child SCAT6" not in text


def test_concussion_return_twelve_year_old_gets_the_child_scat6(cli):
    patient = PLANS / "child12.patient.json"
    plan = plan_json(cli, "generate", "--patient", patient, "--start", "2026-11-20")
    measures = {m["measure"] for m in plan["outcome_measures"]}
    assert "child_scat6" in measures and "scat6" not in measures and "scoat6" not in measures
    assert list(ladders(plan)) == ["learn", "sport"]
    r = cli("generate", "--patient", patient, "--start", "2026-11-20")
    assert r.code == 0, r.err
    assert "Child SCAT6" in flat(r.out)


def test_concussion_return_scat6_up_to_7_days_at_the_first_visit_then_scoat6(cli):
    base = ["generate", "--age", "30", "--condition", "concussion:2026-11-13", "--format", "json"]
    at_day_7 = json.loads(cli(*base, "--start", "2026-11-20").out)
    first = [m["measure"] for m in at_day_7["outcome_measures"] if m["date"] == "2026-11-20"]
    assert first == ["scat6"]
    # Later SCOAT6 up to 30 days after the concussion, then the Rivermead questionnaire
    # (outcome_measures scoat6_max_days, #19).
    last = at_day_7["outcome_measures"][-1]
    days = (datetime.date.fromisoformat(last["date"]) - datetime.date(2026, 11, 13)).days
    assert last["measure"] == ("scoat6" if days <= 30 else "rpq")
    at_day_8 = json.loads(cli(*base, "--start", "2026-11-21").out)
    assert [m["measure"] for m in at_day_8["outcome_measures"] if m["date"] == "2026-11-21"] == ["scoat6"]


def test_concussion_return_adult_with_work_gets_work_then_daily(cli):
    plan = plan_json(cli, "generate", "--age", "45", "--condition", "concussion:2026-11-18", "--start", "2026-11-20",
                     "--ladder", "work")
    lad = ladders(plan)
    assert list(lad) == ["work", "daily"]
    dates = [v[0] for v in lad["work"].values()]
    assert None not in dates and dates == sorted(dates) and len(set(dates)) == len(dates)
    r = cli("generate", "--age", "45", "--condition", "concussion:2026-11-18", "--start", "2026-11-20", "--ladder", "work")
    assert "The hours are examples" in flat(r.out)


def test_concussion_return_persisting_symptoms_warning_within_the_plan(cli):
    r = cli("generate", "--age", "40", "--condition", "concussion:2026-11-01", "--start", "2026-11-20")
    assert r.code == 0, r.err
    text = flat(r.out)
    assert "Persisting post-concussive symptoms: refer for multidisciplinary assessment" in text
    assert "2026-11-29" in text
    resolved = cli("generate", "--age", "40", "--condition", "concussion:2026-11-01", "--start", "2026-11-20",
                   "--symptoms-resolved", "2026-11-15")
    assert resolved.code == 0, resolved.err
    assert "Persisting post-concussive symptoms" not in flat(resolved.out)
