"""safety.clearance through the CLI: the issue's reproductions (#17, part 1), each refused
without a doctor's clearance and planned with one, in English and Dutch; the MI plan
without strength before day 36; dates after the start are bad input (exit 3, the field
named); a therapist's plan that trains in the window without a clearance is an error.

Patients and plans: tests/cli/scenarios/gates/.
"""

from __future__ import annotations

import json

import pytest

from conftest import SOURCE_DIR

GATES = SOURCE_DIR / "tests" / "cli" / "scenarios" / "gates"
START = "2026-11-23"

TBI_SEVERE = ["generate", "--age", "33", "--condition", "tbi:2026-11-20:severe", "--screened", "--baseline", "20",
              "--start", START, "--programme", "neurorc_intensive"]


def test_tbi_severe_three_days_before_start_refused_without_clearance(cli):
    r = cli(*TBI_SEVERE)
    assert r.code == 1
    assert "safety.clearance" in r.err
    assert "/conditions/0/event_date" in r.err
    assert "severe brain injury on 2026-11-20 falls within the 14 days before the start" in r.err
    assert "a doctor must confirm the patient is medically stable".lower() in r.err.lower()
    assert r.out == ""


def test_tbi_severe_refusal_in_dutch(cli):
    r = cli(*TBI_SEVERE, "--lang", "nl")
    assert r.code == 1
    assert "Geen plan zonder toestemming van een arts" in r.err
    assert "het ernstige hersenletsel van 2026-11-20" in r.err
    assert "medisch stabiel" in r.err


def test_tbi_severe_planned_with_vigorous_clearance_and_printed(cli):
    r = cli(*TBI_SEVERE, "--clearance", "vigorous:2026-11-22", "--cleared-by", "Dr X, neurologist")
    assert r.code == 0, r.err
    assert "HIIT" in r.out
    assert "Medical clearance: vigorous intensity, 22 November 2026, Dr X, neurologist" in r.out
    nl = cli(*TBI_SEVERE, "--clearance", "vigorous:2026-11-22", "--cleared-by", "Dr X", "--lang", "nl")
    assert nl.code == 0, nl.err
    assert "Medische toestemming: hoge intensiteit, 22 november 2026, Dr X" in nl.out


def test_tbi_severe_with_moderate_clearance_leaves_hiit_out(cli):
    r = cli(*TBI_SEVERE, "--clearance", "moderate", "--format", "json")
    assert r.code == 0, r.err
    plan = json.loads(r.out)
    assert not [s for s in plan["sessions"] if s["type"] == "hiit"]
    assert plan["patient"]["clearance"] == {"level": "moderate"}
    assert any(f["rule"] == "safety.clearance" and f["severity"] == "warning" and "vigorous work" in f["message"]["en"]
               for f in plan["findings"])


def test_stroke_one_day_before_start_refused_then_planned_with_clearance(cli):
    r = cli("generate", "--patient", GATES / "stroke-yesterday.json", "--start", START)
    assert r.code == 1
    assert "the stroke on 2026-11-22 falls within the 14 days before the start" in r.err
    nl = cli("generate", "--patient", GATES / "stroke-yesterday.json", "--start", START, "--lang", "nl")
    assert nl.code == 1
    assert "de beroerte van 2026-11-22" in nl.err and "toestemming van een arts" in nl.err
    ok = cli("generate", "--patient", GATES / "stroke-yesterday-cleared.json", "--start", START)
    assert ok.code == 0, ok.err
    assert "Medical clearance: moderate intensity, 23 November 2026" in ok.out  # wrapped at 80 columns
    # The same patient fifteen days after the stroke needs no clearance.
    later = cli("generate", "--age", "64", "--condition", "stroke:2026-11-08", "--start", START, "--weeks", "2")
    assert later.code == 0, later.err


def test_medically_unstable_refused_then_planned_with_moderate_clearance(cli):
    base = ["generate", "--age", "70", "--contraindication", "medically_unstable", "--start", START, "--weeks", "4"]
    r = cli(*base)
    assert r.code == 1
    assert "/contraindications/named/0" in r.err
    assert "a doctor must confirm the patient is medically stable" in r.err
    nl = cli(*base, "--lang", "nl")
    assert nl.code == 1
    assert "Een arts moet eerst bevestigen dat de patiënt medisch stabiel is" in nl.err or \
        "een arts moet eerst bevestigen dat de patiënt medisch stabiel is" in nl.err
    ok = cli(*base, "--clearance", "moderate")
    assert ok.code == 0, ok.err
    assert "Medical clearance: moderate intensity" in ok.out


