"""Issue 17, part 2 (intensity that is what it says), through the CLI: each scenario has its own
patient and plan files under scenarios/intensity/.

- intensity.heart_rate / safety.clearance: steady work stays in the moderate band (<= 76 % HRmax,
  RPE <= 13) without a vigorous clearance; a session is read by its numbers, not its label.
- After a stroke Borg RPE 11-14 steers or caps aerobic work (AHA/ASA 2014): vigorous work stated
  as effort is an error exactly like the same work stated as heart rate.
- Beta-blockers, any condition, no measured HRmax: HRmax 164 - 0.7 x age (Brawner 2004).
- Karvonen collapse: a zone is never one number and never at or below the resting heart rate.
"""

from __future__ import annotations

import json
import re

import pytest

SCEN = "tests/cli/scenarios/intensity"
START = ("--start", "2026-11-23")


def scen(src, name):
    return src / SCEN / name


def findings(r):
    return json.loads(r.out)["findings"]


def errors(r):
    return [f for f in findings(r) if f["severity"] == "error"]


# ------------------------------------------------------------------ stroke: effort-stated vigorous work

def test_stroke_borg_15_17_in_week_1_is_an_error(cli, src):
    """Three continuous 30-minute sessions at Borg 15-17 in week 1, unscreened stroke patient
    without a clearance: exit 1, errors on every session (stroke RPE cap 14, and vigorous work
    without a vigorous clearance)."""
    r = cli("validate", "--patient", scen(src, "patient-stroke-unscreened.json"),
            "--plan", scen(src, "plan-stroke-borg-15-17.json"), "--format", "json")
    assert r.code == 1, r.err
    errs = errors(r)
    capped = [f for f in errs if f["rule"] == "intensity.heart_rate" and f["path"].endswith("/rpe_high")]
    assert sorted(f["path"] for f in capped) == [f"/sessions/{i}/intensity/rpe_high" for i in range(3)]
    assert all(f["expected"] == "<= RPE 14" and f["actual"] == "RPE 17" for f in capped)
    uncleared = [f for f in errs if f["rule"] == "safety.clearance"]
    assert len(uncleared) == 3
    # Nothing else is wrong with the plan: the errors are the intensity ones only.
    assert {f["rule"] for f in errs} == {"intensity.heart_rate", "safety.clearance"}


def test_stroke_effort_stated_like_heart_rate_stated(cli, src):
    """The same work written as 70-85 % HRmax is an error too: both are errors, on every session."""
    hr = cli("validate", "--patient", scen(src, "patient-stroke-unscreened.json"),
             "--plan", scen(src, "plan-stroke-85-percent.json"), "--format", "json")
    rpe = cli("validate", "--patient", scen(src, "patient-stroke-unscreened.json"),
              "--plan", scen(src, "plan-stroke-borg-15-17.json"), "--format", "json")
    assert hr.code == 1 and rpe.code == 1
    sessions = lambda r: {f["path"].split("/")[2] for f in errors(r) if f["path"].startswith("/sessions/")}
    assert sessions(hr) == sessions(rpe) == {"0", "1", "2"}


def test_stroke_borg_11_13_passes(cli, src):
    r = cli("validate", "--patient", scen(src, "patient-stroke-unscreened.json"),
            "--plan", scen(src, "plan-stroke-borg-11-13.json"), "--format", "json")
    assert r.code == 0 and not errors(r), r.out


def test_stroke_text_output_names_the_limit(cli, src):
    for lang, word in (("en", "RPE"), ("nl", "RPE")):
        r = cli("validate", "--patient", scen(src, "patient-stroke-unscreened.json"),
                "--plan", scen(src, "plan-stroke-borg-15-17.json"), "--lang", lang)
        assert r.code == 1
        assert word in r.out and "14" in r.out and "17" in r.out


