"""Every function of rehabplan.h through the binding, and the registration table itself."""

from __future__ import annotations

import ctypes
import dataclasses
import gc
import json
import re

import pytest

import rehabplan
from rehabplan import _library
from conftest import BINDINGS, REPO, example

HEADER = REPO / "include" / "rehabplan" / "rehabplan.h"


def _header_declarations():
    """{name: (return type, [parameter types])} of every REHABPLAN_API function in rehabplan.h."""
    text = re.sub(r"/\*.*?\*/", "", HEADER.read_text(encoding="utf-8"), flags=re.S)
    decls = {}
    for ret, name, params in re.findall(r"REHABPLAN_API\s+([^;(]*?)\s*\b(rehabplan_\w+)\s*\(([^)]*)\)\s*;", text):
        types = []
        for p in (q.strip() for q in params.split(",")):
            if p == "void":
                continue
            p = re.sub(r"\s+", " ", p.replace("*", " * ")).strip()
            types.append(re.sub(r"\s*\b\w+$", "", p).replace("* *", "**").strip())  # drop the name
        decls[name] = (re.sub(r"\s+", " ", ret.replace("*", " *")).strip(), types)
    return decls


_C_TYPES = {
    "int": ctypes.c_int,
    "unsigned": ctypes.c_uint,
    "size_t": ctypes.c_size_t,
    "const char *": ctypes.c_char_p,
    "void *": ctypes.c_void_p,
    "char **": ctypes.POINTER(ctypes.c_void_p),
    "size_t *": ctypes.POINTER(ctypes.c_size_t),
    "rehabplan_context *": _library.ContextPointer,
    "const rehabplan_context *": _library.ContextPointer,
    "rehabplan_context **": ctypes.POINTER(_library.ContextPointer),
}


@pytest.mark.skipif(not HEADER.is_file(), reason="rehabplan.h not found (not run from the source tree)")
def test_registration_table_declares_every_function_of_the_header_with_its_types():
    decls = _header_declarations()
    assert len(decls) >= 14, decls  # the parser found the header's functions
    assert "rehabplan_render" in decls
    table = {name: (argtypes, restype, errcheck) for name, argtypes, restype, errcheck, _since in _library._FUNCTIONS}
    assert sorted(table) == sorted(decls)
    for name, (ret, params) in decls.items():
        argtypes, restype, errcheck = table[name]
        assert list(argtypes) == [_C_TYPES[p] for p in params], name
        if ret == "rehabplan_status":
            assert restype is ctypes.c_int and errcheck is not None, name
        elif ret == "void":
            assert restype is None and errcheck is None, name
        else:
            assert restype is _C_TYPES[ret] and errcheck is None, name


def test_every_table_entry_is_declared_on_the_loaded_library():
    lib = _library.lib()
    for name, argtypes, restype, errcheck, _since in _library._FUNCTIONS:
        func = getattr(lib, name)
        assert func.argtypes == list(argtypes) and func.restype is restype, name


def _cmake_version() -> str:
    m = re.search(r"project\(rehabplan VERSION ([0-9.]+)", (REPO / "CMakeLists.txt").read_text())
    assert m
    return m.group(1)


def test_versions_match_the_project_and_pyproject():
    assert rehabplan.library_version() == _cmake_version()
    assert rehabplan.__version__ == _cmake_version()
    assert re.search(rf'^version = "{re.escape(rehabplan.__version__)}"$',
                     (BINDINGS / "pyproject.toml").read_text(), re.M)
    major, minor, patch = (int(x) for x in _cmake_version().split("."))
    assert _library.lib().rehabplan_version_number() == major * 1000000 + minor * 1000 + patch


@pytest.mark.parametrize("code,text", [(0, "ok"), (1, "invalid argument"), (2, "parse error"), (3, "schema error"),
                                       (4, "rules error"), (5, "refused"), (6, "out of memory"),
                                       (7, "internal error"), (8, "unknown status"), (-1, "unknown status")])
def test_status_string(code, text):
    assert _library.lib().rehabplan_status_string(code) == text.encode()


def test_status_enum_matches_the_header():
    text = HEADER.read_text(encoding="utf-8")
    found = {m.group(1): int(m.group(2)) for m in re.finditer(r"REHABPLAN_(\w+) = (\d+)", text)}
    found.pop("STATUS_LAST_")
    assert found == {s.name: s.value for s in rehabplan.Status}


def test_generate_makes_a_plan_that_validates_with_zero_errors(ctx, stroke, request12):
    plan = ctx.generate(stroke, request12)
    assert plan["schema_version"] == 1 and plan["start_date"] == "2026-11-23" and plan["weeks"] == 12
    assert plan["programme"] == "standard" and len(plan["sessions"]) > 12
    findings = ctx.validate(stroke, plan)
    assert findings["summary"]["errors"] == 0
    assert not [f for f in findings["findings"] if f["severity"] == "error"]


