"""rehabplan_render through the binding: Context.render and rehabplan.render."""

from __future__ import annotations

import collections
import ctypes
import json
from typing import Any, Dict, List, Optional

import pytest

import rehabplan
from rehabplan import _library
from conftest import REPO, example, run_threads as _run_threads

TITLE = {"en": "Your exercise plan", "nl": "Uw beweegplan"}

# A plan as a therapist might write it: no patient, zone, findings or language.
THERAPIST_PLAN: Dict[str, Any] = {
    "schema_version": 1, "start_date": "2026-11-23", "weeks": 1, "programme": "standard",
    "sessions": [{"date": "2026-11-23", "type": "aerobic", "minutes": 20, "title": "Fietsen met Anna – één keer",
                  "note": "Bring water <b> & a towel"},
                 {"date": "2026-11-26", "type": "balance", "minutes": 15}],
}


def _c_render(ctx: rehabplan.Context, plan: bytes, fmt: Optional[bytes], lang: Optional[bytes]):
    """rehabplan_render called directly (no errcheck): (status, bytes or None, out_len, errmsg)."""
    lib = _library.lib()
    func = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                            ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t))(
        ctypes.cast(lib.rehabplan_render, ctypes.c_void_p).value)
    out, length = ctypes.c_void_p(), ctypes.c_size_t(12345)
    status = func(ctx._handle.value, plan, len(plan), fmt, lang, ctypes.byref(out), ctypes.byref(length))
    data = None
    if out.value:
        data = ctypes.string_at(out.value)
        lib.rehabplan_free(out.value)
    return status, data, length.value, lib.rehabplan_errmsg(ctx._handle).decode("utf-8")


def _raises(exc_type, call):
    with pytest.raises(exc_type) as info:
        call()
    assert type(info.value) is exc_type
    return info.value


@pytest.fixture
def stroke_plan(ctx, stroke, request12) -> Dict[str, Any]:
    return ctx.generate(stroke, request12)


@pytest.fixture
def dutch_plan(ctx, stroke) -> Dict[str, Any]:
    return ctx.generate(stroke, {"schema_version": 1, "start_date": "2026-11-23", "weeks": 4, "language": "nl"})


def test_formats_are_the_headers():
    assert rehabplan.FORMATS == ("text", "markdown", "html", "ics", "json", "fhir")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_format_in_both_languages(ctx, stroke, stroke_plan, lang):
    docs = {fmt: ctx.render(stroke_plan, fmt, lang) for fmt in rehabplan.FORMATS}
    for fmt, doc in docs.items():
        assert isinstance(doc, str) and doc, fmt
    assert TITLE[lang] in docs["text"]
    assert all(len(line) <= 80 for line in docs["text"].split("\n"))
    assert docs["markdown"].startswith(f"# {TITLE[lang]}")
    assert docs["html"].startswith("<!DOCTYPE html") and "</html>" in docs["html"]
    assert "<script" not in docs["html"]
    assert docs["ics"].startswith("BEGIN:VCALENDAR\r\n") and docs["ics"].endswith("END:VCALENDAR\r\n")
    assert docs["ics"].count("\n") == docs["ics"].count("\r\n")  # CRLF kept, never converted
    # json: the plan document itself, the same in every language, and it validates.
    assert json.loads(docs["json"]) == stroke_plan
    assert ctx.validate(stroke, docs["json"])["summary"]["errors"] == 0
    for fmt in ("text", "markdown", "html"):
        assert "P-0042" in docs[fmt], fmt  # the patient summary of a generated plan
    # fhir: an R4 Bundle whose CarePlan is the patient's, in the language asked for.
    bundle = json.loads(docs["fhir"])
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection" and bundle["language"] == lang
    careplan = bundle["entry"][0]["resource"]
    assert careplan["resourceType"] == "CarePlan" and careplan["subject"]["identifier"]["value"] == "P-0042"


def test_the_languages_differ_except_for_json(ctx, stroke_plan):
    for fmt in rehabplan.FORMATS:
        en, nl = ctx.render(stroke_plan, fmt, "en"), ctx.render(stroke_plan, fmt, "nl")
        assert (en == nl) == (fmt == "json"), fmt


def test_the_default_format_is_html():
    assert rehabplan.render(THERAPIST_PLAN) == rehabplan.render(THERAPIST_PLAN, "html")
    assert rehabplan.render(THERAPIST_PLAN).startswith("<!DOCTYPE html")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "ics", "json", "fhir"])
def test_lang_none_and_empty_take_the_plans_language(ctx, stroke_plan, dutch_plan, fmt):
    assert dutch_plan["language"] == "nl" and stroke_plan["language"] == "en"
    assert ctx.render(dutch_plan, fmt) == ctx.render(dutch_plan, fmt, "") == ctx.render(dutch_plan, fmt, "nl")
    assert ctx.render(stroke_plan, fmt, None) == ctx.render(stroke_plan, fmt, "") == ctx.render(stroke_plan, fmt, "en")
    # A plan without a language is English.
    assert ctx.render(THERAPIST_PLAN, fmt) == ctx.render(THERAPIST_PLAN, fmt, "en")


