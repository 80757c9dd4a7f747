"""Exceptions: one per status code of the C API, plus the library-loading error."""

from __future__ import annotations

import enum
from typing import Any, Dict, Optional, Type, Union


class Status(enum.IntEnum):
    """The ``rehabplan_status`` codes of ``rehabplan.h``. Stable; new codes are only appended."""

    OK = 0
    INVALID_ARGUMENT = 1
    PARSE_ERROR = 2
    SCHEMA_ERROR = 3
    RULES_ERROR = 4
    REFUSED = 5
    OUT_OF_MEMORY = 6
    INTERNAL = 7


class LibraryError(OSError):
    """librehabplan could not be found or loaded, or it is not a version these bindings support.

    Not a :class:`Error`: no call reached the library, so there is no status code.
    """


class Error(Exception):
    """A call into librehabplan failed.

    Attributes:
        status: the ``rehabplan_status`` code (a :class:`Status` when it is a known code,
            otherwise the plain ``int`` the library returned).
        status_name: the library's text for the code (``rehabplan_status_string``), e.g.
            ``"schema error"``.
        message: the context's detail (``rehabplan_errmsg``), e.g.
            ``"patient: /age: expected an integer 12-110, got number 1e+300"``; may be ``""``.
        document: the input at fault, from ``rehabplan_error_json`` (library 1.4.0 or later):
            ``"patient"``, ``"plan"``, ``"request"``, ``"log"``, ``"rules"`` or ``"options"``;
            ``None`` when no document is at fault (or the library is older).
        pointer: the JSON Pointer of the field at fault within ``document`` (``""`` = the whole
            document), e.g. ``"/age"``; ``None`` with ``document``.
        argument: the C parameter at fault when it is not a document (``"format"``,
            ``"lang"``, ``"today"``, ``"threads"``, ...), else ``None``.
        reason: for :class:`InvalidArgumentError` only, which of its meanings:
            ``"argument"`` (a bad argument), ``"cannot_plan"`` (a request that cannot be
            planned as asked) or ``"plan_breaks_rule"`` (replan of a plan that already breaks
            a rule); ``None`` otherwise.
    """

    status: Union[Status, int]
    status_name: str
    message: str
    document: Optional[str]
    pointer: Optional[str]
    argument: Optional[str]
    reason: Optional[str]

    def __init__(self, status: int, status_name: str, message: str = "", *, document: Optional[str] = None,
                 pointer: Optional[str] = None, argument: Optional[str] = None,
                 reason: Optional[str] = None) -> None:
        super().__init__(status, status_name, message)
        try:
            self.status = Status(status)
        except ValueError:
            self.status = status
        self.status_name = status_name
        self.message = message
        self.document = document
        self.pointer = pointer
        self.argument = argument
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.status_name}: {self.message}" if self.message else self.status_name

    def __repr__(self) -> str:
        return f"{type(self).__name__}({int(self.status)!r}, {self.status_name!r}, {self.message!r})"


class InvalidArgumentError(Error, ValueError):
    """``REHABPLAN_INVALID_ARGUMENT``: a bad argument (``reason == "argument"``), a request that
    cannot be planned as asked (``"cannot_plan"``: for example a programme for another
    condition, or ``graded_exposure`` without a fear hierarchy) or a plan that already breaks a
    rule, which replan refuses (``"plan_breaks_rule"``)."""


class ParseError(Error, ValueError):
    """``REHABPLAN_PARSE_ERROR``: not JSON (``NaN`` included), not UTF-8, empty, too large or
    too deep."""


class SchemaError(Error, ValueError):
    """``REHABPLAN_SCHEMA_ERROR``: valid JSON that breaks the document's schema; the message
    names the document and the JSON Pointer of the field."""


class RulesError(Error, ValueError):
    """``REHABPLAN_RULES_ERROR``: a clinic rule file that is malformed or loosens a safety rule."""


class RefusedError(Error):
    """``REHABPLAN_REFUSED``: no plan may be made for this patient (an absolute
    contraindication, for example).

    Attributes:
        findings: the findings document the library returned with the refusal (reasons and
            referral, to show to the clinician), as a dict.
    """

    findings: Dict[str, Any]

    def __init__(self, status: int, status_name: str, message: str = "",
                 findings: Optional[Dict[str, Any]] = None, **detail: Any) -> None:
        super().__init__(status, status_name, message, **detail)
        self.args = (status, status_name, message, findings)
        self.findings = findings if findings is not None else {}


class OutOfMemoryError(Error, MemoryError):
    """``REHABPLAN_OUT_OF_MEMORY``: an allocation in the library failed; the context is unchanged."""


class InternalError(Error):
    """``REHABPLAN_INTERNAL``: a bug in rehabplan; please report it with the inputs."""


_ERROR_CLASSES: Dict[int, Type[Error]] = {
    Status.INVALID_ARGUMENT: InvalidArgumentError,
    Status.PARSE_ERROR: ParseError,
    Status.SCHEMA_ERROR: SchemaError,
    Status.RULES_ERROR: RulesError,
    Status.REFUSED: RefusedError,
    Status.OUT_OF_MEMORY: OutOfMemoryError,
    Status.INTERNAL: InternalError,
}


def error_class(status: int) -> Type[Error]:
    """The exception class for a non-zero status code; :class:`Error` for an unknown code."""
    return _ERROR_CLASSES.get(status, Error)
