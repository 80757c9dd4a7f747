"""``Context``: one ``rehabplan_context``, and the module-level calls on a per-thread context."""

from __future__ import annotations

import ctypes
import dataclasses
import datetime
import json
import threading
import warnings
import collections.abc
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, TypeVar, Union

from . import _library
from ._errors import RefusedError, Status

__all__ = ["Context", "GeneratedPlan", "ReplannedPlan", "Document", "FORMATS", "PROGRESS_FORMATS", "generate",
           "generate_json", "generate_with_findings", "validate", "validate_json", "heart_rate_zones", "rules", "render", "progress",
           "render_progress", "replan",
           "replan_with_findings", "BatchInput", "batch", "batch_ndjson", "iter_batch", "batch_line"]

#: The formats :meth:`Context.render` knows (``rehabplan_render``'s ``format``).
FORMATS = ("text", "markdown", "html", "ics", "json", "fhir")

#: The formats of a progress report (:meth:`Context.progress`, ``rehabplan_progress``'s ``format``).
PROGRESS_FORMATS = ("json", "text", "html")

#: A JSON document: a mapping (serialised with :func:`json.dumps`), JSON text as ``str`` (sent
#: as UTF-8), or UTF-8 JSON as ``bytes``/``bytearray``/``memoryview`` (sent as is, with its
#: length, so the library sees exactly these bytes).
Document = Union[Mapping[str, Any], str, bytes, bytearray, memoryview]

#: A batch: NDJSON text (``str`` or UTF-8 bytes-like: one request per line), or an iterable of
#: requests, each a mapping (one line of :func:`json.dumps`) or one line of JSON as ``str`` or
#: bytes. A request is ``{"patient": ..., "request": ...}`` (generate) or ``{"patient": ...,
#: "plan": ...}`` (validate), with an optional ``"id"`` (``schema/batch-request.schema.json``).
BatchInput = Union[str, bytes, bytearray, memoryview, Iterable[Union[Mapping[str, Any], str, bytes]]]

_T = TypeVar("_T")


def encode_document(doc: Any, what: str) -> bytes:
    """The UTF-8 bytes of a document for the C call.

    Raises:
        TypeError: ``doc`` is not a mapping, ``str`` or bytes-like object, or a mapping holds a
            value :func:`json.dumps` cannot write. Content is never judged here: ``NaN``, numbers
            out of range, bad UTF-8 and the like go to the library, which reports them.
    """
    if isinstance(doc, bytes):
        return doc
    if isinstance(doc, str):
        # surrogatepass: a lone surrogate reaches the library as invalid UTF-8 (a parse error)
        # instead of failing here with a different kind of error.
        return doc.encode("utf-8", "surrogatepass")
    if isinstance(doc, (bytearray, memoryview)):
        return bytes(doc)
    if isinstance(doc, collections.abc.Mapping):
        try:
            # ASCII with \u escapes: CPython writes it about a fifth faster than UTF-8 text, and
            # the library reads the escapes as the same characters (a lone surrogate is still a
            # parse error there).
            text = json.dumps(doc, separators=(",", ":"))
        except (TypeError, ValueError) as e:
            raise TypeError(f"{what}: cannot be written as JSON: {e}") from None
        return text.encode("utf-8", "surrogatepass")
    raise TypeError(f"{what} must be a dict (or other mapping), JSON str or UTF-8 bytes, "
                    f"not {type(doc).__name__}")


def take_document(out: ctypes.c_void_p) -> Optional[str]:
    """Copies, decodes and releases a document the library returned through ``char **``.

    ``out`` is set back to NULL, so a second call (or a ``finally`` after a failure) does nothing.
    The document is released with ``rehabplan_free`` even when decoding fails."""
    address = out.value
    if not address:
        return None
    try:
        return ctypes.string_at(address).decode("utf-8")
    finally:
        out.value = None
        _library.lib().rehabplan_free(address)


def _text_argument(value: Any, what: str, may_be_none: bool) -> Optional[bytes]:
    """A ``const char *`` argument (a format or language name) as NUL-terminated bytes.

    Raises:
        TypeError: not a ``str`` (or ``None`` where allowed).
        InvalidArgumentError: a NUL character, which would end the C string early, so that the
            library would see another name than the one given.
    """
    if value is None and may_be_none:
        return None
    if not isinstance(value, str):
        allowed = "a str or None" if may_be_none else "a str"
        raise TypeError(f"{what} must be {allowed}, not {type(value).__name__}")
    if "\0" in value:
        raise _library.make_error(Status.INVALID_ARGUMENT, f"{what}: contains a NUL character", argument=what,
                                  reason="argument")
    # surrogatepass: a lone surrogate reaches the library as bytes that are not UTF-8, and the
    # library, not Python, says the name is unknown.
    return value.encode("utf-8", "surrogatepass")


