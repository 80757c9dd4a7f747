"""The corpus of FHIR bundles for test_fhir.py, rendered by the CLI, and what each bundle must
say, worked out from the plan document (the same command with --format json), the patient,
the rule documents (`rehabplan rules --format json`) and the catalogs in data/ and schema/fhir/,
never from the library's FHIR code.

A case is one CLI command (generate, render or replan) in one language. Each case is rendered
as FHIR (written to a file, for the validators) and as the plan document (JSON), and the
fixed cases a second time as FHIR (the same bytes). Run by ctest (fhir.export) with
REHABPLAN_CLI set to the `rehabplan` command and REHABPLAN_SOURCE_DIR to the source tree."""
import concurrent.futures
import copy
import dataclasses
import datetime
import json
import os
import pathlib
import random
import subprocess
import sys

FHIR_DIR = pathlib.Path(__file__).resolve().parent
SOURCE_DIR = pathlib.Path(os.environ.get("REHABPLAN_SOURCE_DIR", FHIR_DIR.parents[1]))
EXAMPLES = SOURCE_DIR / "examples"
DEFINITIONS_DIR = SOURCE_DIR / "schema" / "fhir"
NODE_MODULES = FHIR_DIR / "node_modules"
R4_JSON_SCHEMA = NODE_MODULES / "@medplum" / "definitions" / "dist" / "fhir" / "r4" / "fhir.schema.json"
LANGUAGES = ("en", "nl")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MATRIX_WEEKS = (1, 4, 12, 52)
# Start dates on every weekday: year ends, the leap day 2028-02-29 inside the first week, the
# European DST change of 2026-10-25 (dates have no time, so it must not matter).
MATRIX_STARTS = ("2026-11-23", "2026-11-25", "2026-12-31", "2028-02-28", "2027-01-01",
                 "2026-12-27", "2026-10-24", "2027-03-30")
RANDOM_SEED = 20261123
# Random patients/requests that give a plan (the sanitizer run of scripts/test.sh takes fewer:
# there the CLI is ten times slower and memory errors, not new bundle shapes, are the point),
# and how many are tried in order until that many gave one.
RANDOM_TARGET = int(os.environ.get("REHABPLAN_FHIR_RANDOM_CASES", "100"))
RANDOM_CANDIDATES = RANDOM_TARGET + RANDOM_TARGET // 5


def load_json(path):
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))


FHIR_TERMS = load_json(SOURCE_DIR / "data" / "fhir.json")
MESSAGES = load_json(SOURCE_DIR / "data" / "messages.json")
PRINT = load_json(SOURCE_DIR / "data" / "print.json")["print"]
BASE = FHIR_TERMS["base"]
OWN_CODESYSTEM_PREFIX = BASE + "/CodeSystem/"
EXTENSION_PREFIX = BASE + "/StructureDefinition/"


def cli():
    path = os.environ.get("REHABPLAN_CLI")
    if not path:
        raise RuntimeError("REHABPLAN_CLI is not set (ctest sets it to the rehabplan command of the build tree)")
    return path


def run_cli(args, stdin=None):
    return subprocess.run([cli(), *args], capture_output=True, check=False, input=stdin)


def date(text):
    return datetime.date.fromisoformat(text)


def weekday(d):
    return WEEKDAYS[d.weekday()]


# ------------------------------------------------------------------------------------------
# Identity, as in src/render/render_ics.cpp: the 64-bit FNV-1a of patient ID, programme and start
# date, each length-prefixed. It is the Bundle.id and the name the UUIDs of the CarePlan, Goals
# and DetectedIssues are made from; the calendar tests work it out the same way, so they share it.
# ------------------------------------------------------------------------------------------
sys.path.insert(0, str(FHIR_DIR.parent / "calendar"))
from ics_expected import plan_key  # noqa: E402  (after the path it is found on)


# ------------------------------------------------------------------------------------------
# Cases
# ------------------------------------------------------------------------------------------
@dataclasses.dataclass
class Case:
    name: str                 # unique; the file stem and the name in failure messages
    args: list                # CLI arguments without --format, --lang and --output
    lang: str
    tags: frozenset = frozenset()
    patient: dict = None      # the patient document given with --patient (or built from options)
    rules: str = "default"    # "default" or "clinic": the rule document in force
    pair: str = None          # cases with the same pair are one plan in en and nl
    accept_rc: tuple = (0,)   # exit codes that still print the bundle
    # filled in by build_corpus
    fhir_path: pathlib.Path = None
    fhir_bytes: bytes = None
    bundle: dict = None
    plan: dict = None
    second_bytes: bytes = None

    def __repr__(self):
        return f"Case({self.name})"

    @property
    def command(self):
        return " ".join([os.path.basename(cli()), *self.args, "--format", "fhir", "--lang", self.lang])