def test_generated_stroke_plan_prescribes_borg_and_validates(cli, src, tmp):
    out = tmp / "intensity-stroke.json"
    r = cli("generate", "--patient", scen(src, "patient-stroke-unscreened.json"), *START, "--weeks", "4",
            "--format", "json", "--output", out)
    assert r.code == 0, r.err
    plan = json.loads(out.read_text(encoding="utf-8"))
    aerobic = [s for s in plan["sessions"] if s["type"] == "aerobic"]
    assert aerobic
    for s in aerobic:
        i = s["intensity"]
        assert (i["rpe_low"], i["rpe_high"]) == (11, 13)
        assert i["hr_high_bpm"] <= 122  # 76 % of 161.1 (Tanaka at 67) = 122.4, below the stroke ceiling 80 %
    v = cli("validate", "--patient", scen(src, "patient-stroke-unscreened.json"), "--plan", out, "--format", "json")
    assert v.code == 0 and not errors(v), v.out


# ------------------------------------------------------------------ beta-blockers: Brawner, Borg steers

@pytest.mark.parametrize("lang,formula,borg", [("en", "Brawner formula", "effort of 11-13 on the Borg scale"),
                                               ("nl", "formule van Brawner", "inspanning van 11-13 op de Borgschaal")])
def test_parkinson_beta_blocker_brawner_and_borg(cli, src, lang, formula, borg):
    """72 years, Parkinson's, a beta-blocker, no measured HRmax: HRmax 164 - 0.7 x 72 = 113.6
    (Brawner), not 157.6 (Tanaka); Borg steers; the heart-rate cap is 76 % of 113.6 = 86."""
    r = cli("generate", "--patient", scen(src, "patient-parkinson-beta-blocker.json"), *START, "--weeks", "2",
            "--lang", lang)
    assert r.code == 0, r.err
    text = " ".join(r.out.split())
    assert formula in text
    assert "114" in text and ("113.6" if lang == "en" else "113,6") in text  # a decimal comma in Dutch
    assert borg in text
    assert "133" not in text and "157" not in text
    assert re.search(r"\b86\b", text)


def test_parkinson_beta_blocker_generated_plan_validates(cli, src, tmp):
    out = tmp / "intensity-pd.json"
    r = cli("generate", "--patient", scen(src, "patient-parkinson-beta-blocker.json"), *START, "--weeks", "4",
            "--format", "json", "--output", out)
    assert r.code == 0, r.err
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["heart_rate_zone"]["hrmax_source"] == "brawner"
    assert plan["heart_rate_zone"]["hrmax_bpm"] == 114
    for s in plan["sessions"]:
        if s["type"] == "aerobic":
            assert (s["intensity"]["rpe_low"], s["intensity"]["rpe_high"]) == (11, 13)
    v = cli("validate", "--patient", scen(src, "patient-parkinson-beta-blocker.json"), "--plan", out, "--format", "json")
    assert v.code == 0 and not errors(v), v.out


def test_zones_parkinson_beta_blocker(cli, src):
    r = cli("zones", "--patient", scen(src, "patient-parkinson-beta-blocker.json"), "--format", "json")
    assert r.code == 0, r.err
    z = json.loads(r.out)
    assert z["hrmax"]["source"] == "brawner"
    assert abs(z["hrmax"]["bpm"] - 113.6) < 1e-9
    assert z["basis"] == "rpe"


# ------------------------------------------------------------------ Karvonen collapse

ONE_NUMBER = re.compile(r"\b(\d+)-\1 (beats|slagen)")


@pytest.mark.parametrize("age", [20, 40, 60, 70, 75, 80, 90])
def test_resting_118_never_one_number(cli, age):
    for lang in ("en", "nl"):
        r = cli("generate", "--age", str(age), "--resting-hr", "118", *START, "--weeks", "1", "--lang", lang)
        assert r.code == 0, r.err
        assert "132-132" not in r.out
        assert not ONE_NUMBER.search(r.out), r.out


