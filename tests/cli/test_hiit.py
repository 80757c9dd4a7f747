"""Issue 19, HIIT (hiit.protocol), through the CLI: each scenario's patient and plan files are
under scenarios/hiit/.

- HIIT is introduced gradually (seed 002: "starten in geleidelijk tempo"): the first
  introduction_weeks (2) weeks with HIIT are easier (5 x 30 s / 60 s, then 7 x 30 s / 45 s),
  then the full 10 x 30 s / 30 s. Easier than the protocol is information in those weeks, a
  warning after them; harder than the protocol is an error.
- At least min_hours_between (48) h between HIIT sessions: the generator never plans them
  closer, the validator warns; a supervised clinic week (NeuroRC week 1) may hold daily HIIT,
  its sessions marked supervised in the plan and in every printout.
- The hard intervals are steered by effort (Borg work_rpe_low-work_rpe_high, 15-17) with the
  heart rate as a ceiling only: the HIIT ceiling, after a stroke the stroke ceiling (80 %).
"""

from __future__ import annotations

import json
import re

SCEN = "tests/cli/scenarios/hiit"


def scen(src, name):
    return src / SCEN / name


def findings(r):
    return json.loads(r.out)["findings"]


def hiit_protocol(r, severity=None):
    return [f for f in findings(r) if f["rule"] == "hiit.protocol" and (severity is None or f["severity"] == severity)]


def spacing(r):
    return [f for f in hiit_protocol(r) if f["path"].endswith("/date")]


def validate(cli, src, patient, plan):
    return cli("validate", "--patient", scen(src, patient), "--plan", scen(src, plan), "--format", "json")


STROKE_60 = ("--age", "60", "--condition", "stroke:2026-01-10", "--programme", "hiit_stroke", "--screened",
             "--clearance", "vigorous:2026-11-02", "--days", "mon,wed,fri,sat", "--baseline", "30",
             "--start", "2026-11-23", "--weeks", "8")


