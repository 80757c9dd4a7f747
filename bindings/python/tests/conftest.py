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
