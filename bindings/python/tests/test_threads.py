"""Threads: one Context per thread runs in parallel; module-level calls use a context per thread."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Tuple

import rehabplan
from rehabplan import _context
from conftest import example, run_threads as _run_threads

_PATIENTS = ["patient-stroke.json", "patient-older-adult.json", "patient-tbi.json", "patient-concussion.json",
             "patient-chronic-pain.json"]


def _cases() -> List[Tuple[Dict[str, Any], Dict[str, Any]]]:
    cases = []
    for i, name in enumerate(_PATIENTS):
        for weeks in (4, 12):
            cases.append((example(name), {"schema_version": 1, "start_date": "2026-11-23", "weeks": weeks,
                                          "language": "nl" if i % 2 else "en"}))
    return cases


def _text(plan: Dict[str, Any], findings: Dict[str, Any]) -> str:
    return json.dumps(plan) + json.dumps(findings)


def test_eight_threads_each_with_a_context_get_the_sequential_results():
    cases = _cases()
    with rehabplan.Context() as c:
        sequential = [_text(c.generate(p, r), c.validate(p, c.generate(p, r))) for p, r in cases]

    def work(i: int) -> List[str]:
        out = []
        with rehabplan.Context() as ctx:
            for k in range(len(cases)):
                p, r = cases[(k + i) % len(cases)]  # each thread in its own order
                plan = ctx.generate(p, r)
                out.append((cases.index((p, r)), _text(plan, ctx.validate(p, plan))))
        return out

    for results in _run_threads(8, work):
        assert sorted(results) == sorted(enumerate(sequential))


def test_module_level_functions_from_several_threads():
    cases = _cases()
    with rehabplan.Context() as c:
        expected = [(c.generate(p, r), c.heart_rate_zones(p)) for p, r in cases]

    def work(i: int) -> Tuple[int, List[Any]]:
        got = []
        for k in range(len(cases)):
            p, r = cases[(k + i) % len(cases)]
            plan = rehabplan.generate(p, r)
            assert rehabplan.validate(p, plan)["summary"]["errors"] == 0
            got.append((cases.index((p, r)), (plan, rehabplan.heart_rate_zones(p))))
        return id(_context._context()), got

    results = _run_threads(6, work)
    assert len({ctx_id for ctx_id, _ in results}) == 6  # one default context per thread
    for _, got in results:
        for index, value in got:
            assert value == expected[index]


def test_one_context_shared_by_threads_keeps_each_error_message_with_its_call(stroke):
    # Misuse the docs advise against; the lock keeps it correct: each failing call reports the
    # message of its own input, never another thread's.
    shared = rehabplan.Context()

    def work(i: int) -> List[str]:
        messages = []
        for k in range(30):
            age = 200 + i  # out of range: a schema error naming this thread's value
            try:
                if k % 2:
                    shared.heart_rate_zones(dict(stroke, age=age))
                else:
                    shared.heart_rate_zones(stroke)
                    continue
            except rehabplan.SchemaError as e:
                messages.append(e.message)
        return messages

    try:
        for i, messages in enumerate(_run_threads(6, work)):
            assert len(messages) == 15
            assert all(m.startswith("patient: /age:") and f"got integer {200 + i}" in m for m in messages), messages
    finally:
        shared.close()
