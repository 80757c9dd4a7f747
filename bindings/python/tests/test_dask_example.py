"""examples/python/dask_batch.py on a real local Dask cluster (worker processes, 2 workers of
1 thread each) against the single-process batch: the binding's batch_ndjson and the CLI's
``rehabplan batch``, line by line and byte for byte."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
from typing import Any, Dict, List

import pytest

import rehabplan
from conftest import BINDINGS, REPO, example, find_cli, mixed_batch

distributed = pytest.importorskip("distributed", reason="python3-distributed is not installed (scripts/deps.sh "
                                                        "installs it)")

# distributed 2022.12 on Debian's tornado warns about its own use of the event loop.
pytestmark = pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")

SCRIPT = REPO / "examples" / "python" / "dask_batch.py"
LINES = 300
R4 = {"schema_version": 1, "start_date": "2026-11-23", "weeks": 4}
TIGHT_HR = b'{"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"max_percent_hrmax": 70}}}}'


@pytest.fixture(scope="module")
def dask_batch():
    """The example as a module (its run(), main() and worker functions)."""
    spec = importlib.util.spec_from_file_location("dask_batch_example", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # before it runs: it registers itself to be pickled by value
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


@pytest.fixture(scope="module")
def cluster():
    """A local cluster of 2 worker processes with 1 thread each. Spawned workers inherit this
    process's environment (REHABPLAN_LIBRARY) and sys.path (bindings/python, from conftest)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as c:
        yield c


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def mix() -> bytes:
    return mixed_batch(LINES)


@pytest.fixture(scope="module")
def mix_file(tmp_path_factory, mix) -> str:
    path = tmp_path_factory.mktemp("dask") / "requests.ndjson"
    path.write_bytes(mix)
    return str(path)


@pytest.fixture(scope="module")
def single(mix) -> bytes:
    """The single-process batch: the binding's batch_ndjson."""
    return rehabplan.batch_ndjson(mix).encode("utf-8")


def _same_lines(got: bytes, expected: bytes) -> None:
    """Line by line first, so that a failure names the first line that differs, then the bytes."""
    got_lines, expected_lines = got.split(b"\n"), expected.split(b"\n")
    for number, (a, b) in enumerate(zip(got_lines, expected_lines), 1):
        assert a == b, f"line {number} differs:\n  got      {a[:300]!r}\n  expected {b[:300]!r}"
    assert len(got_lines) == len(expected_lines), (len(got_lines), len(expected_lines))
    assert got == expected


def _script(*args: str, env: Dict[str, str], stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], input=stdin, env=env, capture_output=True,
                          timeout=180, check=False)


def _env(**more: str) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env.update(PYTHONPATH=str(BINDINGS), PYTHONDONTWRITEBYTECODE="1", **more)
    return env


def _run(dask_batch, client, data: bytes, **options: Any) -> Dict[str, Any]:
    out = io.BytesIO()
    summary = dask_batch.run(client, io.BytesIO(data), out.write, **options)
    return dict(summary, output=out.getvalue())


# -- the example as a program ------------------------------------------------------------------

def test_the_example_gives_the_single_process_batch_line_by_line(cluster, mix, mix_file, single, tmp_path):
    assert single.count(b"\n") == LINES
    out = tmp_path / "results.ndjson"
    run = _script(mix_file, "--scheduler", cluster.scheduler_address, "--partition-lines", "64", "-o", str(out),
                  env=_env())
    assert run.returncode == 3, run.stderr.decode()  # the mix has bad lines: exit 3, as rehabplan batch
    _same_lines(out.read_bytes(), single)
    records = rehabplan.batch(mix)
    counts = {s: sum(r["status"] == s for r in records) for s in ("ok", "refused", "error")}
    broken = sum(r.get("kind") == "validate" and r["findings"]["summary"]["errors"] > 0 for r in records)
    assert min(counts.values()) > 0 and broken > 0
    assert (f"dask_batch: {LINES} lines: {counts['ok']} ok ({broken} validated plans break a rule), "
            f"{counts['refused']} refused, {counts['error']} bad lines\n").encode() in run.stderr