def _date_argument(value: Any) -> bytes:
    """``today`` as the NUL-terminated ``YYYY-MM-DD`` the library reads.

    A :class:`datetime.date` is written with ``isoformat()``; a ``str`` goes to the library as
    is, which judges it (``"today: expected a date YYYY-MM-DD, got ..."``).

    Raises:
        TypeError: not a ``date`` or ``str``; also a :class:`datetime.datetime`, whose day
            depends on a time zone the library cannot know: pass ``.date()`` of the moment
            in the patient's local time.
        InvalidArgumentError: a NUL character in the ``str``.
    """
    if isinstance(value, datetime.datetime):
        raise TypeError("today must be a datetime.date or a str YYYY-MM-DD, not datetime.datetime "
                        "(pass its .date() in the patient's local time)")
    if isinstance(value, datetime.date):
        return value.isoformat().encode("ascii")
    if not isinstance(value, str):
        raise TypeError(f"today must be a datetime.date or a str YYYY-MM-DD, not {type(value).__name__}")
    encoded = _text_argument(value, "today", may_be_none=False)
    assert encoded is not None
    return encoded


def take_text(out: ctypes.c_void_p, length: int) -> Optional[str]:
    """As :func:`take_document`, for a document whose length the library returned: exactly
    ``length`` bytes are copied and decoded, then the document is released."""
    address = out.value
    if not address:
        return None
    try:
        return ctypes.string_at(address, length).decode("utf-8")
    finally:
        out.value = None
        _library.lib().rehabplan_free(address)


def _release(*outs: ctypes.c_void_p) -> None:
    for out in outs:
        if out.value:
            address, out.value = out.value, None
            _library.lib().rehabplan_free(address)


def _document_text(text: Optional[str], what: str) -> str:
    if text is None:  # the library promises a document on success; this would be its bug
        raise _library.make_error(Status.INTERNAL, f"the library returned no {what} document")
    return text


def _loads(text: Optional[str], what: str) -> Dict[str, Any]:
    result: Dict[str, Any] = json.loads(_document_text(text, what))
    return result


def _attach_findings(error: RefusedError, out: ctypes.c_void_p) -> None:
    """Gives a refusal the findings document the library returned with it."""
    error.findings = _loads(take_document(out), "findings")
    error.args = (error.args[0], error.args[1], error.args[2], error.findings)


def _batch_line_bytes(item: Any, where: str) -> bytes:
    """One request of a batch as one line of UTF-8 JSON, without the line break."""
    if isinstance(item, collections.abc.Mapping):
        return encode_document(item, where)  # json.dumps without indent: never a line break
    if isinstance(item, (str, bytes, bytearray, memoryview)):
        data = encode_document(item, where)
        if data.endswith(b"\n"):
            data = data[:-1]
        if b"\n" in data:
            raise _library.make_error(Status.INVALID_ARGUMENT,
                                      f"{where}: a line break inside the line; give one request per item")
        return data
    raise TypeError(f"{where} must be a dict (or other mapping), or one line of JSON as str or bytes, "
                    f"not {type(item).__name__}")


def _batch_items(requests: Any) -> Iterable[Any]:
    """The requests of a batch, one item per line; checks their type now, reads none of them."""
    if isinstance(requests, collections.abc.Mapping):
        raise TypeError("requests must be NDJSON text or an iterable of requests, not a single mapping "
                        "(put it in a list)")
    if isinstance(requests, (str, bytes, bytearray, memoryview)):
        data = encode_document(requests, "requests")
        lines = data.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()  # the final line break ends the last line; it does not start another
        items: Iterable[Any] = lines
    elif isinstance(requests, collections.abc.Iterable):
        items = requests
    else:
        raise TypeError(f"requests must be NDJSON text or an iterable of requests, not {type(requests).__name__}")
    return items


def _batch_chunks(items: Iterable[Any], chunk_lines: Optional[int]) -> Iterator[Tuple[int, bytes]]:
    """The batch as NDJSON chunks of at most ``chunk_lines`` lines (all at once for None):
    (number of lines, bytes with a line break after each line)."""
    chunk: List[bytes] = []
    for i, item in enumerate(items):
        chunk.append(_batch_line_bytes(item, f"requests[{i}]"))
        if chunk_lines is not None and len(chunk) >= chunk_lines:
            yield len(chunk), b"\n".join(chunk) + b"\n"
            chunk = []
    if chunk or chunk_lines is None:
        yield len(chunk), b"\n".join(chunk) + (b"\n" if chunk else b"")


