"""Finding and checking librehabplan. Each case runs in a fresh interpreter: the library is
loaded once per process."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

import rehabplan
from rehabplan import _library
from conftest import BINDINGS, run_python

PRINT_LOADED = "import rehabplan; print(rehabplan.loaded_library()); print(rehabplan.library_version())"


def _lines(result: subprocess.CompletedProcess) -> list:
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def _error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0, result.stdout
    assert "rehabplan._errors.LibraryError" in result.stderr or "LibraryError" in result.stderr, result.stderr
    return result.stderr


@pytest.fixture
def real_library(library_file) -> str:
    if os.sep not in library_file:
        pytest.skip(f"the tests' library was found by name ({library_file}), not as a file to copy")
    return library_file


@pytest.fixture
def package_copy(tmp_path) -> Path:
    """A copy of the rehabplan package in tmp_path/site (no library next to it)."""
    site = tmp_path / "site"
    shutil.copytree(BINDINGS / "rehabplan", site / "rehabplan", ignore=shutil.ignore_patterns("__pycache__", "*.so*"))
    return site


def _system_has_librehabplan() -> bool:
    # Asked in a fresh process: in this one dlopen("librehabplan.so.1") finds the copy the
    # tests already loaded (by its SONAME).
    code = ("import ctypes, ctypes.util\n"
            "try:\n    ctypes.CDLL('librehabplan.so.1'); print('yes')\n"
            "except OSError:\n    print('yes' if ctypes.util.find_library('rehabplan') else 'no')")
    return _lines(run_python(code, pythonpath=""))[0] == "yes"


def test_environment_variable(real_library, package_copy):
    out = _lines(run_python(PRINT_LOADED, env={"REHABPLAN_LIBRARY": real_library}, pythonpath=str(package_copy)))
    assert out == [real_library, rehabplan.library_version()]


def test_set_library_file_beats_the_environment_variable(real_library, tmp_path):
    code = f"import rehabplan; rehabplan.set_library_file({real_library!r}); " + PRINT_LOADED
    out = _lines(run_python(code, env={"REHABPLAN_LIBRARY": str(tmp_path / "nothing.so")}))
    assert out[0] == real_library


def test_set_library_path_beats_the_environment_variable(real_library, tmp_path):
    directory = os.path.dirname(real_library)
    code = f"import rehabplan; rehabplan.set_library_path({directory!r}); " + PRINT_LOADED
    out = _lines(run_python(code, env={"REHABPLAN_LIBRARY": str(tmp_path / "nothing.so")}))
    assert out[0] == os.path.join(directory, "librehabplan.so.1")


def test_set_library_file_beats_set_library_path(real_library, tmp_path):
    code = (f"import rehabplan; rehabplan.set_library_path({str(tmp_path)!r}); "
            f"rehabplan.set_library_file({real_library!r}); " + PRINT_LOADED)
    assert _lines(run_python(code))[0] == real_library


def test_environment_variable_beats_a_library_next_to_the_package(real_library, package_copy, tmp_path):
    bundled = package_copy / "rehabplan" / "librehabplan.so.1"
    shutil.copy(real_library, bundled)
    elsewhere = tmp_path / "elsewhere" / "librehabplan.so.1"
    elsewhere.parent.mkdir()
    shutil.copy(real_library, elsewhere)
    out = _lines(run_python(PRINT_LOADED, env={"REHABPLAN_LIBRARY": str(elsewhere)}, pythonpath=str(package_copy)))
    assert out[0] == str(elsewhere)
    # without the variable the bundled one wins, even over the system loader's search path
    out = _lines(run_python(PRINT_LOADED, env={"LD_LIBRARY_PATH": str(elsewhere.parent)},
                            pythonpath=str(package_copy)))
    assert out[0] == str(bundled)


def test_the_system_loader_comes_last(real_library, package_copy):
    out = _lines(run_python(PRINT_LOADED, env={"LD_LIBRARY_PATH": os.path.dirname(real_library)},
                            pythonpath=str(package_copy)))
    assert out[0] == "librehabplan.so.1"


def test_no_library_anywhere_is_a_helpful_error(package_copy):
    if _system_has_librehabplan():
        pytest.skip("librehabplan is installed where the system loader finds it")
    message = _error(run_python("import rehabplan; rehabplan.rules()", pythonpath=str(package_copy)))
    for hint in ("was not found", "REHABPLAN_LIBRARY", "set_library_file", "set_library_path", "librehabplan.so.1",
                 "next to the rehabplan package", "system loader"):
        assert hint in message, message


def test_importing_does_not_load_the_library(package_copy):
    out = _lines(run_python("import rehabplan; print(rehabplan._library._Config.lib)", pythonpath=str(package_copy)))
    assert out == ["None"]


def test_a_bad_environment_variable_is_an_error_not_a_fallback(real_library, package_copy, tmp_path):
    shutil.copy(real_library, package_copy / "rehabplan" / "librehabplan.so.1")
    missing = str(tmp_path / "missing" / "librehabplan.so.1")
    message = _error(run_python(PRINT_LOADED, env={"REHABPLAN_LIBRARY": missing,
                                                   "LD_LIBRARY_PATH": os.path.dirname(real_library)},
                                pythonpath=str(package_copy)))
    assert "REHABPLAN_LIBRARY environment variable" in message and missing in message


def test_set_library_path_after_loading_is_an_error(real_library):
    code = textwrap.dedent(f"""
        import rehabplan
        rehabplan.set_library_file({real_library!r})
        rehabplan.rules()
        for call in (rehabplan.set_library_path, rehabplan.set_library_file):
            try:
                call("/elsewhere")
            except rehabplan.LibraryError as e:
                print(e)
    """)
    out = _lines(run_python(code))
    assert len(out) == 2 and all("before the library is first used" in line for line in out), out


def test_a_library_that_is_not_librehabplan(tmp_path):
    libm = ctypes.util.find_library("m")
    if libm is None:
        pytest.skip("no libm to load")
    code = f"import rehabplan; rehabplan.set_library_file({libm!r}); rehabplan.rules()"
    assert "is not librehabplan" in _error(run_python(code))


def _fake_library(tmp_path: Path, source: str) -> str:
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if cc is None:
        pytest.skip("no C compiler to build a fake library")
    src, lib = tmp_path / "fake.c", tmp_path / "libfake.so"
    src.write_text(source)
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(lib), str(src)], check=True, capture_output=True)
    return str(lib)


def test_a_library_of_another_major_version_is_refused(tmp_path):
    lib = _fake_library(tmp_path, "int rehabplan_version_number(void) { return 2003004; }\n")
    message = _error(run_python(f"import rehabplan; rehabplan.set_library_file({lib!r}); rehabplan.rules()"))
    assert "version 2.3.4" in message and "need librehabplan 1.x (1.0.0 or later)" in message


def _stubs(version_number: int, leave_out: tuple) -> str:
    """A fake library with every function of _FUNCTIONS but `leave_out`: each returns 0 (OK),
    rehabplan_context_new gives a context, the text functions a text."""
    out = []
    for name, *_ in _library._FUNCTIONS:
        if name in leave_out:
            continue
        if name == "rehabplan_version_number":
            out.append(f"int {name}(void) {{ return {version_number}; }}\n")
        elif name == "rehabplan_context_new":
            out.append(f"int {name}(void **out) {{ static int c; *out = &c; return 0; }}\n")
        elif name in ("rehabplan_version_string", "rehabplan_status_string", "rehabplan_errmsg"):
            out.append(f'const char *{name}(void) {{ return "x"; }}\n')
        else:
            out.append(f"int {name}(void) {{ return 0; }}\n")
    return "".join(out)


# Older 1.x libraries: the functions they have work; a later one raises when called, naming the
# function and the version it needs (the binding no longer refuses such a library on loading).
@pytest.mark.parametrize("version_number, missing, call, since", [
    (1000000, ("rehabplan_render", "rehabplan_progress", "rehabplan_replan", "rehabplan_batch_line",
               "rehabplan_batch", "rehabplan_error_json", "rehabplan_context_clone"),
     "ctx.render({}, 'text')", "1.1.0"),
    (1001000, ("rehabplan_progress", "rehabplan_replan", "rehabplan_batch_line", "rehabplan_batch",
               "rehabplan_error_json", "rehabplan_context_clone"),
     "ctx.progress({}, {}, {}, '2026-12-03')", "1.2.0"),
    (1002000, ("rehabplan_batch_line", "rehabplan_batch", "rehabplan_error_json", "rehabplan_context_clone"),
     "ctx.batch_line({})", "1.3.0"),
    (1003000, ("rehabplan_context_clone", "rehabplan_error_json"), "ctx.clone()", "1.4.0"),
    (1004000, ("rehabplan_exercises", "rehabplan_context_load_exercises"), "ctx.exercises()", "1.5.0"),
])
def test_an_older_1x_library_works_until_a_missing_function_is_called(tmp_path, version_number, missing, call,
                                                                      since):
    lib = _fake_library(tmp_path, _stubs(version_number, missing))
    first = missing[0]
    code = textwrap.dedent(f"""
        import rehabplan
        rehabplan.set_library_file({lib!r})
        ctx = rehabplan.Context()
        ctx.load_rules({{}})  # a 1.0.0 function: works
        print("loaded", rehabplan._library.has_function({first!r}))
        {call}
    """)
    result = run_python(code)
    assert "loaded False" in result.stdout, result.stderr
    message = _error(result)
    version = f"{version_number // 1000000}.{version_number // 1000 % 1000}.0"
    assert f"(librehabplan version {version}) has no function {first}" in message
    assert f"needs librehabplan {since} or later" in message


def test_a_1_0_function_missing_refuses_the_library(tmp_path):
    lib = _fake_library(tmp_path, _stubs(1003000, ("rehabplan_validate",)))
    message = _error(run_python(f"import rehabplan; rehabplan.set_library_file({lib!r}); rehabplan.rules()"))
    assert "version 1.3.0" in message and "has no function rehabplan_validate" in message
    assert "librehabplan 1.x (1.0.0 or later)" in message


def test_a_missing_function_names_it_and_the_expected_version(tmp_path):
    lib = _fake_library(tmp_path, "int rehabplan_version_number(void) { return 1000000; }\n"
                                  "const char *rehabplan_status_string(int s) { (void)s; return \"\"; }\n")
    message = _error(run_python(f"import rehabplan; rehabplan.set_library_file({lib!r}); rehabplan.rules()"))
    assert "has no function rehabplan_version_string" in message
    assert "librehabplan 1.x (1.0.0 or later)" in message
