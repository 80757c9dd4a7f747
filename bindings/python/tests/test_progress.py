"""rehabplan_progress and rehabplan_replan through the binding: Context.progress, Context.replan,
Context.replan_with_findings and the module-level functions."""

from __future__ import annotations

import collections
import copy
import ctypes
import datetime
import json
from typing import Any, Dict, List, Optional

import pytest

import rehabplan
from rehabplan import _library
from conftest import REPO, example, run_threads as _run_threads

# These tests were written for 1.2/1.3, where progress(format="text"|"html") returned a str; since
# 1.4.0 that form is deprecated (render_progress() is the str one) but must keep working, which
# these tests check as they are. test_api_1_4.py checks the warning and render_progress().
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TODAY = "2026-12-03"  # Thursday of week 2 of a plan that starts on Monday 2026-11-23


def _entry(date: str, type_: str, minutes: int, **more: Any) -> Dict[str, Any]:
    return dict({"date": date, "type": type_, "minutes": minutes}, **more)


# What the stroke patient (examples/patient-stroke.json) did of the 12-week plan from 2026-11-23:
# all of week 1 (Mon dual-task, strength, balance; Wed aerobic, balance; Fri dual-task, strength;
# Sat aerobic, balance) and Monday and Wednesday of week 2.
WEEK_1 = [
    _entry("2026-11-23", "dual_task", 30, rpe=12),
    _entry("2026-11-23", "strength", 16, rpe=13),
    _entry("2026-11-23", "balance", 10),
    _entry("2026-11-25", "aerobic", 30, rpe=12, heart_rate={"average_bpm": 108, "peak_bpm": 121, "minutes_in_zone": 24}),
    _entry("2026-11-25", "balance", 10),
    _entry("2026-11-27", "dual_task", 30, rpe=12),
    _entry("2026-11-27", "strength", 16, rpe=13),
    _entry("2026-11-28", "aerobic", 30, rpe=13, heart_rate={"average_bpm": 110, "peak_bpm": 124}),
    _entry("2026-11-28", "balance", 10),
]
WEEK_2 = [
    _entry("2026-11-30", "dual_task", 30, rpe=12),
    _entry("2026-11-30", "strength", 18, rpe=13),
    _entry("2026-11-30", "balance", 10, symptoms={"pain": 2}),
    _entry("2026-12-02", "aerobic", 35, rpe=13, heart_rate={"average_bpm": 109, "peak_bpm": 125, "minutes_in_zone": 30}),
]
LOG: Dict[str, Any] = {"schema_version": 1, "patient_id": "P-0042", "entries": WEEK_1 + WEEK_2}
STOP_LOG: Dict[str, Any] = {"schema_version": 1, "patient_id": "P-0042", "entries": WEEK_1 + [
    _entry("2026-12-02", "aerobic", 12, completed=False, stop_signal=True, note="chest pain")]}
LATE_LOG: Dict[str, Any] = {"schema_version": 1, "entries": WEEK_1 + [_entry("2026-12-04", "aerobic", 30)]}
EMPTY_LOG: Dict[str, Any] = {"schema_version": 1, "entries": []}


@pytest.fixture
def plan(ctx, stroke, request12) -> Dict[str, Any]:
    return ctx.generate(stroke, request12)


@pytest.fixture
def log() -> Dict[str, Any]:
    return copy.deepcopy(LOG)


def _raises(exc_type, call):
    with pytest.raises(exc_type) as info:
        call()
    assert type(info.value) is exc_type
    return info.value


def _c_progress(ctx: rehabplan.Context, patient: bytes, plan: bytes, log: bytes, today: Optional[bytes],
                fmt: Optional[bytes], lang: Optional[bytes]):
    """rehabplan_progress called directly (no errcheck): (status, bytes or None, out_len, errmsg)."""
    lib = _library.lib()
    func = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                            ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p,
                            ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t))(
        ctypes.cast(lib.rehabplan_progress, ctypes.c_void_p).value)
    out, length = ctypes.c_void_p(), ctypes.c_size_t(12345)
    status = func(ctx._handle.value, patient, len(patient), plan, len(plan), log, len(log), today, fmt, lang,
                  ctypes.byref(out), ctypes.byref(length))
    data = None
    if out.value:
        data = ctypes.string_at(out.value)
        lib.rehabplan_free(out.value)
    return status, data, length.value, lib.rehabplan_errmsg(ctx._handle).decode("utf-8")