def programmes():
    """The programme names, from `rehabplan programmes` (a name line, then indented text)."""
    done = run_cli(["programmes"])
    assert done.returncode == 0, done.stderr.decode()
    return [line.strip() for line in done.stdout.decode().splitlines() if line and not line[0].isspace()]


def example_patients():
    return sorted(EXAMPLES.glob("patient-*.json"))


def example_plans():
    return sorted(EXAMPLES.glob("plan-*.json"))


def clinic_rules():
    """A clinic's rule file (README, "A clinic's rule file"): more weekly minutes, a third
    strength day, and a stroke profile that raises the weekly minimum further (the strictest
    applicable value wins)."""
    return {
        "schema_version": 1,
        "rules": {"week.volume": {"params": {"min_minutes": 180, "max_minutes": 280}},
                  "week.strength": {"params": {"min_days": 3}},
                  "session.duration": {"params": {"min_minutes": 50}}},
        "conditions": {"stroke": {"params": {"week.volume": {"min_minutes": 200}}}},
    }


def stop_signal_log():
    """examples/log-stroke.json up to 2026-12-07, with a stop signal on the last session."""
    log = load_json(EXAMPLES / "log-stroke.json")
    log["entries"] = [e for e in log["entries"] if e["date"] <= "2026-12-07"]
    log["entries"][-1]["stop_signal"] = True
    return log


def edge_plan():
    """A therapist's plan that uses what generated plans do not: no programme, a session twice
    on one day (frequency per day), every outcome measure, and a stop signal of the clinic's own
    (`nausea`) beside a standard one."""
    plan = load_json(EXAMPLES / "plan-stroke-week.json")
    plan.pop("programme", None)
    plan["stop_signals"] = ["acute_dizziness", "nausea"]
    plan["sessions"].append(copy.deepcopy(plan["sessions"][0]))
    plan["outcome_measures"] = [{"date": plan["start_date"], "measure": m}
                                for m in ("moca", "moca_v2", "mmse", "scat6", "scoat6", "qolibri", "six_minute_walk", "rpq", "tsk")]
    return plan


def ladders_plan():
    """examples/plan-concussion.json as a concussion return with ladders (plan.return_ladders):
    step-2 sessions in stages 2A and 2B, a sport ladder dated through step 3 with steps 4-6
    behind their gates (one gate, two gates, none but the step before; step 6 without a title),
    and a learn ladder dated throughout."""
    plan = load_json(EXAMPLES / "plan-concussion.json")
    plan["language"] = "en"
    for s in plan["sessions"]:
        if s.get("concussion_step") == 2:
            s["concussion_stage"] = "2A" if s["date"] < "2026-11-27" else "2B"
    plan["return_ladders"] = [
        {"ladder": "sport", "sport": "football", "steps": [
            {"step": "1", "from": "2026-11-16", "title": "Symptom-limited daily activity",
             "description": "Daily activities that do not make your symptoms worse."},
            {"step": "2A", "from": "2026-11-18", "title": "Light aerobic exercise",
             "description": "Walking or cycling at an easy pace, up to 55 % of your maximum heart rate."},
            {"step": "2B", "from": "2026-11-27", "title": "Moderate aerobic exercise",
             "description": "Walking or cycling a bit faster, up to 70 % of your maximum heart rate."},
            {"step": "3", "from": "2026-11-30", "title": "Individual sport-specific exercise",
             "description": "Running and ball drills on your own, away from others. No heading."},
            {"step": "4", "gates": ["symptoms_resolved"], "title": "Non-contact training drills",
             "description": "Training with the team at high intensity, without body contact."},
            {"step": "5", "gates": ["symptoms_resolved", "cleared"], "title": "Full-contact practice",
             "description": "Normal training with body contact."},
            {"step": "6"}]},
        {"ladder": "learn", "steps": [
            {"step": "1", "from": "2026-11-16", "title": "Daily activities at home"},
            {"step": "2", "from": "2026-11-18", "title": "School activities at home"},
            {"step": "3", "from": "2026-11-23", "title": "Part-time school"},
            {"step": "4", "from": "2026-11-30", "title": "Full-time school"}]},
    ]
    return plan


