#!/usr/bin/python3
"""Gives a plan named exercises for the print test: add_exercises.py PLAN.json EXERCISES.json OUT.json

Each strength, balance, dual-task, mobility and aerobic session names up to five exercises of
the library (data/exercises.json) whose category suits it, the easiest level of each chain,
at the library's dose; strength work at Borg 12-13, one more set from week 5 (so the cards
show a dose that changes) and an extra set for the left side of a unilateral exercise (as
after a stroke). The plan is otherwise the one given (a golden plan)."""
import datetime
import json
import sys

CATEGORIES = {
    "strength": ["strength_lower", "strength_upper", "trunk"],
    "balance": ["balance"],
    "dual_task": ["dual_task"],
    "mobility": ["mobility", "motor_control", "breathing"],
    "aerobic": ["aerobic"],
}
MAX_PER_SESSION = 5


def main():
    plan = json.load(open(sys.argv[1], encoding="utf-8"))
    library = json.load(open(sys.argv[2], encoding="utf-8"))["exercises"]
    lang = plan.get("language", "en")
    start = datetime.date.fromisoformat(plan["start_date"])
    picks = {}
    for kind, categories in CATEGORIES.items():
        chains = []
        for e in library:
            if e["category"] in categories and e["level"] == 1 and e["chain"] not in [c["chain"] for c in chains]:
                chains.append(e)
        picks[kind] = chains[:MAX_PER_SESSION]
    for s in plan["sessions"]:
        week = (datetime.date.fromisoformat(s["date"]) - start).days // 7 + 1
        named = []
        for e in picks.get(s["type"], []):
            d = e["dose"]
            dose = {"id": e["id"], "name": e["name"][lang], "chain": e["chain"], "level": e["level"],
                    "sets": d["sets"], d["type"]: d["amount"], "per_side": d.get("per_side", False),
                    "rest_seconds": d.get("rest_seconds", 0)}
            if s["type"] == "strength":
                dose["rpe"] = {"low": 12, "high": 13}
                if week >= 5:
                    dose["sets"] = min(3, d["sets"] + 1)
            if e.get("unilateral"):
                dose["extra_side"] = "left"
                dose["extra_sets"] = 1
            named.append(dose)
        if named:
            s["exercises"] = named
    json.dump(plan, open(sys.argv[3], "w", encoding="utf-8"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