def _c_replan(ctx: rehabplan.Context, patient: bytes, plan: bytes, log: bytes, today: Optional[bytes]):
    """rehabplan_replan called directly: (status, plan bytes or None, findings bytes or None, errmsg)."""
    lib = _library.lib()
    func = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                            ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                            ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p))(
        ctypes.cast(lib.rehabplan_replan, ctypes.c_void_p).value)
    out, findings = ctypes.c_void_p(), ctypes.c_void_p()
    status = func(ctx._handle.value, patient, len(patient), plan, len(plan), log, len(log), today,
                  ctypes.byref(out), ctypes.byref(findings))
    docs = []
    for o in (out, findings):
        docs.append(ctypes.string_at(o.value) if o.value else None)
        if o.value:
            lib.rehabplan_free(o.value)
    return status, docs[0], docs[1], lib.rehabplan_errmsg(ctx._handle).decode("utf-8")


def _bytes(doc: Dict[str, Any]) -> bytes:
    return json.dumps(doc).encode("utf-8")


# -- progress --------------------------------------------------------------------------------

def test_progress_formats():
    assert rehabplan.PROGRESS_FORMATS == ("json", "text", "html")


def test_the_json_report_is_a_dict_with_every_started_week_and_its_decision(ctx, stroke, plan, log):
    report = ctx.progress(stroke, plan, log, TODAY)
    assert isinstance(report, dict)
    assert report["today"] == TODAY
    weeks = report["weeks"]
    assert [w["week"] for w in weeks] == [1, 2]  # the weeks that started before today
    for w in weeks:
        assert w["decision"] in ("advance", "hold", "step_back", "stop_and_refer")
        assert w["rule"]
    assert report["next"] in ("advance", "hold", "step_back", "stop_and_refer") and report["next_rule"]
    assert report == ctx.progress(stroke, plan, log, TODAY, "json")  # json is the default


def test_a_stop_signal_is_stop_and_refer(ctx, stroke, plan):
    report = ctx.progress(stroke, plan, STOP_LOG, TODAY)
    assert report["next"] == "stop_and_refer"
    assert report["stop_signal_date"] == "2026-12-02"
    assert ctx.progress(stroke, plan, EMPTY_LOG, TODAY)["next"] != "stop_and_refer"


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_text_and_html_are_str_in_both_languages(ctx, stroke, plan, log, fmt):
    en, nl = ctx.progress(stroke, plan, log, TODAY, fmt, "en"), ctx.progress(stroke, plan, log, TODAY, fmt, "nl")
    assert isinstance(en, str) and isinstance(nl, str) and en != nl
    # None and "" take the plan's own language (this plan is English).
    assert ctx.progress(stroke, plan, log, TODAY, fmt) == ctx.progress(stroke, plan, log, TODAY, fmt, "") == en
    if fmt == "html":
        for doc in (en, nl):
            assert doc.startswith("<!DOCTYPE html") and "</html>" in doc and "<script" not in doc
    else:
        assert all(len(line) <= 80 for line in (en + "\n" + nl).split("\n"))


@pytest.mark.parametrize("fmt", ["json", "text", "html"])
@pytest.mark.parametrize("lang", [None, "en", "nl"])
def test_the_result_is_exactly_the_c_output(ctx, stroke, plan, log, fmt, lang):
    p, q, g = _bytes(stroke), _bytes(plan), _bytes(log)
    status, data, length, message = _c_progress(ctx, p, q, g, TODAY.encode(), fmt.encode(),
                                                lang.encode() if lang else None)
    assert status == 0 and message == "" and data is not None and len(data) == length
    got = ctx.progress(p, q, g, TODAY, fmt, lang)
    if fmt == "json":
        assert got == json.loads(data.decode("utf-8"))
    else:
        assert got.encode("utf-8") == data


def test_today_as_a_date_or_a_str_is_the_same_report(ctx, stroke, plan, log):
    for fmt in rehabplan.PROGRESS_FORMATS:
        assert ctx.progress(stroke, plan, log, datetime.date(2026, 12, 3), fmt) == ctx.progress(stroke, plan, log,
                                                                                                TODAY, fmt)
    assert ctx.replan(stroke, plan, log, datetime.date(2026, 12, 3)) == ctx.replan(stroke, plan, log, TODAY)


