"""Writes the two hand-laid plans of this scenario (run from the repository root:
/usr/bin/python3 tests/cli/scenarios/concussion/log/make_plans.py [path/to/rehabplan]).

Each plan takes its header (stop signals, patient, zone) from `rehabplan generate` and
gets one 20-minute aerobic session a day, each at the step in force that day by
reading::concussion_schedule (concussion on 2026-11-01: step 1 from 11-01, 2A 11-03,
2B 11-06, 3 11-09; the athlete, resolved 11-10 and cleared 11-16: 4 from 11-16, 5 11-17,
6 11-18) and in that day's zone from `rehabplan zones --date` (2B days in 2A's: the document does not
carry the stage). Sundays are rest days, and
step 1 (early relative rest) has no training session.
So the plans follow the readings, not the generator (rewritten in parallel).
"""

import datetime
import json
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
CLI = sys.argv[1] if len(sys.argv) > 1 else "build/rehabplan"

SCHEDULE = {
    "athlete": [("1", "2026-11-01"), ("2A", "2026-11-03"), ("2B", "2026-11-06"), ("3", "2026-11-09"),
                ("4", "2026-11-16"), ("5", "2026-11-17"), ("6", "2026-11-18")],
    "recovering": [("1", "2026-11-01"), ("2A", "2026-11-03"), ("2B", "2026-11-06"), ("3", "2026-11-09")],
}
TITLES = {"1": "symptom-limited activity", "2A": "light aerobic exercise", "2B": "moderate aerobic exercise",
          "3": "individual sport-specific exercise", "4": "non-contact training drills",
          "5": "full-contact practice", "6": "return to sport"}


def run(*args):
    return subprocess.run([CLI, *args], check=True, capture_output=True, text=True).stdout


def plan(name, start, weeks):
    patient = HERE / f"patient-{name}.json"
    doc = json.loads(run("generate", "--patient", str(patient), "--start", start, "--weeks", str(weeks),
                         "--format", "json"))
    first = datetime.date.fromisoformat(start)
    sessions = []
    for i in range(7 * weeks):
        day = first + datetime.timedelta(days=i)
        if day.weekday() == 6:
            continue
        label = [s for s, d in SCHEDULE[name] if datetime.date.fromisoformat(d) <= day][-1]
        if label == "1":
            continue  # early relative rest: symptom-limited daily activity, no training session
        # A plan document without the step-2 stage reads step 2 as 2A (the safer ceiling):
        # 2B days keep 2A's zone, so the plan holds whether or not the reader knows the stage.
        zone_day = datetime.date.fromisoformat(dict(SCHEDULE[name])["2A"]) if label == "2B" else day
        zone = json.loads(run("zones", "--patient", str(patient), "--date", zone_day.isoformat(), "--format", "json"))
        low, high = zone["target"]["low_bpm"], zone["target"]["high_bpm"]
        sessions.append({
            "date": day.isoformat(), "type": "aerobic", "minutes": 20,
            "title": f"Step {label}: {TITLES[label]}",
            "note": f"Heart rate {low}-{high} bpm.",
            "intensity": {"class": "light" if label in ("1", "2A") else "moderate", "hr_low_bpm": low, "hr_high_bpm": high},
            "concussion_step": int(label[0]),
        })
    out = {k: doc[k] for k in ("schema_version", "start_date", "weeks", "programme", "patient_facing",
                               "stop_signals", "language")}
    out["sessions"] = sessions
    out["notes"] = "Concussion return, laid out by hand from the step schedule (tests/cli/scenarios/concussion/log)."
    out["patient"] = doc["patient"]
    (HERE / f"plan-{name}.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


plan("athlete", "2026-11-17", 2)
plan("recovering", "2026-11-02", 5)