def paused_ladders_plan():
    """ladders_plan() paused after a warning sign on 2026-11-27 (as replan writes it: no session
    from the pause on, the progress.stop_signal finding): the steps not yet reached are on hold."""
    plan = ladders_plan()
    plan["paused"] = {"since": "2026-11-28", "signal_date": "2026-11-27"}
    plan["sessions"] = [s for s in plan["sessions"] if s["date"] < "2026-11-28"]
    plan["outcome_measures"] = [m for m in plan["outcome_measures"] if m["date"] < "2026-11-28"]
    plan["findings"] = [{"rule": "progress.stop_signal", "severity": "warning", "path": "", "week": "2026-W48",
                         "date": "2026-11-27", "message": {"en": "Stopped: warning sign on 27 November.",
                                                           "nl": "Gestopt: waarschuwingssignaal op 27 november."},
                         "citations": []}]
    return plan


def fixed_cases(work):
    """The hand-picked part of the corpus; `work` is the directory for input files."""
    cases = []
    progs = programmes()
    patients = example_patients()
    # every example patient x every programme x en/nl x 1/4/12/52 weeks; start dates rotate so
    # that each length starts on several weekdays
    combo = 0
    for p in patients:
        doc = load_json(p)
        for prog in progs:
            for wi, weeks in enumerate(MATRIX_WEEKS):
                start = MATRIX_STARTS[(combo + 3 * wi) % len(MATRIX_STARTS)]
                # A plan cannot start before the patient's event (safety.clearance: bad input).
                events = [c["event_date"] for c in doc.get("conditions", []) if "event_date" in c]
                start = max([start] + events)
                pair = f"{p.stem[len('patient-'):]}-{prog}-{weeks}w-{start}"
                for lang in LANGUAGES:
                    cases.append(Case(f"gen-{pair}-{lang}",
                                      ["generate", "--patient", str(p), "--start", start, "--weeks", str(weeks),
                                       "--programme", prog],
                                      lang, frozenset({"matrix"}), doc, pair=pair))
            combo += 1

    # a patient without an ID, described with the patient options, and one from a file
    for lang in LANGUAGES:
        cases.append(Case(f"gen-options-no-id-{lang}",
                          ["generate", "--age", "67", "--condition", "stroke:2026-08-14", "--start", "2026-11-25",
                           "--weeks", "6"],
                          lang, frozenset({"no-id", "options"}),
                          {"age": 67, "conditions": [{"type": "stroke"}]}, pair="options-no-id"))
    minimal = SOURCE_DIR / "tests" / "data" / "corpus" / "patient-valid-minimal.json"
    cases.append(Case("gen-file-no-id-en", ["generate", "--patient", str(minimal), "--start", "2026-11-26", "--weeks", "3"],
                      "en", frozenset({"no-id"}), load_json(minimal)))

    # the hand-written plans, with and without --patient (validated first: findings)
    edge = work / "plan-edge.json"
    edge.write_text(json.dumps(edge_plan(), indent=2), encoding="utf-8")
    stroke = load_json(EXAMPLES / "patient-stroke.json")
    ladders = work / "plan-concussion-ladders.json"
    ladders.write_text(json.dumps(ladders_plan(), indent=2), encoding="utf-8")
    plan_patient = {"plan-concussion": EXAMPLES / "patient-concussion.json",
                    "plan-concussion-ladders": EXAMPLES / "patient-concussion.json",
                    "plan-concussion-ladders-paused": EXAMPLES / "patient-concussion.json"}
    paused_ladders = work / "plan-concussion-ladders-paused.json"
    paused_ladders.write_text(json.dumps(paused_ladders_plan(), indent=2), encoding="utf-8")
    for plan in [*example_plans(), edge, ladders, paused_ladders]:
        patient_path = plan_patient.get(plan.stem, EXAMPLES / "patient-stroke.json")
        for lang in LANGUAGES:
            cases.append(Case(f"render-{plan.stem}-{lang}", ["render", "--plan", str(plan)], lang,
                              frozenset({"render"}), None, pair=f"render-{plan.stem}"))
            cases.append(Case(f"render-{plan.stem}-patient-{lang}",
                              ["render", "--plan", str(plan), "--patient", str(patient_path)], lang,
                              frozenset({"render", "with-patient"}), load_json(patient_path),
                              pair=f"render-{plan.stem}-patient", accept_rc=(0, 1)))
    progress_plan = SOURCE_DIR / "tests" / "data" / "progress" / "plan-stroke.json"
    cases.append(Case("render-progress-plan-stroke-en", ["render", "--plan", str(progress_plan)], "en",
                      frozenset({"render", "replan-original"}), None))

    # re-planned from a log, and after a stop signal (no session from today on)
    log = work / "log-stop-signal.json"
    log.write_text(json.dumps(stop_signal_log(), indent=2), encoding="utf-8")
    for lang in LANGUAGES:
        replan = ["replan", "--patient", str(EXAMPLES / "patient-stroke.json"), "--plan", str(progress_plan),
                  "--today", "2026-12-14"]
        cases.append(Case(f"replan-stroke-{lang}", [*replan, "--log", str(EXAMPLES / "log-stroke.json")], lang,
                          frozenset({"replan"}), stroke, pair="replan-stroke", accept_rc=(0, 1)))
        cases.append(Case(f"replan-stop-signal-{lang}", [*replan, "--log", str(log)], lang,
                          frozenset({"replan", "stop-signal"}), stroke, pair="replan-stop-signal", accept_rc=(0, 1)))

    # a clinic's rule file
    clinic = work / "clinic-rules.json"
    clinic.write_text(json.dumps(clinic_rules(), indent=2), encoding="utf-8")
    for who in ("stroke", "tbi", "older-adult"):
        p = EXAMPLES / f"patient-{who}.json"
        cases.append(Case(f"gen-clinic-{who}-en", ["generate", "--patient", str(p), "--start", "2026-11-23", "--weeks", "8",
                                                    "--rules", str(clinic)],
                          "en", frozenset({"clinic"}), load_json(p), rules="clinic"))
    week = EXAMPLES / "plan-stroke-week.json"
    cases.append(Case("render-clinic-plan-stroke-week-en", ["render", "--plan", str(week), "--rules", str(clinic)], "en",
                      frozenset({"clinic", "render"}), None, rules="clinic"))
    cases.append(Case("render-clinic-plan-stroke-week-patient-en",
                      ["render", "--plan", str(week), "--patient", str(EXAMPLES / "patient-stroke.json"),
                       "--rules", str(clinic)],
                      "en", frozenset({"clinic", "render", "with-patient"}), stroke, rules="clinic", accept_rc=(0, 1)))
    return cases


