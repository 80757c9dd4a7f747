"""Finding, loading and declaring librehabplan (the C API of ``rehabplan.h``).

Every function of ``rehabplan.h`` is declared once, in ``_FUNCTIONS``, as
``(name, argtypes, restype, errcheck, since)``, after clang's ``cindex.py``. The functions of
1.0.0 must all be there; a later one that the loaded library lacks (an older 1.x) is bound
lazily: everything else works, and calling it raises :class:`LibraryError` naming the function
and the version it needs. The library is loaded on first use, from the first of:

1. the file given to :func:`set_library_file`, or ``librehabplan.so.1`` in the directory given
   to :func:`set_library_path`;
2. the file named by the ``REHABPLAN_LIBRARY`` environment variable;
3. a ``librehabplan.so*`` next to this package (a wheel that bundles the library);
4. the system loader: ``librehabplan.so.1``, then ``ctypes.util.find_library("rehabplan")``.

An explicit choice (1 or 2) that cannot be loaded is an error; it never falls through to a
library found somewhere else.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import glob
import json
import os
import threading
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from ._errors import Error, LibraryError, error_class
from ._version import ABI_VERSION, MIN_LIBRARY_VERSION

__all__ = ["set_library_path", "set_library_file", "lib", "library_version", "loaded_library"]

ENV_VAR = "REHABPLAN_LIBRARY"

# rehabplan is built and tested on Linux only: the shared library is librehabplan.so.<ABI>.
_LIBRARY_NAMES: Tuple[str, ...] = (f"librehabplan.so.{ABI_VERSION}",)
_BUNDLED_PATTERNS: Tuple[str, ...] = (f"librehabplan.so.{ABI_VERSION}", f"librehabplan.so.{ABI_VERSION}.*",
                                      "librehabplan.so")


# ---------------------------------------------------------------------------------------------
# Types and error checks
# ---------------------------------------------------------------------------------------------

class ContextPointer(ctypes.c_void_p):
    """``rehabplan_context *``: opaque; only ever created by ``rehabplan_context_new``."""


_c_char_pp = ctypes.POINTER(ctypes.c_void_p)  # char **: read as a raw address, then copied and freed
_Errcheck = Callable[[Any, Any, Tuple[Any, ...]], Any]


def _check_context_status(result: int, func: Any, args: Tuple[Any, ...]) -> Tuple[Any, ...]:
    """errcheck of the calls whose first argument is a context: a non-zero status raises the
    matching :class:`Error`, with ``rehabplan_errmsg`` of that context as the message and, from
    a 1.4.0 library on, the document, pointer, argument and reason of ``rehabplan_error_json``."""
    if result != 0:
        lib = _lib_unchecked()
        message = lib.rehabplan_errmsg(args[0]).decode("utf-8", "replace")
        detail: Dict[str, Any] = {}
        if "rehabplan_error_json" not in _Config.missing:
            raw = lib.rehabplan_error_json(args[0], None)
            try:
                doc = json.loads(raw.decode("utf-8", "replace")) if raw else {}
            except ValueError:  # pragma: no cover - the library promises JSON
                doc = {}
            if isinstance(doc, dict) and doc.get("code") == result:
                detail = {k: doc.get(k) for k in ("document", "pointer", "argument", "reason")}
        raise make_error(result, message, **detail)
    return args


def _check_status(result: int, func: Any, args: Tuple[Any, ...]) -> Tuple[Any, ...]:
    """errcheck of ``rehabplan_context_new``: there is no context to ask for a message yet."""
    if result != 0:
        raise make_error(result, "")
    return args


def make_error(status: int, message: str, **detail: Any) -> Error:
    """The exception for a status code: its class, the library's status text, ``message`` and
    the ``document``, ``pointer``, ``argument`` and ``reason`` given."""
    name = _lib_unchecked().rehabplan_status_string(status).decode("utf-8", "replace")
    return error_class(status)(status, name, message, **detail)


_size_t = ctypes.c_size_t
_char_p = ctypes.c_char_p

#: Every function of rehabplan.h: (name, argtypes, restype, errcheck, since). Functions that
#: return a status are declared with restype c_int and an errcheck that raises; returned
#: documents come through ``char **`` out-parameters declared as ``void **``: copied, decoded
#: and released with ``rehabplan_free`` by the caller (see ``_context.take_document``).
#: ``since``: the library version that added the function. Those of MIN_LIBRARY_VERSION are
#: required when the library is loaded; later ones are bound lazily (see ``_register``).
_FUNCTIONS: List[Tuple[str, Sequence[Any], Any, Optional[_Errcheck], str]] = [
    ("rehabplan_status_string", [ctypes.c_int], _char_p, None, "1.0.0"),
    ("rehabplan_version_number", [], ctypes.c_int, None, "1.0.0"),
    ("rehabplan_version_string", [], _char_p, None, "1.0.0"),
    ("rehabplan_free", [ctypes.c_void_p], None, None, "1.0.0"),
    ("rehabplan_context_new", [ctypes.POINTER(ContextPointer)], ctypes.c_int, _check_status, "1.0.0"),
    ("rehabplan_context_free", [ContextPointer], None, None, "1.0.0"),
    ("rehabplan_errmsg", [ContextPointer], _char_p, None, "1.0.0"),
    ("rehabplan_context_load_rules", [ContextPointer, _char_p, _size_t], ctypes.c_int, _check_context_status,
     "1.0.0"),
    ("rehabplan_generate", [ContextPointer, _char_p, _size_t, _char_p, _size_t, _c_char_pp],
     ctypes.c_int, _check_context_status, "1.0.0"),
    ("rehabplan_generate_with_findings",
     [ContextPointer, _char_p, _size_t, _char_p, _size_t, _c_char_pp, _c_char_pp],
     ctypes.c_int, _check_context_status, "1.0.0"),
    ("rehabplan_validate", [ContextPointer, _char_p, _size_t, _char_p, _size_t, _c_char_pp],
     ctypes.c_int, _check_context_status, "1.0.0"),
    ("rehabplan_heart_rate_zones", [ContextPointer, _char_p, _size_t, _c_char_pp],
     ctypes.c_int, _check_context_status, "1.0.0"),
    ("rehabplan_rules", [ContextPointer, _c_char_pp], ctypes.c_int, _check_context_status, "1.0.0"),
    ("rehabplan_render", [ContextPointer, _char_p, _size_t, _char_p, _char_p, _c_char_pp, ctypes.POINTER(_size_t)],
     ctypes.c_int, _check_context_status, "1.1.0"),
    ("rehabplan_progress",
     [ContextPointer, _char_p, _size_t, _char_p, _size_t, _char_p, _size_t, _char_p, _char_p, _char_p, _c_char_pp,
      ctypes.POINTER(_size_t)],
     ctypes.c_int, _check_context_status, "1.2.0"),
    ("rehabplan_replan",
     [ContextPointer, _char_p, _size_t, _char_p, _size_t, _char_p, _size_t, _char_p, _c_char_pp, _c_char_pp],
     ctypes.c_int, _check_context_status, "1.2.0"),
    ("rehabplan_batch_line", [ContextPointer, _char_p, _size_t, _size_t, _c_char_pp, ctypes.POINTER(_size_t)],
     ctypes.c_int, _check_context_status, "1.3.0"),
    ("rehabplan_batch", [ContextPointer, _char_p, _size_t, _size_t, ctypes.c_uint, _c_char_pp, ctypes.POINTER(_size_t)],
     ctypes.c_int, _check_context_status, "1.3.0"),
    ("rehabplan_error_json", [ContextPointer, ctypes.POINTER(_size_t)], _char_p, None, "1.4.0"),
    ("rehabplan_context_clone", [ContextPointer, ctypes.POINTER(ContextPointer)], ctypes.c_int, _check_status,
     "1.4.0"),
    ("rehabplan_context_load_exercises", [ContextPointer, _char_p, _size_t], ctypes.c_int, _check_context_status,
     "1.5.0"),
    ("rehabplan_exercises", [ContextPointer, _char_p, _size_t, _c_char_pp, ctypes.POINTER(_size_t)],
     ctypes.c_int, _check_context_status, "1.5.0"),
]


def _version_tuple(text: str) -> Tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _missing_function(fname: str, since: str, name: str, version: str) -> Callable[..., Any]:
    """Stands in for a function the loaded library is too old to have: raises when called."""
    def missing(*args: Any, **kwargs: Any) -> Any:
        raise LibraryError(f"{name} (librehabplan version {version}) has no function {fname}: it needs "
                           f"librehabplan {since} or later")
    missing.__name__ = fname
    return missing


# ---------------------------------------------------------------------------------------------
# Configuration and loading
# ---------------------------------------------------------------------------------------------

class _Config:
    library_path: Optional[str] = None
    library_file: Optional[str] = None
    lib: Optional[ctypes.CDLL] = None
    loaded_from: Optional[str] = None
    #: The functions of _FUNCTIONS the loaded library lacks (an older 1.x), with their version.
    missing: Dict[str, str] = {}
    lock = threading.Lock()


def _check_not_loaded(what: str) -> None:
    if _Config.lib is not None:
        raise LibraryError(f"rehabplan.{what}() must be called before the library is first used; "
                           f"it is already loaded from {_Config.loaded_from}")


def set_library_path(path: "os.PathLike[str] | str") -> None:
    """Loads librehabplan from the directory ``path`` (as ``librehabplan.so.1``).

    Call it before the first use of the library. It takes precedence over the
    ``REHABPLAN_LIBRARY`` environment variable and the default search."""
    with _Config.lock:
        _check_not_loaded("set_library_path")
        _Config.library_path = os.fspath(path)


def set_library_file(filename: "os.PathLike[str] | str") -> None:
    """Loads librehabplan from exactly this file. Call it before the first use of the library;
    it takes precedence over :func:`set_library_path` and ``REHABPLAN_LIBRARY``."""
    with _Config.lock:
        _check_not_loaded("set_library_file")
        _Config.library_file = os.fspath(filename)


def _package_dir() -> str:
    return os.path.dirname(os.path.abspath(__file__))


def _candidates() -> Tuple[List[Tuple[str, str]], bool]:
    """(the files to try in order, each with why; whether the choice was explicit)."""
    if _Config.library_file is not None:
        return [(_Config.library_file, "set by rehabplan.set_library_file()")], True
    if _Config.library_path is not None:
        return [(os.path.join(_Config.library_path, _LIBRARY_NAMES[0]),
                 "in the directory set by rehabplan.set_library_path()")], True
    env = os.environ.get(ENV_VAR)
    if env:
        return [(env, f"named by the {ENV_VAR} environment variable")], True
    found: List[Tuple[str, str]] = []
    for pattern in _BUNDLED_PATTERNS:
        for f in sorted(glob.glob(os.path.join(_package_dir(), pattern))):
            if f not in (c for c, _ in found):
                found.append((f, "next to the rehabplan package"))
    for name in _LIBRARY_NAMES:
        found.append((name, "by the system loader"))
    system = ctypes.util.find_library("rehabplan")
    if system and system not in _LIBRARY_NAMES:
        found.append((system, "by ctypes.util.find_library"))
    return found, False


def _load() -> ctypes.CDLL:
    candidates, explicit = _candidates()
    failures: List[str] = []
    for name, why in candidates:
        try:
            lib = ctypes.CDLL(name)
        except OSError as e:
            if explicit:
                raise LibraryError(f"cannot load librehabplan {why}: {e}") from None
            failures.append(f"  {why}: {e}")
            continue
        _register(lib, name)
        _Config.loaded_from = name
        return lib
    if not any("next to the rehabplan package" in f for f in failures):
        failures.insert(0, f"  next to the rehabplan package: no {' or '.join(_BUNDLED_PATTERNS)} "
                           f"in {_package_dir()}")
    if ctypes.util.find_library("rehabplan") is None:
        failures.append('  by ctypes.util.find_library("rehabplan"): nothing found')
    raise LibraryError(
        f"librehabplan (the rehabplan C library, ABI version {ABI_VERSION}) was not found.\n"
        f"  rehabplan.set_library_file() / set_library_path(): not called\n"
        f"  the {ENV_VAR} environment variable: not set\n" + "\n".join(failures) + "\n"
        f"Build it (scripts/build.sh build) and set {ENV_VAR}=/path/to/{_LIBRARY_NAMES[0]}, "
        "or call rehabplan.set_library_file() or set_library_path() before first use, "
        "or install the library where the system loader finds it.")


def _register(lib: ctypes.CDLL, name: str) -> None:
    """Checks the library's version, then declares every function of ``_FUNCTIONS`` on it. A
    function of MIN_LIBRARY_VERSION that is missing refuses the library; a later one is
    replaced by a stand-in that raises :class:`LibraryError` when called."""
    wanted = f"these Python bindings need librehabplan {ABI_VERSION}.x ({MIN_LIBRARY_VERSION} or later)"
    try:
        number = lib.rehabplan_version_number
    except AttributeError:
        raise LibraryError(f"{name} is not librehabplan (it has no rehabplan_version_number); "
                           f"{wanted}") from None
    number.argtypes, number.restype = [], ctypes.c_int
    n = int(number())
    version = f"{n // 1000000}.{n // 1000 % 1000}.{n % 1000}"
    if n // 1000000 != ABI_VERSION:
        raise LibraryError(f"{name} is librehabplan version {version}; {wanted}")
    missing: Dict[str, str] = {}
    for fname, argtypes, restype, errcheck, since in _FUNCTIONS:
        try:
            func = getattr(lib, fname)
        except AttributeError:
            if _version_tuple(since) <= _version_tuple(MIN_LIBRARY_VERSION):
                raise LibraryError(f"{name} (librehabplan version {version}) has no function {fname}; "
                                   f"{wanted}") from None
            missing[fname] = since
            setattr(lib, fname, _missing_function(fname, since, name, version))
            continue
        func.argtypes = list(argtypes)
        func.restype = restype
        if errcheck is not None:
            func.errcheck = errcheck
    _Config.missing = missing


def has_function(fname: str) -> bool:
    """Whether the loaded library has ``fname`` (loads it on first use)."""
    lib()
    return fname not in _Config.missing


def _lib_unchecked() -> ctypes.CDLL:
    assert _Config.lib is not None
    return _Config.lib


def lib() -> ctypes.CDLL:
    """The loaded library with every function declared; loads it on first use.

    Raises:
        LibraryError: not found, not loadable, or an unsupported version.
    """
    found = _Config.lib
    if found is not None:
        return found
    with _Config.lock:
        if _Config.lib is None:
            _Config.lib = _load()
        return _Config.lib


def library_version() -> str:
    """The version of the loaded librehabplan (``rehabplan_version_string``), e.g. ``"1.0.0"``."""
    return lib().rehabplan_version_string().decode("ascii")


def loaded_library() -> str:
    """What librehabplan was loaded from: a path, or the bare name given to the system loader.
    Loads the library if it is not loaded yet."""
    lib()
    assert _Config.loaded_from is not None
    return _Config.loaded_from