def _count_argument(value: Any, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    if not low <= value <= high:
        raise _library.make_error(Status.INVALID_ARGUMENT, f"{what}: expected {low}-{high}, got {value}",
                                  argument=what, reason="argument")
    return value


def _records(text: str) -> List[Dict[str, Any]]:
    return [json.loads(line) for line in text.split("\n") if line]


@dataclasses.dataclass(frozen=True)
class GeneratedPlan:
    """What :meth:`Context.generate_with_findings` returns.

    Attributes:
        plan: the plan document (``schema/plan.schema.json``).
        findings: the generator's findings (``schema/findings.schema.json``): why the plan
            looks as it does (the week the full dose is reached, HIIT left out and why, ...).
    """

    plan: Dict[str, Any]
    findings: Dict[str, Any]


@dataclasses.dataclass(frozen=True)
class ReplannedPlan:
    """What :meth:`Context.replan_with_findings` returns.

    Attributes:
        plan: the revised plan document (``schema/plan.schema.json``); its ``findings`` say what
            changed and why.
        findings: the same findings as a findings document (``schema/findings.schema.json``).
    """

    plan: Dict[str, Any]
    findings: Dict[str, Any]


class Context:
    """One ``rehabplan_context``: the rule set in force (built-in, maybe tightened by clinic
    files) and the message of the last failure.

    Close it with :meth:`close` or use it as a context manager; ``__del__`` frees it only as a
    fallback. Using a closed context raises :class:`ValueError`.

    Threads: a context is meant for one thread at a time. Calls on one context are serialised
    by a lock, so sharing one is safe but not parallel; give each thread its own context (the
    module-level functions do that for you) to run calls in parallel: ctypes releases the GIL
    during the C call.

    Args:
        rules: a clinic rule file, or a list of them applied in order (see :meth:`load_rules`).
    """

    def __init__(self, rules: Optional[Union[Document, Sequence[Document]]] = None,
                 *, _handle: Optional[_library.ContextPointer] = None) -> None:
        self._handle: Optional[_library.ContextPointer] = None
        self._lock = threading.Lock()
        lib = _library.lib()
        handle = _handle
        if handle is None:
            handle = _library.ContextPointer()
            lib.rehabplan_context_new(ctypes.byref(handle))
        if not handle.value:  # pragma: no cover - the library promises a context on success
            raise _library.make_error(Status.INTERNAL, "rehabplan_context_new returned no context")
        self._handle = handle
        if rules is not None:
            try:
                for doc in (rules if isinstance(rules, (list, tuple)) else (rules,)):
                    self.load_rules(doc)
            except BaseException:
                self.close()
                raise

    # -- lifetime -----------------------------------------------------------------------------

    def close(self) -> None:
        """Releases the C context. Idempotent; waits for a call in progress on another thread."""
        with self._lock:
            handle, self._handle = self._handle, None
        if handle is not None:
            _library.lib().rehabplan_context_free(handle)

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._handle is None

    def __enter__(self) -> "Context":
        self._live()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        # Fallback only: an interpreter shutting down may have torn down the modules already.
        handle = getattr(self, "_handle", None)
        if handle is not None:
            self._handle = None
            try:
                _library.lib().rehabplan_context_free(handle)
            except Exception:  # pragma: no cover
                pass

    def __repr__(self) -> str:
        return f"<rehabplan.Context {'closed' if self.closed else hex(self._handle.value or 0)}>"

    def _live(self) -> _library.ContextPointer:
        handle = self._handle
        if handle is None:
            raise ValueError("this rehabplan.Context is closed")
        return handle

    def _call(self, body: Callable[[ctypes.CDLL, _library.ContextPointer], _T]) -> _T:
        # The lock makes the C call and the rehabplan_errmsg() read in its errcheck one unit, and
        # keeps close() from freeing the context under a running call.
        lib = _library.lib()
        with self._lock:
            return body(lib, self._live())

    def clone(self) -> "Context":
        """A new context with the same rule set (the built-in rules and every clinic file loaded
        here, already parsed and checked), for another thread or worker: cheaper than loading
        the files again. The two are independent afterwards. ``rehabplan_context_clone``;
        needs library 1.4.0 or later (else :class:`LibraryError`)."""
        lib = _library.lib()
        handle = _library.ContextPointer()
        with self._lock:  # the source is only read; the lock keeps close() away meanwhile
            lib.rehabplan_context_clone(self._live(), ctypes.byref(handle))
        return Context(_handle=handle)

    # -- calls --------------------------------------------------------------------------------

    def load_rules(self, rules: Document) -> None:
        """Applies a clinic rule file (``schema/rules.schema.json``, clinic form) on top of the
        rules in force. Files only tighten: loosening a safety parameter, changing a fixed one or
        an unknown rule ID raises :class:`RulesError` naming the rule, parameter and path, and
        leaves the rules unchanged. Files loaded one after another stack."""
        data = encode_document(rules, "rules")
        self._call(lambda lib, h: lib.rehabplan_context_load_rules(h, data, len(data)))

    def load_exercises(self, exercises: Document) -> None:
        """Applies a clinic exercise file (``schema/exercises.schema.json``) on top of the
        exercise library in force: new exercises, replacements that keep their chain, level,
        category and every precaution, new precautions, facts added to known ones, videos.
        Dropping a precaution or a fact raises :class:`RulesError` naming the path (document
        ``"exercises"``) and leaves the library unchanged. Files loaded one after another stack.
        ``rehabplan_context_load_exercises``; library 1.5.0 or later."""
        data = encode_document(exercises, "exercises")
        self._call(lambda lib, h: lib.rehabplan_context_load_exercises(h, data, len(data)))

    def exercises(self, condition: Optional[str] = None, language: str = "en",
                  format: str = "json") -> Union[Dict[str, Any], str]:
        """The exercise library in force (built-in plus any clinic exercise file).

        Args:
            condition: only the exercises that suit it (``"stroke"``, ``"tbi"``,
                ``"concussion"``, ``"dementia"``, ``"parkinson"``, ``"chronic_pain"``);
                ``None``: all.
            language: ``"en"`` or ``"nl"``.
            format: ``"json"`` (returned parsed, as a dict), ``"text"`` or ``"html"`` (a
                printable catalogue with a picture of every exercise), returned as ``str``.

        Raises:
            SchemaError: an unknown condition, language or format (the options member named).
        ``rehabplan_exercises``; library 1.5.0 or later."""
        options: Dict[str, Any] = {"lang": language, "format": format}
        if condition is not None:
            options["condition"] = condition
        data = json.dumps(options).encode("utf-8")
        out = ctypes.c_void_p()
        length = ctypes.c_size_t()

        def call(lib: ctypes.CDLL, h: _library.ContextPointer) -> Optional[str]:
            try:
                lib.rehabplan_exercises(h, data, len(data), ctypes.byref(out), ctypes.byref(length))
                return take_text(out, length.value)
            finally:
                _release(out)

        text = self._call(call)
        if format == "json":
            return _loads(text, "exercises")
        if text is None:  # pragma: no cover - the library promises a document on success
            raise _library.make_error(Status.INTERNAL, "the library returned no exercise listing")
        return text

    def generate(self, patient: Document, request: Document) -> Dict[str, Any]:
        """Generates a dated, graded plan for ``patient`` (``schema/patient.schema.json``) as
        asked by ``request`` (``schema/request.schema.json``: start date, weeks, programme,
        language). Returns the plan document (``schema/plan.schema.json``).

        Raises:
            RefusedError: no plan may be made for this patient; ``.findings`` has the reasons.
            InvalidArgumentError, ParseError, SchemaError: a bad document or request.
            TypeError: a document of the wrong Python type (nothing was sent to the library).
        """
        return _loads(self.generate_json(patient, request), "plan")

    def generate_json(self, patient: Document, request: Document) -> str:
        """As :meth:`generate`, but the plan as the JSON text the library wrote (the bytes of
        ``rehabplan_generate``), not parsed into a dict. For pipelines that store, send, validate
        or render plans without looking inside: a 12-week plan is about 230 KB, and
        ``json.loads`` of it and ``json.dumps`` for the next call cost more than the library's
        own work (README, Benchmarks). Raises as :meth:`generate`."""
        p = encode_document(patient, "patient")
        r = encode_document(request, "request")
        out = ctypes.c_void_p()

        def call(lib: ctypes.CDLL, h: _library.ContextPointer) -> Optional[str]:
            try:
                try:
                    lib.rehabplan_generate(h, p, len(p), r, len(r), ctypes.byref(out))
                except RefusedError as e:
                    _attach_findings(e, out)
                    raise
                return take_document(out)
            finally:
                _release(out)

        return _document_text(self._call(call), "plan")

    def generate_with_findings(self, patient: Document, request: Document) -> GeneratedPlan:
        """As :meth:`generate`, and also the generator's findings: why the plan looks as it
        does. Raises as :meth:`generate`."""
        p = encode_document(patient, "patient")
        r = encode_document(request, "request")
        plan, findings = ctypes.c_void_p(), ctypes.c_void_p()

        def call(lib: ctypes.CDLL, h: _library.ContextPointer) -> Tuple[Optional[str], Optional[str]]:
            try:
                try:
                    lib.rehabplan_generate_with_findings(h, p, len(p), r, len(r), ctypes.byref(plan),
                                                         ctypes.byref(findings))
                except RefusedError as e:
                    _attach_findings(e, findings)
                    raise
                return take_document(plan), take_document(findings)
            finally:
                _release(plan, findings)

        plan_text, findings_text = self._call(call)
        return GeneratedPlan(plan=_loads(plan_text, "plan"), findings=_loads(findings_text, "findings"))

    def validate(self, patient: Document, plan: Document) -> Dict[str, Any]:
        """Checks a plan (generated or written by a therapist) against the rules in force for
        the patient. Violations are data, not errors: returns the findings document
        (``schema/findings.schema.json``) listing them with rule ID, severity, place, expected
        and actual values, messages and citations.

        Raises:
            ParseError, SchemaError: a bad patient or plan document ("patient" or "plan" and
                the JSON Pointer in the message).
        """
        return _loads(self.validate_json(patient, plan), "findings")

    def validate_json(self, patient: Document, plan: Document) -> str:
        """As :meth:`validate`, but the findings as the JSON text the library wrote. With the
        plan given as text too (from :meth:`generate_json`), Python does no JSON work at all.
        Raises as :meth:`validate`."""
        p = encode_document(patient, "patient")
        q = encode_document(plan, "plan")
        return _document_text(self._out_call("rehabplan_validate", p, len(p), q, len(q)), "findings")

    def heart_rate_zones(self, patient: Document) -> Dict[str, Any]:
        """The patient's HRmax (measured or the formula used), aerobic target zone, intensity
        bands and HIIT ceiling (``schema/zones.schema.json``). Raises as :meth:`validate`."""
        p = encode_document(patient, "patient")
        return _loads(self._out_call("rehabplan_heart_rate_zones", p, len(p)), "zones")

    def rules(self) -> Dict[str, Any]:
        """The rule set in force in this context (built-in plus any clinic files), with every
        parameter, its unit, direction of strictness and citations (``schema/rules.schema.json``)."""
        return _loads(self._out_call("rehabplan_rules"), "rules")

    def render(self, plan: Document, format: str = "html", lang: Optional[str] = None) -> str:
        """Renders a plan document (``schema/plan.schema.json``) for the patient.

        Args:
            plan: a generated plan (its ``patient``, ``heart_rate_zone`` and ``findings`` add the
                patient summary, the zone with its formula and the review for the therapist) or
                one a therapist wrote.
            format: ``"html"`` (a self-contained A4 page set: inline CSS and SVG, no scripts, no
                network), ``"text"`` (80 columns), ``"markdown"``, ``"ics"`` (an iCalendar file,
                RFC 5545, one event per session, CRLF line ends), ``"json"`` (the plan
                document itself, normalised) or ``"fhir"`` (an HL7 FHIR R4 Bundle: CarePlan,
                Goals, PlanDefinition, ...; ``json.loads`` it for a dict; library 1.3.0 or
                later). See :data:`FORMATS`.
            lang: ``"en"`` or ``"nl"`` for every label, weekday, month, unit and stop signal;
                ``None`` or ``""`` takes the plan's own language (English when it has none).
                Text the generator wrote is translated; text a therapist typed is printed as
                written.

        Returns:
            The document as ``str``. The same inputs give the same text. The weekly targets in
            the chart are the rules in force in this context. An ``"ics"`` document keeps its
            CRLF line ends: write it with ``open(path, "w", newline="")`` or as bytes
            (``.encode("utf-8")``) so that nothing converts them.

        Raises:
            InvalidArgumentError: an unknown format or language.
            ParseError, SchemaError: a bad plan document (``"plan"`` and the JSON Pointer in the
                message).
            TypeError: a plan, format or language of the wrong Python type (nothing was sent to
                the library).
        """
        document = encode_document(plan, "plan")
        fmt = _text_argument(format, "format", may_be_none=False)
        language = _text_argument(lang, "lang", may_be_none=True)
        out = ctypes.c_void_p()
        length = ctypes.c_size_t()

        def call(lib: ctypes.CDLL, h: _library.ContextPointer) -> Optional[str]:
            try:
                lib.rehabplan_render(h, document, len(document), fmt, language, ctypes.byref(out),
                                     ctypes.byref(length))
                return take_text(out, length.value)
            finally:
                _release(out)

        text = self._call(call)
        if text is None:  # the library promises a document on success; this would be its bug
            raise _library.make_error(Status.INTERNAL, "the library returned no rendered document")
        return text

    def progress(self, patient: Document, plan: Document, log: Document, today: Union[datetime.date, str],
                 format: str = "json", lang: Optional[str] = None) -> Any:
        """Weekly progress of ``patient`` on ``plan`` from the session ``log``
        (``schema/session-log.schema.json``: what the patient actually did), as of ``today``.

        For every plan week that started before today: planned and done sessions and minutes,
        adherence, minutes in the heart-rate zone, RPE, symptoms, stop signals and training
        load, and the progression decision (``advance``, ``hold``, ``step_back`` or
        ``stop_and_refer``) with the rule behind it; then the decision for the weeks from today
        and findings for the therapist. The rules in force in this context decide.

        Args:
            patient, plan, log: the documents (dict, JSON ``str`` or UTF-8 bytes).
            today: the date of the report, a :class:`datetime.date` or ``"YYYY-MM-DD"``. Log
                entries up to and including today count; one after today is an error.
            format: ``"json"`` (the report, ``schema/progress.schema.json``), ``"text"`` (80
                columns) or ``"html"`` (a self-contained A4 page set with charts). See
                :data:`PROGRESS_FORMATS`.
            lang: ``"en"`` or ``"nl"``; ``None`` or ``""`` takes the plan's own language.

        Returns:
            The report as a dict (``schema/progress.schema.json``). The same inputs give the
            same result. For the printable report (text or HTML, a ``str``) use
            :meth:`render_progress`. Deprecated since 1.4.0: ``format="text"`` or ``"html"``
            here still returns the ``str`` (with a :class:`DeprecationWarning`), so code
            written for 1.2 and 1.3 keeps working until 2.0.

        Raises:
            InvalidArgumentError: a ``today`` that is not a date or is before the plan's start
                (``"today: ..."``), an unknown format or language.
            ParseError, SchemaError: a bad document (``"patient: "``, ``"plan: "``, ``"log: "``
                and the JSON Pointer); a log that does not fit the plan or today is a
                ``SchemaError`` naming the entry (``"log: /entries/3/date: ..."``).
            TypeError: an argument of the wrong Python type (nothing was sent to the library).
        """
        p = encode_document(patient, "patient")
        q = encode_document(plan, "plan")
        g = encode_document(log, "log")
        day = _date_argument(today)
        fmt = _text_argument(format, "format", may_be_none=False)
        language = _text_argument(lang, "lang", may_be_none=True)
        out = ctypes.c_void_p()
        length = ctypes.c_size_t()

        def call(lib: ctypes.CDLL, h: _library.ContextPointer) -> Optional[str]:
            try:
                lib.rehabplan_progress(h, p, len(p), q, len(q), g, len(g), day, fmt, language, ctypes.byref(out),
                                       ctypes.byref(length))
                return take_text(out, length.value)
            finally:
                _release(out)

        text = self._call(call)
        if format == "json":
            return _loads(text, "progress")
        warnings.warn("rehabplan progress(format=%r) returns a str and is deprecated since 1.4.0: use "
                      "render_progress(..., format=%r); progress() will always return the dict" % (format, format),
                      DeprecationWarning, stacklevel=2)
        if text is None:  # the library promises a document on success; this would be its bug
            raise _library.make_error(Status.INTERNAL, "the library returned no progress document")
        return text

    def render_progress(self, patient: Document, plan: Document, log: Document, today: Union[datetime.date, str],
                        format: str = "html", lang: Optional[str] = None) -> str:
        """The progress report of :meth:`progress` as a printable document: ``"html"`` (a
        self-contained A4 page set with charts) or ``"text"`` (80 columns), in ``lang``
        (``"en"`` or ``"nl"``; ``None`` takes the plan's). Always a ``str``. Raises as
        :meth:`progress`; ``format="json"`` is an :class:`InvalidArgumentError` here (use
        :meth:`progress` for the dict). Since 1.4.0 (any 1.2 library or later)."""
        if format not in ("text", "html"):
            raise _library.make_error(Status.INVALID_ARGUMENT,
                                      f"format: {format!r} is not a printable progress format; expected "
                                      "'text' or 'html' (progress() gives the report as a dict)",
                                      argument="format", reason="argument")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            result: str = self.progress(patient, plan, log, today, format, lang)
        return result

    def replan(self, patient: Document, plan: Document, log: Document,
               today: Union[datetime.date, str]) -> Dict[str, Any]:
        """Rewrites ``plan`` from ``today`` on, following the progression decision of
        :meth:`progress` for the same inputs: sessions before today stay; advance keeps the
        plan, hold repeats the last week's dose, step_back goes a week back, stop_and_refer
        removes every session from today until a clinician has seen the patient. The plan
        keeps its dates and length.

        Returns:
            The revised plan document (``schema/plan.schema.json``); its ``findings`` say what
            changed and why. It validates with zero errors for the patient under this
            context's rules.

        Raises:
            As :meth:`progress` (no format or language here).
        """
        return self._replan(patient, plan, log, today, with_findings=False)[0]

    def replan_with_findings(self, patient: Document, plan: Document, log: Document,
                             today: Union[datetime.date, str]) -> ReplannedPlan:
        """As :meth:`replan`, and also the findings as a findings document
        (``schema/findings.schema.json``). Raises as :meth:`replan`."""
        revised, findings = self._replan(patient, plan, log, today, with_findings=True)
        assert findings is not None
        return ReplannedPlan(plan=revised, findings=findings)

    def _replan(self, patient: Document, plan: Document, log: Document, today: Union[datetime.date, str],
                with_findings: bool) -> Tuple[Dict[str, Any], Optional[Dict[str, Any]]]:
        p = encode_document(patient, "patient")
        q = encode_document(plan, "plan")
        g = encode_document(log, "log")
        day = _date_argument(today)
        revised, findings = ctypes.c_void_p(), ctypes.c_void_p()

        def call(lib: ctypes.CDLL, h: _library.ContextPointer) -> Tuple[Optional[str], Optional[str]]:
            try:
                lib.rehabplan_replan(h, p, len(p), q, len(q), g, len(g), day, ctypes.byref(revised),
                                     ctypes.byref(findings) if with_findings else None)
                return take_document(revised), take_document(findings)
            finally:
                _release(revised, findings)

        plan_text, findings_text = self._call(call)
        return (_loads(plan_text, "plan"), _loads(findings_text, "findings") if with_findings else None)

    # -- batches ------------------------------------------------------------------------------

    def batch_ndjson(self, requests: BatchInput, threads: int = 1, first_line: int = 1) -> str:
        """Runs a batch and returns the library's NDJSON exactly: one result record per request,
        each followed by ``"\\n"``, in input order (``schema/batch-result.schema.json``).

        A request that cannot be read or planned gives an error record (``"status": "error"``
        with the field's JSON Pointer from the line's root) and the batch goes on; a refused
        plan is a ``"refused"`` record. Neither raises.

        Args:
            requests: see :data:`BatchInput`.
            threads: worker threads in the library, 1-64, or 0 for one per processor; the
                records are the same for every number.
            first_line: the number of the first request (1; larger for a part of a file), as the
                records' ``"line"``.

        Raises:
            InvalidArgumentError: ``threads`` or ``first_line`` out of range; a ``str`` request
                with a line break inside it.
            TypeError: an argument of the wrong Python type (nothing was sent to the library).
        """
        return "".join(self._batch_texts(requests, threads, first_line, None))

    def batch(self, requests: BatchInput, threads: int = 1, first_line: int = 1) -> List[Dict[str, Any]]:
        """:meth:`batch_ndjson`, each record as a dict."""
        return _records(self.batch_ndjson(requests, threads, first_line))

    def iter_batch(self, requests: BatchInput, threads: int = 1, first_line: int = 1,
                   chunk_lines: int = 1000) -> Iterator[Dict[str, Any]]:
        """As :meth:`batch`, streaming: reads ``requests`` (a file object works: it iterates
        over lines) ``chunk_lines`` at a time and returns an iterator over the records in order,
        so a batch of any size runs in bounded memory. Arguments are checked at the call (it
        raises as :meth:`batch_ndjson`, plus ``chunk_lines`` 1-10,000,000); the requests are
        read, and the library runs, only as the records are asked for."""
        chunk = _count_argument(chunk_lines, "chunk_lines", 1, 10_000_000)
        # Not a generator function itself, so that bad arguments raise here and not at the
        # first next(), far from the call.
        texts = self._batch_texts(requests, threads, first_line, chunk)
        return (record for text in texts for record in _records(text))

    def _batch_texts(self, requests: BatchInput, threads: int, first_line: int,
                     chunk_lines: Optional[int]) -> Iterator[str]:
        """Checks the arguments (now), then gives the library's output chunk by chunk (lazily)."""
        n_threads = _count_argument(threads, "threads", 0, 64)
        line = _count_argument(first_line, "first_line", 1, 2**63 - 1)
        items = _batch_items(requests)
        self._live()
        return self._run_chunks(_batch_chunks(items, chunk_lines), n_threads, line)

    def _run_chunks(self, chunks: Iterator[Tuple[int, bytes]], n_threads: int, line: int) -> Iterator[str]:
        for count, data in chunks:
            out = ctypes.c_void_p()
            length = ctypes.c_size_t()

            def call(lib: ctypes.CDLL, h: _library.ContextPointer) -> Optional[str]:
                try:
                    lib.rehabplan_batch(h, data, len(data), line, n_threads, ctypes.byref(out), ctypes.byref(length))
                    return take_text(out, length.value)
                finally:
                    _release(out)

            text = self._call(call)
            if text is None:  # the library promises a document on success; this would be its bug
                raise _library.make_error(Status.INTERNAL, "the library returned no batch output")
            line += count
            yield text

    def batch_line(self, request: Union[Mapping[str, Any], str, bytes], line_number: int = 1) -> Dict[str, Any]:
        """One request of a batch to its record (``rehabplan_batch_line``), as a dict. To run
        requests in parallel from Python threads, give each thread its own :class:`Context`
        (the module-level :func:`batch_line` does): ctypes releases the GIL during the call."""
        data = _batch_line_bytes(request, "request")
        number = _count_argument(line_number, "line_number", 1, 2**63 - 1)
        out = ctypes.c_void_p()
        length = ctypes.c_size_t()

        def call(lib: ctypes.CDLL, h: _library.ContextPointer) -> Optional[str]:
            try:
                lib.rehabplan_batch_line(h, data, len(data), number, ctypes.byref(out), ctypes.byref(length))
                return take_text(out, length.value)
            finally:
                _release(out)

        return _loads(self._call(call), "batch record")

    def _out_call(self, name: str, *args: Any) -> Optional[str]:
        """Calls ``name(ctx, *args, &out)`` and returns the document ``out``."""
        out = ctypes.c_void_p()

        def call(lib: ctypes.CDLL, h: _library.ContextPointer) -> Optional[str]:
            try:
                getattr(lib, name)(h, *args, ctypes.byref(out))
                return take_document(out)
            finally:
                _release(out)

        return self._call(call)


# -- module-level calls on a per-thread default context ---------------------------------------

_default = threading.local()


def _context() -> Context:
    ctx: Optional[Context] = getattr(_default, "context", None)
    if ctx is None:
        ctx = Context()
        _default.context = ctx
    return ctx


def generate(patient: Document, request: Document) -> Dict[str, Any]:
    """:meth:`Context.generate` with the built-in rules, on this thread's default context."""
    return _context().generate(patient, request)


def generate_with_findings(patient: Document, request: Document) -> GeneratedPlan:
    """:meth:`Context.generate_with_findings` with the built-in rules, on this thread's
    default context."""
    return _context().generate_with_findings(patient, request)


def generate_json(patient: Document, request: Document) -> str:
    """:meth:`Context.generate_json` with the built-in rules, on this thread's default context."""
    return _context().generate_json(patient, request)


def validate(patient: Document, plan: Document) -> Dict[str, Any]:
    """:meth:`Context.validate` with the built-in rules, on this thread's default context."""
    return _context().validate(patient, plan)


def validate_json(patient: Document, plan: Document) -> str:
    """:meth:`Context.validate_json` with the built-in rules, on this thread's default context."""
    return _context().validate_json(patient, plan)


def heart_rate_zones(patient: Document) -> Dict[str, Any]:
    """:meth:`Context.heart_rate_zones` with the built-in rules, on this thread's default context."""
    return _context().heart_rate_zones(patient)


def rules() -> Dict[str, Any]:
    """The built-in rule set (:meth:`Context.rules` of this thread's default context)."""
    return _context().rules()


def exercises(condition: Optional[str] = None, language: str = "en",
              format: str = "json") -> Union[Dict[str, Any], str]:
    """:meth:`Context.exercises`: the built-in exercise library, on this thread's default context."""
    return _context().exercises(condition, language, format)


def render(plan: Document, format: str = "html", lang: Optional[str] = None) -> str:
    """:meth:`Context.render` with the built-in rules, on this thread's default context."""
    return _context().render(plan, format, lang)


def progress(patient: Document, plan: Document, log: Document, today: Union[datetime.date, str],
             format: str = "json", lang: Optional[str] = None) -> Any:
    """:meth:`Context.progress` with the built-in rules, on this thread's default context: the
    report as a dict (``format="text"``/``"html"`` is deprecated: use :func:`render_progress`)."""
    return _context().progress(patient, plan, log, today, format, lang)


def render_progress(patient: Document, plan: Document, log: Document, today: Union[datetime.date, str],
                    format: str = "html", lang: Optional[str] = None) -> str:
    """:meth:`Context.render_progress` with the built-in rules, on this thread's default
    context: the printable report (``"html"`` or ``"text"``) as ``str``."""
    return _context().render_progress(patient, plan, log, today, format, lang)


def replan(patient: Document, plan: Document, log: Document, today: Union[datetime.date, str]) -> Dict[str, Any]:
    """:meth:`Context.replan` with the built-in rules, on this thread's default context."""
    return _context().replan(patient, plan, log, today)


def replan_with_findings(patient: Document, plan: Document, log: Document,
                         today: Union[datetime.date, str]) -> ReplannedPlan:
    """:meth:`Context.replan_with_findings` with the built-in rules, on this thread's default
    context."""
    return _context().replan_with_findings(patient, plan, log, today)


def batch(requests: BatchInput, threads: int = 1, first_line: int = 1) -> List[Dict[str, Any]]:
    """:meth:`Context.batch` with the built-in rules, on this thread's default context."""
    return _context().batch(requests, threads, first_line)


def batch_ndjson(requests: BatchInput, threads: int = 1, first_line: int = 1) -> str:
    """:meth:`Context.batch_ndjson` with the built-in rules, on this thread's default context."""
    return _context().batch_ndjson(requests, threads, first_line)


def iter_batch(requests: BatchInput, threads: int = 1, first_line: int = 1,
               chunk_lines: int = 1000) -> Iterator[Dict[str, Any]]:
    """:meth:`Context.iter_batch` with the built-in rules, on this thread's default context."""
    return _context().iter_batch(requests, threads, first_line, chunk_lines)


def batch_line(request: Union[Mapping[str, Any], str, bytes], line_number: int = 1) -> Dict[str, Any]:
    """:meth:`Context.batch_line` with the built-in rules, on this thread's default context."""
    return _context().batch_line(request, line_number)