@pytest.mark.parametrize("form", [
    lambda d: d,
    lambda d: json.dumps(d),
    lambda d: json.dumps(d, indent=2).encode("utf-8"),
    lambda d: bytearray(json.dumps(d).encode("utf-8")),
    lambda d: memoryview(json.dumps(d).encode("utf-8")),
    lambda d: collections.OrderedDict(d),
])
def test_every_document_form_gives_the_same_result(ctx, stroke, plan, log, form):
    assert ctx.progress(form(stroke), form(plan), form(log), TODAY, "text") == ctx.progress(stroke, plan, log, TODAY,
                                                                                           "text")
    assert ctx.replan(form(stroke), form(plan), form(log), TODAY) == ctx.replan(stroke, plan, log, TODAY)


def test_the_same_inputs_give_the_same_output(stroke, plan, log):
    outputs = set()
    for _ in range(3):
        with rehabplan.Context() as c:
            outputs.add("\f".join([c.progress(stroke, plan, log, TODAY, fmt, lang)
                                   for fmt in ("text", "html") for lang in ("en", "nl")] +
                                  [json.dumps(c.progress(stroke, plan, log, TODAY)),
                                   json.dumps(c.replan(stroke, plan, log, TODAY))]))
    assert len(outputs) == 1


def test_module_level_functions_use_the_built_in_rules(ctx, stroke, plan, log):
    assert rehabplan.progress(stroke, plan, log, TODAY) == ctx.progress(stroke, plan, log, TODAY)
    assert rehabplan.progress(stroke, plan, log, TODAY, format="html", lang="nl") == ctx.progress(
        stroke, plan, log, TODAY, "html", "nl")
    assert rehabplan.replan(stroke, plan, log, TODAY) == ctx.replan(stroke, plan, log, TODAY)
    assert rehabplan.replan_with_findings(stroke, plan, log, TODAY) == ctx.replan_with_findings(stroke, plan, log,
                                                                                                TODAY)


@pytest.mark.parametrize("name,today,decision,rule,replan_rule", [
    ("stroke", "2026-12-14", "advance", "progress.adherence", "progress.adherence"),
    # A rise of 3 points in step 3 of the concussion return repeats the step (Amsterdam 2022).
    ("concussion", datetime.date(2026, 12, 5), "hold", "progress.symptoms", "concussion.return"),
])
def test_the_example_logs(ctx, name, today, decision, rule, replan_rule):
    patient = example(f"patient-{name}.json")
    plan = json.loads((REPO / "tests" / "data" / "progress" / f"plan-{name}.json").read_text(encoding="utf-8"))
    log = example(f"log-{name}.json")
    report = ctx.progress(patient, plan, log, today)
    assert (report["next"], report["next_rule"]) == (decision, rule)
    revised = ctx.replan_with_findings(patient, plan, log, today)
    assert ctx.validate(patient, revised.plan)["summary"]["errors"] == 0
    assert replan_rule in [f["rule"] for f in revised.findings["findings"]]


# -- replan ----------------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["log", "stop", "empty"])
def test_the_revised_plan_validates_and_carries_its_findings(ctx, stroke, plan, which):
    log = {"log": LOG, "stop": STOP_LOG, "empty": EMPTY_LOG}[which]
    revised = ctx.replan(stroke, plan, log, TODAY)
    assert ctx.validate(stroke, revised)["summary"]["errors"] == 0
    assert (revised["start_date"], revised["weeks"]) == (plan["start_date"], plan["weeks"])
    assert "findings" in revised
    # Sessions before today stay as they were.
    assert [s for s in revised["sessions"] if s["date"] < TODAY] == [s for s in plan["sessions"] if s["date"] < TODAY]
    both = ctx.replan_with_findings(stroke, plan, log, TODAY)
    assert isinstance(both, rehabplan.ReplannedPlan)
    assert both.plan == revised
    assert isinstance(both.findings["findings"], list) and "summary" in both.findings
    if which == "stop":
        assert not [s for s in revised["sessions"] if s["date"] >= TODAY]  # paused until seen


def test_replan_is_the_c_output(ctx, stroke, plan, log):
    status, revised, findings, message = _c_replan(ctx, _bytes(stroke), _bytes(plan), _bytes(log), TODAY.encode())
    assert status == 0 and message == "" and revised is not None and findings is not None
    both = ctx.replan_with_findings(stroke, plan, log, TODAY)
    assert both.plan == json.loads(revised) and both.findings == json.loads(findings)


# -- errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("today", ["2026-02-30", "", "2026-1-1", "2026-12-03 ", "03-12-2026", "2026-12-03T10:00",
                                   "1899-12-31", "\udcff"])
