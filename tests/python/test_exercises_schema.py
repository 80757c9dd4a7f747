"""schema/exercises.schema.json against the built-in library (data/exercises.json) and
against hand-made bad files: what the schema itself can say (the loader's further checks
are in tests/unit/exercise_library_test.cpp)."""

import copy
import json
import pathlib

import pytest
from jsonschema import Draft202012Validator

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _validator():
    schema = json.loads((ROOT / "schema" / "exercises.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _library():
    return json.loads((ROOT / "data" / "exercises.json").read_text(encoding="utf-8"))


def test_builtin_library_validates():
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator().iter_errors(_library())]
    assert errors == []


def test_builtin_sources_are_references_of_the_rule_set():
    refs = json.loads((ROOT / "data" / "rules.json").read_text(encoding="utf-8"))["references"]
    lib = _library()
    unknown = [(e["id"], s) for e in lib["exercises"] for s in e["sources"] if s not in refs]
    assert unknown == []
    precautions = set(lib["precautions"])
    assert [(e["id"], p) for e in lib["exercises"] for p in e["precautions"] if p not in precautions] == []


def test_minimal_clinic_file_validates():
    assert list(_validator().iter_errors({"schema_version": 1})) == []


def _first(lib):
    return lib["exercises"][0]


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda lib: _first(lib).update(category="cardio"), ["exercises", 0, "category"]),
        (lambda lib: _first(lib).update(colour="red"), ["exercises", 0]),
        (lambda lib: _first(lib)["instructions"].update(en=["one", "two"]), ["exercises", 0, "instructions", "en"]),
        (lambda lib: _first(lib)["pose"]["start"].update(trunk=361), ["exercises", 0, "pose", "start", "trunk"]),
        (lambda lib: _first(lib)["pose"].update(props=["ball"]), ["exercises", 0, "pose", "props", 0]),
        (lambda lib: _first(lib).update(video_url="http://example.org/v"), ["exercises", 0, "video_url"]),
        (lambda lib: _first(lib).update(cognitive_task={"en": "a", "nl": "b"}), ["exercises", 0]),
        (lambda lib: _first(lib)["dose"].update(sets=0), ["exercises", 0, "dose", "sets"]),
        (lambda lib: _first(lib).update(sources=[]), ["exercises", 0, "sources"]),
        (lambda lib: lib.update(extra=1), []),
    ],
)
def test_schema_rejects(change, where):
    lib = copy.deepcopy(_library())
    if _first(lib)["category"] == "dual_task":
        pytest.skip("the first exercise is a dual-task one")
    change(lib)
    errors = list(_validator().iter_errors(lib))
    assert errors, "expected a schema error"
    assert any(list(e.absolute_path) == where for e in errors), [list(e.absolute_path) for e in errors]


def test_dual_task_needs_its_cognitive_task():
    lib = copy.deepcopy(_library())
    ex = _first(lib)
    ex["category"] = "dual_task"
    ex.pop("cognitive_task", None)
    assert list(_validator().iter_errors(lib))
    ex["cognitive_task"] = {"en": "Count back from 100 in sevens", "nl": "Tel terug vanaf 100 met zeven"}
    assert list(_validator().iter_errors(lib)) == []
