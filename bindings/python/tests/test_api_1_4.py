"""What 1.4.0 adds to the binding: errors with .document, .pointer, .argument and .reason (from
rehabplan_error_json), Context.clone() (rehabplan_context_clone), render_progress() beside a
progress() that returns the dict, and functions bound lazily."""

from __future__ import annotations

import json
import threading
import warnings
from typing import Any, Dict

import pytest

import rehabplan
from rehabplan import _library
from conftest import example, run_python

TODAY = "2026-12-03"
TIGHTEN_HR = {"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"max_percent_hrmax": 75}}}}
HR_70 = {"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"max_percent_hrmax": 70}}}}
LOOSEN_HR = {"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"max_percent_hrmax": 90}}}}
EMPTY_LOG: Dict[str, Any] = {"schema_version": 1, "entries": []}
LATE_LOG: Dict[str, Any] = {"schema_version": 1, "entries": [
    {"date": "2026-11-23", "type": "balance", "minutes": 10}, {"date": "2026-12-04", "type": "aerobic", "minutes": 30}]}


def _raises(cls, call):
    with pytest.raises(cls) as info:
        call()
    return info.value


def _ceiling(ctx: rehabplan.Context) -> int:
    value: int = ctx.rules()["rules"]["intensity.heart_rate"]["params"]["max_percent_hrmax"]["value"]
    return value


# -- errors -------------------------------------------------------------------------------------

def test_the_library_version_is_1_4_or_later():
    assert tuple(int(x) for x in rehabplan.__version__.split(".")) >= (1, 4, 0)
    assert tuple(int(x) for x in rehabplan.library_version().split(".")) >= (1, 4, 0)


def test_a_schema_error_names_the_document_and_pointer(ctx, request12):
    patient = dict(example("patient-stroke.json"), age=1e300)
    e = _raises(rehabplan.SchemaError, lambda: ctx.generate(patient, request12))
    assert (e.document, e.pointer, e.argument, e.reason) == ("patient", "/age", None, None)
    assert e.message.startswith("patient: /age: ")
    e = _raises(rehabplan.SchemaError, lambda: ctx.generate(example("patient-stroke.json"),
                                                            dict(request12, weeks="six")))
    assert (e.document, e.pointer) == ("request", "/weeks")


def test_a_parse_error_points_at_the_whole_document(ctx, stroke):
    e = _raises(rehabplan.ParseError, lambda: ctx.validate(stroke, "{"))
    assert (e.document, e.pointer) == ("plan", "")


def test_log_and_rules_errors(ctx, stroke, request12):
    plan = ctx.generate(stroke, request12)
    e = _raises(rehabplan.SchemaError, lambda: ctx.progress(stroke, plan, LATE_LOG, TODAY))
    assert (e.document, e.pointer) == ("log", "/entries/1/date")
    e = _raises(rehabplan.RulesError, lambda: ctx.load_rules(LOOSEN_HR))
    assert e.document == "rules" and "max_percent_hrmax" in e.pointer


def test_the_three_reasons_of_invalid_argument(ctx, stroke, request12):
    # A bad argument.
    plan = ctx.generate(stroke, request12)
    e = _raises(rehabplan.InvalidArgumentError, lambda: ctx.render(plan, "pdf"))
    assert (e.reason, e.argument, e.document, e.pointer) == ("argument", "format", None, None)
    e = _raises(rehabplan.InvalidArgumentError, lambda: ctx.progress(stroke, plan, EMPTY_LOG, "2026-11-01"))
    assert (e.reason, e.argument) == ("argument", "today")
    # A request that cannot be planned as asked.
    e = _raises(rehabplan.InvalidArgumentError,
                lambda: ctx.generate(stroke, dict(request12, programme="concussion_return")))
    assert (e.reason, e.document, e.pointer) == ("cannot_plan", "request", "/programme")
    # A plan that already breaks a rule: replan refuses it and names the place.
    bad = example("plan-with-errors.json")
    e = _raises(rehabplan.InvalidArgumentError, lambda: ctx.replan(stroke, bad, EMPTY_LOG, "2026-11-24"))
    assert (e.reason, e.document) == ("plan_breaks_rule", "plan")
    assert e.pointer.startswith("/") and e.pointer in e.message


def test_a_refusal_has_no_document(ctx, request12):
    patient = dict(example("patient-stroke.json"), contraindications={"named": ["unstable_angina"]})
    e = _raises(rehabplan.RefusedError, lambda: ctx.generate(patient, request12))
    assert e.document is None and e.reason is None and e.findings


def test_binding_side_argument_errors_name_the_argument(ctx):
    e = _raises(rehabplan.InvalidArgumentError, lambda: ctx.batch("", threads=65))
    assert (e.reason, e.argument) == ("argument", "threads")


def test_error_json_directly(ctx):
    with pytest.raises(rehabplan.ParseError):
        ctx.load_rules("{")
    doc = json.loads(_library.lib().rehabplan_error_json(ctx._handle, None))
    assert list(doc) == ["status", "code", "document", "pointer", "argument", "reason", "message"]
    assert doc["status"] == "REHABPLAN_PARSE_ERROR" and doc["code"] == 2 and doc["document"] == "rules"
    ctx.rules()
    doc = json.loads(_library.lib().rehabplan_error_json(ctx._handle, None))
    assert doc == {"status": "REHABPLAN_OK", "code": 0, "document": None, "pointer": None, "argument": None,
                   "reason": None, "message": ""}


# -- clone --------------------------------------------------------------------------------------

def test_clone_has_the_rules_and_is_independent(stroke, request12):
    with rehabplan.Context(rules=TIGHTEN_HR) as ctx:
        copy = ctx.clone()
        try:
            assert copy is not ctx and not copy.closed
            assert copy.rules() == ctx.rules() and _ceiling(copy) == 75
            assert copy.generate(stroke, request12) == ctx.generate(stroke, request12)
            copy.load_rules(HR_70)
            assert (_ceiling(copy), _ceiling(ctx)) == (70, 75)
        finally:
            copy.close()
        with pytest.raises(ValueError):
            copy.rules()  # closed
        assert _ceiling(ctx) == 75


def test_clone_of_a_closed_context_raises():
    ctx = rehabplan.Context()
    ctx.close()
    with pytest.raises(ValueError):
        ctx.clone()


def test_clones_for_threads(stroke, request12):
    with rehabplan.Context(rules=TIGHTEN_HR) as ctx:
        want = ctx.generate(stroke, request12)
        got = []

        def work():
            with ctx.clone() as mine:
                got.append(mine.generate(stroke, request12))

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert got == [want] * 4


# -- progress and render_progress ---------------------------------------------------------------

def test_render_progress_returns_str_and_progress_the_dict(ctx, stroke, request12):
    plan = ctx.generate(stroke, request12)
    report = ctx.progress(stroke, plan, EMPTY_LOG, TODAY)
    assert isinstance(report, dict) and report["schema_version"] == 1
    html = ctx.render_progress(stroke, plan, EMPTY_LOG, TODAY)
    text = ctx.render_progress(stroke, plan, EMPTY_LOG, TODAY, "text", "nl")
    assert isinstance(html, str) and html.startswith("<!DOCTYPE html")
    assert isinstance(text, str) and not text.startswith("<")
    assert rehabplan.render_progress(stroke, plan, EMPTY_LOG, TODAY, format="text", lang="nl") == text
    e = _raises(rehabplan.InvalidArgumentError, lambda: ctx.render_progress(stroke, plan, EMPTY_LOG, TODAY, "json"))
    assert e.argument == "format"


def test_progress_with_a_printable_format_still_works_but_warns(ctx, stroke, request12):
    plan = ctx.generate(stroke, request12)
    with pytest.warns(DeprecationWarning, match="render_progress"):
        old = ctx.progress(stroke, plan, EMPTY_LOG, TODAY, "html")
    assert old == ctx.render_progress(stroke, plan, EMPTY_LOG, TODAY, "html")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ctx.progress(stroke, plan, EMPTY_LOG, TODAY)  # the dict: no warning
        ctx.render_progress(stroke, plan, EMPTY_LOG, TODAY, "text")


# -- lazy binding -------------------------------------------------------------------------------

def test_every_function_has_a_since_version():
    for entry in _library._FUNCTIONS:
        assert len(entry) == 5 and entry[4].count(".") == 2
    since = {e[0]: e[4] for e in _library._FUNCTIONS}
    assert since["rehabplan_error_json"] == since["rehabplan_context_clone"] == "1.4.0"
    assert _library.has_function("rehabplan_context_clone")


def test_a_function_the_library_lacks_raises_only_when_called(library_file):
    # The real library, with a function of a future version declared: loading works, calls
    # work, and only calling the missing one raises, naming it and its version.
    code = (f"import rehabplan, ctypes\n"
            f"from rehabplan import _library\n"
            f"_library._FUNCTIONS.append(('rehabplan_from_the_future', [], ctypes.c_int, None, '1.99.0'))\n"
            f"rehabplan.set_library_file({library_file!r})\n"
            f"print(len(rehabplan.rules()['rules']) > 0, _library.has_function('rehabplan_from_the_future'))\n"
            f"_library.lib().rehabplan_from_the_future()\n")
    result = run_python(code)
    assert result.stdout.startswith("True False"), result.stderr
    assert "LibraryError" in result.stderr
    assert "has no function rehabplan_from_the_future: it needs librehabplan 1.99.0 or later" in result.stderr


def test_errors_without_error_json_have_no_detail(library_file):
    # As with a 1.3 library: no rehabplan_error_json, so errors carry only the message.
    code = (f"import rehabplan\n"
            f"from rehabplan import _library\n"
            f"rehabplan.set_library_file({library_file!r})\n"
            f"rehabplan.rules()\n"
            f"_library._Config.missing['rehabplan_error_json'] = '1.4.0'\n"
            f"try:\n"
            f"    rehabplan.validate({{}}, '{{')\n"
            f"except rehabplan.Error as e:\n"
            f"    print(type(e).__name__, e.document, e.pointer, e.message[:8])\n")
    result = run_python(code)
    assert result.stdout.strip() in ("SchemaError None None patient:", "ParseError None None plan: /"), \
        (result.stdout, result.stderr)
