"""NDJSON batches through the binding: batch, batch_ndjson, iter_batch and batch_line, on a
Context and at module level (rehabplan_batch and rehabplan_batch_line of the C API)."""

from __future__ import annotations

import io
import json
import re
import subprocess
from typing import Any, Dict, Iterator, List

import pytest
from jsonschema import Draft202012Validator, RefResolver

import rehabplan
from rehabplan import Status, _context, _library
from conftest import REPO, example, mixed_batch, run_threads

R4 = {"schema_version": 1, "start_date": "2026-11-23", "weeks": 4}
TIGHT_HR = {"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"max_percent_hrmax": 70}}}}
EMPTY_LINE = "empty line; expected a JSON object with patient and request (generate) or patient and plan (validate)"


def _lines(data: bytes) -> List[bytes]:
    """The lines of NDJSON as the library splits them (without their line breaks)."""
    lines = data.split(b"\n")
    return lines[:-1] if lines[-1] == b"" else lines


def _strip(record: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in record.items() if k != "line"}


@pytest.fixture
def refused_patient(stroke) -> Dict[str, Any]:
    return dict(stroke, contraindications={"named": ["unstable_angina"]})


@pytest.fixture(scope="module")
def mix60() -> bytes:
    return mixed_batch(60)


@pytest.fixture
def c_calls(monkeypatch) -> List[str]:
    """The names of the batch functions of the C library called (the calls still run)."""
    lib = _library.lib()
    calls: List[str] = []
    for name in ("rehabplan_batch", "rehabplan_batch_line"):
        real = getattr(lib, name)

        def spy(*args, _real=real, _name=name):
            calls.append(_name)
            return _real(*args)

        monkeypatch.setattr(lib, name, spy)
    return calls


# -- records: order, kinds, contents -----------------------------------------------------------

def test_one_record_per_request_in_input_order_with_line_numbers(ctx, mix60):
    records = ctx.batch(mix60)
    assert [r["line"] for r in records] == list(range(1, 61))
    for line, r in zip(_lines(mix60), records):
        if b"not json" in line:
            assert "id" not in r  # a line that is not JSON has no readable id
        elif line.startswith(b'{"id": '):
            assert r["id"] == json.loads(line)["id"]
    statuses = {(r.get("kind"), r["status"]) for r in records}
    assert statuses == {("generate", "ok"), ("validate", "ok"), ("generate", "refused"), ("generate", "error"),
                        (None, "error")}


def test_a_generate_record_holds_the_plan_and_findings_of_generate(ctx, stroke):
    record = ctx.batch([{"id": "p-1", "patient": stroke, "request": R4}])[0]
    generated = ctx.generate_with_findings(stroke, R4)
    assert record == {"line": 1, "id": "p-1", "kind": "generate", "status": "ok", "plan": generated.plan,
                      "findings": generated.findings}
    assert list(record) == ["line", "id", "kind", "status", "plan", "findings"]


def test_a_validate_record_holds_the_findings_of_validate(ctx, stroke):
    clean, broken = example("plan-stroke-week.json"), example("plan-with-errors.json")
    records = ctx.batch([{"patient": stroke, "plan": clean}, {"id": 9, "patient": stroke, "plan": broken}])
    assert records[0] == {"line": 1, "kind": "validate", "status": "ok", "findings": ctx.validate(stroke, clean)}
    assert records[1] == {"line": 2, "id": 9, "kind": "validate", "status": "ok", "findings": ctx.validate(stroke, broken)}
    assert records[0]["findings"]["summary"]["errors"] == 0
    assert records[1]["findings"]["summary"]["errors"] > 0  # a plan breaking rules is data, still "ok"


def test_a_refused_plan_is_a_refused_record_with_the_findings_of_the_refusal(ctx, refused_patient):
    record = ctx.batch([{"id": "r", "patient": refused_patient, "request": R4}])[0]
    with pytest.raises(rehabplan.RefusedError) as info:
        ctx.generate(refused_patient, R4)
    assert record == {"line": 1, "id": "r", "kind": "generate", "status": "refused", "findings": info.value.findings}
    errors = [f for f in record["findings"]["findings"] if f["severity"] == "error"]
    assert errors[0]["rule"] == "safety.contraindication" and errors[0]["path"] == "/contraindications/named/0"


def test_a_request_that_cannot_be_planned_is_an_error_record_naming_the_request_field(ctx, stroke):
    record = ctx.batch([{"patient": stroke, "request": dict(R4, programme="graded_exposure")}])[0]
    assert record["status"] == "error" and record["kind"] == "generate"
    assert record["error"]["code"] == "invalid_argument"
    assert record["error"]["message"].startswith("/request/programme: ")
    with pytest.raises(rehabplan.InvalidArgumentError) as info:
        ctx.generate(stroke, dict(R4, programme="graded_exposure"))
    # The call's message, with the field named from the line's root.
    assert info.value.message.startswith("generate: /programme: ")
    assert record["error"]["message"] == "/request" + info.value.message[len("generate: "):]


@pytest.mark.parametrize("lang", ["en", "nl", None])
def test_format_fhir_gives_the_bundle_of_render_in_the_language_asked(ctx, stroke, lang):
    request = dict(R4, language="nl")  # the plan's own language, used when lang is absent
    line: Dict[str, Any] = {"id": "f", "patient": stroke, "request": request, "format": "fhir"}
    if lang is not None:
        line["lang"] = lang
    record = ctx.batch([line])[0]
    assert "plan" not in record and record["status"] == "ok"
    plan = ctx.generate(stroke, request)
    assert record["fhir"] == json.loads(ctx.render(plan, "fhir", lang or "nl"))
    assert record["fhir"]["resourceType"] == "Bundle"
    assert record["findings"] == ctx.generate_with_findings(stroke, request).findings
    if lang == "en":  # the language of the Bundle's text differs from the plan's own
        assert record["fhir"] != json.loads(ctx.render(plan, "fhir", "nl"))


def test_format_json_is_the_default(ctx, stroke):
    records = ctx.batch([{"patient": stroke, "request": R4}, {"patient": stroke, "request": R4, "format": "json"}])
    assert _strip(records[0]) == _strip(records[1]) and "plan" in records[0]


@pytest.mark.parametrize("ident", ["p-17", "Zoë/ß 😀", "x" * 200, 0, -42, 2**53 - 1, -(2**53 - 1)])
def test_the_id_is_echoed(ctx, stroke, ident):
    record = ctx.batch([{"id": ident, "patient": stroke, "request": R4}])[0]
    assert record["id"] == ident and type(record["id"]) is type(ident)
    assert list(record)[:2] == ["line", "id"]


# -- bad lines -------------------------------------------------------------------------------

def _bad_lines(stroke: Dict[str, Any]) -> List[Any]:
    plan = example("plan-stroke-week.json")
    return [
        # (the line, the error code, the start of the message, the record's kind)
        ({"patient": dict(stroke, age="70"), "request": R4}, "schema_error",
         '/patient/age: expected an integer 12-110, got string "70"', "generate"),
        ({"patient": dict(stroke, age=1e300), "request": R4}, "schema_error",
         "/patient/age: expected an integer 12-110, got number 1e+300", "generate"),
        ({"patient": dict(stroke, age=18446744073709551615), "request": R4}, "schema_error",
         "/patient/age: expected an integer 12-110, got integer 18446744073709551615", "generate"),
        ({"patient": stroke, "request": dict(R4, weeks=-0.0)}, "schema_error",
         "/request/weeks: expected an integer 1-52, got number -0.0", "generate"),
        ({"patient": dict(stroke, age=float("nan")), "request": R4}, "parse_error", "not valid JSON: ", None),
        ({"patient": dict(stroke, age=float("inf")), "request": R4}, "parse_error", "not valid JSON: ", None),
        ('{"patient": {"age": 1e400}, "request": {}}', "parse_error", "not valid JSON: ", None),
        ("", "parse_error", EMPTY_LINE, None),
        (" \t", "parse_error", EMPTY_LINE, None),
        ("not json", "parse_error", "not valid JSON: ", None),
        ("[1, 2]", "schema_error", "expected a JSON object at the top level, got array", None),
        ({"patient": stroke, "request": R4, "shoe": 44}, "schema_error", '/shoe: unknown field "shoe"', "generate"),
        ({"patient": dict(stroke, shoe=44), "request": R4}, "schema_error", '/patient/shoe: unknown field "shoe"',
         "generate"),
        ({"patient": stroke, "request": dict(R4, weeks=53)}, "schema_error",
         "/request/weeks: expected an integer 1-52, got integer 53", "generate"),
        ({"patient": stroke, "plan": dict(plan, sessions=[dict(plan["sessions"][0], minutes="x")])}, "schema_error",
         '/plan/sessions/0/minutes: expected an integer 1-480, got string "x"', "validate"),
        ({"patient": stroke, "request": R4, "plan": plan}, "schema_error",
         "/plan: a line has a request (generate) or a plan (validate), not both", None),
        ({"patient": stroke}, "schema_error", "missing required field request", None),
        ({"patient": stroke, "request": R4, "format": "pdf"}, "schema_error",
         '/format: expected one of json, fhir, got string "pdf"', "generate"),
        ({"patient": stroke, "plan": plan, "lang": "nl"}, "schema_error", "/lang: field not allowed here", "validate"),
        ({"id": 2**53, "patient": stroke, "request": R4}, "schema_error", "/id: expected a string of 1-200", None),
        ({"id": "", "patient": stroke, "request": R4}, "schema_error", "/id: expected a string of 1-200", None),
        ({"id": True, "patient": stroke, "request": R4}, "schema_error", "/id: expected a string of 1-200", None),
        (b'{"id": "\xff", "patient": {}}', "parse_error", "not valid JSON: ", None),  # not UTF-8
        ('{"id": "\ud800", "patient": {}}', "parse_error", "not valid JSON: ", None),  # a lone surrogate
    ]


def test_each_bad_line_is_an_error_record_naming_the_field_and_the_batch_goes_on(ctx, stroke):
    cases = _bad_lines(stroke)
    good = {"id": "good", "patient": stroke, "request": R4}
    requests: List[Any] = [good]
    for line, *_ in cases:
        requests += [line, good]
    records = ctx.batch(requests)
    assert len(records) == 2 * len(cases) + 1
    expected_good = _strip(ctx.batch([good])[0])
    for i, (line, code, message, kind) in enumerate(cases):
        bad, after = records[2 * i + 1], records[2 * i + 2]
        assert bad["line"] == 2 * i + 2 and bad["status"] == "error", (line, bad)
        assert bad["error"]["code"] == code, (line, bad)
        assert bad["error"]["message"].startswith(message), (line, bad)
        assert bad.get("kind") == kind, (line, bad)
        assert not {"plan", "fhir", "findings"} & set(bad)
        assert after["line"] == 2 * i + 3 and _strip(after) == expected_good  # the batch goes on
    # Each bad line alone, through batch_line, gives the same record.
    for i, (line, *_) in enumerate(cases):
        assert ctx.batch_line(line, 2 * i + 2) == records[2 * i + 1]


def test_an_error_record_keeps_a_readable_id(ctx, stroke):
    record = ctx.batch([{"id": "p-5", "patient": dict(stroke, age=5), "request": R4}])[0]
    assert record == {"line": 1, "id": "p-5", "kind": "generate", "status": "error",
                      "error": {"code": "schema_error", "message": "/patient/age: expected an integer 12-110, got 5"}}


def test_a_line_over_4_mib_is_an_error_record_and_the_batch_goes_on(ctx, stroke):
    big = json.dumps({"id": "x" * (4 * 1024 * 1024), "patient": stroke, "request": R4})
    records = ctx.batch([{"patient": stroke, "request": R4}, big, {"patient": stroke, "request": R4}])
    assert records[1] == {"line": 2, "status": "error",
                          "error": {"code": "parse_error", "message": "line is longer than 4194304 bytes"}}
    assert records[0]["status"] == records[2]["status"] == "ok"


# -- input forms, threads, first_line, streaming ---------------------------------------------

def test_every_input_form_gives_the_same_output(ctx, mix60):
    expected = ctx.batch_ndjson(mix60)
    lines = _lines(mix60)
    text = mix60.decode("utf-8")
    forms = {
        "bytes": mix60, "bytearray": bytearray(mix60), "memoryview": memoryview(mix60), "str": text,
        "no final line break": mix60[:-1], "CRLF": mix60.replace(b"\n", b"\r\n"),
        "list of bytes": lines, "list of str": [line.decode("utf-8") for line in lines],
        "lines with their line breaks": [line + b"\n" for line in lines],
        "generator": (line for line in lines),
        "dicts where JSON": [json.loads(line) if line.startswith(b'{"') and b"not json" not in line else line
                             for line in lines],
    }
    for name, form in forms.items():
        assert ctx.batch_ndjson(form) == expected, name
    assert expected.count("\n") == 60 and expected.endswith("}\n")


def test_an_empty_batch_has_no_records(ctx):
    assert ctx.batch([]) == [] and ctx.batch_ndjson("") == "" and ctx.batch_ndjson(b"") == ""
    assert list(ctx.iter_batch([])) == [] and list(ctx.iter_batch(io.BytesIO(b""))) == []
    assert ctx.batch("\n") == [{"line": 1, "status": "error", "error": {"code": "parse_error", "message": EMPTY_LINE}}]


@pytest.mark.parametrize("threads", [2, 0, 64])
def test_the_output_does_not_depend_on_the_number_of_threads(ctx, mix60, threads):
    assert ctx.batch_ndjson(mix60, threads=threads) == ctx.batch_ndjson(mix60, threads=1)


def test_first_line_numbers_the_records_and_changes_nothing_else(ctx, mix60):
    whole = ctx.batch(mix60)
    shifted = ctx.batch(mix60, first_line=1001)
    assert [r["line"] for r in shifted] == list(range(1001, 1061))
    assert [_strip(r) for r in shifted] == [_strip(r) for r in whole]
    # A part of a file, numbered from its place, gives exactly that part of the whole output.
    lines = _lines(mix60)
    part = ctx.batch_ndjson(lines[20:35], first_line=21)
    assert part == "".join(record + "\n" for record in ctx.batch_ndjson(mix60).split("\n")[20:35])
    assert ctx.batch(mix60, first_line=2**63 - 100)[-1]["line"] == 2**63 - 100 + 59


def test_batch_line_is_the_record_of_that_line(ctx, mix60):
    lines = _lines(mix60)
    records = ctx.batch_ndjson(mix60).split("\n")[:-1]
    for number in (1, 2, 3, 4, 5, 7, 14, 60):
        assert ctx.batch_line(lines[number - 1], number) == json.loads(records[number - 1])
        assert ctx.batch_line(lines[number - 1].decode("utf-8"), number) == json.loads(records[number - 1])
    assert ctx.batch_line(lines[0])["line"] == 1
    assert ctx.batch_line(lines[0] + b"\r\n", 5) == dict(json.loads(records[0]), line=5)  # a line break ends it
    assert ctx.batch_line(json.loads(lines[0]), 77)["line"] == 77


@pytest.mark.parametrize("chunk_lines", [1, 7, 60, 1000])
def test_iter_batch_over_a_file_equals_batch(ctx, mix60, tmp_path, chunk_lines):
    expected = ctx.batch(mix60, first_line=3)
    path = tmp_path / "requests.ndjson"
    path.write_bytes(mix60)
    with open(path, "rb") as f:
        assert list(ctx.iter_batch(f, chunk_lines=chunk_lines, first_line=3)) == expected
    with open(path, encoding="utf-8") as f:
        assert list(ctx.iter_batch(f, chunk_lines=chunk_lines, first_line=3)) == expected
    with open(path, "rb") as f:
        assert list(rehabplan.iter_batch(f, chunk_lines=chunk_lines, first_line=3)) == expected


def test_iter_batch_reads_the_input_one_chunk_at_a_time(ctx, mix60, c_calls):
    read = [0]

    def lines() -> Iterator[bytes]:
        for line in _lines(mix60):
            read[0] += 1
            yield line

    records = ctx.iter_batch(lines(), chunk_lines=8, threads=2)
    assert read[0] == 0 and c_calls == []  # nothing is read or run before the first record is asked for
    first = next(records)
    assert first["line"] == 1 and read[0] == 8 and c_calls == ["rehabplan_batch"]
    rest = list(records)
    assert [r["line"] for r in rest] == list(range(2, 61)) and read[0] == 60
    assert c_calls == ["rehabplan_batch"] * 8  # ceil(60 / 8) calls, one per chunk


# -- the CLI gives the same bytes ------------------------------------------------------------

def _cli_batch(cli: str, data: bytes, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([cli, "batch", "--no-progress", *args], input=data, capture_output=True, timeout=120,
                          check=False)


def test_batch_ndjson_is_byte_identical_to_the_cli(ctx, mix60, rehabplan_cli, tmp_path):
    path = tmp_path / "requests.ndjson"
    path.write_bytes(mix60)
    run = subprocess.run([rehabplan_cli, "batch", str(path), "--threads", "2", "--no-progress", "-o",
                          str(tmp_path / "out.ndjson")], capture_output=True, timeout=120, check=False)
    assert run.returncode == 3, run.stderr  # the mix has bad lines
    cli_out = (tmp_path / "out.ndjson").read_bytes()
    assert ctx.batch_ndjson(mix60).encode("utf-8") == cli_out
    assert rehabplan.batch_ndjson(mix60, threads=2).encode("utf-8") == cli_out
    assert b"".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
                    for r in ctx.iter_batch(io.BytesIO(mix60), chunk_lines=9)) == cli_out


@pytest.mark.parametrize("data", [
    b'{"id": "\xff"}\nnot json\n\n',                      # bytes that are not UTF-8
    b"\r\n{}\r\n",                                        # CRLF, and an empty line
    b'{"a": 1}\n{"b": 2}',                               # no final line break
    b"\n\n\n",
], ids=["not-utf8", "crlf", "no-final-break", "empty-lines"])
def test_odd_input_gives_the_cli_bytes(ctx, rehabplan_cli, data):
    run = _cli_batch(rehabplan_cli, data)
    assert run.returncode == 3, run.stderr
    assert ctx.batch_ndjson(data).encode("utf-8") == run.stdout
    assert run.stdout.count(b"\n") == len(_lines(data))


def test_a_clinic_rule_set_is_applied_like_the_clis_rules_option(stroke, rehabplan_cli, tmp_path):
    plan = rehabplan.generate(stroke, R4)  # made under the built-in rules: up to 85 % HRmax
    requests = [{"patient": stroke, "plan": plan}, {"patient": stroke, "request": R4}]
    with rehabplan.Context(rules=TIGHT_HR) as clinic:
        checked, generated = clinic.batch(requests)
        assert generated["plan"] == clinic.generate(stroke, R4)
        ndjson = clinic.batch_ndjson(requests, threads=2)
    assert {f["rule"] for f in checked["findings"]["findings"] if f["severity"] == "error"} == {"intensity.heart_rate"}
    assert checked["findings"]["summary"]["errors"] > 0
    assert rehabplan.batch(requests)[0]["findings"]["summary"]["errors"] == 0  # module level: built-in rules

    def top(p: Dict[str, Any]) -> int:
        return max(s.get("intensity", {}).get("hr_high_bpm", 0) for s in p["sessions"])

    assert top(generated["plan"]) < top(plan) and top(generated["plan"]) <= 0.70 * (208 - 0.7 * 67) + 1
    rules = tmp_path / "clinic.json"
    rules.write_text(json.dumps(TIGHT_HR), encoding="utf-8")
    run = _cli_batch(rehabplan_cli, "".join(json.dumps(r) + "\n" for r in requests).encode(), "--rules", str(rules))
    assert run.returncode == 1, run.stderr  # a validated plan breaks a rule
    assert run.stdout == ndjson.encode("utf-8")


# -- arguments -------------------------------------------------------------------------------

@pytest.mark.parametrize("call,exc_type,match", [
    (lambda c, ok: c.batch(ok, threads=-1), rehabplan.InvalidArgumentError, r"^threads: expected 0-64, got -1$"),
    (lambda c, ok: c.batch(ok, threads=65), rehabplan.InvalidArgumentError, r"^threads: expected 0-64, got 65$"),
    (lambda c, ok: c.batch_ndjson(ok, threads="2"), TypeError, r"^threads must be an int, not str$"),
    (lambda c, ok: c.batch_ndjson(ok, threads=2.0), TypeError, r"^threads must be an int, not float$"),
    (lambda c, ok: c.batch_ndjson(ok, threads=True), TypeError, r"^threads must be an int, not bool$"),
    (lambda c, ok: c.batch(ok, first_line=0), rehabplan.InvalidArgumentError, r"^first_line: expected 1-"),
    (lambda c, ok: c.batch(ok, first_line=-3), rehabplan.InvalidArgumentError, r"^first_line: expected 1-"),
    (lambda c, ok: c.batch(ok, first_line=None), TypeError, r"^first_line must be an int, not NoneType$"),
    (lambda c, ok: c.batch([ok[0], 42]), TypeError, r"^requests\[1\] must be a dict .* not int$"),
    (lambda c, ok: c.batch([ok[0], None]), TypeError, r"^requests\[1\] must be a dict .* not NoneType$"),
    (lambda c, ok: c.batch([ok[0], [ok[0]]]), TypeError, r"^requests\[1\] must be a dict .* not list$"),
    (lambda c, ok: c.batch(ok[0]), TypeError, r"not a single mapping \(put it in a list\)$"),
    (lambda c, ok: c.batch(42), TypeError, r"^requests must be NDJSON text or an iterable of requests, not int$"),
    (lambda c, ok: c.batch([ok[0], "{}\n{}"]), rehabplan.InvalidArgumentError,
     r"^requests\[1\]: a line break inside the line"),
    (lambda c, ok: c.batch([b"{}\n{}\n"]), rehabplan.InvalidArgumentError,
     r"^requests\[0\]: a line break inside the line"),
    (lambda c, ok: c.batch([dict(ok[0], x=object())]), TypeError, r"^requests\[0\]: cannot be written as JSON"),
    (lambda c, ok: c.batch_line("{}\n{}"), rehabplan.InvalidArgumentError, r"^request: a line break inside the line"),
    (lambda c, ok: c.batch_line(ok[0], 0), rehabplan.InvalidArgumentError, r"^line_number: expected 1-"),
    (lambda c, ok: c.batch_line(ok[0], "1"), TypeError, r"^line_number must be an int, not str$"),
    (lambda c, ok: c.batch_line(7), TypeError, r"^request must be a dict .* not int$"),
    (lambda c, ok: c.iter_batch(ok, chunk_lines=0), rehabplan.InvalidArgumentError, r"^chunk_lines: expected 1-"),
    (lambda c, ok: c.iter_batch(ok, threads=-1), rehabplan.InvalidArgumentError, r"^threads: expected 0-64"),
    (lambda c, ok: c.iter_batch(ok, first_line=0), rehabplan.InvalidArgumentError, r"^first_line: expected 1-"),
    (lambda c, ok: c.iter_batch(42), TypeError, r"^requests must be NDJSON text"),
    (lambda c, ok: c.iter_batch(ok[0]), TypeError, r"not a single mapping"),
])
def test_bad_python_arguments_raise_before_reaching_the_library(ctx, stroke, c_calls, call, exc_type, match):
    ok = [{"patient": stroke, "request": R4}]
    with pytest.raises(exc_type) as info:
        call(ctx, ok)  # iter_batch too raises when called, not at the first record
    e = info.value
    assert type(e) is exc_type
    if isinstance(e, rehabplan.Error):
        assert e.status == Status.INVALID_ARGUMENT and e.status_name == "invalid argument"
        assert isinstance(e, ValueError) and str(e) == f"invalid argument: {e.message}"
        assert re.search(match, e.message), e.message
    else:
        assert re.search(match, str(e)), str(e)
    assert c_calls == []


@pytest.mark.parametrize("function", ["batch", "batch_ndjson", "iter_batch"])
def test_module_level_functions_check_their_arguments_too(stroke, c_calls, function):
    ok = [{"patient": stroke, "request": R4}]
    with pytest.raises(rehabplan.InvalidArgumentError) as info:
        getattr(rehabplan, function)(ok, threads=65)
    assert info.value.message == "threads: expected 0-64, got 65"
    with pytest.raises(TypeError, match=r"^first_line must be an int, not str$"):
        getattr(rehabplan, function)(ok, first_line="1")
    with pytest.raises(rehabplan.InvalidArgumentError) as info:
        rehabplan.batch_line(ok[0], 0)
    assert info.value.message.startswith("line_number: expected 1-")
    assert c_calls == []


def test_the_librarys_own_checks_raise_with_its_message(ctx, stroke, monkeypatch):
    # With the binding's checks out of the way, the library refuses the same arguments itself;
    # the exception carries its status and rehabplan_errmsg.
    monkeypatch.setattr(_context, "_count_argument", lambda value, *rest: value)
    ok = [{"patient": stroke, "request": R4}]
    lib = _library.lib()
    for kwargs, message in (({"first_line": 0}, "first_line: expected 1 or more, got 0"),
                            ({"threads": 65}, "threads: expected 0-64 (0: one per processor), got 65")):
        with pytest.raises(rehabplan.InvalidArgumentError) as info:
            ctx.batch(ok, **kwargs)
        assert info.value.message == message == lib.rehabplan_errmsg(ctx._handle).decode("utf-8")
        assert str(info.value) == f"invalid argument: {message}"
    with pytest.raises(rehabplan.InvalidArgumentError) as info:
        ctx.batch_line(ok[0], 0)
    assert info.value.message == "line_number: expected 1 or more, got 0"
    monkeypatch.setattr(_context, "_batch_line_bytes", lambda item, where: item)
    with pytest.raises(rehabplan.InvalidArgumentError) as info:
        ctx.batch_line(b"{}\n{}", 1)
    assert info.value.message == "line: a line break at byte 2; pass one line (rehabplan_batch() takes several)"


def test_a_closed_context_raises(stroke):
    c = rehabplan.Context()
    c.close()
    ok = [{"patient": stroke, "request": R4}]
    for call in (lambda: c.batch(ok), lambda: c.batch_ndjson(ok), lambda: list(c.iter_batch(ok)),
                 lambda: c.batch_line(ok[0])):
        with pytest.raises(ValueError, match="closed"):
            call()


def test_each_output_is_freed_once(ctx, mix60, monkeypatch):
    lib = _library.lib()
    real = lib.rehabplan_free
    freed: List[int] = []

    def spy(address: int) -> None:
        freed.append(address)
        real(address)

    monkeypatch.setattr(lib, "rehabplan_free", spy)
    ctx.batch(mix60)
    ctx.batch_line(_lines(mix60)[0])
    list(ctx.iter_batch(_lines(mix60), chunk_lines=25))
    assert len(freed) == 1 + 1 + 3 and all(freed)


# -- threads ---------------------------------------------------------------------------------

def test_threads_each_with_a_context_get_the_sequential_results(mix60):
    lines = _lines(mix60)
    with rehabplan.Context() as c, rehabplan.Context(rules=TIGHT_HR) as clinic:
        expected, expected_clinic = c.batch_ndjson(mix60), clinic.batch_ndjson(mix60)
    assert expected != expected_clinic

    def work(i: int) -> List[str]:
        with rehabplan.Context(rules=TIGHT_HR if i % 2 else None) as ctx:
            one_by_one = "".join(json.dumps(ctx.batch_line(line, n), ensure_ascii=False, separators=(",", ":")) + "\n"
                                 for n, line in enumerate(lines, 1))
            return [ctx.batch_ndjson(mix60, threads=1 + i % 2), one_by_one]

    for i, (whole, one_by_one) in enumerate(run_threads(6, work)):
        assert whole == one_by_one == (expected_clinic if i % 2 else expected)


def test_module_level_batches_from_several_threads_use_a_context_each(mix60):
    with rehabplan.Context() as c:
        expected = c.batch(mix60)

    def work(i: int):
        records = rehabplan.batch(mix60, threads=i % 3) if i % 2 else list(rehabplan.iter_batch(io.BytesIO(mix60)))
        return id(_context._context()), records, rehabplan.batch_line(_lines(mix60)[i], i + 1)

    results = run_threads(4, work)
    assert len({ctx_id for ctx_id, _, _ in results}) == 4
    for i, (_, records, one) in enumerate(results):
        assert records == expected and one == expected[i]


# -- the result schema -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def result_schema() -> Draft202012Validator:
    store = {}
    for path in (REPO / "schema").glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        store[schema["$id"]] = schema
    schema = store["https://rehabplan.example/schema/batch-result.schema.json"]
    return Draft202012Validator(schema, resolver=RefResolver.from_schema(schema, store=store),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_every_record_validates_against_the_result_schema(ctx, mix60, stroke, result_schema):
    records = ctx.batch(mix60) + ctx.batch([line for line, *_ in _bad_lines(stroke)])
    for r in records:
        assert [e.message for e in result_schema.iter_errors(r)] == [], r
    # The validator is not toothless: a record that breaks the schema fails.
    assert list(result_schema.iter_errors(dict(records[0], status="error")))
    assert list(result_schema.iter_errors(dict(records[0], line=0)))
