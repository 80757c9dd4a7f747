#!/usr/bin/env python3
"""Runs a large NDJSON batch (``rehabplan batch``) on a Dask cluster through the Python binding.

    dask_batch.py requests.ndjson -o results.ndjson                      # a local cluster
    dask_batch.py requests.ndjson --scheduler tcp://10.0.0.5:8786 -o results.ndjson
    gzip -dc requests.ndjson.gz | dask_batch.py - --workers 4 > results.ndjson

The client reads the input as a stream and cuts it into partitions of lines, each with the
number of its first line. A worker runs a partition with the library
(``rehabplan.Context.batch_ndjson`` with ``first_line``), so every record keeps the ``line`` of
the whole file, and the client writes the records in input order. The output is the same bytes
as ``rehabplan batch`` on the same file: a record is a pure function of its line, its number
and the rules, whichever process made it. A bad line is an error record and the batch goes on.

Exit codes, as ``rehabplan batch``: 0 every line ok, 1 a plan refused or a validated plan
breaking a rule, 2 usage, 3 a bad line (or an input, output or rule file that cannot be used);
and 4, which the CLI has no use for: the cluster failed, the output is incomplete.

Workers need the ``rehabplan`` package (``pip install bindings/python``) and librehabplan, found
as the binding always finds it (``REHABPLAN_LIBRARY``, a copy next to the package, the system
loader). Workers of the local cluster this script starts inherit its environment, and from the
source tree its ``bindings/python``. See README.md in this directory.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import itertools
import json
import os
import socket
import sys
import warnings
from typing import Any, BinaryIO, Callable, Deque, Dict, Iterable, Iterator, List, Optional, Sequence

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INPUT, EXIT_CLUSTER = 0, 1, 2, 3, 4
MAX_THREADS = 64  # rehabplan's max_batch_threads

_SOURCE_BINDINGS = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "bindings", "python")

if __name__ not in ("__main__", "__mp_main__") and __name__ in sys.modules:
    # Imported as a module (the tests do): the worker functions travel by value, as they do
    # from a script, so workers need not be able to import this file.
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])


# -- on the workers ------------------------------------------------------------------------------

def _tally(text: str) -> Dict[str, int]:
    """The summary ``rehabplan batch`` prints, from the records of a partition."""
    counts = dict.fromkeys(("lines", "ok", "refused", "errors", "plans_with_errors"), 0)
    # split("\n"), not splitlines(): a record may hold U+2028 and the like unescaped.
    for line in text.split("\n"):
        if not line:
            continue
        record = json.loads(line)
        counts["lines"] += 1
        status = record["status"]
        counts["errors" if status == "error" else status] += 1
        if status == "ok" and record["kind"] == "validate" and record["findings"]["summary"]["errors"] > 0:
            counts["plans_with_errors"] += 1
    return counts


def worker_info(rules: Sequence[bytes]) -> Dict[str, Any]:
    """Which library a worker loaded; also checks that the rule files load there (a RulesError
    here stops the batch before any output is written)."""
    import rehabplan

    with rehabplan.Context(rules=list(rules) or None):
        pass
    return {"library": rehabplan.loaded_library(), "version": rehabplan.library_version(),
            "worker": f"{socket.gethostname()}:{os.getpid()}"}


def run_partition(data: bytes, first_line: int, threads: int, rules: Sequence[bytes]) -> Dict[str, Any]:
    """One partition (lines with their line breaks) to its records, numbered from first_line.

    A context of its own per call: contexts are not shared between threads of a worker, and
    making one (with the rules) costs microseconds against milliseconds a line."""
    import rehabplan

    with rehabplan.Context(rules=list(rules) or None) as ctx:
        text = ctx.batch_ndjson(data, threads=threads, first_line=first_line)
    return {"output": text.encode("utf-8"), "counts": _tally(text), "version": rehabplan.library_version(),
            "worker": f"{socket.gethostname()}:{os.getpid()}"}


# -- on the client -------------------------------------------------------------------------------

def partitions(stream: Iterable[bytes], size: int) -> Iterator[List[bytes]]:
    """Lines of a binary stream, ``size`` at a time, each with its line break. Only one
    partition is read at a time; the library numbers and splits lines the same way (on
    "\\n"; a last line without a line break counts; a "\\r" before it is dropped later)."""
    lines = iter(stream)
    while True:
        part = list(itertools.islice(lines, size))
        if not part:
            return
        yield part


class BatchFailed(Exception):
    """The cluster could not finish the batch."""


def check_workers(client: Any, rules: Sequence[bytes]) -> Dict[str, Any]:
    """:func:`worker_info` on a worker of ``client``'s cluster (waiting for one when it has none
    yet): a LibraryError or RulesError raised there stops the batch before anything is written."""
    return client.submit(worker_info, tuple(rules), pure=False).result()


def run(client: Any, stream: Iterable[bytes], write: Callable[[bytes], Any], *, partition_lines: int = 500,
        in_flight: Optional[int] = None, threads: int = 1, rules: Sequence[bytes] = (),
        on_submit: Optional[Callable[[int], None]] = None, info: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """Runs the batch read from ``stream`` on ``client``'s cluster and writes the records, in
    input order, with ``write``. Returns the summary: the counts, the library and the workers.

    At most ``in_flight`` partitions are submitted and not yet written (default: twice the
    cluster's worker threads), so the client holds a bounded part of the input and output
    however large the file. ``on_submit(first_line)`` is called before each submission (tests
    use it to see how far the input was read). ``info`` is :func:`check_workers`' answer when the
    caller already has it."""
    if info is None:
        info = check_workers(client, rules)
    if in_flight is None:
        in_flight = max(2, 2 * sum(client.nthreads().values()))
    totals = dict.fromkeys(("lines", "ok", "refused", "errors", "plans_with_errors"), 0)
    workers = set()

    def collect(future: Any, count: int) -> None:
        result = future.result()
        # Records are the same bytes only when every worker runs the same library version.
        if result["version"] != info["version"]:
            raise BatchFailed(f"worker {result['worker']} runs librehabplan {result['version']}, "
                              f"another {info['version']}; the records could differ")
        if result["counts"]["lines"] != count:  # pragma: no cover - the library and partitions() disagree
            raise BatchFailed(f"a partition of {count} lines gave {result['counts']['lines']} records")
        write(result["output"])
        for key, value in result["counts"].items():
            totals[key] += value
        workers.add(result["worker"])

    pending: Deque[Any] = collections.deque()
    first_line = 1
    with warnings.catch_warnings():
        # A partition travels in its task, not scattered ahead: the scheduler keeps it, so a
        # task lost with its worker runs again elsewhere. Dask warns from 1 MB on; expected here.
        warnings.filterwarnings("ignore", message="Large object of size", category=UserWarning)
        try:
            for part in partitions(stream, partition_lines):
                while len(pending) >= in_flight:
                    collect(*pending.popleft())  # in order: the oldest first, even if later ones are done
                if on_submit is not None:
                    on_submit(first_line)
                future = client.submit(run_partition, b"".join(part), first_line, threads, tuple(rules), pure=False)
                pending.append((future, len(part)))
                first_line += len(part)
            while pending:
                collect(*pending.popleft())
        except BaseException:
            client.cancel([future for future, _ in pending])  # no work for a batch that stopped
            raise
    return dict(totals, library=info["library"], version=info["version"], workers=sorted(workers))


def exit_code(summary: Dict[str, Any]) -> int:
    """As ``rehabplan batch``: a bad line first, then a refusal or a broken rule."""
    if summary["errors"] > 0:
        return EXIT_INPUT
    return EXIT_FINDINGS if summary["refused"] > 0 or summary["plans_with_errors"] > 0 else EXIT_OK


def describe(summary: Dict[str, Any]) -> str:
    """The summary line of ``rehabplan batch``."""
    text = f"{summary['lines']} {'line' if summary['lines'] == 1 else 'lines'}: {summary['ok']} ok"
    if summary["plans_with_errors"] > 0:
        text += f" ({summary['plans_with_errors']} validated plans break a rule)"
    return text + f", {summary['refused']} refused, {summary['errors']} bad line{'' if summary['errors'] == 1 else 's'}"


def _count(low: int, high: Optional[int] = None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}") from None
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"expected {low}-{high}, got {value}" if high is not None
                                             else f"expected {low} or more, got {value}")
        return value
    return parse


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="dask_batch.py", description="Run a rehabplan NDJSON batch on a Dask cluster; the output is the "
                                          "same bytes as `rehabplan batch` on the same file.")
    p.add_argument("input", nargs="?", default="-", help="the NDJSON requests, or - for stdin (default)")
    p.add_argument("-o", "--output", default="-", help="where the records go (default: stdout)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler, e.g. tcp://host:8786")
    where.add_argument("--workers", type=_count(1), metavar="N",
                       help="worker processes of the local cluster started when no --scheduler is given "
                            "(default: one per processor)")
    p.add_argument("--partition-lines", type=_count(1), default=500, metavar="N",
                   help="lines a task runs (default 500)")
    p.add_argument("--in-flight", type=_count(1), metavar="N",
                   help="partitions submitted and not yet written (default: twice the worker threads)")
    p.add_argument("--threads", type=_count(0, MAX_THREADS), default=1, metavar="N",
                   help="library threads per task, 0-64 (0: one per processor; default 1: the workers "
                        "already run in parallel)")
    p.add_argument("--rules", action="append", default=[], metavar="FILE",
                   help="a clinic rule file applied on every worker, as `rehabplan batch --rules` (repeatable)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    return p.parse_args(argv)


def _prepare_local_workers() -> None:
    """Local workers inherit this process's environment. From the source tree, without
    `pip install`, the binding next to this example goes on PYTHONPATH; a relative
    REHABPLAN_LIBRARY is made absolute, as a worker may run in another directory."""
    library = os.environ.get("REHABPLAN_LIBRARY")
    if library and os.sep in library:
        os.environ["REHABPLAN_LIBRARY"] = os.path.abspath(library)
    if importlib.util.find_spec("rehabplan") is None:
        path = os.path.normpath(_SOURCE_BINDINGS)
        if os.path.isdir(os.path.join(path, "rehabplan")):
            sys.path.insert(0, path)
            os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [path, os.environ.get("PYTHONPATH")]))


class _OutputError(Exception):
    pass


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    name = "dask_batch"
    try:
        rules = []
        for path in args.rules:
            with open(path, "rb") as f:
                rules.append(f.read())
        stream: BinaryIO = sys.stdin.buffer if args.input == "-" else open(args.input, "rb")
    except OSError as e:
        print(f"{name}: cannot read {e.filename}: {e.strerror}", file=sys.stderr)
        return EXIT_INPUT
    out: Optional[BinaryIO] = None

    def write(data: bytes) -> None:
        try:
            out.write(data)
        except OSError as e:  # a full disk or a closed pipe: the CLI's "cannot write the results"
            raise _OutputError(e.strerror or str(e)) from e

    try:
        import distributed

        if args.scheduler:
            cluster = None
            client = distributed.Client(args.scheduler)
        else:
            _prepare_local_workers()
            # Processes, one thread each: the library runs in C without the GIL, but the binding's
            # JSON work around it is Python.
            cluster = distributed.LocalCluster(n_workers=args.workers or os.cpu_count() or 1, threads_per_worker=1,
                                               processes=True, dashboard_address=None)
            client = distributed.Client(cluster)
        try:
            # The rule files first, then the output: as the CLI, a refused rule file leaves an
            # existing output file as it was.
            info = check_workers(client, rules)
            try:
                out = sys.stdout.buffer if args.output == "-" else open(args.output, "wb")
            except OSError as e:
                raise _OutputError(f"cannot open {e.filename}: {e.strerror}") from e
            summary = run(client, stream, write, partition_lines=args.partition_lines, in_flight=args.in_flight,
                          threads=args.threads, rules=rules, info=info)
            try:
                out.flush()
            except OSError as e:
                raise _OutputError(e.strerror or str(e)) from e
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    except _OutputError as e:
        print(f"{name}: cannot write the results: {e}", file=sys.stderr)
        return EXIT_INPUT
    except Exception as e:  # noqa: BLE001 - what the cluster or a worker raised, reported
        if type(e).__name__ == "RulesError":  # a rule file the library refuses: the CLI's exit 3
            print(f"{name}: {e}", file=sys.stderr)
            return EXIT_INPUT
        print(f"{name}: the batch did not finish ({type(e).__name__}): {e}", file=sys.stderr)
        return EXIT_CLUSTER
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
        if out is not None and out is not sys.stdout.buffer:
            out.close()
    if not args.quiet:
        print(f"{name}: {describe(summary)}", file=sys.stderr)
        workers = len(summary["workers"])
        print(f"{name}: librehabplan {summary['version']} ({summary['library']}) on {workers} worker "
              f"process{'' if workers == 1 else 'es'}", file=sys.stderr)
    return exit_code(summary)


if __name__ == "__main__":
    sys.exit(main())