def test_the_example_gives_the_clis_bytes_and_summary(cluster, mix_file, single, rehabplan_cli, tmp_path):
    cli = subprocess.run([rehabplan_cli, "batch", mix_file, "--threads", "2", "--no-progress"], capture_output=True,
                         timeout=180, check=False)
    assert cli.returncode == 3, cli.stderr
    assert cli.stdout == single
    out = tmp_path / "results.ndjson"
    run = _script(mix_file, "--scheduler", cluster.scheduler_address, "--partition-lines", "41", "-o", str(out),
                  env=_env())
    assert run.returncode == cli.returncode
    _same_lines(out.read_bytes(), cli.stdout)
    summary = cli.stderr.decode().strip().replace("rehabplan batch: ", "dask_batch: ")
    assert summary in run.stderr.decode()


def test_its_own_local_cluster_from_stdin_with_the_library_the_environment_names(mix, single, library_file, tmp_path):
    # The script starts a LocalCluster of 2 worker processes; they find the binding (the source
    # tree's, as PYTHONPATH is not set) and the library named by REHABPLAN_LIBRARY (a copy, so
    # that nothing else could have found it) through the environment they inherit.
    copy = tmp_path / "lib" / "librehabplan.so.1"
    copy.parent.mkdir()
    shutil.copyfile(library_file, copy)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "REHABPLAN_LIBRARY", "LD_LIBRARY_PATH")}
    env.update(REHABPLAN_LIBRARY=str(copy), PYTHONDONTWRITEBYTECODE="1")
    run = _script("-", "--workers", "2", "--partition-lines", "50", env=env, stdin=mix)
    assert run.returncode == 3, run.stderr.decode()
    _same_lines(run.stdout, single)
    assert f"librehabplan {rehabplan.library_version()} ({copy}) on ".encode() in run.stderr


def test_workers_are_other_processes_with_the_tests_library(client, dask_batch, library_file):
    infos = [client.submit(dask_batch.worker_info, (), pure=False, workers=[w]).result() for w in client.nthreads()]
    assert len(infos) == 2
    assert {i["library"] for i in infos} == {library_file} and {i["version"] for i in infos} == {
        rehabplan.library_version()}
    pids = {int(i["worker"].rsplit(":", 1)[1]) for i in infos}
    assert len(pids) == 2 and os.getpid() not in pids


# -- partitions, order and memory --------------------------------------------------------------

@pytest.mark.parametrize("partition_lines", [1, 7, 64, LINES - 1, LINES, 1000])
def test_every_partition_size_gives_the_same_bytes(dask_batch, client, mix, single, partition_lines):
    # 300 lines: partitions of 7 and 64 do not divide them; 1000 is more than the file.
    result = _run(dask_batch, client, mix, partition_lines=partition_lines)
    _same_lines(result["output"], single)
    assert result["lines"] == LINES and result["errors"] > 0
    assert dask_batch.exit_code(result) == 3


@pytest.mark.parametrize("threads", [2, 0])
def test_library_threads_in_each_task_give_the_same_bytes(dask_batch, client, mix, single, threads):
    _same_lines(_run(dask_batch, client, mix, partition_lines=100, threads=threads)["output"], single)


@pytest.mark.parametrize("data", [b"", b"\n", b'{"id": 1}', b"\r\n\r\nnot json\r\n", b'{"id": "\xff"}\n'],
                         ids=["empty", "one-empty-line", "no-final-break", "crlf", "not-utf8"])
def test_odd_input_gives_the_single_process_bytes(dask_batch, client, data):
    result = _run(dask_batch, client, data, partition_lines=1)
    assert result["output"] == rehabplan.batch_ndjson(data).encode("utf-8")
    assert result["lines"] == result["output"].count(b"\n")


def test_the_input_is_read_a_bounded_number_of_partitions_ahead(dask_batch, client, mix, single):
    partition_lines, in_flight = 10, 2
    read = [0]

    def lines():
        for line in io.BytesIO(mix):
            read[0] += 1
            yield line

    written: List[bytes] = []
    ahead: List[int] = []

    def write(data: bytes) -> None:
        # When partition k (from 0) is written, at most in_flight more are submitted or waiting.
        k = len(written)
        ahead.append(read[0])
        assert read[0] <= (k + in_flight + 1) * partition_lines, (k, read[0])
        written.append(data)

    firsts: List[int] = []
    summary = dask_batch.run(client, lines(), write, partition_lines=partition_lines, in_flight=in_flight,
                             on_submit=firsts.append)
    assert firsts == list(range(1, LINES + 1, partition_lines))  # each partition with its first line's number
    assert len(written) == LINES // partition_lines and ahead[0] < LINES
    _same_lines(b"".join(written), single)
    assert summary["lines"] == LINES


