"""Documents in every accepted Python form, and bad Python inputs."""

from __future__ import annotations

import collections
import json

import pytest

import rehabplan
from rehabplan import _library


def _errmsg(ctx) -> bytes:
    return _library.lib().rehabplan_errmsg(ctx._handle)


@pytest.mark.parametrize("form", [
    lambda d: d,
    lambda d: json.dumps(d),
    lambda d: json.dumps(d, indent=2).encode("utf-8"),
    lambda d: bytearray(json.dumps(d).encode("utf-8")),
    lambda d: memoryview(json.dumps(d).encode("utf-8")),
    lambda d: collections.OrderedDict(d),
])
def test_every_document_form_gives_the_same_plan(ctx, stroke, request12, form):
    expected = ctx.generate(stroke, request12)
    assert ctx.generate(form(stroke), form(request12)) == expected
    assert ctx.validate(form(stroke), form(expected))["summary"]["errors"] == 0


@pytest.mark.parametrize("bad", [None, 42, 4.2, ["schema_version", 1], ("a",), object(), {"x": {1, 2}},
                                 {"x": object()}])
def test_wrong_python_types_raise_type_error_before_the_c_call(ctx, stroke, request12, bad):
    with pytest.raises(rehabplan.SchemaError):
        ctx.heart_rate_zones(dict(stroke, age=5))
    before = _errmsg(ctx)
    assert before.startswith(b"patient: /age:")
    for call in (lambda: ctx.generate(bad, request12), lambda: ctx.generate(stroke, bad),
                 lambda: ctx.generate_with_findings(bad, request12), lambda: ctx.validate(stroke, bad),
                 lambda: ctx.heart_rate_zones(bad), lambda: ctx.load_rules(bad),
                 lambda: rehabplan.validate(bad, request12)):
        with pytest.raises(TypeError) as info:
            call()
        assert not isinstance(info.value, rehabplan.Error)
        assert _errmsg(ctx) == before  # every C call clears or replaces the message: none was made


def test_type_errors_name_the_document(ctx, stroke):
    with pytest.raises(TypeError, match=r"^request must be a dict"):
        ctx.generate(stroke, 12)
    with pytest.raises(TypeError, match=r"^plan: cannot be written as JSON"):
        ctx.validate(stroke, {"sessions": {1, 2}})


def test_1e300_in_a_document_is_the_librarys_schema_error(ctx, stroke):
    with pytest.raises(rehabplan.SchemaError, match=r"patient: /age: .*1e\+300"):
        ctx.heart_rate_zones(dict(stroke, age=1e300))
    with pytest.raises(rehabplan.SchemaError, match=r"patient: /heart_rate/max_bpm:"):
        ctx.heart_rate_zones(dict(stroke, heart_rate={"max_bpm": -1e300}))


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_nan_and_infinity_go_to_the_library_which_rejects_them(ctx, stroke, value):
    # json.dumps writes NaN/Infinity, which are not JSON: the library, not Python, says so.
    with pytest.raises(rehabplan.ParseError, match=r"^parse error: patient: not valid JSON"):
        ctx.heart_rate_zones(dict(stroke, age=value))


def test_non_ascii_text_reaches_the_plan_exactly(ctx, chronic_pain):
    activity = "fietsen naar de bakkerij – één keer 🚲 (ß, ж, 字)"
    # The plan shows the least feared activity (the current exposure, issue 19).
    fears = chronic_pain["fear_hierarchy"]
    least = min(range(len(fears)), key=lambda i: fears[i]["fear"])
    fears[least]["activity"] = activity
    request = {"schema_version": 1, "start_date": "2026-11-23", "weeks": 8, "programme": "graded_exposure"}
    for form in (chronic_pain, json.dumps(chronic_pain), json.dumps(chronic_pain, ensure_ascii=False),
                 json.dumps(chronic_pain, ensure_ascii=False).encode("utf-8")):
        titles = [s.get("title", "") for s in ctx.generate(form, request)["sessions"] if s["type"] == "exposure"]
        assert any(activity in t for t in titles), titles


def test_a_lone_surrogate_reaches_the_library_as_invalid_utf8(ctx, stroke):
    text = json.dumps(dict(stroke, id="P-\udc80"), ensure_ascii=False)
    with pytest.raises(rehabplan.ParseError):
        ctx.heart_rate_zones(text)
    with pytest.raises(rehabplan.ParseError):
        ctx.heart_rate_zones(dict(stroke, id="P-\udc80"))


def test_trailing_text_after_the_document_is_a_parse_error(ctx, stroke):
    with pytest.raises(rehabplan.ParseError):
        ctx.heart_rate_zones(json.dumps(stroke) + " trailing")


def test_a_nul_byte_inside_the_length_is_a_parse_error(ctx, stroke):
    # The length is passed, so the library sees the bytes after the NUL too.
    with pytest.raises(rehabplan.ParseError):
        ctx.heart_rate_zones(json.dumps(stroke).encode("utf-8") + b"\x00 garbage")


def test_the_length_is_passed_not_found_by_strlen(ctx, stroke):
    # A document whose first NUL comes before its end: were the length taken with strlen, the
    # library would see the valid prefix only and succeed.
    doc = json.dumps(stroke).encode("utf-8")
    with pytest.raises(rehabplan.ParseError):
        ctx.heart_rate_zones(doc[:-1] + b"\x00}")