def test_resting_118_falls_back_with_a_finding(cli, src, tmp):
    out = tmp / "intensity-r118.json"
    r = cli("generate", "--patient", scen(src, "patient-resting-118.json"), *START, "--weeks", "2", "--format", "json",
            "--output", out)
    assert r.code == 0, r.err
    plan = json.loads(out.read_text(encoding="utf-8"))
    z = plan["heart_rate_zone"]
    # 60 years: Tanaka 166; Karvonen floor 118 + 40 % x 48 = 137.2 passes the ceiling 76 % = 126.2:
    # % HRmax above the resting rate, 119-126 bpm.
    assert z["basis"] == "percent_hrmax"
    assert (z["low_bpm"], z["high_bpm"]) == (119, 126)
    assert z["low_bpm"] > 118 and z["low_bpm"] < z["high_bpm"]
    fs = [f for f in plan["findings"] if f["rule"] == "intensity.heart_rate"]
    assert any("Karvonen" in f["message"]["en"] for f in fs), fs
    v = cli("validate", "--patient", scen(src, "patient-resting-118.json"), "--plan", out, "--format", "json")
    assert v.code == 0 and not errors(v), v.out


def test_resting_125_at_75_steers_by_effort(cli):
    """75 years, resting 125 (cleared: above 120 needs a clearance): 76 % of 155.5 = 118 is below
    the resting rate, so effort steers and no heart-rate range is printed."""
    for lang, borg in (("en", "Borg"), ("nl", "Borgschaal")):
        r = cli("generate", "--age", "75", "--resting-hr", "125", "--clearance", "moderate:2026-11-20", *START,
                "--weeks", "1", "--lang", lang)
        assert r.code == 0, r.err
        assert borg in r.out
        assert not re.search(r"(Train at \d+-\d+ beats|Train met een hartslag tussen \d+ en \d+ slagen)", r.out)
        assert not ONE_NUMBER.search(r.out)


# ------------------------------------------------------------------ moderate band without clearance

def test_dementia_85_stays_moderate_without_clearance(cli, src, tmp):
    """85 years, dementia, no clearance: at most 76 % of 148.5 = 112 bpm (was 85 %: 126)."""
    out = tmp / "intensity-d85.json"
    r = cli("generate", "--patient", scen(src, "patient-dementia-85.json"), *START, "--weeks", "4", "--format", "json",
            "--output", out)
    assert r.code == 0, r.err
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["heart_rate_zone"]["high_bpm"] == 112
    highs = [s["intensity"]["hr_high_bpm"] for s in plan["sessions"] if s.get("intensity", {}).get("hr_high_bpm")]
    assert highs and max(highs) <= 112
    text = cli("render", "--plan", out, "--lang", "en")
    assert "Train at 90-112 beats per minute" in text.out
    # No heart rate above 112 is printed (the week's "126 minutes" is not a heart rate).
    assert not re.search(r"\b126\b(?! minutes)", text.out)


def test_dementia_85_plan_at_80_percent_is_vigorous_without_clearance(cli, src, tmp):
    """A therapist's session at 64-80 % HRmax called "moderate": without a vigorous clearance an
    error naming safety.clearance; with one, it passes (80 % <= 85 %) but counts as vigorous."""
    plan = {"schema_version": 1, "start_date": "2026-11-23", "weeks": 1, "programme": "standard",
            "patient_facing": False, "stop_signals": [],
            "sessions": [{"date": "2026-11-23", "type": "aerobic", "minutes": 30, "title": "Walk",
                          "intensity": {"class": "moderate", "percent_low": 64, "percent_high": 80}}]}
    pf = tmp / "intensity-d85-80.json"
    pf.write_text(json.dumps(plan), encoding="utf-8")
    r = cli("validate", "--patient", scen(src, "patient-dementia-85.json"), "--plan", pf, "--format", "json")
    assert r.code == 1
    assert any(f["rule"] == "safety.clearance" and f["path"] == "/sessions/0/intensity/percent_high" for f in errors(r))
    patient = json.loads(scen(src, "patient-dementia-85.json").read_text(encoding="utf-8"))
    patient["clearance"] = {"level": "vigorous", "date": "2026-11-20", "by": "Dr. A. Test, geriatrician"}
    cleared = tmp / "intensity-d85-cleared.json"
    cleared.write_text(json.dumps(patient), encoding="utf-8")
    r2 = cli("validate", "--patient", cleared, "--plan", pf, "--format", "json")
    assert not [f for f in errors(r2) if f["rule"] in ("safety.clearance", "intensity.heart_rate")], r2.out