@pytest.mark.parametrize("name", ["plan-stroke-week.json", "plan-concussion.json", "plan-with-errors.json"])
def test_plans_written_by_hand_render_in_every_format(ctx, name):
    plan = example(name)
    assert not {"patient", "heart_rate_zone", "findings"} & set(plan)
    for fmt in rehabplan.FORMATS:
        for lang in ("en", "nl"):
            assert ctx.render(plan, fmt, lang)


def test_a_therapists_text_is_printed_as_written_and_escaped_in_html(ctx):
    title = THERAPIST_PLAN["sessions"][0]["title"]
    for lang in ("en", "nl"):
        for fmt in ("text", "markdown", "html"):
            assert title in ctx.render(THERAPIST_PLAN, fmt, lang), (fmt, lang)
        ics = ctx.render(THERAPIST_PLAN, "ics", lang)
        assert title in ics.replace("\r\n ", "")  # unfolded (RFC 5545 3.1)
        assert ics.count("BEGIN:VEVENT") == 2  # one event per session
        html = ctx.render(THERAPIST_PLAN, "html", lang)
        assert "<b>" not in html and "&lt;b&gt;" in html


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "ics", "json", "fhir"])
@pytest.mark.parametrize("lang", [None, "en", "nl"])
def test_the_str_is_exactly_the_c_output(ctx, stroke_plan, fmt, lang):
    plan = json.dumps(stroke_plan).encode("utf-8")
    status, data, length, message = _c_render(ctx, plan, fmt.encode(), lang.encode() if lang else None)
    assert status == 0 and message == "" and data is not None and len(data) == length
    assert ctx.render(plan, fmt, lang).encode("utf-8") == data


@pytest.mark.parametrize("form", [
    lambda d: d,
    lambda d: json.dumps(d),
    lambda d: json.dumps(d, indent=2).encode("utf-8"),
    lambda d: bytearray(json.dumps(d).encode("utf-8")),
    lambda d: memoryview(json.dumps(d).encode("utf-8")),
    lambda d: collections.OrderedDict(d),
])
def test_every_document_form_renders_the_same(ctx, stroke_plan, form):
    for fmt in ("text", "ics"):
        assert ctx.render(form(stroke_plan), fmt, "nl") == ctx.render(stroke_plan, fmt, "nl")


def test_the_same_plan_gives_the_same_text(stroke_plan):
    texts = set()
    for _ in range(3):
        with rehabplan.Context() as c:
            texts.add("\f".join(c.render(json.dumps(stroke_plan), fmt, lang)
                                for fmt in rehabplan.FORMATS for lang in ("en", "nl")))
    assert len(texts) == 1


def test_the_chart_target_is_the_contexts_rules(ctx):
    plan = json.loads((REPO / "tests" / "data" / "golden" / "stroke-standard-12w.json").read_text(encoding="utf-8"))
    clinic = {"schema_version": 1, "rules": {"week.volume": {"params": {"min_minutes": 180}}}}
    with rehabplan.Context(rules=clinic) as c:
        for fmt in ("text", "markdown"):
            assert "150-300" in ctx.render(plan, fmt, "en")
            assert "180-300" in c.render(plan, fmt, "en")
        assert c.render(plan, "json") == ctx.render(plan, "json")


def test_module_level_render_uses_the_built_in_rules(ctx, stroke_plan):
    for fmt in rehabplan.FORMATS:
        assert rehabplan.render(stroke_plan, fmt, "nl") == ctx.render(stroke_plan, fmt, "nl")
    assert rehabplan.render(stroke_plan, format="text", lang="en") == ctx.render(stroke_plan, "text", "en")


# -- errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["pdf", "HTML", "", "html ", "txt"])
def test_an_unknown_format_is_an_invalid_argument_with_the_librarys_message(ctx, fmt):
    plan = json.dumps(THERAPIST_PLAN).encode("utf-8")
    e = _raises(rehabplan.InvalidArgumentError, lambda: ctx.render(plan, fmt, "en"))
    status, data, length, message = _c_render(ctx, plan, fmt.encode(), b"en")
    assert (status, data, length) == (1, None, 0)
    assert e.message == message and e.message.startswith("format: ")
    assert "text, markdown, html, ics, json or fhir" in e.message
    assert isinstance(e, ValueError)


@pytest.mark.parametrize("lang", ["de", "EN", "en-GB", "nl ", "x" * 100, "\udcff\udcfe", "é"])
def test_an_unknown_language_is_an_invalid_argument(ctx, lang):
    e = _raises(rehabplan.InvalidArgumentError, lambda: ctx.render(THERAPIST_PLAN, "text", lang))
    assert e.message.startswith("lang: ") and "en or nl" in e.message
    e.message.encode("utf-8")  # valid UTF-8 from the library, even for bytes that are not
    if lang == "de":
        assert '"de"' in e.message