# -- exit codes, rules and errors, as rehabplan batch ------------------------------------------

def _lines(*requests: Dict[str, Any]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in requests)


@pytest.mark.parametrize("case,code", [("ok", 0), ("refused", 1), ("broken", 1), ("bad", 3), ("empty", 0)])
def test_exit_codes_are_the_clis(dask_batch, cluster, library_file, tmp_path, capsys, case, code):
    stroke = example("patient-stroke.json")
    data = {
        "ok": _lines({"patient": stroke, "request": R4}, {"patient": stroke, "plan": example("plan-stroke-week.json")}),
        "refused": _lines({"patient": dict(stroke, contraindications={"named": ["unstable_angina"]}), "request": R4},
                          {"patient": stroke, "request": R4}),
        "broken": _lines({"patient": stroke, "plan": example("plan-with-errors.json")}),
        "bad": _lines({"patient": stroke, "request": R4}) + b"\n",
        "empty": b"",
    }[case]
    path, out = tmp_path / "in.ndjson", tmp_path / "out.ndjson"
    path.write_bytes(data)
    assert dask_batch.main([str(path), "--scheduler", cluster.scheduler_address, "-o", str(out)]) == code
    assert out.read_bytes() == rehabplan.batch_ndjson(data).encode("utf-8")
    assert "dask_batch: " in capsys.readouterr().err
    cli = find_cli(library_file)
    if cli is not None:  # and the CLI agrees
        run = subprocess.run([cli, "batch", str(path), "--no-progress"], capture_output=True, timeout=60, check=False)
        assert run.returncode == code and run.stdout == out.read_bytes()


def test_a_clinic_rule_file_is_applied_on_the_workers(dask_batch, cluster, mix, mix_file, tmp_path):
    rules = tmp_path / "clinic.json"
    rules.write_bytes(TIGHT_HR)
    out = tmp_path / "out.ndjson"
    assert dask_batch.main([mix_file, "--scheduler", cluster.scheduler_address, "--rules", str(rules), "-o", str(out),
                            "--partition-lines", "77", "-q"]) == 3
    with rehabplan.Context(rules=TIGHT_HR) as clinic:
        expected = clinic.batch_ndjson(mix).encode("utf-8")
    assert expected != rehabplan.batch_ndjson(mix).encode("utf-8")
    _same_lines(out.read_bytes(), expected)


def test_a_rule_file_the_library_refuses_stops_before_any_record(dask_batch, cluster, mix_file, tmp_path, capsys):
    loose = tmp_path / "loose.json"
    loose.write_bytes(b'{"schema_version": 1, "rules": {"intensity.heart_rate": {"params": {"max_percent_hrmax": 90}}}}')
    out = tmp_path / "out.ndjson"
    out.write_bytes(b"an earlier run's results\n")
    assert dask_batch.main([mix_file, "--scheduler", cluster.scheduler_address, "--rules", str(loose),
                            "-o", str(out)]) == 3
    assert out.read_bytes() == b"an earlier run's results\n"  # as the CLI: rules first, then the output
    err = capsys.readouterr().err
    assert "loosens safety rule intensity.heart_rate.max_percent_hrmax" in err


def test_an_output_that_cannot_be_opened_exits_3(dask_batch, cluster, mix_file, tmp_path, capsys):
    assert dask_batch.main([mix_file, "--scheduler", cluster.scheduler_address,
                            "-o", str(tmp_path / "no-such-dir" / "out.ndjson")]) == 3
    assert "cannot open" in capsys.readouterr().err


def test_an_input_that_cannot_be_read_and_bad_options(dask_batch, tmp_path, capsys):
    assert dask_batch.main([str(tmp_path / "missing.ndjson"), "--workers", "1"]) == 3
    assert "cannot read" in capsys.readouterr().err
    for argv in (["--partition-lines", "0"], ["--threads", "65"], ["--threads", "-1"], ["--workers", "0"],
                 ["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"]):
        with pytest.raises(SystemExit) as info:
            dask_batch.main(argv)
        assert info.value.code == 2, argv
