"""Run real cells on every implementation and check what the tool makes of them."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pytest

from matrix import BUILTIN_PROBES, BUILTIN_SUITE
from tests.integration.conftest import FIXTURES, implmatrix, leftover_containers, raw_cells

# What each fixture must come out as, everywhere.
EXPECTED = {
    "passes": "ok",
    "wrong_result": "wrong-result",
    "raises": "error",
    "hangs": "timeout",
    "missing_import": "unsupported",
    "not_a_workload": "error",
    "crashes": "crash",
}


@pytest.fixture(scope="module")
def fixture_run(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("fixture-run")
    proc = implmatrix("run", "--fast", "--scaling-cap", "0", "--workloads", FIXTURES / "cells",
                      "--timeout", "8",
                      "--values", "3", "--out", out)
    return proc, out / "latest"


def test_fixture_run_exits_zero_with_summary(fixture_run, impls):
    proc, _ = fixture_run
    assert proc.returncode == 0, proc.stderr
    # The run ends with its summary, the report's paths and the comparison with the
    # previous run (none here).
    summary, report, history = proc.stdout.strip().splitlines()[-3:]
    assert report.startswith("report: ") and history.startswith("no comparable earlier run")
    n = len(impls) * len(EXPECTED)
    assert summary.startswith(f"{n} cells: {len(impls)} ok, "), summary
    assert "Traceback" not in proc.stdout + proc.stderr


@pytest.mark.parametrize("workload", sorted(EXPECTED))
def test_fixture_status_on_every_implementation(fixture_run, impls, workload):
    _, run_dir = fixture_run
    cells = raw_cells(run_dir)
    got = {impl: cells[impl, workload]["status"] for impl in impls}
    assert got == dict.fromkeys(impls, EXPECTED[workload])


def test_errors_keep_exception_type_and_message(fixture_run, impls):
    _, run_dir = fixture_run
    cells = raw_cells(run_dir)
    for impl in impls:
        assert cells[impl, "raises"]["error"] == "ValueError: fixture failure <b>&amp;</b>"
        assert "implmatrix_no_such_module" in cells[impl, "missing_import"]["error"]
        assert cells[impl, "crashes"]["error"].startswith("killed by SIG")
        assert cells[impl, "hangs"]["error"] == "no result within 8 s"


def test_results_csv_and_versions(fixture_run, impls):
    _, run_dir = fixture_run
    with open(run_dir / "results.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(impls) * len(EXPECTED)
    for column in ("implementation", "family", "version", "workload", "status", "first_s",
                   "steady_s", "stdev_s", "iterations", "max_rss_kb", "error"):
        assert column in rows[0]
    ok = {r["implementation"]: r for r in rows if r["workload"] == "passes"}
    assert set(ok) == set(impls)
    for row in ok.values():
        assert float(row["steady_s"]) > 0 and row["iterations"] == "3"
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


def test_report_escapes_workload_text(fixture_run):
    _, run_dir = fixture_run
    html = (run_dir / "index.html").read_text()
    assert "fixture failure &lt;b&gt;&amp;amp;&lt;/b&gt;" in html
    assert "<b>&amp;</b>" not in html
    assert "<b>" not in (run_dir / "report.md").read_text()


def test_pyperf_tools_read_the_json(fixture_run):
    _, run_dir = fixture_run
    base, pypy = run_dir / "pyperf" / "cpython3.13.json", run_dir / "pyperf" / "pypy3.11.json"
    stats = subprocess.run([sys.executable, "-m", "pyperf", "stats", str(pypy)],
                           capture_output=True, text=True)
    assert stats.returncode == 0, stats.stderr
    assert "Total number of values: 3" in stats.stdout and "Median +- MAD" in stats.stdout
    compare = subprocess.run(
        [sys.executable, "-m", "pyperf", "compare_to", str(base), str(pypy)],
        capture_output=True, text=True)
    assert compare.returncode == 0, compare.stderr
    assert "faster" in compare.stdout or "slower" in compare.stdout, compare.stdout
    assert "ERROR" not in compare.stdout + compare.stderr


def test_no_container_is_left_behind(fixture_run):
    proc, _ = fixture_run
    assert leftover_containers(proc.pid) == []


def test_default_matrix(default_run, impls):
    """The default run: every built-in workload is ok on every implementation, and every
    probe runs everywhere and passes on the baseline (deterministic, no error)."""
    run_dir = default_run
    cells = raw_cells(run_dir)
    names = sorted(p.stem for p in BUILTIN_SUITE.glob("*.py"))
    assert len(names) >= 12
    bad = {k: (c["status"], c["error"]) for k, c in cells.items() if c["status"] != "ok"}
    assert bad == {}
    assert len(cells) == len(names) * len(impls)

    with open(run_dir / "compat.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    probes = sorted(p.stem for p in BUILTIN_PROBES.glob("*.py"))
    assert len(probes) >= 80 and len({r["category"] for r in rows}) >= 8
    assert sorted((r["implementation"], r["script"]) for r in rows) == sorted(
        (i, p) for i in impls for p in probes)
    baseline = next(i.id for i in impls.values() if i.baseline)
    failing = {r["script"]: (r["status"], r["detail"]) for r in rows
               if r["implementation"] == baseline and r["status"] != "pass"}
    assert failing == {}
    # Each other implementation fails somewhere: the probes do tell them apart.
    for impl in impls:
        if impl != baseline:
            assert any(r["status"] != "pass" for r in rows if r["implementation"] == impl), impl

    # Start-up, memory and scaling were measured on every implementation.
    with open(run_dir / "startup.csv", newline="") as f:
        startup = {(r["implementation"], r["program"]): r for r in csv.DictReader(f)}
    assert set(startup) == {(i, p) for i in impls for p in ("empty", "imports")}
    for row in startup.values():
        # a batch measured while the machine was busy is left out of the figures
        assert int(row["runs"]) + int(row["disturbed"]) == 10
        if int(row["runs"]):
            assert float(row["median_s"]) > 0 and float(row["median_rss_kb"]) > 1000
    with open(run_dir / "scaling.csv", newline="") as f:
        scaling = list(csv.DictReader(f))
    cores = os.cpu_count() or 1
    threads = {r["implementation"] for r in scaling
               if r["kind"] == "threads" and r["available"] == "True"
               and int(r["workers"]) == cores}
    assert threads == set(impls)  # all five have threads
    forks = {r["implementation"] for r in scaling if r["kind"] == "processes"
             and r["available"] == "True"}
    assert forks == {"cpython3.13", "cpython3.14", "pypy3.11"}
    # Every iteration kept, warmups included; at least one warmup per process.
    with open(run_dir / "warmups.csv", newline="") as f:
        phases = {(r["implementation"], r["workload"], r["phase"]) for r in csv.DictReader(f)}
    assert {(i, n, "warmup") for i in impls for n in names} <= phases

    report = (run_dir / "report.md").read_text()
    claims = report.split("## Claims check", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in claims.splitlines() if line.startswith("| ") and "**" in line]
    assert len(rows) == 5
    assert not any("not measured" in row for row in rows[:3])  # speed, memory, start-up
    html = (run_dir / "index.html").read_text()
    assert 'id="warmup"' in html and html.count("<svg") >= 2  # warmup and scaling charts
