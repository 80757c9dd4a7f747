"""The in-tree build backend: `pip install bindings/python` offline, and what the wheel, sdist
and editable wheel hold."""

from __future__ import annotations

import base64
import csv
import hashlib
import importlib.util
import io
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import rehabplan
from conftest import BINDINGS, run_python

SMOKE = ("import json, rehabplan; print(rehabplan.__file__); "
         "print(rehabplan.heart_rate_zones(json.dumps({'schema_version': 1, 'age': 67, 'sex': 'female', "
         "'baseline_minutes': 30}))['hrmax']['source'])")


def _backend():
    spec = importlib.util.spec_from_file_location("rehabplan_build_under_test",
                                                  BINDINGS / "_backend" / "rehabplan_build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _check_record(wheel: zipfile.ZipFile, dist_info: str) -> None:
    """Every file but RECORD is listed with its sha256 and size, and nothing else is."""
    rows = list(csv.reader(io.StringIO(wheel.read(f"{dist_info}/RECORD").decode("utf-8"))))
    listed = {row[0]: row[1:] for row in rows}
    assert sorted(listed) == sorted(wheel.namelist())
    assert listed[f"{dist_info}/RECORD"] == ["", ""]
    for name, (digest, size) in listed.items():
        if name == f"{dist_info}/RECORD":
            continue
        data = wheel.read(name)
        expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert digest == f"sha256={expected}" and int(size) == len(data), name


def test_pip_installs_offline_and_the_installed_package_works(tmp_path, library_file):
    if importlib.util.find_spec("pip") is None:
        pytest.skip("pip is not installed for this Python (Debian: apt install python3-pip)")
    target = tmp_path / "target"
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--no-cache-dir",
                             "--disable-pip-version-check", "--target", str(target), str(BINDINGS)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (target / "rehabplan" / "py.typed").is_file()
    assert (target / f"rehabplan-{rehabplan.__version__}.dist-info" / "RECORD").is_file()
    out = run_python(SMOKE, env={"REHABPLAN_LIBRARY": library_file}, pythonpath=str(target), cwd=str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [str(target / "rehabplan" / "__init__.py"), "tanaka"]


def test_the_wheel_has_metadata_and_a_correct_record(tmp_path):
    backend = _backend()
    name = backend.build_wheel(str(tmp_path))
    version = rehabplan.__version__
    assert name == f"rehabplan-{version}-py3-none-any.whl"
    dist_info = f"rehabplan-{version}.dist-info"
    with zipfile.ZipFile(tmp_path / name) as wheel:
        files = wheel.namelist()
        assert {"rehabplan/__init__.py", "rehabplan/_library.py", "rehabplan/_context.py", "rehabplan/_errors.py",
                "rehabplan/py.typed", f"{dist_info}/METADATA", f"{dist_info}/WHEEL"} <= set(files)
        assert not [f for f in files if "__pycache__" in f or f.endswith(".pyc") or f.startswith("tests/")]
        assert not [f for f in files if "librehabplan" in f]
        metadata = wheel.read(f"{dist_info}/METADATA").decode()
        for line in ("Metadata-Version: 2.1", "Name: rehabplan", f"Version: {version}", "Requires-Python: >=3.8",
                     "Description-Content-Type: text/markdown"):
            assert f"\n{line}\n" in "\n" + metadata, line
        assert "# rehabplan for Python" in metadata  # the README is the long description
        wheel_file = wheel.read(f"{dist_info}/WHEEL").decode()
        assert "Root-Is-Purelib: true" in wheel_file and "Tag: py3-none-any" in wheel_file
        _check_record(wheel, dist_info)
    # reproducible: same bytes again
    again = tmp_path / "again"
    backend.build_wheel(str(again))
    assert (again / name).read_bytes() == (tmp_path / name).read_bytes()


def test_prepared_metadata_matches_the_wheel(tmp_path):
    backend = _backend()
    dist_info = backend.prepare_metadata_for_build_wheel(str(tmp_path / "meta"))
    name = backend.build_wheel(str(tmp_path))
    with zipfile.ZipFile(tmp_path / name) as wheel:
        for f in ("METADATA", "WHEEL"):
            assert (tmp_path / "meta" / dist_info / f).read_bytes() == wheel.read(f"{dist_info}/{f}")


def test_a_wheel_can_bundle_the_library(tmp_path, library_file):
    if "/" not in library_file:
        pytest.skip("the tests' library was found by name, not as a file")
    backend = _backend()
    name = backend.build_wheel(str(tmp_path), {"bundle-library": library_file})
    assert name.startswith(f"rehabplan-{rehabplan.__version__}-py3-none-") and not name.endswith("-any.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(tmp_path / name) as wheel:
        assert "Root-Is-Purelib: false" in wheel.read(f"rehabplan-{rehabplan.__version__}.dist-info/WHEEL").decode()
        _check_record(wheel, f"rehabplan-{rehabplan.__version__}.dist-info")
        wheel.extractall(site)
    # found next to the package, with no REHABPLAN_LIBRARY
    out = run_python("import rehabplan; print(rehabplan.loaded_library())", pythonpath=str(site))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(site / "rehabplan" / "librehabplan.so.1")
    with pytest.raises(RuntimeError, match="no such file"):
        backend.build_wheel(str(tmp_path), {"bundle-library": str(tmp_path / "missing.so")})


def test_the_sdist_builds_the_same_wheel(tmp_path):
    backend = _backend()
    name = backend.build_sdist(str(tmp_path))
    base = f"rehabplan-{rehabplan.__version__}"
    assert name == f"{base}.tar.gz"
    with tarfile.open(tmp_path / name) as sdist:
        files = sdist.getnames()
        for f in ("PKG-INFO", "pyproject.toml", "README.md", "_backend/rehabplan_build.py", "rehabplan/__init__.py",
                  "rehabplan/py.typed", "tests/conftest.py"):
            assert f"{base}/{f}" in files, f
        assert not [f for f in files if "__pycache__" in f]
        sdist.extractall(tmp_path / "unpacked")
    # the unpacked sdist builds a wheel with the same package files (its own backend, in a fresh process)
    code = ("import sys; sys.path.insert(0, '_backend'); import rehabplan_build as b; "
            f"print(b.build_wheel({str(tmp_path / 'from-sdist')!r}))")
    out = run_python(code, cwd=str(tmp_path / "unpacked" / base), pythonpath="")
    assert out.returncode == 0, out.stderr
    from_tree = backend.build_wheel(str(tmp_path / "from-tree"))
    assert out.stdout.strip() == from_tree
    assert (tmp_path / "from-sdist" / from_tree).read_bytes() == (tmp_path / "from-tree" / from_tree).read_bytes()


def test_the_editable_wheel_points_at_the_source_tree(tmp_path):
    backend = _backend()
    name = backend.build_editable(str(tmp_path))
    dist_info = f"rehabplan-{rehabplan.__version__}.dist-info"
    with zipfile.ZipFile(tmp_path / name) as wheel:
        pth = [f for f in wheel.namelist() if f.endswith(".pth")]
        assert len(pth) == 1
        assert Path(wheel.read(pth[0]).decode().strip()) == BINDINGS
        assert not [f for f in wheel.namelist() if f.startswith("rehabplan/")]
        _check_record(wheel, dist_info)


def test_the_backend_needs_nothing_to_build():
    backend = _backend()
    assert backend.get_requires_for_build_wheel() == []
    assert backend.get_requires_for_build_sdist() == []
    assert backend.get_requires_for_build_editable() == []
    text = (BINDINGS / "pyproject.toml").read_text()
    assert "requires = []" in text and 'backend-path = ["_backend"]' in text
