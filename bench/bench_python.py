#!/usr/bin/python3
"""The 12-week generate + validate of bench_generate.cpp / bench_c_api.cpp, through the Python
binding (bindings/python): the stroke patient of examples/patient-stroke.json, standard
programme, starting 2026-11-23.

    REHABPLAN_LIBRARY=build-py/librehabplan.so.1 /usr/bin/python3 bench/bench_python.py [--json]

Each repetition runs the call enough times to take at least --min-time seconds and records the
time per call (time.perf_counter, and time.process_time for CPU); the median over
--repetitions is reported. Measured:
  generate_validate  ctx.generate(patient, request) -> dict, then ctx.validate(patient, plan)
                     -> dict: what a Python caller does (the plan dict is written back to JSON
                     for validate)
  generate_validate_json
                     ctx.generate_json() -> str, then ctx.validate_json(patient, text) -> str: the
                     same work as the C calls (JSON text in, JSON text out)
  generate           ctx.generate() alone
  json_only          json.loads of the plan and findings text + json.dumps of the plan: the
                     Python-side JSON work inside generate_validate, for reference
  json_plan_file     with --plan-file FILE: json.dumps(json.loads(data)) of FILE's bytes, CPython's
                     own JSON (C scanner and encoder, default options); compare_apis.sh gives it
                     the 12-week plan that BM_ParseSerialise/weeks:12 parses and writes
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from typing import Callable, Dict, List

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bindings", "python"))

import rehabplan  # noqa: E402

# examples/patient-stroke.json, the same text bench_inputs.hpp reads for C++ and C.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples", "patient-stroke.json"),
          encoding="utf-8") as _f:
    STROKE_PATIENT_JSON = _f.read()


def request_for(weeks: int) -> str:
    return (f'{{"schema_version": 1, "start_date": "2026-11-23", "weeks": {weeks}, '
            f'"programme": "standard", "language": "en"}}')


def measure(call: Callable[[], object], repetitions: int, min_time: float) -> Dict[str, float]:
    """Median and minimum seconds per call (wall and CPU) over the repetitions."""
    call()  # warm up
    n = 1
    while True:  # calls per repetition: enough for min_time
        start = time.perf_counter()
        for _ in range(n):
            call()
        elapsed = time.perf_counter() - start
        if elapsed >= min_time:
            break
        n = max(n + 1, int(n * min(10.0, 1.4 * min_time / max(elapsed, 1e-9))))
    wall: List[float] = []
    cpu: List[float] = []
    for _ in range(repetitions):
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in range(n):
            call()
        wall.append((time.perf_counter() - w0) / n)
        cpu.append((time.process_time() - c0) / n)
    return {"real_median_s": statistics.median(wall), "real_min_s": min(wall),
            "cpu_median_s": statistics.median(cpu), "calls_per_repetition": n, "repetitions": repetitions}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--repetitions", type=int, default=7)
    parser.add_argument("--min-time", type=float, default=0.2, help="seconds per repetition (default 0.2)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--plan-file", help="also time json.dumps(json.loads(...)) of this file's bytes")
    args = parser.parse_args()
    plan_file_bytes = None
    if args.plan_file is not None:
        with open(args.plan_file, "rb") as f:
            plan_file_bytes = f.read()

    patient, request = STROKE_PATIENT_JSON, request_for(args.weeks)
    with rehabplan.Context() as ctx:
        plan = ctx.generate(patient, request)
        findings = ctx.validate(patient, plan)
        if findings["summary"]["errors"] != 0:
            print(f"the generated plan has {findings['summary']['errors']} validation error(s)", file=sys.stderr)
            return 1
        plan_text, findings_text = json.dumps(plan), json.dumps(findings)

        def generate_validate() -> object:
            return ctx.validate(patient, ctx.generate(patient, request))

        def json_only() -> object:
            json.dumps(json.loads(plan_text))
            return json.loads(findings_text)

        def generate_validate_json() -> object:
            return ctx.validate_json(patient, ctx.generate_json(patient, request))

        results = {
            "generate_validate": measure(generate_validate, args.repetitions, args.min_time),
            "generate_validate_json": measure(generate_validate_json, args.repetitions, args.min_time),
            "generate": measure(lambda: ctx.generate(patient, request), args.repetitions, args.min_time),
            "json_only": measure(json_only, args.repetitions, args.min_time),
        }
        if plan_file_bytes is not None:
            data = plan_file_bytes
            results["json_plan_file"] = measure(lambda: json.dumps(json.loads(data)), args.repetitions,
                                                args.min_time)
    meta = {"weeks": args.weeks, "sessions": len(plan["sessions"]), "plan_json_bytes": len(plan_text),
            "library": rehabplan.loaded_library(), "library_version": rehabplan.library_version(),
            "python": sys.version.split()[0]}
    if plan_file_bytes is not None:
        meta["plan_file"] = args.plan_file
        meta["plan_file_bytes"] = len(plan_file_bytes)
    if args.json:
        print(json.dumps({"meta": meta, "results": results}, indent=2))
    else:
        print(f"Python {meta['python']}, librehabplan {meta['library_version']} ({meta['library']}), "
              f"{args.weeks} weeks, {meta['sessions']} sessions, plan {meta['plan_json_bytes']} bytes")
        for name, r in results.items():
            print(f"  {name:<18} {r['real_median_s'] * 1e6:10.1f} us/call (median real), "
                  f"{r['cpu_median_s'] * 1e6:10.1f} us CPU, min {r['real_min_s'] * 1e6:.1f} us "
                  f"[{r['repetitions']} x {r['calls_per_repetition']} calls]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
