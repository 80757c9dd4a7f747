"""Shared fixtures. Run from the repository root:

    REHABPLAN_LIBRARY=$PWD/build-py/librehabplan.so.1 /usr/bin/python3 -m pytest -q bindings/python/tests
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
import threading
from typing import Any, Callable, Dict, List, Mapping, Optional

import pytest

BINDINGS = Path(__file__).resolve().parent.parent          # bindings/python
REPO = BINDINGS.parent.parent                               # the rehabplan source tree
EXAMPLES = REPO / "examples"

sys.path.insert(0, str(BINDINGS))

import rehabplan  # noqa: E402

REQUEST_12_WEEKS: Dict[str, Any] = {"schema_version": 1, "start_date": "2026-11-23", "weeks": 12,
                                    "programme": "standard", "language": "en"}


def example(name: str) -> Dict[str, Any]:
    with open(EXAMPLES / name, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture
def stroke() -> Dict[str, Any]:
    """examples/patient-stroke.json (a fresh copy: tests may change it)."""
    return example("patient-stroke.json")


@pytest.fixture
def chronic_pain() -> Dict[str, Any]:
    return example("patient-chronic-pain.json")


@pytest.fixture
def request12() -> Dict[str, Any]:
    return copy.deepcopy(REQUEST_12_WEEKS)


@pytest.fixture
def ctx():
    with rehabplan.Context() as c:
        yield c


@pytest.fixture(scope="session")
def library_file() -> str:
    """The librehabplan these tests use (REHABPLAN_LIBRARY or the package's own search)."""
    loaded = rehabplan.loaded_library()
    return os.path.abspath(loaded) if os.sep in loaded else loaded


def find_cli(library_file: str) -> Optional[str]:
    """The ``rehabplan`` command: ``$REHABPLAN_CLI``, else ``rehabplan`` in the library's
    directory (``build/`` holds both), else None."""
    named = os.environ.get("REHABPLAN_CLI")
    if named:
        assert os.access(named, os.X_OK), f"REHABPLAN_CLI={named} is not an executable file"
        return named
    directory = os.path.dirname(library_file)
    candidate = os.path.join(directory, "rehabplan")
    return candidate if directory and os.access(candidate, os.X_OK) else None


@pytest.fixture(scope="session")
def rehabplan_cli(library_file) -> str:
    """:func:`find_cli`; skips the test, saying why, when there is no command."""
    cli = find_cli(library_file)
    if cli is None:
        pytest.skip(f"no rehabplan command to compare with: REHABPLAN_CLI is not set and there is no "
                    f"{os.path.join(os.path.dirname(library_file), 'rehabplan')}")
    return cli


def mixed_batch(lines: int) -> bytes:
    """A deterministic NDJSON batch of ``lines`` lines (a final line break included) that mixes
    every kind of line: generate (5 patients, en and nl, 1-4 weeks), generate as FHIR, validate
    (a clean plan and one that breaks rules), refused, a bad field (age 1e300), a line that is
    not JSON and, at line 14, an empty line."""
    patients = [example(n) for n in ("patient-stroke.json", "patient-older-adult.json", "patient-tbi.json",
                                     "patient-concussion.json", "patient-chronic-pain.json")]
    stroke = patients[0]
    clean, broken = example("plan-stroke-week.json"), example("plan-with-errors.json")
    out = []
    for i in range(lines):
        n = i + 1
        request = {"schema_version": 1, "start_date": f"2026-11-{20 + i % 7}", "weeks": 1 + i % 4,
                   "language": "nl" if i % 3 == 0 else "en"}
        kind = i % 10
        if n == 14:
            out.append("")
        elif kind in (0, 5, 8):
            out.append(json.dumps({"id": f"p-{n}", "patient": patients[i % 5], "request": request}))
        elif kind == 1:
            out.append(json.dumps({"id": n, "patient": patients[(i // 10) % 5], "request": request, "format": "fhir",
                                   "lang": "nl" if i % 20 == 1 else "en"}))
        elif kind in (2, 9):
            out.append(json.dumps({"id": f"v-{n}", "patient": stroke, "plan": clean if kind == 2 else broken}))
        elif kind == 3:
            out.append(json.dumps({"id": f"r-{n}", "patient": dict(stroke, contraindications={"named": ["unstable_angina"]}),
                                   "request": request}))
        elif kind == 4:
            out.append(json.dumps({"id": f"b-{n}", "patient": dict(stroke, age=1e300), "request": request}))
        elif kind == 6:
            out.append('{"id": "m-%d", "patient": {not json' % n)
        else:
            out.append(json.dumps({"patient": patients[(i + 2) % 5], "request": request}, indent=None))
    return ("\n".join(out) + "\n").encode("utf-8")


def run_python(code: str, *, env: Optional[Mapping[str, str]] = None, pythonpath: Optional[str] = None,
               cwd: Optional[str] = None) -> subprocess.CompletedProcess:
    """Runs ``code`` in a fresh interpreter whose environment has no REHABPLAN_LIBRARY or
    LD_LIBRARY_PATH unless ``env`` sets them, with ``pythonpath`` (default: bindings/python)."""
    base = {k: v for k, v in os.environ.items()
            if k not in ("REHABPLAN_LIBRARY", "LD_LIBRARY_PATH", "PYTHONPATH")}
    base["PYTHONPATH"] = pythonpath if pythonpath is not None else str(BINDINGS)
    base["PYTHONDONTWRITEBYTECODE"] = "1"
    base.update(env or {})
    return subprocess.run([sys.executable, "-c", code], env=base, cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def run_threads(n: int, target: Callable[[int], Any]) -> List[Any]:
    """Runs target(i) on n threads released together; returns the results, re-raising a failure."""
    barrier = threading.Barrier(n)
    results: List[Any] = [None] * n
    errors: List[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = target(i)
        except BaseException as e:  # noqa: B902 - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    return results
