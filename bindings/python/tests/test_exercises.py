"""What 1.5.0 adds to the binding: the exercise listing (rehabplan.exercises(),
Context.exercises()) and a clinic's exercise file (Context.load_exercises())."""

from __future__ import annotations

import ctypes
import json

import pytest

import rehabplan
from rehabplan import _library

from conftest import REPO

CLINIC = REPO / "tests" / "data" / "exercises" / "clinic-exercises.json"
LOOSENS = REPO / "tests" / "data" / "exercises" / "clinic-loosens-standing.json"


def test_the_version_has_the_exercise_functions():
    # The package and the library it was built with carry one version (1.7.0: age-banded sleep, stricter stop signals).
    assert tuple(int(x) for x in rehabplan.__version__.split(".")) >= (1, 7, 0)
    assert rehabplan.__version__ == rehabplan.library_version()


def test_functions_are_declared_with_their_types():
    since = {name: v for name, _a, _r, _e, v in _library._FUNCTIONS}
    assert since["rehabplan_exercises"] == since["rehabplan_context_load_exercises"] == "1.5.0"
    lib = _library.lib()
    assert lib.rehabplan_exercises.restype is ctypes.c_int
    assert len(lib.rehabplan_exercises.argtypes) == 5
    assert lib.rehabplan_context_load_exercises.argtypes[2] is ctypes.c_size_t


def test_json_is_returned_parsed_and_other_formats_as_text():
    listing = rehabplan.exercises()
    assert isinstance(listing, dict)
    assert listing == rehabplan.exercises(None, "en", "json")
    text = rehabplan.exercises(format="text")
    html = rehabplan.exercises(format="html", language="nl")
    assert isinstance(text, str) and text
    assert isinstance(html, str) and html
    assert text != html


@pytest.mark.parametrize("kwargs, pointer", [
    ({"condition": "flu"}, "/condition"),
    ({"language": "de"}, "/lang"),
    ({"format": "pdf"}, "/format"),
])
def test_bad_options_are_schema_errors_naming_the_member(ctx, kwargs, pointer):
    with pytest.raises(rehabplan.SchemaError) as info:
        ctx.exercises(**kwargs)
    assert info.value.document == "options"
    assert info.value.pointer == pointer


def test_a_clinic_file_adds_an_exercise(ctx):
    assert "clinic_big_steps" not in json.dumps(ctx.exercises())
    ctx.load_exercises(CLINIC.read_text(encoding="utf-8"))
    assert "clinic_big_steps" in json.dumps(ctx.exercises())
    assert "clinic_big_steps" in json.dumps(ctx.exercises(condition="parkinson"))
    assert "clinic_big_steps" not in json.dumps(ctx.exercises(condition="stroke"))
    # A clone carries it; the default context does not.
    with ctx.clone() as copy:
        assert "clinic_big_steps" in copy.exercises(format="text")
    assert "clinic_big_steps" not in json.dumps(rehabplan.exercises())


def test_a_dict_is_accepted_too(ctx):
    ctx.load_exercises(json.loads(CLINIC.read_text(encoding="utf-8")))
    assert "clinic_big_steps" in ctx.exercises(format="text")


def test_loosening_a_precaution_is_refused_and_changes_nothing(ctx):
    before = ctx.exercises()
    with pytest.raises(rehabplan.RulesError) as info:
        ctx.load_exercises(LOOSENS.read_text(encoding="utf-8"))
    assert info.value.document == "exercises"
    assert info.value.pointer == "/precautions/standing/unsuitable_when"
    assert ctx.exercises() == before
    with pytest.raises(rehabplan.ParseError):
        ctx.load_exercises("{")