# ------------------------------------------------------------------------------------------
# Random patients and requests (seeded: the same corpus every run)
# ------------------------------------------------------------------------------------------
ODD_IDS = ("Zo\u00eb <&> \"O'Brien\"", "  padded id  ", "x" * 64, "P/0042?a=1#b", "\u60a3\u8005-7")


def random_date(rng, lo="2000-01-01", hi="2150-12-31"):
    a, b = date(lo), date(hi)
    return a + datetime.timedelta(days=rng.randrange((b - a).days + 1))


def random_case(rng, k, progs):
    start = rng.choice([random_date(rng), random_date(rng), date("2028-02-29"), date("2099-12-31"), date("2100-02-28")])
    weeks = rng.choice([1, 2, 3, rng.randint(1, 52), rng.randint(1, 52), 52])
    lang = rng.choice(LANGUAGES)
    types = rng.sample(["stroke", "tbi", "concussion", "dementia", "parkinson", "chronic_pain"], rng.choice([0, 1, 1, 1, 2]))
    days = rng.sample(WEEKDAYS, rng.randint(1, 7))  # in any order
    # the default, or a programme for one of the conditions (data/programmes.json), rarely one
    # for another condition (exit 2, not counted)
    fitting = [n for n, conds in progs.items() if not conds or set(conds) & set(types)]
    programme = rng.choice([None, *fitting, *fitting]) if rng.random() < 0.95 else rng.choice(list(progs))
    request = ["--start", start.isoformat(), "--weeks", str(weeks)] + (["--programme", programme] if programme else [])
    age = rng.randint(14, 100)
    if k % 4 == 3:  # the patient options of `generate`
        args = ["generate", "--age", str(age), "--sex", rng.choice(["female", "male", "other"]),
                "--baseline", str(rng.randint(0, 60))]
        for t in types:
            when = (start - datetime.timedelta(days=rng.randint(0, 300))).isoformat()
            severity = rng.choice(["mild", "moderate", "severe"])
            args += ["--condition", {"stroke": f"stroke:{when}", "tbi": f"tbi:{when}:{severity}",
                                     "concussion": f"concussion:{when}"}.get(t, t)]
        if rng.random() < 0.3:
            args.append("--beta-blocker")
        if rng.random() < 0.7:
            args += ["--days", ",".join(days)]
        if rng.random() < 0.3:
            args += ["--max-minutes", str(rng.randint(20, 120))]
        if rng.random() < 0.3:
            args += ["--hrmax", str(rng.randint(130, 200))]
        if rng.random() < 0.3:
            args += ["--resting-hr", str(rng.randint(45, 90))]
        if rng.random() < 0.5:
            args.append("--screened")
        patient = {"age": age, "conditions": [{"type": t} for t in types]}
        return Case(f"random-{k:03d}-options-{lang}", args + request, lang, frozenset({"random", "options"}), patient), None
    patient = {"schema_version": 1, "age": age, "sex": rng.choice(["female", "male", "other"]),
               "baseline_minutes": rng.randint(0, 60)}
    r = rng.random()
    if r < 0.6:
        patient["id"] = f"R-{k:04d}"
    elif r < 0.8:
        patient["id"] = rng.choice(ODD_IDS)
    conditions = []
    for t in types:
        c = {"type": t}
        if t in ("stroke", "tbi", "concussion"):
            c["event_date"] = (start - datetime.timedelta(days=rng.randint(0, 300))).isoformat()
        if t == "tbi":
            c["severity"] = rng.choice(["mild", "moderate", "severe"])
        conditions.append(c)
    if conditions or rng.random() < 0.5:
        patient["conditions"] = conditions
    if rng.random() < 0.3:
        patient["medications"] = ["beta_blocker"]
    hr = {}
    if rng.random() < 0.3:
        hr["max_bpm"] = rng.randint(130, 200)
    if rng.random() < 0.4:
        hr["resting_bpm"] = rng.randint(45, 90)
    if rng.random() < 0.4:
        hr["formula"] = rng.choice(["tanaka", "fox", "gellish", "gulati"])
    if "concussion" in types and rng.random() < 0.6:
        hr["symptom_threshold_bpm"] = rng.randint(110, 180)
    if hr:
        patient["heart_rate"] = hr
    if rng.random() < 0.15:
        patient["contraindications"] = rng.choice([{"named": ["untreated_epilepsy"]},
                                                   {"resting_bp": {"systolic": 150, "diastolic": 95}},
                                                   {"myocardial_infarction_date":
                                                    (start - datetime.timedelta(days=rng.randint(0, 30))).isoformat()}])
    if rng.random() < 0.8:
        patient["available_days"] = days
    if rng.random() < 0.3:
        patient["max_minutes_per_day"] = rng.randint(20, 120)
    if rng.random() < 0.5:
        patient["hiit_screening_done"] = rng.random() < 0.7
    if "chronic_pain" in types and rng.random() < 0.6:
        patient["fear_hierarchy"] = [{"activity": f"activity {i} <&>", "fear": rng.randint(0, 100)}
                                     for i in range(rng.randint(1, 6))]
    return Case(f"random-{k:03d}-{lang}", ["generate", "--patient", None, *request], lang,
                frozenset({"random"}), patient), patient


