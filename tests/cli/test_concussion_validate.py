"""concussion.return through `rehabplan validate` (issue 18, Amsterdam 2022): the
hand-written plan with full-contact practice on day 6 and a match on day 7 is an error at
those sessions until the patient document records that symptoms have resolved and a doctor
has cleared the return; a step-2A session at 55 % HRmax gets no floor warning and no dose
warning (week.volume, week.sessions, session.duration), and one at 56 % is an error.

Patients and plans: tests/cli/scenarios/concussion/validate/ (concussion on Friday
2026-11-20; HRmax measured 190, so 55 % = 104.5 bpm).
"""

from __future__ import annotations

import json

from conftest import SOURCE_DIR

VALIDATE = SOURCE_DIR / "tests" / "cli" / "scenarios" / "concussion" / "validate"
ATHLETE = VALIDATE / "patient-athlete.json"                  # no symptoms_resolved, no cleared
ATHLETE_CLEARED = VALIDATE / "patient-athlete-cleared.json"  # resolved 2026-11-24, cleared 2026-11-25
CONTACT = VALIDATE / "plan-contact-day6.json"                # step 4 day 5, step 5 (contact) day 6, step 6 (match) day 7
STEP_2A_55 = VALIDATE / "plan-2a-55.json"                    # step 2 on day 3, 45-55 % HRmax (86-104 bpm), 20 min
STEP_2A_56 = VALIDATE / "plan-2a-56.json"                    # the same up to 56 % (106 bpm)


def findings(cli, patient, plan, *extra):
    r = cli("validate", "--patient", patient, "--plan", plan, "--format", "json", *extra)
    out = json.loads(r.out)
    if isinstance(out, dict):
        out = out["findings"]
    return r, out


def of_rule(fs, rule, severity=None):
    return [f for f in fs if f["rule"] == rule and (severity is None or f["severity"] == severity)]


def test_contact_on_day_6_and_match_on_day_7_without_resolution_or_clearance_are_errors_at_those_sessions(cli):
    plan = json.loads(CONTACT.read_text(encoding="utf-8"))
    assert [(s["date"], s["concussion_step"]) for s in plan["sessions"]] == [
        ("2026-11-25", 4), ("2026-11-26", 5), ("2026-11-27", 6)]
    r, fs = findings(cli, ATHLETE, CONTACT)
    assert r.code == 1, r.err
    errors = of_rule(fs, "concussion.return", "error")
    assert [f["path"] for f in errors] == ["/sessions/0/concussion_step", "/sessions/1/concussion_step",
                                           "/sessions/2/concussion_step"]
    contact, match = errors[1], errors[2]
    assert contact["date"] == "2026-11-26" and match["date"] == "2026-11-27"
    assert "Step 5 on 2026-11-26" in contact["message"]["en"]
    assert "Step 6 on 2026-11-27" in match["message"]["en"]
    assert "symptoms_resolved: none recorded" in contact["message"]["en"]
    assert "niet vastgelegd" in contact["message"]["nl"]
    assert contact["expected"] == "symptoms_resolved recorded on or before 2026-11-26 (from step 4)"
    assert contact["actual"] == "step 5, symptoms_resolved none"
    # Nothing else is wrong with the plan: the errors are the return's.
    assert [f["rule"] for f in fs if f["severity"] == "error"] == ["concussion.return"] * 3


def test_contact_plan_in_text_and_dutch(cli):
    r = cli("validate", "--patient", ATHLETE, "--plan", CONTACT)
    assert r.code == 1
    assert "error  concussion.return" in r.out
    assert "/sessions/1/concussion_step" in r.out
    nl = cli("validate", "--patient", ATHLETE, "--plan", CONTACT, "--lang", "nl")
    assert nl.code == 1
    assert "Stap 5 op 2026-11-26 komt voordat de klachten verdwenen zijn" in nl.out


def test_same_contact_plan_passes_with_resolution_and_clearance_recorded_before_day_6(cli):
    patient = json.loads(ATHLETE_CLEARED.read_text(encoding="utf-8"))
    assert patient["concussion_return"]["symptoms_resolved"] == "2026-11-24"
    assert patient["concussion_return"]["cleared"]["date"] == "2026-11-25"
    r, fs = findings(cli, ATHLETE_CLEARED, CONTACT)
    assert r.code == 0, r.out
    assert of_rule(fs, "concussion.return") == []
    assert [f for f in fs if f["severity"] == "error"] == []


def test_resolution_without_clearance_still_stops_contact(cli, tmp):
    patient = json.loads(ATHLETE_CLEARED.read_text(encoding="utf-8"))
    del patient["concussion_return"]["cleared"]
    path = tmp / "concussion-resolved-not-cleared.json"
    path.write_text(json.dumps(patient), encoding="utf-8")
    r, fs = findings(cli, path, CONTACT)
    assert r.code == 1
    errors = of_rule(fs, "concussion.return", "error")
    assert [f["path"] for f in errors] == ["/sessions/0/concussion_step", "/sessions/1/concussion_step",
                                           "/sessions/2/concussion_step"]
    assert all("clearance" in f["message"]["en"] and f["actual"].endswith("cleared none") for f in errors)


def test_step_2a_at_55_percent_has_no_floor_and_no_dose_warning(cli):
    plan = json.loads(STEP_2A_55.read_text(encoding="utf-8"))
    (session,) = plan["sessions"]
    assert session["concussion_step"] == 2 and session["intensity"]["percent_high"] == 55
    assert session["minutes"] == 20  # below session.duration's 45 and week.volume's 150
    r, fs = findings(cli, ATHLETE, STEP_2A_55)
    assert r.code == 0, r.out
    for rule in ("intensity.heart_rate", "concussion.return", "week.sessions", "week.strength", "session.duration"):
        assert of_rule(fs, rule) == [], rule
    # The planned shortfalls of steps 1-3: one plan-wide info (#19), no warning.
    (planned,) = of_rule(fs, "week.volume")
    assert planned["severity"] == "info" and planned["path"] == "" and "before step 4" in planned["message"]["en"]
    assert not any("60 %" in f["message"]["en"] for f in fs)
    # The full ISO week 2026-W48 lies in the plan, so its minimums were read, not skipped as partial.
    assert not any(f["rule"] == "week.sessions" and "partly" in f["message"]["en"] for f in fs)


def test_zones_on_the_day_agree_with_the_step_2a_session(cli):
    r = cli("zones", "--patient", ATHLETE, "--date", "2026-11-23", "--format", "json")
    assert r.code == 0, r.err
    z = json.loads(r.out)
    assert (z["target"]["low_bpm"], z["target"]["high_bpm"]) == (86, 104)
    assert (z["target"]["low_percent"], z["target"]["high_percent"]) == (45, 55)
    assert z["ceiling"]["rule"] == "concussion.return"
    assert z["ceiling"]["param"] == "step_2a_max_percent_hrmax"


def test_step_2a_at_56_percent_is_an_error(cli):
    r, fs = findings(cli, ATHLETE, STEP_2A_56)
    assert r.code == 1
    errors = of_rule(fs, "concussion.return", "error")
    assert {f["path"] for f in errors} == {"/sessions/0/intensity/hr_high_bpm", "/sessions/0/intensity/percent_high"}
    bpm = next(f for f in errors if f["path"].endswith("hr_high_bpm"))
    assert bpm["expected"].startswith("<= 104 bpm (55 % of HRmax 190.0")
    assert bpm["actual"].startswith("106 bpm")
    pct = next(f for f in errors if f["path"].endswith("percent_high"))
    assert pct["actual"] == "56 %"
    assert "above the limit of 55 %" in pct["message"]["en"]