def generated(cli, *args):
    r = cli("generate", *args, "--format", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def hiit_sessions(plan):
    return sorted((s for s in plan["sessions"] if s["type"] == "hiit"), key=lambda s: s["date"])


# ------------------------------------------------------------------ introduction_weeks

def test_hiit_protocol_introduction_weeks_easier_is_info_then_warning(cli, src):
    """HIIT weeks 1 and 2 (5 x 30/60, 7 x 30/45) are information; the same 7 x 30/45 in HIIT
    week 3, one week past introduction_weeks, is a warning."""
    r = validate(cli, src, "patient-adult-screened.json", "plan-introduction.json")
    info = hiit_protocol(r, "info")
    warn = hiit_protocol(r, "warning")
    assert sorted({f["date"] for f in info}) == ["2026-11-28", "2026-12-05"]
    assert len(info) == 4  # repeats and recovery, twice
    assert {f["date"] for f in warn} == {"2026-12-12"}
    assert sorted(f["path"].rsplit("/", 1)[1] for f in warn) == ["recovery_seconds", "repeats"]
    assert not hiit_protocol(r, "error")


def test_hiit_protocol_introduction_then_full_protocol_at_the_limit(cli, src):
    """The full protocol in HIIT week 3 gives no finding at all for it."""
    r = validate(cli, src, "patient-adult-screened.json", "plan-introduction-then-full.json")
    assert not hiit_protocol(r, "warning")
    assert not [f for f in hiit_protocol(r) if f["date"] == "2026-12-12"]


def test_hiit_protocol_introduction_message_in_dutch(cli, src):
    r = cli("validate", "--patient", scen(src, "patient-adult-screened.json"),
            "--plan", scen(src, "plan-introduction.json"), "--lang", "nl")
    assert "HIIT wordt geleidelijk opgebouwd" in r.out


def test_hiit_protocol_harder_is_an_error_in_an_introduction_week(cli, src):
    """11 repeats, one past the protocol's 10, in the first HIIT week: an error, exit 1."""
    r = validate(cli, src, "patient-adult-screened.json", "plan-harder.json")
    assert r.code == 1
    errs = hiit_protocol(r, "error")
    assert [f["path"] for f in errs] == ["/sessions/5/hiit/repeats"]


# ------------------------------------------------------------------ min_hours_between

def test_hiit_protocol_min_hours_between_48_h_passes_24_h_warns(cli, src):
    """Sat -> Mon is 48 h (at the limit, passes); Mon -> Tue is 24 h (a warning)."""
    r = validate(cli, src, "patient-adult-screened.json", "plan-spacing.json")
    found = spacing(r)
    assert len(found) == 1, found
    assert found[0]["severity"] == "warning"
    assert found[0]["date"] == "2026-12-01"
    assert found[0]["actual"] == "24 h"
    assert found[0]["expected"] == ">= 48 h after the previous HIIT session"


def test_hiit_protocol_min_hours_between_supervised_pair_passes(cli, src):
    r = validate(cli, src, "patient-adult-screened.json", "plan-supervised-daily.json")
    assert not spacing(r)


def test_hiit_protocol_min_hours_between_needs_both_sessions_supervised(cli, src):
    r = validate(cli, src, "patient-adult-screened.json", "plan-supervised-one-unmarked.json")
    assert len(spacing(r)) == 1


# ------------------------------------------------------------------ effort and the ceiling

def test_hiit_protocol_stroke_ceiling_132_passes_133_is_an_error(cli, src):
    """60-year-old after a stroke: HRmax 166 (Tanaka), the stroke ceiling 80 % = 132 bpm holds
    for HIIT as well."""
    ok = validate(cli, src, "patient-stroke-60.json", "plan-stroke-ceiling-132.json")
    assert not [f for f in findings(ok) if f["path"].endswith("/hr_ceiling_bpm")]
    bad = validate(cli, src, "patient-stroke-60.json", "plan-stroke-ceiling-133.json")
    above = [f for f in findings(bad) if f["path"].endswith("/hr_ceiling_bpm")]
    assert len(above) == 1 and above[0]["severity"] == "error"
    assert bad.code == 1


def test_hiit_protocol_generated_stroke_plan_effort_and_ceiling(cli, src):
    """The issue's command: the HIIT sessions state Borg 15-17 and the stroke ceiling (132 bpm)
    as a ceiling only, never the old 77-85 % HRmax target; intervals build up 5 x 30/60,
    7 x 30/45, then 10 x 30/30; HIIT at least 48 h apart; the plan validates with no errors."""
    plan = generated(cli, *STROKE_60)
    sessions = hiit_sessions(plan)
    assert len(sessions) >= 4
    for s in sessions:
        i = s["intensity"]
        assert (i["rpe_low"], i["rpe_high"]) == (15, 17)
        assert i["hr_ceiling_bpm"] == 132
        assert "hr_low_bpm" not in i and "hr_high_bpm" not in i
        assert "supervised" not in s
    shapes = [(s["hiit"]["repeats"], s["hiit"]["recovery_seconds"]) for s in sessions]
    assert shapes[0] == (5, 60)
    assert (7, 45) in shapes and shapes[-1] == (10, 30)
    assert shapes == sorted(shapes, key=lambda t: (t[0], -t[1]))  # never easier again
    from datetime import date
    days = [date.fromisoformat(s["date"]) for s in sessions]
    assert all((b - a).days >= 2 for a, b in zip(days, days[1:]))
    patient = cli("generate", *STROKE_60, "--format", "json")
    assert patient.code == 0


def test_hiit_protocol_generated_stroke_plan_validates(cli, src, tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(generated(cli, *STROKE_60)))
    r = cli("validate", "--patient", scen(src, "patient-stroke-60.json"), "--plan", plan, "--format", "json")
    assert r.code == 0, r.out
    assert not [f for f in findings(r) if f["severity"] == "error"]
    assert not spacing(r)


def plain(out):
    """The printout's words: calendar lines unfolded and unescaped, HTML tags dropped."""
    return re.sub(r"<[^>]+>", "", out.replace("\r\n ", "").replace("\\,", ","))


def test_hiit_protocol_printout_says_work_hard_by_effort(cli, src):
    for fmt in ("text", "markdown", "html", "ics", "fhir"):
        en = cli("generate", *STROKE_60, "--format", fmt)
        assert en.code == 0, en.err
        assert "work hard: Borg 15-17, heart rate no higher than 132" in plain(en.out), fmt
        nl = cli("generate", *STROKE_60, "--format", fmt, "--lang", "nl")
        assert "flink inspannen: Borg 15-17, hartslag niet hoger dan 132" in plain(nl.out), fmt


# ------------------------------------------------------------------ the supervised clinic week

def test_hiit_protocol_neurorc_week_1_supervised_daily_hiit(cli, src):
    r = cli("generate", "--patient", scen(src, "patient-tbi-neurorc.json"), "--programme", "neurorc_intensive",
            "--start", "2026-11-23", "--weeks", "4", "--format", "json")
    assert r.code == 0, r.err
    plan = json.loads(r.out)
    week1 = [s for s in plan["sessions"] if s["date"] <= "2026-11-29"]
    later = [s for s in plan["sessions"] if s["date"] > "2026-11-29"]
    assert week1 and all(s.get("supervised") is True for s in week1)
    assert later and all("supervised" not in s for s in later)
    hiit = [s["date"] for s in hiit_sessions(plan)]
    assert len(hiit) >= 5 and all(d <= "2026-11-29" for d in hiit)


def test_hiit_protocol_neurorc_printout_marks_the_clinic_week(cli, src):
    base = ("generate", "--patient", scen(src, "patient-tbi-neurorc.json"), "--programme", "neurorc_intensive",
            "--start", "2026-11-23", "--weeks", "2")
    for fmt in ("text", "markdown", "html", "ics", "fhir"):
        en = cli(*base, "--format", fmt)
        assert en.code == 0, en.err
        assert "Supervised clinic week" in plain(en.out), fmt
        nl = cli(*base, "--format", fmt, "--lang", "nl")
        assert "Week onder begeleiding in de kliniek" in plain(nl.out), fmt