def programme_conditions():
    """programme -> the conditions it is for ([]: anyone), from data/programmes.json."""
    data = load_json(SOURCE_DIR / "data" / "programmes.json")["programmes"]
    return {name: p.get("conditions", []) for name, p in data.items()}


def random_candidates(work):
    rng = random.Random(RANDOM_SEED)
    progs = programme_conditions()
    out = []
    for k in range(RANDOM_CANDIDATES):
        case, patient = random_case(rng, k, progs)
        if patient is not None:
            path = work / f"patient-random-{k:03d}.json"
            path.write_text(json.dumps(patient, indent=2, ensure_ascii=False), encoding="utf-8")
            case.args[2] = str(path)
        out.append(case)
    return out


# ------------------------------------------------------------------------------------------
# Rendering
# ------------------------------------------------------------------------------------------
def render(case, fmt):
    return run_cli([*case.args, "--format", fmt, "--lang", case.lang])


def build_corpus(work):
    """Renders every case (threads: the CLI runs in parallel). Returns (cases, refused):
    refused lists (case, exit code, stderr) of random candidates that give no plan (exit 1:
    refused, 2: a programme for another condition); a fixed case that fails raises."""
    work.mkdir(parents=True, exist_ok=True)
    fixed = fixed_cases(work)
    candidates = random_candidates(work)
    jobs = os.cpu_count() or 2

    def plan_of(case):
        return case, render(case, "json")

    with concurrent.futures.ThreadPoolExecutor(max_workers=2 * jobs) as pool:
        planned = list(pool.map(plan_of, fixed + candidates))
        cases, refused = [], []
        for case, done in planned:
            is_random = "random" in case.tags
            if done.returncode not in case.accept_rc:
                not_for = done.returncode == 2 and b"is for patients with" in done.stderr
                if "matrix" in case.tags and not_for:
                    continue  # the programme is for another condition
                if is_random and done.returncode in (1, 2):
                    refused.append((case, done.returncode, done.stderr.decode(errors="replace")))
                    continue
                raise AssertionError(f"{case.name}: `{' '.join(case.args)} --format json` exited {done.returncode}: "
                                     f"{done.stderr.decode(errors='replace')}")
            if is_random and sum("random" in c.tags for c in cases) >= RANDOM_TARGET:
                continue
            case.plan = json.loads(done.stdout)
            cases.append(case)

        def fhir_of(case):
            first = render(case, "fhir")
            second = render(case, "fhir") if "random" not in case.tags else None
            return case, first, second

        for case, first, second in pool.map(fhir_of, cases):
            if first.returncode not in case.accept_rc or not first.stdout:
                raise AssertionError(f"{case.name}: `{case.command}` exited {first.returncode}: "
                                     f"{first.stderr.decode(errors='replace')}")
            case.fhir_bytes = first.stdout
            case.second_bytes = second.stdout if second is not None else None
            case.fhir_path = work / f"{case.name}.json"
            case.fhir_path.write_bytes(first.stdout)
            case.bundle = json.loads(first.stdout)
    return cases, refused


