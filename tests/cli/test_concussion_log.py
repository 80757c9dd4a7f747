"""A session log after a concussion (issue 18, concussion.return), through the CLI: a new
knock with symptoms stops and refers; a symptom rise in step 2 repeats the step (a rise of
2 changes nothing); symptoms 30 days after the concussion refer for multidisciplinary
assessment.

Inputs in tests/cli/scenarios/concussion/log/ (make_plans.py writes the two plans from the
step schedule, not from the generator): a 24-year-old footballer concussed on 2026-11-01,
symptoms resolved 2026-11-10 and cleared 2026-11-16 (sport ladder: step 5 on 11-17, step 6
from 11-18), with a 2-week plan from 2026-11-17 and a log of a knock in a contact drill on
11-17 with headache 4 and dizziness 3; and a 31-year-old hockey player concussed the same
day, no resolution recorded, with a 5-week plan from 2026-11-02 (2A 11-03..11-05, 2B from
11-06, step 3 from 11-09), a log of a headache rising 1 -> 4 (and 1 -> 3) on 11-04, and one
of a headache on 2026-12-01, 30 days after the concussion.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import SOURCE_DIR

LOG = SOURCE_DIR / "tests/cli/scenarios/concussion/log"
ATHLETE = LOG / "patient-athlete.json"
ATHLETE_PLAN = LOG / "plan-athlete.json"
KNOCK = LOG / "log-knock.json"
RECOVERING = LOG / "patient-recovering.json"
RECOVERING_PLAN = LOG / "plan-recovering.json"
RISE_3 = LOG / "log-step2-rise.json"
RISE_2 = LOG / "log-step2-rise-2.json"
DAY_30 = LOG / "log-day30.json"


def flat(text: str) -> str:
    """Text with its line wrapping (and the text banner's margins) undone."""
    return re.sub(r"\s*\n[!*#]*\s*", " ", text)


def replanned(cli, tmp_path, patient, plan, log, today):
    out = tmp_path / "replanned.json"
    r = cli("replan", "--patient", patient, "--plan", plan, "--log", log, "--today", today, "--format", "json",
            "-o", out)
    assert r.code == 0, r.err
    return json.loads(out.read_text(encoding="utf-8"))


def messages(plan, rule, lang="en"):
    return [f["message"][lang] for f in plan["findings"] if f["rule"] == rule]


def test_the_scenario_plans_validate(cli):
    for patient, plan in ((ATHLETE, ATHLETE_PLAN), (RECOVERING, RECOVERING_PLAN)):
        v = cli("validate", "--patient", patient, "--plan", plan)
        assert v.code == 0, v.out + v.err
        assert "Summary: 0 error(s)" in v.out


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_knock_with_symptoms_in_step_5_stops_and_refers(cli, lang):
    r = cli("progress", "--patient", ATHLETE, "--plan", ATHLETE_PLAN, "--log", KNOCK, "--today", "2026-11-17",
            "--lang", lang)
    assert r.code == 1, r.err                                  # an error finding: the stop
    out = flat(r.out)
    if lang == "en":
        assert "STOP AND REFER" in r.out
        assert "(concussion.return)" in out
        assert "A new knock to the head or body on 2026-11-17 with symptoms is a suspected new concussion" in out
        assert "symptoms (dizziness 3/10, headache 4/10): a suspected new concussion. Stop all training and see a doctor" in out
    else:
        assert "STOPPEN EN VERWIJZEN" in r.out
        assert "mogelijk een nieuwe hersenschudding" in out
        assert "(duizeligheid 3/10, hoofdpijn 4/10)" in out
        assert "Stop alle training en ga naar een arts" in out
    j = cli("progress", "--patient", ATHLETE, "--plan", ATHLETE_PLAN, "--log", KNOCK, "--today", "2026-11-17",
            "--format", "json")
    report = json.loads(j.out)
    assert report["next"] == "stop_and_refer"
    assert report["next_rule"] == "concussion.return"
    assert any(f["rule"] == "concussion.return" and f["path"] == "/entries/0/head_impact" and f["severity"] == "error"
               for f in report["findings"])


def test_knock_replan_is_paused_with_no_contact_after_it(cli, tmp_path):
    plan = json.loads(ATHLETE_PLAN.read_text(encoding="utf-8"))
    assert any(s["date"] == "2026-11-23" and s["concussion_step"] >= 5 for s in plan["sessions"])  # six days later
    p = replanned(cli, tmp_path, ATHLETE, ATHLETE_PLAN, KNOCK, "2026-11-17")
    assert p["paused"] == {"since": "2026-11-17", "signal_date": "2026-11-17"}
    assert p["sessions"] == []                                  # nothing on or after the knock
    assert "2026-11-23" not in json.dumps(p["sessions"])
    refer = messages(p, "concussion.return")
    assert any("Suspected new concussion" in m and "stop all training and see a doctor" in m for m in refer)
    assert any("nieuwe hersenschudding" in m and "ga naar een arts" in m for m in messages(p, "concussion.return", "nl"))
    out = tmp_path / "replanned.json"
    v = cli("validate", "--patient", ATHLETE, "--plan", out)
    assert v.code == 0, v.err
    assert "Summary: 0 error(s)" in v.out


def test_knock_without_symptoms_goes_on(cli, tmp_path):
    log = json.loads(KNOCK.read_text(encoding="utf-8"))
    entry = log["entries"][0]
    entry["symptoms"] = {"headache": 0, "dizziness": 0}
    entry["completed"], entry["minutes"] = True, 20
    quiet = tmp_path / "log-knock-no-symptoms.json"
    quiet.write_text(json.dumps(log), encoding="utf-8")
    r = cli("progress", "--patient", ATHLETE, "--plan", ATHLETE_PLAN, "--log", quiet, "--today", "2026-11-17",
            "--format", "json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["next"] != "stop_and_refer"
    p = replanned(cli, tmp_path, ATHLETE, ATHLETE_PLAN, quiet, "2026-11-17")
    assert "paused" not in p
    assert any(s["date"] == "2026-11-23" for s in p["sessions"])


def test_step_2_rise_of_3_repeats_the_step(cli, tmp_path):
    r = cli("progress", "--patient", RECOVERING, "--plan", RECOVERING_PLAN, "--log", RISE_3, "--today", "2026-11-04")
    assert r.code == 0, r.err
    out = flat(r.out)
    assert "HOLD" in r.out
    assert "Headache rose from 1 to 4 on 2026-11-04 in step 2A of the concussion return" in out
    assert "step 2A is repeated after at least 24 h, never a step back" in out
    p = replanned(cli, tmp_path, RECOVERING, RECOVERING_PLAN, RISE_3, "2026-11-04")
    steps = {s["date"]: s["concussion_step"] for s in p["sessions"]}
    assert steps["2026-11-05"] == 2                             # the step again, never step 1
    assert min(v for d, v in steps.items() if d >= "2026-11-04") == 2
    assert any("step 2A is repeated" in m for m in messages(p, "concussion.return"))
    assert any("stap 2A wordt herhaald" in m for m in messages(p, "concussion.return", "nl"))


def test_step_2_rise_of_2_changes_nothing(cli, tmp_path):
    r = cli("progress", "--patient", RECOVERING, "--plan", RECOVERING_PLAN, "--log", RISE_2, "--today", "2026-11-04",
            "--format", "json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["next"] == "advance"
    p = replanned(cli, tmp_path, RECOVERING, RECOVERING_PLAN, RISE_2, "2026-11-04")
    assert messages(p, "concussion.return") == []
    plan = json.loads(RECOVERING_PLAN.read_text(encoding="utf-8"))
    assert [s["concussion_step"] for s in p["sessions"]] == [s["concussion_step"] for s in plan["sessions"]]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_symptoms_30_days_after_refer_for_multidisciplinary_assessment(cli, tmp_path, lang):
    r = cli("progress", "--patient", RECOVERING, "--plan", RECOVERING_PLAN, "--log", DAY_30, "--today", "2026-12-01",
            "--lang", lang)
    assert r.code == 0, r.err
    out = flat(r.out)
    if lang == "en":
        assert "30 days after the concussion of 2026-11-01" in out
        assert "persisting post-concussive symptoms. Refer for multidisciplinary assessment." in out
    else:
        assert "aanhoudende klachten na hersenschudding. Verwijs voor multidisciplinaire beoordeling." in out
    p = replanned(cli, tmp_path, RECOVERING, RECOVERING_PLAN, DAY_30, "2026-12-01")
    assert any("multidisciplinary assessment" in m for m in messages(p, "concussion.return"))
    # The renderers show warnings on the first page: the referral is in the printout.
    out_file = tmp_path / "replanned.json"
    text = cli("render", "--plan", out_file, "--format", "text", "--lang", lang)
    assert text.code == 0, text.err
    assert ("multidisciplinary" if lang == "en" else "multidisciplinaire") in flat(text.out)
