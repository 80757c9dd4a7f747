"""A small in-tree PEP 517 / PEP 660 build backend for the rehabplan Python bindings.

Why in-tree: ``pip install bindings/python`` must work offline, and pip's build isolation
cannot download setuptools. With ``requires = []`` and ``backend-path = ["_backend"]`` pip
needs nothing but this file and the standard library.

What it builds (the package is pure Python; it loads librehabplan with ctypes at run time):
- ``build_wheel``: ``rehabplan-VERSION-py3-none-any.whl`` with the ``rehabplan`` package and a
  ``.dist-info`` (METADATA, WHEEL, RECORD with sha256 digests). With the config setting
  ``bundle-library=/path/to/librehabplan.so.1`` (``pip wheel --config-settings
  bundle-library=...``) that library is copied into the package, where the binding finds it
  first, and the wheel is tagged for this platform.
- ``build_sdist``: ``rehabplan-VERSION.tar.gz`` with PKG-INFO, the package, tests and this
  backend, so the sdist builds a wheel on its own.
- ``build_editable``: a wheel holding a ``.pth`` file that points at this source tree.

Metadata comes from the ``[project]`` table of pyproject.toml (read with ``tomllib``,
Python 3.11+, or ``tomli``). Output is reproducible: fixed file order and time stamps
(``SOURCE_DATE_EPOCH`` when set).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import os
import re
import sysconfig
import tarfile
import time
import zipfile
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "rehabplan"
_SKIP_DIRS = {"__pycache__", ".pytest_cache", ".mypy_cache", "build", "dist"}
_GENERATOR = "rehabplan_build (in-tree)"


# -- project metadata -----------------------------------------------------------------------

def _load_toml(path: str) -> Dict[str, Any]:
    try:
        import tomllib as toml  # Python 3.11+
    except ImportError:  # pragma: no cover
        try:
            import tomli as toml  # type: ignore[no-redef]
        except ImportError:
            raise RuntimeError("building rehabplan from source needs Python 3.11+ (tomllib) "
                               "or the tomli package") from None
    with open(path, "rb") as f:
        return toml.load(f)


def _project() -> Dict[str, Any]:
    project: Dict[str, Any] = _load_toml(os.path.join(ROOT, "pyproject.toml"))["project"]
    for key in ("name", "version"):
        if not isinstance(project.get(key), str):
            raise RuntimeError(f"pyproject.toml: [project] needs a string '{key}'")
    return project


def _dist_name(project: Mapping[str, Any]) -> str:
    """The name as used in file names (PEP 427 / binary distribution format)."""
    return re.sub(r"[-_.]+", "_", project["name"]).lower()


def _metadata(project: Mapping[str, Any]) -> str:
    """Core metadata 2.1 (METADATA in a wheel, PKG-INFO in an sdist)."""
    lines = ["Metadata-Version: 2.1", f"Name: {project['name']}", f"Version: {project['version']}"]
    if project.get("description"):
        lines.append(f"Summary: {project['description']}")
    for key, value in project.get("urls", {}).items():
        lines.append(f"Project-URL: {key}, {value}")
    for person in project.get("authors", []):
        if "email" in person:
            who = f"{person['name']} <{person['email']}>" if "name" in person else person["email"]
            lines.append(f"Author-email: {who}")
        elif "name" in person:
            lines.append(f"Author: {person['name']}")
    license_ = project.get("license")
    if isinstance(license_, dict) and "text" in license_:
        lines.append(f"License: {license_['text']}")
    if project.get("keywords"):
        lines.append("Keywords: " + ",".join(project["keywords"]))
    for classifier in project.get("classifiers", []):
        lines.append(f"Classifier: {classifier}")
    if project.get("requires-python"):
        lines.append(f"Requires-Python: {project['requires-python']}")
    for requirement in project.get("dependencies", []):
        lines.append(f"Requires-Dist: {requirement}")
    body = ""
    readme = project.get("readme")
    if isinstance(readme, str):
        with open(os.path.join(ROOT, readme), encoding="utf-8") as f:
            body = f.read()
        content_type = "text/markdown" if readme.endswith(".md") else "text/plain"
        lines.append(f"Description-Content-Type: {content_type}")
    return "\n".join(lines) + "\n\n" + body


# -- files ----------------------------------------------------------------------------------

def _walk(top: str) -> Iterator[str]:
    """Files under ROOT/top, relative to ROOT with '/' separators, sorted; no caches."""
    for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, top)):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.endswith(".egg-info"))
        for name in sorted(filenames):
            if name.endswith((".pyc", ".pyo")) or name.startswith("librehabplan.so"):
                continue
            yield os.path.relpath(os.path.join(dirpath, name), ROOT).replace(os.sep, "/")


def _epoch() -> int:
    return max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)  # >= 1980 for zip


def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


class _Wheel:
    """Writes a wheel: files in order, then the dist-info files, RECORD last."""

    def __init__(self, path: str, dist_info: str) -> None:
        self._zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self._dist_info = dist_info
        self._record: List[Tuple[str, str, int]] = []
        self._date = time.gmtime(_epoch())[:6]

    def add(self, arcname: str, data: bytes, mode: int = 0o644) -> None:
        info = zipfile.ZipInfo(arcname, date_time=self._date)  # type: ignore[arg-type]
        info.external_attr = (0o100000 | mode) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        self._zip.writestr(info, data)
        self._record.append((arcname, _digest(data), len(data)))

    def close(self) -> None:
        record = f"{self._dist_info}/RECORD"
        lines = [f"{name},{digest},{size}" for name, digest, size in self._record] + [f"{record},,"]
        info = zipfile.ZipInfo(record, date_time=self._date)  # type: ignore[arg-type]
        info.external_attr = (0o100644) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        self._zip.writestr(info, "\n".join(lines) + "\n")
        self._zip.close()


def _wheel_file(tag: str, purelib: bool) -> str:
    return (f"Wheel-Version: 1.0\nGenerator: {_GENERATOR}\n"
            f"Root-Is-Purelib: {'true' if purelib else 'false'}\nTag: {tag}\n")


def _platform_tag() -> str:
    return re.sub(r"[^a-zA-Z0-9]", "_", sysconfig.get_platform())


def _bundled_library(config_settings: Optional[Mapping[str, Any]]) -> Optional[str]:
    value = (config_settings or {}).get("bundle-library")
    if isinstance(value, list):
        value = value[-1]
    if not value:
        return None
    path = os.path.abspath(str(value))
    if not os.path.isfile(path):
        raise RuntimeError(f"bundle-library={value}: no such file")
    return path


def _write_dist_info(wheel: _Wheel, project: Mapping[str, Any], dist_info: str, tag: str,
                     purelib: bool) -> None:
    wheel.add(f"{dist_info}/METADATA", _metadata(project).encode("utf-8"))
    wheel.add(f"{dist_info}/WHEEL", _wheel_file(tag, purelib).encode("utf-8"))
    wheel.add(f"{dist_info}/top_level.txt", f"{PACKAGE}\n".encode("utf-8"))


def _build(wheel_directory: str, config_settings: Optional[Mapping[str, Any]], editable: bool) -> str:
    project = _project()
    name, version = _dist_name(project), project["version"]
    library = None if editable else _bundled_library(config_settings)
    tag = f"py3-none-{_platform_tag()}" if library else "py3-none-any"
    dist_info = f"{name}-{version}.dist-info"
    filename = f"{name}-{version}-{tag}.whl"
    os.makedirs(wheel_directory, exist_ok=True)
    path = os.path.join(wheel_directory, filename)
    wheel = _Wheel(path, dist_info)
    try:
        if editable:
            wheel.add(f"__editable__.{name}.pth", (ROOT + "\n").encode("utf-8"))
        else:
            for rel in _walk(PACKAGE):
                with open(os.path.join(ROOT, rel), "rb") as f:
                    wheel.add(rel, f.read())
            if library:
                with open(library, "rb") as f:
                    wheel.add(f"{PACKAGE}/librehabplan.so.1", f.read(), 0o755)
        _write_dist_info(wheel, project, dist_info, tag, purelib=library is None)
    finally:
        wheel.close()
    return filename


# -- PEP 517 / PEP 660 hooks ----------------------------------------------------------------

def get_requires_for_build_wheel(config_settings: Optional[Mapping[str, Any]] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[Mapping[str, Any]] = None) -> List[str]:
    return []


def get_requires_for_build_editable(config_settings: Optional[Mapping[str, Any]] = None) -> List[str]:
    return []


def prepare_metadata_for_build_wheel(metadata_directory: str,
                                     config_settings: Optional[Mapping[str, Any]] = None) -> str:
    project = _project()
    library = _bundled_library(config_settings)
    dist_info = f"{_dist_name(project)}-{project['version']}.dist-info"
    target = os.path.join(metadata_directory, dist_info)
    os.makedirs(target, exist_ok=True)
    tag = f"py3-none-{_platform_tag()}" if library else "py3-none-any"
    with open(os.path.join(target, "METADATA"), "w", encoding="utf-8", newline="\n") as f:
        f.write(_metadata(project))
    with open(os.path.join(target, "WHEEL"), "w", encoding="utf-8", newline="\n") as f:
        f.write(_wheel_file(tag, purelib=library is None))
    with open(os.path.join(target, "top_level.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(f"{PACKAGE}\n")
    return dist_info


def prepare_metadata_for_build_editable(metadata_directory: str,
                                        config_settings: Optional[Mapping[str, Any]] = None) -> str:
    return prepare_metadata_for_build_wheel(metadata_directory, None)


def build_wheel(wheel_directory: str, config_settings: Optional[Mapping[str, Any]] = None,
                metadata_directory: Optional[str] = None) -> str:
    return _build(wheel_directory, config_settings, editable=False)


def build_editable(wheel_directory: str, config_settings: Optional[Mapping[str, Any]] = None,
                   metadata_directory: Optional[str] = None) -> str:
    return _build(wheel_directory, config_settings, editable=True)


def build_sdist(sdist_directory: str, config_settings: Optional[Mapping[str, Any]] = None) -> str:
    project = _project()
    base = f"{_dist_name(project)}-{project['version']}"
    files = ["pyproject.toml", "README.md"] + [f for top in ("_backend", PACKAGE, "tests") for f in _walk(top)]
    os.makedirs(sdist_directory, exist_ok=True)
    filename = f"{base}.tar.gz"
    mtime = _epoch()

    def add(tar: tarfile.TarFile, arcname: str, data: bytes) -> None:
        info = tarfile.TarInfo(f"{base}/{arcname}")
        info.size, info.mtime, info.mode = len(data), mtime, 0o644
        info.uname = info.gname = ""
        tar.addfile(info, io.BytesIO(data))

    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        add(tar, "PKG-INFO", _metadata(project).encode("utf-8"))
        for rel in files:
            with open(os.path.join(ROOT, rel), "rb") as f:
                add(tar, rel, f.read())
    with open(os.path.join(sdist_directory, filename), "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=mtime) as gz:
            gz.write(raw.getvalue())
    return filename


__all__ = ["build_wheel", "build_sdist", "build_editable", "get_requires_for_build_wheel",
           "get_requires_for_build_sdist", "get_requires_for_build_editable",
           "prepare_metadata_for_build_wheel", "prepare_metadata_for_build_editable"]