def rule_document(which, work):
    """The effective rule document: built-in, or with the clinic file (`rehabplan rules`)."""
    args = ["rules", "--format", "json"]
    if which == "clinic":
        args += ["--rules", str(work / "clinic-rules.json")]
    done = run_cli(args)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


# ------------------------------------------------------------------------------------------
# Expectations from the plan document and the rules
# ------------------------------------------------------------------------------------------
def rule_subject(case):
    """(age, condition types) the rules in force are chosen for: the patient of the command
    (--patient or the patient options), else the patient the plan document names."""
    if case.patient is not None:
        return case.patient.get("age"), [c["type"] for c in case.patient.get("conditions", [])]
    p = case.plan.get("patient")
    if p:
        return p.get("age"), list(p.get("conditions", []))
    return None, []


def param_in_force(rules, rule, name, age, conditions):
    """A rule parameter after the condition profiles: the strictest applicable value wins."""
    p = rules["rules"][rule]["params"][name]
    value, stricter = p["value"], p["stricter"]
    for profile_name, profile in rules.get("conditions", {}).items():
        if "min_age" in profile:
            applies = age is not None and age >= profile["min_age"]
        else:
            applies = profile_name in conditions
        v = profile.get("params", {}).get(rule, {}).get(name)
        if not applies or v is None:
            continue
        if stricter == "higher":
            value = max(value, v)
        elif stricter == "lower":
            value = min(value, v)
    return value


def plan_end(plan):
    return date(plan["start_date"]) + datetime.timedelta(days=7 * plan["weeks"] - 1)


def signal_text(code, lang):
    entry = MESSAGES["terms"].get(f"signal.{code}")
    return entry[lang] if entry else code


def intensity_of_session(s):
    i = s.get("intensity")
    if not i:
        return None
    pair = lambda lo, hi: (i[lo], i[hi]) if lo in i else None  # noqa: E731
    return (i["class"], pair("hr_low_bpm", "hr_high_bpm"), pair("percent_low", "percent_high"), pair("rpe_low", "rpe_high"))


def hiit_of_session(s):
    h = s.get("hiit")
    return (h["work_seconds"], h["recovery_seconds"], h["repeats"]) if h else None


def session_tuple(s, with_title):
    return (s["date"], s["type"], s["minutes"], intensity_of_session(s), hiit_of_session(s), s.get("concussion_step"),
            s.get("concussion_stage"), (s.get("title") or "").strip() or None if with_title else None)


def code_systems():
    """The committed CodeSystems by url."""
    out = {}
    for path in sorted(DEFINITIONS_DIR.glob("CodeSystem-*.json")):
        cs = load_json(path)
        out[cs["url"]] = cs
    return out


def structure_definitions():
    out = {}
    for path in sorted(DEFINITIONS_DIR.glob("StructureDefinition-*.json")):
        sd = load_json(path)
        out[sd["url"]] = sd
    return out
