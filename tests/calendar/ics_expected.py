"""What a calendar of a plan must contain, worked out from the plan JSON and the catalogs
in data/ alone (not from the library), for the calendar tests in this directory.

The UID scheme is the one documented in src/render/render_ics.cpp: the 64-bit FNV-1a hash of the
plan's identity (patient ID, programme, start date, each length-prefixed), then the date,
the session type and the session's number among the same-type sessions of that date."""
import datetime
import json
import os
import pathlib
import subprocess

SOURCE_DIR = pathlib.Path(os.environ.get("REHABPLAN_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
GOLDEN_DIR = SOURCE_DIR / "tests" / "data" / "golden"
LANGUAGES = ("en", "nl")


def golden_plans():
    """The golden plan files, sorted by name."""
    return sorted(p for p in GOLDEN_DIR.glob("*.json") if p.name != "manifest.json")


def render(plan_path, lang):
    """The plan as ICS bytes: `rehabplan render --plan P --format ics --lang L` (REHABPLAN_CLI)."""
    cli = os.environ.get("REHABPLAN_CLI")
    if not cli:
        raise RuntimeError("REHABPLAN_CLI is not set (ctest sets it to the rehabplan command of the build tree)")
    command = [cli, "render", "--plan", str(plan_path), "--format", "ics", "--lang", lang]
    done = subprocess.run(command, capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode(errors='replace')}")
    return done.stdout


def fnv1a64(data):
    h = 14695981039346656037
    for b in data:
        h ^= b
        h = (h * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def plan_key(plan):
    pid = (plan.get("patient") or {}).get("id", "").encode()
    programme = plan.get("programme", "").encode()
    identity = b"%d:%s|%d:%s|%s" % (len(pid), pid, len(programme), programme, plan["start_date"].encode())
    return "%016x" % fnv1a64(identity)


def expected_events(plan):
    """(uid, date, minutes, item) per VEVENT in file order: a concussion return's dated steps
    inside the plan as all-day events (item has "step"), the sessions by date (document
    order within a date), then the outcome measures as all-day events (1440 minutes); item
    is the session or the outcome measure from the plan JSON (a measure has "measure")."""
    key = plan_key(plan)
    sessions = sorted(enumerate(plan["sessions"]), key=lambda e: (e[1]["date"], e[0]))
    events, seen = [], {}
    start = datetime.date.fromisoformat(plan["start_date"])
    end = start + datetime.timedelta(days=7 * plan["weeks"] - 1)
    for ladder in plan.get("return_ladders", []):
        for step in ladder["steps"]:
            if "from" in step and start <= datetime.date.fromisoformat(step["from"]) <= end:
                uid = f"{key}-{step['from'].replace('-', '')}-return-{ladder['ladder']}-{step['step']}@rehabplan"
                events.append((uid, step["from"], 24 * 60, dict(step, ladder=ladder["ladder"])))
    for _, s in sessions:
        n = seen[(s["date"], s["type"])] = seen.get((s["date"], s["type"]), 0) + 1
        uid = f"{key}-{s['date'].replace('-', '')}-{s['type']}-{n}@rehabplan"
        events.append((uid, s["date"], s["minutes"], s))
    seen = {}
    for m in plan.get("outcome_measures", []):
        n = seen[(m["date"], m["measure"])] = seen.get((m["date"], m["measure"]), 0) + 1
        uid = f"{key}-{m['date'].replace('-', '')}-measure-{m['measure']}-{n}@rehabplan"
        events.append((uid, m["date"], 24 * 60, m))
    return events


def _catalog(name, section):
    with open(SOURCE_DIR / "data" / name, encoding="utf-8") as f:
        return json.load(f)[section]


def print_text(key, lang, **args):
    text = _catalog("print.json", "print")[key][lang]
    for name, value in args.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def measure_name(measure, lang):
    return _catalog("messages.json", "terms")["measure." + measure["measure"]][lang]


def stop_text(plan, lang):
    """The stop lines every session's DESCRIPTION must carry, in `lang`: one per action, 112 first."""
    terms = _catalog("messages.json", "terms")
    emergencies = _catalog("rules.json", "rules")["safety.stop_signals"]["params"]["call_112"]["value"]
    lines = []
    for action, is_112 in (("call_112", True), ("stop_call_therapist", False)):
        signals = [terms["signal." + s][lang] for s in plan["stop_signals"] if (s in emergencies) == is_112]
        if signals:
            lines.append(print_text("print.calendar.stop", lang, action=terms["stop_action." + action][lang],
                                    signals="; ".join(signals)))
    return "\n".join(lines)


def load(plan_path):
    with open(plan_path, encoding="utf-8") as f:
        return json.load(f)