def test_mi_30_days_refused_then_planned_without_strength_before_day_36(cli):
    r = cli("generate", "--patient", GATES / "mi-30-days.json", "--start", START)
    assert r.code == 1
    assert "refer the patient to cardiac rehabilitation" in r.err.lower()
    nl = cli("generate", "--patient", GATES / "mi-30-days.json", "--start", START, "--lang", "nl")
    assert "hartrevalidatie" in nl.err
    ok = cli("generate", "--patient", GATES / "mi-30-days-cleared.json", "--start", START, "--weeks", "6",
             "--format", "json")
    assert ok.code == 0, ok.err
    plan = json.loads(ok.out)
    strength = [s["date"] for s in plan["sessions"] if s["type"] == "strength"]
    assert strength, "strength comes back after day 35"
    assert min(strength) >= "2026-11-29"  # the MI on 2026-10-24 + 36 days
    assert any(f["rule"] == "safety.clearance" and "strength training starts on 2026-11-29" in f["message"]["en"]
               for f in plan["findings"])


@pytest.mark.parametrize("args,field", [
    (["--age", "50", "--condition", "stroke:2026-11-24"], "/conditions/0/event_date"),
    (["--age", "50", "--clearance", "moderate:2026-11-30"], "/clearance/date"),
])
def test_date_after_start_is_bad_input(cli, args, field):
    r = cli("generate", *args, "--start", START)
    assert r.code == 3
    assert field in r.err
    assert "after the plan's start date 2026-11-23" in r.err


def test_event_date_after_start_in_a_patient_file(cli):
    r = cli("generate", "--patient", GATES / "event-after-start.json", "--start", START)
    assert r.code == 3
    assert "/conditions/1/event_date" in r.err
    v = cli("validate", "--patient", GATES / "event-after-start.json", "--plan", GATES / "stroke-plan-week1.json")
    assert v.code == 3
    assert "/conditions/1/event_date" in v.err


def test_validate_training_in_the_window_without_clearance(cli):
    r = cli("validate", "--patient", GATES / "stroke-yesterday.json", "--plan", GATES / "stroke-plan-week1.json",
            "--format", "json")
    assert r.code == 1
    findings = json.loads(r.out)
    if isinstance(findings, dict):
        findings = findings["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    assert [f["rule"] for f in errors] == ["safety.clearance"]
    assert errors[0]["path"] == "/sessions/0/date"
    ok = cli("validate", "--patient", GATES / "stroke-yesterday-cleared.json", "--plan", GATES / "stroke-plan-week1.json",
             "--format", "json")
    assert ok.code == 0, ok.out


def test_resting_heart_rate_110_warns(cli):
    r = cli("generate", "--patient", GATES / "resting-hr-110.json", "--start", START, "--weeks", "2", "--format", "json")
    assert r.code == 0, r.err
    plan = json.loads(r.out)
    assert any(f["rule"] == "safety.clearance" and f["severity"] == "warning" and
               "a doctor should check the resting heart rate" in f["message"]["en"] for f in plan["findings"])
    refused = cli("generate", "--age", "45", "--resting-hr", "121", "--start", START)
    assert refused.code == 1
    assert "/heart_rate/resting_bpm" in refused.err


def test_batch_lines_date_after_start_and_recent_stroke(cli, tmp_path):
    patient = {"schema_version": 1, "age": 50, "sex": "male", "baseline_minutes": 20}
    request = {"schema_version": 1, "start_date": START, "weeks": 2}
    lines = [
        {"id": "future", "patient": dict(patient, conditions=[{"type": "stroke", "event_date": "2026-11-30"}]),
         "request": request},
        {"id": "recent", "patient": dict(patient, conditions=[{"type": "stroke", "event_date": "2026-11-22"}]),
         "request": request},
        {"id": "cleared", "patient": dict(patient, conditions=[{"type": "stroke", "event_date": "2026-11-22"}],
                                          clearance={"level": "moderate"}), "request": request},
    ]
    f = tmp_path / "gates.ndjson"
    f.write_text("".join(json.dumps(line) + "\n" for line in lines))
    r = cli("batch", f)
    records = [json.loads(line) for line in r.out.splitlines()]
    assert [rec["status"] for rec in records] == ["error", "refused", "ok"]
    assert records[0]["error"]["code"] == "invalid_argument"
    assert records[0]["error"]["message"].startswith("/patient/conditions/0/event_date: ")
    assert records[1]["findings"]["findings"][0]["rule"] == "safety.clearance"