def test_a_today_that_is_not_a_date_is_an_invalid_argument(ctx, stroke, plan, log, today):
    for call in (lambda: ctx.progress(stroke, plan, log, today), lambda: ctx.replan(stroke, plan, log, today),
                 lambda: ctx.replan_with_findings(stroke, plan, log, today)):
        e = _raises(rehabplan.InvalidArgumentError, call)
        assert e.message.startswith("today: expected a date YYYY-MM-DD, got "), e.message
        if today.isascii():
            assert f'"{today}"' in e.message
        assert isinstance(e, ValueError)


def test_the_message_is_the_librarys(ctx, stroke, plan, log):
    e = _raises(rehabplan.InvalidArgumentError, lambda: ctx.progress(stroke, plan, log, "2026-02-30", "html"))
    status, data, length, message = _c_progress(ctx, _bytes(stroke), _bytes(plan), _bytes(log), b"2026-02-30",
                                                b"html", None)
    assert (status, data, length) == (1, None, 0) and e.message == message
    e = _raises(rehabplan.SchemaError, lambda: ctx.replan(stroke, plan, LATE_LOG, TODAY))
    status, revised, findings, message = _c_replan(ctx, _bytes(stroke), _bytes(plan), _bytes(LATE_LOG),
                                                   TODAY.encode())
    assert (status, revised, findings) == (3, None, None) and e.message == message


def test_today_before_the_plans_start_is_an_invalid_argument(ctx, stroke, plan):
    for call in (lambda: ctx.progress(stroke, plan, EMPTY_LOG, "2026-11-01"),
                 lambda: ctx.replan(stroke, plan, EMPTY_LOG, datetime.date(2026, 11, 1))):
        e = _raises(rehabplan.InvalidArgumentError, call)
        assert e.message.startswith("today: ") and "2026-11-01" in e.message and "/today" not in e.message


@pytest.mark.parametrize("fmt", ["markdown", "ics", "pdf", "", "JSON"])
def test_an_unknown_format_is_an_invalid_argument(ctx, stroke, plan, log, fmt):
    e = _raises(rehabplan.InvalidArgumentError, lambda: ctx.progress(stroke, plan, log, TODAY, fmt))
    assert e.message.startswith("format: ") and "json, text or html" in e.message


@pytest.mark.parametrize("lang", ["de", "EN", "nl ", "\udcff"])
def test_an_unknown_language_is_an_invalid_argument(ctx, stroke, plan, log, lang):
    e = _raises(rehabplan.InvalidArgumentError, lambda: ctx.progress(stroke, plan, log, TODAY, "text", lang))
    assert e.message.startswith("lang: ") and "en or nl" in e.message


@pytest.mark.parametrize("which,doc", [(w, d) for w in ("patient", "plan", "log")
                                       for d in ("not json", "", "{", b"\xff\xfe", '{"entries": []}\x00')])
def test_a_document_that_is_not_json_is_a_parse_error_naming_it(ctx, stroke, plan, log, which, doc):
    docs = {"patient": stroke, "plan": plan, "log": log}
    docs[which] = doc
    for call in (lambda: ctx.progress(docs["patient"], docs["plan"], docs["log"], TODAY, "html"),
                 lambda: ctx.replan(docs["patient"], docs["plan"], docs["log"], TODAY)):
        assert _raises(rehabplan.ParseError, call).message.startswith(f"{which}: ")


@pytest.mark.parametrize("which,change,path", [
    ("patient", lambda d: d.__setitem__("age", 1e300), "patient: /age:"),
    ("plan", lambda d: d.__setitem__("start_date", "2026-02-30"), "plan: /start_date:"),
    ("log", lambda d: d["entries"][3].__setitem__("rpe", 21), "log: /entries/3/rpe:"),
    ("log", lambda d: d["entries"][1].__setitem__("minutes", 601), "log: /entries/1/minutes:"),
    ("log", lambda d: d["entries"][0].__setitem__("date", "2026-02-30"), "log: /entries/0/date:"),
    ("log", lambda d: d.pop("entries"), "log: "),
    # A log that does not fit the plan or today.
    ("log", lambda d: d["entries"].append(_entry("2026-12-04", "aerobic", 30)), "log: /entries/13/date:"),
    ("log", lambda d: d["entries"].append(_entry("2026-11-20", "aerobic", 30)), "log: /entries/13/date:"),
    ("log", lambda d: d.__setitem__("patient_id", "P-9999"), "log: /patient_id:"),
])
def test_schema_errors_name_the_document_and_the_pointer(ctx, stroke, plan, log, which, change, path):
    docs = {"patient": copy.deepcopy(stroke), "plan": copy.deepcopy(plan), "log": log}
    change(docs[which])
    for call in (lambda: ctx.progress(docs["patient"], docs["plan"], docs["log"], TODAY),
                 lambda: ctx.progress(docs["patient"], docs["plan"], docs["log"], TODAY, "text", "nl"),
                 lambda: ctx.replan(docs["patient"], docs["plan"], docs["log"], TODAY),
                 lambda: ctx.replan_with_findings(docs["patient"], docs["plan"], docs["log"], TODAY)):
        e = _raises(rehabplan.SchemaError, call)
        assert e.message.startswith(path), e.message


