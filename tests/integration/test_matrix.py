"""Real cells on every implementation (the shared run) and what the tool makes of them;
the probes on the baseline; the scaling job on every implementation."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from implmatrix import BUILTIN_PROBES, HARNESS, model
from implmatrix.cells import last_marked
from implmatrix.container import Container
from implmatrix.run import HARNESS_MOUNT
from tests.integration.conftest import (
    BUILTINS,
    FIXTURE_CELLS,
    VALUES,
    SharedRun,
    implmatrix,
    leftover_containers,
    raw_cells,
)


def test_the_run_exits_zero_with_summary(shared_run: SharedRun, impls):
    proc = shared_run.proc
    assert proc.returncode == 0, proc.stderr
    # The run ends with its summary, the report's paths and the comparison with the
    # previous run (none here).
    summary, report, history = proc.stdout.strip().splitlines()[-3:]
    assert report.startswith("report: ") and history.startswith("no comparable earlier run")
    n, ok = len(impls) * (len(FIXTURE_CELLS) + len(BUILTINS)), len(impls) * (1 + len(BUILTINS))
    assert summary.startswith(f"{n} cells: {ok} ok, "), summary
    assert "Traceback" not in proc.stdout + proc.stderr


@pytest.mark.parametrize("workload", sorted(FIXTURE_CELLS))
def test_fixture_status_on_every_implementation(shared_run: SharedRun, impls, workload):
    run_dir = shared_run.path
    cells = raw_cells(run_dir)
    got = {impl: cells[impl, workload].status for impl in impls}
    assert got == dict.fromkeys(impls, FIXTURE_CELLS[workload])


def test_errors_keep_exception_type_and_message(shared_run: SharedRun, impls):
    run_dir = shared_run.path
    cells = raw_cells(run_dir)
    for impl in impls:
        assert cells[impl, "raises"].error == "ValueError: fixture failure <b>&amp;</b>"
        assert "implmatrix_no_such_module" in cells[impl, "missing_import"].error
        assert cells[impl, "crashes"].error.startswith("killed by SIG")


def test_results_csv_and_versions(shared_run: SharedRun, impls):
    run_dir = shared_run.path
    with open(run_dir / "results.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(impls) * (len(FIXTURE_CELLS) + len(BUILTINS))
    for column in ("implementation", "family", "version", "workload", "status", "first_s",
                   "steady_s", "stdev_s", "iterations", "max_rss_kb", "error"):
        assert column in rows[0]
    ok = {r["implementation"]: r for r in rows if r["workload"] == "passes"}
    assert set(ok) == set(impls)
    for row in ok.values():
        assert float(row["steady_s"]) > 0 and row["iterations"] == str(VALUES)
        assert int(row["max_rss_kb"]) > 1000
    # The interpreter's own version, matching the registry id.
    assert ok["cpython3.13"]["version"].startswith("3.13.")
    assert ok["cpython3.14"]["version"].startswith("3.14.")
    assert ok["pypy3.11"]["version"].startswith("7.3.")
    assert ok["micropython1.25"]["version"].startswith("1.25.")
    assert ok["jython2.7"]["version"].startswith("2.7.")
    meta = json.loads((run_dir / "run.json").read_text())
    for impl in impls:
        assert meta["implementations"][impl]["package_version"], impl


def test_report_escapes_workload_text(shared_run: SharedRun):
    run_dir = shared_run.path
    html = (run_dir / "index.html").read_text()
    assert "fixture failure &lt;b&gt;&amp;amp;&lt;/b&gt;" in html
    assert "<b>&amp;</b>" not in html
    assert "<b>" not in (run_dir / "report.md").read_text()


def test_pyperf_tools_read_the_json(shared_run: SharedRun):
    run_dir = shared_run.path
    base, pypy = run_dir / "pyperf" / "cpython3.13.json", run_dir / "pyperf" / "pypy3.11.json"
    stats = subprocess.run([sys.executable, "-m", "pyperf", "stats", str(pypy)],
                           capture_output=True, text=True, check=False)
    assert stats.returncode == 0, stats.stderr
    assert f"Total number of values: {VALUES}" in stats.stdout, stats.stdout
    compare = subprocess.run(
        [sys.executable, "-m", "pyperf", "compare_to", str(base), str(pypy)],
        capture_output=True, text=True, check=False)
    assert compare.returncode == 0, compare.stderr
    assert "faster" in compare.stdout or "slower" in compare.stdout, compare.stdout
    assert "ERROR" not in compare.stdout + compare.stderr


def test_no_container_is_left_behind(shared_run: SharedRun):
    proc = shared_run.proc
    assert leftover_containers(proc.pid) == []


def test_every_workload_of_the_run_is_ok_with_its_warmup_and_startup(shared_run: SharedRun, impls):
    """The built-in workloads of the shared run are ok everywhere, every process kept its
    warmup, and start-up was measured on every implementation."""
    run_dir = shared_run.path
    cells = raw_cells(run_dir)
    bad = {(i, w): (cells[i, w].status, cells[i, w].error)
           for i in impls for w in (*BUILTINS, "passes") if cells[i, w].status != "ok"}
    assert bad == {}
    with open(run_dir / "warmups.csv", newline="") as f:
        phases = {(r["implementation"], r["workload"], r["phase"]) for r in csv.DictReader(f)}
    assert {(i, n, "warmup") for i in impls for n in BUILTINS} <= phases
    with open(run_dir / "startup.csv", newline="") as f:
        startup = {(r["implementation"], r["program"]): r for r in csv.DictReader(f)}
    assert set(startup) == {(i, p) for i in impls for p in ("empty", "imports")}
    for row in startup.values():
        # a batch measured while the machine was busy is left out of the figures
        assert int(row["runs"]) + int(row["disturbed"]) == 1
        if int(row["runs"]):
            assert float(row["median_s"]) > 0 and float(row["median_rss_kb"]) > 1000

    report = (run_dir / "report.md").read_text()
    claims = report.split("## Claims check", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in claims.splitlines() if line.startswith("| ") and "**" in line]
    # five about the present (scaling ones not measured here), five about the past; those
    # about the future (none measured without scaling) have a section of their own
    assert len(rows) == 10
    assert not any("not measured" in row for row in rows[:3])  # speed, memory, start-up
    # the default set has two CPython releases: the past has one step in it, measured
    assert rows[5].startswith("| past | Each CPython release is faster")
    assert "not measured" not in rows[5]
    html = (run_dir / "index.html").read_text()
    assert 'id="warmup"' in html and html.count("<svg") >= 2


def test_every_probe_runs_and_passes_on_the_baseline(impls, tmp_path):
    """The built-in probes, on the baseline alone: each is deterministic and passes."""
    baseline = next(i.id for i in impls.values() if i.baseline)
    proc = implmatrix("run", "--impl", baseline, "--suite", BUILTIN_PROBES,
                      "--debug-single-value", "--out", tmp_path)
    assert proc.returncode == 0, proc.stderr
    with open(tmp_path / "latest" / "compat.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    probes = sorted(p.stem for p in BUILTIN_PROBES.glob("*.py"))
    assert len(probes) >= 80 and len({r["category"] for r in rows}) >= 8
    assert sorted(r["script"] for r in rows) == probes
    failing = {r["script"]: (r["status"], r["detail"]) for r in rows if r["status"] != "pass"}
    assert failing == {}


# The scaling job's workers: threads everywhere (on the object jobs too), forked processes
# where os.fork exists, subinterpreters from CPython 3.14 on.
THREADS = {"threads", *model.OBJECT_KINDS}
SCALING = {"cpython3.13": {*THREADS, "processes"},
           "cpython3.14": {*THREADS, "processes", "interpreters"},
           "pypy3.11": {*THREADS, "processes"}, "micropython1.25": THREADS,
           "jython2.7": THREADS}


@pytest.mark.parametrize("impl_id", sorted(SCALING))
def test_the_scaling_job_runs_where_its_workers_exist(impls, built, impl_id):
    """workloads/scaling.py on 2 workers of each kind, a small job (the protocol itself is
    tested in test_claims_presets.py): available, and its checksum right, exactly where
    the implementation has that kind of worker."""
    impl = impls[impl_id]
    found, starts = set(), set()
    with Container(built[impl_id].tag, {HARNESS.parent: HARNESS_MOUNT}) as box:
        for kind in model.SCALING_KINDS:
            result = box.exec([*impl.command, f"{HARNESS_MOUNT}/scaling.py", kind, "2", "4",
                               "1", "0"], 60)
            record = last_marked(result.stdout)
            assert record is not None, result.stderr.decode()[-500:]
            if record["available"]:
                assert record["checksum_ok"] and len(record["times"]) == 1, record
                assert record["peak_rss_kb"] > 1000, record  # /proc is everywhere here
                found.add(kind)
                if record["start_s"] is not None:  # not on MicroPython's _thread
                    starts.add(kind)
            # read after the workers ran, on every kind: what the interpreter runs with
            assert record["features"].get("free-threading", False) is False
    assert found == SCALING[impl_id]
    # the cost of one more worker is measured wherever it can be waited for
    assert starts == (found - THREADS if impl_id == "micropython1.25" else found)