def test_generate_with_findings_returns_the_same_plan_and_the_generator_findings(ctx, stroke, request12):
    generated = ctx.generate_with_findings(stroke, request12)
    assert isinstance(generated, rehabplan.GeneratedPlan)
    assert generated.plan == ctx.generate(stroke, request12)
    assert generated.findings["schema_version"] == 1
    assert any(f["rule"] == "progression.graded" for f in generated.findings["findings"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        generated.plan = {}  # type: ignore[misc]


def test_generate_json_and_validate_json_pass_the_library_text_through(ctx, stroke, request12):
    text = ctx.generate_json(stroke, request12)
    assert isinstance(text, str) and text.startswith("{\n  ")  # the library's own indented bytes
    assert json.loads(text) == ctx.generate(stroke, request12)
    findings = ctx.validate_json(stroke, text)
    assert isinstance(findings, str)
    assert json.loads(findings) == ctx.validate(stroke, json.loads(text))
    assert json.loads(findings)["summary"]["errors"] == 0
    assert rehabplan.generate_json(stroke, request12) == text
    assert rehabplan.validate_json(stroke, text) == findings


def test_the_text_calls_raise_as_the_dict_calls(ctx, stroke, request12):
    recent = dict(stroke, conditions=[dict(stroke["conditions"][0], event_date="2026-11-22")])
    with pytest.raises(rehabplan.RefusedError) as info:
        ctx.generate_json(recent, request12)
    assert "safety.clearance" in json.dumps(info.value.findings)
    with pytest.raises(rehabplan.ParseError, match=r"^parse error: plan: "):
        ctx.validate_json(stroke, '{"sessions": [}')
    with pytest.raises(rehabplan.SchemaError, match=r"/weeks"):
        ctx.generate_json(stroke, dict(request12, weeks=1e300))


def test_a_dict_with_non_ascii_text_is_sent_as_escapes_and_read_back_exactly(ctx, chronic_pain):
    # encode_document writes ASCII with \u escapes (CPython writes that faster); the library
    # reads the same characters, so the plan shows the text exactly.
    activity = "fietsen naar de bakkerij – één keer 🚲 (ß, ж, 字)"
    fears = chronic_pain["fear_hierarchy"]
    least = min(range(len(fears)), key=lambda i: fears[i]["fear"])
    fears[least]["activity"] = activity
    assert rehabplan._context.encode_document(chronic_pain, "patient").isascii()
    request = {"schema_version": 1, "start_date": "2026-11-23", "weeks": 8, "programme": "graded_exposure"}
    text = ctx.generate_json(chronic_pain, request)
    assert activity in text  # written back as UTF-8, not as escapes


def test_validate_reports_violations_as_data(ctx, stroke):
    findings = ctx.validate(stroke, example("plan-with-errors.json"))
    assert findings["summary"]["errors"] > 0
    assert findings["summary"]["errors"] == sum(f["severity"] == "error" for f in findings["findings"])
    assert all({"rule", "severity", "path", "message", "citations"} <= set(f) for f in findings["findings"])


def test_heart_rate_zones(ctx, stroke):
    zones = ctx.heart_rate_zones(stroke)
    assert zones["hrmax"]["source"] == "tanaka"
    assert zones["hrmax"]["bpm"] == pytest.approx(208 - 0.7 * 67)
    measured = dict(stroke, heart_rate={"max_bpm": 150})
    assert ctx.heart_rate_zones(measured)["hrmax"]["bpm"] == 150


def test_rules_lists_the_built_in_rule_set(ctx):
    with open(REPO / "data" / "rules.json", encoding="utf-8") as f:
        builtin = json.load(f)
    rules = ctx.rules()
    assert sorted(rules["rules"]) == sorted(builtin["rules"])
    assert rules["rules"]["intensity.heart_rate"]["params"]["max_percent_hrmax"]["value"] == 85


def test_load_rules_tightens_and_stacks(stroke, request12):
    def limit(c):
        return c.rules()["rules"]["intensity.heart_rate"]["params"]["max_percent_hrmax"]["value"]

    tighter = {"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"max_percent_hrmax": 80}}}}
    with rehabplan.Context(rules=tighter) as c:
        assert limit(c) == 80
        c.load_rules(json.dumps({"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"max_percent_hrmax": 78}}}}))
        assert limit(c) == 78
        # 80 is tighter than the built-in 85 but looser than the 78 now in force
        with pytest.raises(rehabplan.RulesError):
            c.load_rules(tighter)
        assert limit(c) == 78
        for session in c.generate(stroke, request12)["sessions"]:
            if "percent_high" in session.get("intensity", {}):
                assert session["intensity"]["percent_high"] <= 78
    duration = {"schema_version": 1, "rules": {"session.duration": {"params": {"min_minutes": 50}}}}
    with rehabplan.Context(rules=[tighter, duration]) as c:
        assert limit(c) == 80
        assert c.rules()["rules"]["session.duration"]["params"]["min_minutes"]["value"] == 50


def test_errmsg_is_empty_after_a_success_and_set_after_a_failure(ctx, stroke):
    lib = _library.lib()
    with pytest.raises(rehabplan.SchemaError):
        ctx.heart_rate_zones(dict(stroke, age=5))
    assert lib.rehabplan_errmsg(ctx._handle).startswith(b"patient: /age:")
    ctx.heart_rate_zones(stroke)
    assert lib.rehabplan_errmsg(ctx._handle) == b""
    assert lib.rehabplan_errmsg(None) != b""  # a NULL context says so, never crashes


def test_free_and_context_free_accept_null():
    lib = _library.lib()
    assert lib.rehabplan_free(None) is None
    assert lib.rehabplan_context_free(None) is None


def test_close_is_idempotent_and_a_closed_context_raises(stroke):
    c = rehabplan.Context()
    assert not c.closed and "closed" not in repr(c)
    c.close()
    c.close()
    assert c.closed and "closed" in repr(c)
    for call in (lambda: c.generate(stroke, {"schema_version": 1, "start_date": "2026-11-23"}),
                 lambda: c.validate(stroke, {}), lambda: c.heart_rate_zones(stroke), c.rules,
                 lambda: c.load_rules({}), lambda: c.render({}), lambda: c.__enter__()):
        with pytest.raises(ValueError, match="closed"):
            call()


@pytest.fixture
def freed(monkeypatch):
    """The addresses passed to rehabplan_context_free (which still frees them)."""
    lib = _library.lib()
    real = lib.rehabplan_context_free
    addresses = []

    def spy(handle):
        addresses.append(handle.value if handle is not None else None)
        real(handle)

    monkeypatch.setattr(lib, "rehabplan_context_free", spy)
    return addresses


def test_close_frees_the_c_context_once(freed):
    c = rehabplan.Context()
    address = c._handle.value
    c.close()
    c.close()
    del c
    gc.collect()
    assert freed == [address]


def test_an_unclosed_context_is_freed_when_collected(freed):
    c = rehabplan.Context()
    address = c._handle.value
    del c
    gc.collect()
    assert freed == [address]


def test_with_block_closes_the_context(stroke):
    with rehabplan.Context() as c:
        assert c.heart_rate_zones(stroke)["hrmax"]["source"] == "tanaka"
    assert c.closed


def test_a_bad_rules_argument_closes_the_half_made_context(monkeypatch):
    closed = []
    real_close = rehabplan.Context.close
    monkeypatch.setattr(rehabplan.Context, "close", lambda self: (closed.append(self), real_close(self)))
    with pytest.raises(rehabplan.ParseError):
        rehabplan.Context(rules="not json")
    assert len(closed) == 1 and closed[0].closed


def test_module_level_functions_use_the_built_in_rules(stroke, request12):
    with rehabplan.Context() as c:
        assert rehabplan.generate(stroke, request12) == c.generate(stroke, request12)
        assert rehabplan.generate_with_findings(stroke, request12) == c.generate_with_findings(stroke, request12)
        plan = c.generate(stroke, request12)
        assert rehabplan.validate(stroke, plan) == c.validate(stroke, plan)
        assert rehabplan.heart_rate_zones(stroke) == c.heart_rate_zones(stroke)
        assert rehabplan.rules() == c.rules()
        assert rehabplan.render(plan, "text", "nl") == c.render(plan, "text", "nl")


def test_determinism_same_input_gives_identical_output(stroke, request12):
    texts = set()
    for _ in range(3):
        with rehabplan.Context() as c:
            generated = c.generate_with_findings(json.dumps(stroke), json.dumps(request12))
            texts.add(json.dumps(generated.plan) + json.dumps(generated.findings)
                      + json.dumps(c.validate(stroke, generated.plan)))
    assert len(texts) == 1


def test_public_names():
    for name in rehabplan.__all__:
        assert hasattr(rehabplan, name), name
    assert (BINDINGS / "rehabplan" / "py.typed").is_file()


def test_the_readme_examples_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the examples write plan.html and plan.ics
    text = (BINDINGS / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert len(blocks) == 3
    namespace: dict = {}
    exec(compile(blocks[0], "README.md", "exec"), namespace)  # noqa: S102 - our own README
    assert namespace["findings"]["summary"]["errors"] == 0
    assert (tmp_path / "plan.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html")
    assert (tmp_path / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")  # CRLF kept
    exec(compile(blocks[1], "README.md", "exec"), namespace)  # noqa: S102 - batches
    assert [r["status"] for r in namespace["records"]] == ["ok", "ok", "ok", "error"]
    assert namespace["records"][3]["error"]["message"].startswith("/patient/age: ")
    assert namespace["streamed"] == namespace["records"]
    assert namespace["text"] == "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n"
                                        for r in namespace["records"])
    namespace["patient"] = dict(namespace["patient"], contraindications={"named": ["unstable_angina"]})
    exec(compile(blocks[2], "README.md", "exec"), namespace)  # noqa: S102