def _errmsg(ctx) -> bytes:
    return _library.lib().rehabplan_errmsg(ctx._handle)


@pytest.mark.parametrize("kwargs,exc_type,match", [
    ({"patient": None}, TypeError, r"^patient must be a dict"),
    ({"plan": 42}, TypeError, r"^plan must be a dict"),
    ({"log": ["entries"]}, TypeError, r"^log must be a dict"),
    ({"today": None}, TypeError, r"^today must be a datetime.date or a str YYYY-MM-DD, not NoneType"),
    ({"today": 20261203}, TypeError, r"^today must be a datetime.date or a str YYYY-MM-DD, not int"),
    ({"today": b"2026-12-03"}, TypeError, r"^today must be a datetime.date or a str YYYY-MM-DD, not bytes"),
    ({"today": datetime.datetime(2026, 12, 3, 10, 0)}, TypeError, r"not datetime.datetime \(pass its .date\(\)"),
    ({"today": "2026-12-03\0"}, rehabplan.InvalidArgumentError, r"today: contains a NUL character"),
    ({"format": None}, TypeError, r"^format must be a str, not NoneType"),
    ({"lang": b"nl"}, TypeError, r"^lang must be a str or None, not bytes"),
    ({"format": "json\0"}, rehabplan.InvalidArgumentError, r"format: contains a NUL character"),
])
def test_bad_python_arguments_never_reach_the_library(ctx, stroke, plan, log, kwargs, exc_type, match):
    with pytest.raises(rehabplan.SchemaError):
        ctx.heart_rate_zones(dict(stroke, age=5))
    before = _errmsg(ctx)
    args = dict({"patient": stroke, "plan": plan, "log": log, "today": TODAY, "format": "json", "lang": None},
                **kwargs)
    with pytest.raises(exc_type, match=match) as info:
        ctx.progress(**args)
    assert type(info.value) is exc_type
    if "format" not in kwargs and "lang" not in kwargs:
        replan_args = {k: args[k] for k in ("patient", "plan", "log", "today")}
        for call in (ctx.replan, ctx.replan_with_findings):
            with pytest.raises(exc_type, match=match):
                call(**replan_args)
    assert _errmsg(ctx) == before  # no C call was made (each clears or replaces the message)


def test_a_closed_context_raises(stroke, plan, log):
    c = rehabplan.Context()
    c.close()
    for call in (lambda: c.progress(stroke, plan, log, TODAY), lambda: c.replan(stroke, plan, log, TODAY),
                 lambda: c.replan_with_findings(stroke, plan, log, TODAY)):
        with pytest.raises(ValueError, match="closed"):
            call()


# -- memory ----------------------------------------------------------------------------------

@pytest.fixture
def documents_freed(monkeypatch) -> List[int]:
    """The addresses passed to rehabplan_free (which still frees them)."""
    lib = _library.lib()
    real = lib.rehabplan_free
    addresses: List[int] = []

    def spy(address):
        addresses.append(address)
        real(address)

    monkeypatch.setattr(lib, "rehabplan_free", spy)
    return addresses


def test_each_document_is_freed_once(ctx, stroke, plan, log, documents_freed):
    for fmt in rehabplan.PROGRESS_FORMATS:
        ctx.progress(stroke, plan, log, TODAY, fmt)
    assert len(documents_freed) == 3
    ctx.replan(stroke, plan, log, TODAY)
    assert len(documents_freed) == 4
    ctx.replan_with_findings(stroke, plan, log, TODAY)
    assert len(documents_freed) == 6
    assert all(documents_freed) and len(set(documents_freed)) >= 2


