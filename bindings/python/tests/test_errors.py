"""Every status the library can return from Python, and the status -> exception mapping."""

from __future__ import annotations

import json
import pickle

import pytest

import rehabplan
from rehabplan import Status, _library


def _raises(exc_type, call):
    with pytest.raises(exc_type) as info:
        call()
    assert type(info.value) is exc_type  # not a subclass, not the plain base
    return info.value


# -- INVALID_ARGUMENT ------------------------------------------------------------------------

def test_programme_for_another_condition_is_an_invalid_argument(ctx, stroke, request12):
    e = _raises(rehabplan.InvalidArgumentError,
                lambda: ctx.generate(stroke, dict(request12, programme="concussion_return")))
    assert e.status == Status.INVALID_ARGUMENT == 1 and e.status_name == "invalid argument"
    assert "/programme" in e.message and "concussion" in e.message
    assert str(e) == f"invalid argument: {e.message}"
    assert isinstance(e, rehabplan.Error) and isinstance(e, ValueError)


def test_graded_exposure_without_a_fear_hierarchy_is_an_invalid_argument(ctx, chronic_pain):
    del chronic_pain["fear_hierarchy"]
    e = _raises(rehabplan.InvalidArgumentError, lambda: ctx.generate_with_findings(
        chronic_pain, {"schema_version": 1, "start_date": "2026-11-23", "programme": "graded_exposure"}))
    assert "/fear_hierarchy" in e.message


def test_an_event_or_clearance_after_the_start_is_an_invalid_argument_naming_the_patient_field(ctx, stroke, request12):
    """safety.clearance: a date after the plan's start is bad input (generate and validate)."""
    plan = ctx.generate(stroke, request12)
    future = dict(stroke, conditions=[dict(stroke["conditions"][0], event_date="2026-11-24")])
    e = _raises(rehabplan.InvalidArgumentError, lambda: ctx.generate(future, request12))
    assert (e.reason, e.document, e.pointer) == ("cannot_plan", "patient", "/conditions/0/event_date")
    e = _raises(rehabplan.InvalidArgumentError, lambda: ctx.validate(future, plan))
    assert (e.reason, e.document, e.pointer) == ("cannot_plan", "patient", "/conditions/0/event_date")
    cleared_later = dict(stroke, clearance={"level": "moderate", "date": "2026-12-01"})
    e = _raises(rehabplan.InvalidArgumentError, lambda: ctx.generate(cleared_later, request12))
    assert e.pointer == "/clearance/date"


def test_a_recent_stroke_without_clearance_is_refused_and_planned_with_one(ctx, stroke, request12):
    recent = dict(stroke, conditions=[dict(stroke["conditions"][0], event_date="2026-11-22")])
    e = _raises(rehabplan.RefusedError, lambda: ctx.generate(recent, request12))
    assert "safety.clearance" in json.dumps(e.findings)
    ctx.generate(dict(recent, clearance={"level": "moderate", "date": "2026-11-22"}), request12)


# -- PARSE_ERROR -----------------------------------------------------------------------------

@pytest.mark.parametrize("doc", ["not json", "", "   ", b"\xff\xfe", '{"schema_version": 1,', "[1, 2]x",
                                 '{"a": ' * 40 + "1" + "}" * 40])
def test_documents_that_are_not_json_are_parse_errors(ctx, doc):
    e = _raises(rehabplan.ParseError, lambda: ctx.heart_rate_zones(doc))
    assert e.status == Status.PARSE_ERROR and e.status_name == "parse error"
    assert e.message.startswith("patient: ")


def test_a_document_over_4_mib_is_a_parse_error(ctx, stroke):
    big = dict(stroke, id="x" * (4 * 1024 * 1024 + 1))
    e = _raises(rehabplan.ParseError, lambda: ctx.heart_rate_zones(big))
    assert "at most" in e.message


def test_parse_errors_name_the_document(ctx, stroke, request12):
    assert _raises(rehabplan.ParseError, lambda: ctx.generate(stroke, "{")).message.startswith("request: ")
    assert _raises(rehabplan.ParseError, lambda: ctx.validate(stroke, "{")).message.startswith("plan: ")
    assert _raises(rehabplan.ParseError, lambda: ctx.load_rules("{")).message.startswith("rules: ")


# -- SCHEMA_ERROR ----------------------------------------------------------------------------

@pytest.mark.parametrize("field,value,path", [("age", 1e300, "/age"), ("age", -1e300, "/age"), ("age", 11, "/age"),
                                              ("age", "67", "/age"), ("sex", "x", "/sex"),
                                              ("available_days", ["mon", "mon"], "/available_days/1")])
def test_schema_errors_carry_the_json_pointer(ctx, stroke, field, value, path):
    e = _raises(rehabplan.SchemaError, lambda: ctx.heart_rate_zones(dict(stroke, **{field: value})))
    assert e.status == Status.SCHEMA_ERROR and e.status_name == "schema error"
    assert e.message.startswith(f"patient: {path}:"), e.message


def test_schema_errors_in_request_and_plan(ctx, stroke, request12):
    e = _raises(rehabplan.SchemaError, lambda: ctx.generate(stroke, dict(request12, weeks=53)))
    assert e.message.startswith("request: /weeks:")
    plan = ctx.generate(stroke, request12)
    plan["sessions"][0]["minutes"] = 1e300
    e = _raises(rehabplan.SchemaError, lambda: ctx.validate(stroke, plan))
    assert e.message.startswith("plan: /sessions/0/minutes:")