def test_a_bad_language_is_refused_for_json_too(ctx):
    _raises(rehabplan.InvalidArgumentError, lambda: ctx.render(THERAPIST_PLAN, "json", "de"))


@pytest.mark.parametrize("doc", ["not json", "", "{", b"\xff\xfe", '{"schema_version": 1}\x00'])
def test_a_plan_that_is_not_json_is_a_parse_error(ctx, doc):
    e = _raises(rehabplan.ParseError, lambda: ctx.render(doc, "html"))
    assert e.message.startswith("plan: ")


@pytest.mark.parametrize("change,path", [
    (lambda p: p.__setitem__("start_date", "2026-02-30"), "/start_date"),
    (lambda p: p["sessions"][0].__setitem__("minutes", 1e300), "/sessions/0/minutes"),
    (lambda p: p["sessions"][1].__setitem__("type", "napping"), "/sessions/1/type"),
])
def test_schema_errors_name_the_plan_and_the_pointer(ctx, change, path):
    plan = json.loads(json.dumps(THERAPIST_PLAN))
    change(plan)
    for fmt in rehabplan.FORMATS:
        e = _raises(rehabplan.SchemaError, lambda: ctx.render(plan, fmt, "en"))
        assert e.message.startswith(f"plan: {path}:"), e.message


def test_a_patient_is_not_a_plan(ctx, stroke):
    assert _raises(rehabplan.SchemaError, lambda: ctx.render(stroke)).message.startswith("plan: ")


def _errmsg(ctx) -> bytes:
    return _library.lib().rehabplan_errmsg(ctx._handle)


@pytest.mark.parametrize("kwargs,exc_type,match", [
    ({"plan": None}, TypeError, r"^plan must be a dict"),
    ({"plan": 42}, TypeError, r"^plan must be a dict"),
    ({"format": None}, TypeError, r"^format must be a str, not NoneType"),
    ({"format": b"html"}, TypeError, r"^format must be a str, not bytes"),
    ({"lang": b"nl"}, TypeError, r"^lang must be a str or None, not bytes"),
    ({"lang": 1}, TypeError, r"^lang must be a str or None, not int"),
    ({"format": "html\0pdf"}, rehabplan.InvalidArgumentError, r"format: contains a NUL character"),
    ({"lang": "nl\0"}, rehabplan.InvalidArgumentError, r"lang: contains a NUL character"),
])
def test_bad_python_arguments_never_reach_the_library(ctx, stroke, kwargs, exc_type, match):
    with pytest.raises(rehabplan.SchemaError):
        ctx.heart_rate_zones(dict(stroke, age=5))
    before = _errmsg(ctx)
    args = dict({"plan": THERAPIST_PLAN, "format": "html", "lang": None}, **kwargs)
    with pytest.raises(exc_type, match=match) as info:
        ctx.render(**args)
    assert type(info.value) is exc_type
    assert _errmsg(ctx) == before  # no C call was made (each clears or replaces the message)


def test_a_closed_context_raises():
    c = rehabplan.Context()
    c.close()
    with pytest.raises(ValueError, match="closed"):
        c.render(THERAPIST_PLAN)


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


def test_each_rendered_document_is_freed_once(ctx, documents_freed):
    for fmt in rehabplan.FORMATS:
        ctx.render(THERAPIST_PLAN, fmt, "nl")
    assert len(documents_freed) == len(rehabplan.FORMATS)
    assert all(documents_freed)


def test_a_failed_render_has_nothing_to_free(ctx, documents_freed):
    for call in (lambda: ctx.render(THERAPIST_PLAN, "pdf"), lambda: ctx.render("{", "html"),
                 lambda: ctx.render(THERAPIST_PLAN, "html", "de")):
        with pytest.raises(rehabplan.Error):
            call()
    assert documents_freed == []


# -- threads ---------------------------------------------------------------------------------

def test_threads_with_own_contexts_and_module_level_calls_get_the_sequential_text(ctx, stroke_plan, dutch_plan):
    plans = [stroke_plan, dutch_plan, THERAPIST_PLAN, example("plan-stroke-week.json")]
    jobs = [(p, fmt, lang) for p in range(len(plans)) for fmt in rehabplan.FORMATS for lang in (None, "en", "nl")]
    expected = [ctx.render(plans[p], fmt, lang) for p, fmt, lang in jobs]

    def work(i: int) -> List[str]:
        got = [""] * len(jobs)
        with rehabplan.Context() as own:
            for k in range(len(jobs)):
                j = (k + 7 * i) % len(jobs)  # each thread in its own order
                p, fmt, lang = jobs[j]
                # even threads: their own context; odd ones: this thread's default context
                got[j] = own.render(plans[p], fmt, lang) if i % 2 == 0 else rehabplan.render(plans[p], fmt, lang)
        return got

    for got in _run_threads(6, work):
        assert got == expected