def test_a_failure_has_nothing_to_free(ctx, stroke, plan, log, documents_freed):
    for call in (lambda: ctx.progress(stroke, plan, log, "2026-02-30"),
                 lambda: ctx.progress(stroke, plan, log, TODAY, "pdf"),
                 lambda: ctx.progress(stroke, plan, "{", TODAY, "html"),
                 lambda: ctx.progress(stroke, plan, LATE_LOG, TODAY, "text"),
                 lambda: ctx.replan(stroke, plan, LATE_LOG, TODAY),
                 lambda: ctx.replan_with_findings(stroke, "{", log, TODAY)):
        with pytest.raises(rehabplan.Error):
            call()
    assert documents_freed == []


# -- threads ---------------------------------------------------------------------------------

def test_threads_with_own_contexts_and_module_level_calls_get_the_sequential_results(ctx, stroke, plan):
    logs = [LOG, STOP_LOG, EMPTY_LOG, LATE_LOG]
    jobs = [(g, fmt, lang) for g in range(len(logs)) for fmt in ("json", "text", "html", "replan")
            for lang in (None, "nl")]

    def run(c: Any, g: int, fmt: str, lang: Optional[str]) -> str:
        try:
            if fmt == "replan":
                return json.dumps(c.replan_with_findings(stroke, plan, logs[g], TODAY).__dict__)
            return json.dumps(c.progress(stroke, plan, logs[g], TODAY, fmt, lang))
        except rehabplan.Error as e:
            return repr(e)

    expected = [run(ctx, *job) for job in jobs]
    assert sum("SchemaError" in r for r in expected) == 8  # LATE_LOG fails every job, with its message

    def work(i: int) -> List[str]:
        got = [""] * len(jobs)
        with rehabplan.Context() as own:
            for k in range(len(jobs)):
                j = (k + 5 * i) % len(jobs)  # each thread in its own order
                # even threads: their own context; odd ones: the module-level functions
                got[j] = run(own if i % 2 == 0 else rehabplan, *jobs[j])
        return got

    for got in _run_threads(6, work):
        assert got == expected


# --- per-day sleep and stress (the log's days, rule progress.recovery) ---------------------

def _nights(hours: float, quality: str, stress: int, n: int = 7) -> List[Dict[str, Any]]:
    """Week 1's days from Monday 2026-11-23 on, each with the same sleep and stress."""
    return [{"date": f"2026-11-{23 + i}", "sleep_hours": hours, "sleep_quality": quality, "stress": stress}
            for i in range(n)]


def test_a_log_with_days_reports_sleep_and_stress_and_holds_when_the_clinic_enables_it(ctx, stroke, plan):
    log = {"schema_version": 1, "entries": WEEK_1, "days": _nights(6.5, "fairly_bad", 4)}
    report = ctx.progress(stroke, plan, log, "2026-11-30")
    week = report["weeks"][0]
    assert week["recovery"] == {"nights_logged": 7, "sleep_nights": 7, "mean_sleep_hours": 6.5, "quality_nights": 7,
                                "poor_nights": 7, "stress_days": 7, "mean_stress": 4}
    assert [f["severity"] for f in report["findings"] if f["rule"] == "progress.recovery"] == ["info"]
    assert "Sleep and stress" in ctx.render_progress(stroke, plan, log, "2026-11-30", "text")
    clinic = {"schema_version": 1, "rules": {"progress.recovery": {"params": {"enabled_as_decision": True}}}}
    with rehabplan.Context(rules=clinic) as strict:
        held = strict.progress(stroke, plan, log, "2026-11-30")
    assert held["weeks"][0]["decision"] == "hold" and held["next_rule"] == "progress.recovery"
    assert report["next"] == "advance"


@pytest.mark.parametrize("day,path", [
    ({"date": "2026-11-23", "sleep_hours": 25}, "log: /days/0/sleep_hours:"),
    ({"date": "2026-11-23", "sleep_hours": float("nan")}, "log: "),
    ({"date": "2026-11-23", "stress": 11}, "log: /days/0/stress:"),
    ({"date": "2026-11-23", "sleep_quality": "poor"}, "log: /days/0/sleep_quality:"),
    ({"date": "2026-12-20", "stress": 3}, "log: /days/0/date:"),
])
def test_a_bad_day_raises_with_its_pointer(ctx, stroke, plan, day, path):
    log = {"schema_version": 1, "entries": WEEK_1, "days": [day]}
    with pytest.raises((rehabplan.SchemaError, rehabplan.ParseError, ValueError)) as e:
        ctx.progress(stroke, plan, log, "2026-11-30")
    message = getattr(e.value, "message", str(e.value))
    assert path in message or (path == "log: " and message), message