# -- RULES_ERROR -----------------------------------------------------------------------------

def test_a_clinic_file_that_loosens_a_safety_rule_is_a_rules_error_and_changes_nothing(ctx):
    before = ctx.rules()
    looser = {"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"max_percent_hrmax": 95}}}}
    e = _raises(rehabplan.RulesError, lambda: ctx.load_rules(looser))
    assert e.status == Status.RULES_ERROR and e.status_name == "rules error"
    assert "/rules/intensity.heart_rate/params/max_percent_hrmax" in e.message and "loosens" in e.message
    assert ctx.rules() == before
    _raises(rehabplan.RulesError, lambda: rehabplan.Context(rules=looser))


@pytest.mark.parametrize("rules,needle", [
    ({"schema_version": 1, "rules": {"no.such.rule": {"params": {}}}}, "no.such.rule"),
    ({"schema_version": 1, "rules": {"week.volume": {"params": {"vigorous_factor": 3}}}}, "fixed"),
])
def test_unknown_rules_and_fixed_parameters_are_rules_errors(ctx, rules, needle):
    assert needle in _raises(rehabplan.RulesError, lambda: ctx.load_rules(rules)).message


# -- REFUSED ---------------------------------------------------------------------------------

def test_an_absolute_contraindication_is_refused_with_findings(ctx, stroke, request12):
    patient = dict(stroke, contraindications={"named": ["unstable_angina"]})
    for call in (lambda: ctx.generate(patient, request12), lambda: ctx.generate_with_findings(patient, request12),
                 lambda: rehabplan.generate(patient, request12)):
        e = _raises(rehabplan.RefusedError, call)
        assert e.status == Status.REFUSED and e.status_name == "refused"
        assert "unstable_angina" in e.message
        assert e.findings["schema_version"] == 1 and e.findings["summary"]["errors"] >= 1
        refusal = [f for f in e.findings["findings"] if f["severity"] == "error"]
        assert refusal[0]["rule"] == "safety.contraindication"
        assert refusal[0]["path"] == "/contraindications/named/0"


def test_a_resting_blood_pressure_over_the_limit_is_refused(ctx, stroke, request12):
    patient = dict(stroke, contraindications={"resting_bp": {"systolic": 210, "diastolic": 90}})
    e = _raises(rehabplan.RefusedError, lambda: ctx.generate(patient, request12))
    assert any(f["rule"] == "safety.contraindication" for f in e.findings["findings"])


def test_a_refused_error_survives_pickling(ctx, stroke, request12):
    patient = dict(stroke, contraindications={"named": ["unstable_angina"]})
    e = _raises(rehabplan.RefusedError, lambda: ctx.generate(patient, request12))
    copy = pickle.loads(pickle.dumps(e))
    assert type(copy) is rehabplan.RefusedError
    assert (copy.status, copy.status_name, copy.message, copy.findings) == (e.status, e.status_name, e.message,
                                                                           e.findings)


# -- codes Python cannot provoke: the errcheck mapping itself ---------------------------------

@pytest.mark.parametrize("code,exc_type,name", [
    (6, rehabplan.OutOfMemoryError, "out of memory"),
    (7, rehabplan.InternalError, "internal error"),
    (1, rehabplan.InvalidArgumentError, "invalid argument"),
    (5, rehabplan.RefusedError, "refused"),
])
def test_errcheck_maps_each_status_to_its_exception(ctx, stroke, code, exc_type, name):
    lib = _library.lib()
    func = lib.rehabplan_generate
    with pytest.raises(rehabplan.SchemaError):
        ctx.heart_rate_zones(dict(stroke, age=5))  # leaves a message in the context
    e = _raises(exc_type, lambda: func.errcheck(code, func, (ctx._handle, None, 0, None, 0, None)))
    assert e.status == Status(code) and e.status_name == name
    assert e.message.startswith("patient: /age:")  # rehabplan_errmsg of that context


@pytest.mark.parametrize("code", [8, 99, -1, 2 ** 31 - 1])
def test_unknown_status_codes_raise_the_plain_error(ctx, code):
    func = _library.lib().rehabplan_rules
    e = _raises(rehabplan.Error, lambda: func.errcheck(code, func, (ctx._handle, None)))
    assert e.status == code and not isinstance(e.status, Status)
    assert e.status_name == "unknown status"
    assert str(e) == "unknown status"  # the context's message is "" after its last (successful) call


def test_context_new_failures_map_without_a_context():
    func = _library.lib().rehabplan_context_new
    e = _raises(rehabplan.OutOfMemoryError, lambda: func.errcheck(6, func, (None,)))
    assert e.message == "" and str(e) == "out of memory" and isinstance(e, MemoryError)
    assert func.errcheck(0, func, ("args",)) == ("args",)


def test_library_errors_are_not_status_errors():
    assert issubclass(rehabplan.LibraryError, OSError)
    assert not issubclass(rehabplan.LibraryError, rehabplan.Error)


def test_error_repr_round_trips():
    e = rehabplan.SchemaError(3, "schema error", "patient: /age: bad")
    assert repr(e) == "SchemaError(3, 'schema error', 'patient: /age: bad')"
    assert json.loads(json.dumps(e.args)) == [3, "schema error", "patient: /age: bad"]
