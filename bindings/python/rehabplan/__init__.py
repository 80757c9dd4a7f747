"""Python bindings for rehabplan: plans and checks rehabilitation exercise programmes.

A thin ctypes layer over librehabplan's stable C API (``rehabplan.h``). Documents go in as
dicts, JSON text or UTF-8 bytes and come back as dicts::

    import rehabplan

    plan = rehabplan.generate(patient, {"schema_version": 1, "start_date": "2026-11-23", "weeks": 12})
    findings = rehabplan.validate(patient, plan)
    page = rehabplan.render(plan, "html", lang="nl")    # str: a printable Dutch A4 page set
    report = rehabplan.progress(patient, plan, log, datetime.date(2026, 12, 3))  # dict
    page = rehabplan.render_progress(patient, plan, log, "2026-12-03", "html")  # str
    revised = rehabplan.replan(patient, plan, log, "2026-12-03")                # the plan from today on
    results = rehabplan.batch(open("requests.ndjson", "rb").read(), threads=2)  # a record per line

    with rehabplan.Context(rules=clinic_rules) as ctx:   # a tightened rule set
        plan = ctx.generate(patient, request)

The library is found as described in :func:`set_library_path` / :func:`set_library_file`, the
``REHABPLAN_LIBRARY`` environment variable, a ``librehabplan.so*`` next to this package, or the
system loader; see README.md.
"""

from ._context import (FORMATS, PROGRESS_FORMATS, BatchInput, Context, Document, GeneratedPlan, ReplannedPlan, batch,
                       batch_line, batch_ndjson, exercises, generate, generate_json, generate_with_findings,
                       heart_rate_zones, iter_batch, progress,
                       render, render_progress, replan, replan_with_findings, rules, validate, validate_json)
from ._errors import (Error, InternalError, InvalidArgumentError, LibraryError, OutOfMemoryError,
                      ParseError, RefusedError, RulesError, SchemaError, Status)
from ._library import library_version, loaded_library, set_library_file, set_library_path
from ._version import __version__

__all__ = [
    "__version__",
    "library_version",
    "loaded_library",
    "set_library_path",
    "set_library_file",
    "Context",
    "Document",
    "GeneratedPlan",
    "generate",
    "generate_json",
    "generate_with_findings",
    "validate",
    "validate_json",
    "heart_rate_zones",
    "rules",
    "exercises",
    "render",
    "progress",
    "render_progress",
    "replan",
    "replan_with_findings",
    "ReplannedPlan",
    "batch",
    "batch_ndjson",
    "iter_batch",
    "batch_line",
    "BatchInput",
    "FORMATS",
    "PROGRESS_FORMATS",
    "Status",
    "Error",
    "InvalidArgumentError",
    "ParseError",
    "SchemaError",
    "RulesError",
    "RefusedError",
    "OutOfMemoryError",
    "InternalError",
    "LibraryError",
]
