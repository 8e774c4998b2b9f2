"""The future, measured: what one more worker costs, the free-threaded build against its
GIL twin, and the claims about subinterpreters, free threading, shared reference counts and
locks, on data made here; the scaling job's new kinds on the host's own Python."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from typing import Any

import pandas as pd
import pytest

from implmatrix import WORKLOADS_DIR, aggregate, claims, model, registry, run
from implmatrix.cells import last_marked
from tests.unit.conftest import (
    IMPL_META,
    make_cell,
    make_record,
    make_scaling,
    scaling_point,
    scaling_process,
)

BASE, FREE, TWIN, SUB = "cpython3.13", "cpython3.13t", "cpython3.13-source", "cpython3.14"
IMPLS = {
    BASE: replace(IMPL_META[BASE], version="3.13.5"),
    TWIN: model.ImplMeta(family="cpython-source", package="python3.13", suite="trixie",
                         version="3.13.5"),
    FREE: model.ImplMeta(family="cpython-source", package="python3.13", suite="trixie",
                         version="3.13.5", features=("free-threading",)),
    SUB: model.ImplMeta(family="cpython", package="python3.14", suite="sid", version="3.14.1"),
}


def costly(times: tuple[float, ...], rss_kb: int, start_s: float) -> model.ScalingProcess:
    return replace(scaling_process(*times), peak_rss_kb=rss_kb, start_s=start_s)


def point(kind: str, workers: int, seconds: float, rss_kb: int, start_s: float
          ) -> model.ScalingPoint:
    """Two processes around SECONDS, their peak RSS RSS_KB and RSS_KB + 200."""
    return scaling_point(kind, workers,
                         costly((seconds, seconds * 1.01, seconds * 0.99), rss_kb, start_s),
                         costly((seconds, seconds * 1.02, seconds * 0.98), rss_kb + 200,
                                start_s * 1.2))


# cpython3.14: one more subinterpreter adds 3 MB, one more forked process 10 MB.
# cpython3.13t: threads scale (0.5 s on 2), own objects too, shared objects do not.
SCALING = {
    SUB: make_scaling(SUB, point("interpreters", 1, 1.0, 20000, 0.004),
                      point("interpreters", 2, 0.5, 23000, 0.004),
                      point("processes", 1, 1.0, 30000, 0.002),
                      point("processes", 2, 0.5, 40000, 0.002)),
    FREE: make_scaling(FREE, point("threads", 1, 1.0, 15000, 0.0001),
                       point("threads", 2, 0.52, 15100, 0.0001),
                       point("objects", 1, 1.0, 15000, 0.0001),
                       point("objects", 2, 0.51, 15100, 0.0001),
                       point("shared-objects", 1, 1.0, 15000, 0.0001),
                       point("shared-objects", 2, 1.4, 15100, 0.0001)),
}


def test_worker_costs_are_the_step_from_one_worker_to_n_with_a_range():
    costs = aggregate.worker_costs(SCALING, [SUB, FREE])
    sub = costs[costs["implementation"] == SUB].set_index("kind")
    assert sub.loc["interpreters", "rss_per_worker_kb"] == 3000
    # the range holds every pair: lowest at 2 minus highest at 1, and the reverse
    assert (sub.loc["interpreters", "rss_low_kb"], sub.loc["interpreters", "rss_high_kb"]) \
        == (2800, 3200)
    assert sub.loc["processes", "rss_per_worker_kb"] == 10000
    assert sub.loc["interpreters", "start_ms"] == pytest.approx(4.4)
    assert set(costs[costs["implementation"] == FREE]["kind"]) == {
        "threads", *model.OBJECT_KINDS}


def figures(scaling: dict[str, model.Scaling], cells: list[model.Cell]) -> claims.Figures:
    order = list(IMPLS)
    _, means = aggregate.speed(cells, BASE, order)
    start = aggregate.startup({}, order)
    line = aggregate.timeline(IMPLS, order, means=means, start=start,
                              memory_table=aggregate.memory(aggregate.results(cells, IMPLS),
                                                            start, order))
    steps = aggregate.steps(cells, line, IMPLS)
    return claims.Figures(means=means, results=aggregate.results(cells, IMPLS), startup=start,
                          scaling=aggregate.scaling(scaling, order), steps=steps,
                          costs=aggregate.worker_costs(scaling, order),
                          step_ratios=aggregate.step_ratios(cells, steps))


def timed(seconds: dict[str, float], lock_seconds: dict[str, float]) -> list[model.Cell]:
    """Three workloads and the locks workload, three processes each, ±1%."""
    def cell(impl: str, workload: str, t: float) -> model.Cell:
        return make_cell(impl, workload, records=[
            make_record(impl, [t * f for f in (0.99, 1.0, 1.01)]) for _ in range(3)])
    return [cell(i, w, t) for i, t in seconds.items() for w in ("a", "b", "c")] + [
        cell(i, "locks", t) for i, t in lock_seconds.items()]


def future(scaling: dict[str, model.Scaling], seconds: dict[str, float],
           lock_seconds: dict[str, float]) -> dict[str, dict[str, str]]:
    found = claims.check(IMPLS, BASE, figures(scaling, timed(seconds, lock_seconds)))
    return {c["claim"].split(" (")[0]: c for c in found if c["topic"] == "future"}


# the free-threaded build 40% slower than its twin on one thread, locks 1.5x the time
SECONDS = {BASE: 1.0, TWIN: 1.1, FREE: 1.54, SUB: 1.0}
LOCKS = {BASE: 1.0, TWIN: 1.0, FREE: 1.5, SUB: 1.0}


def test_the_free_threaded_build_is_set_against_its_twin_not_debians_build():
    steps = figures(SCALING, timed(SECONDS, LOCKS)).steps
    assert steps is not None
    mine = steps[steps["kind"] == "free-threading"]
    assert list(zip(mine["older"], mine["newer"], strict=True)) == [(TWIN, FREE)]
    # the geometric mean over a, b, c and locks
    assert mine["speedup"].iloc[0] == pytest.approx(((1.1 / 1.54) ** 3 / 1.5) ** 0.25, rel=0.01)


def test_claims_about_the_future():
    found = future(SCALING, SECONDS, LOCKS)
    memory = found["Subinterpreters use less memory than processes"]
    assert memory["verdict"] == "holds"
    assert "subinterpreter 2.9 MiB, forked process 9.8 MiB" in memory["measured"]
    assert found["Without the GIL, threads scale with N on CPU-bound work"]["verdict"] \
        == "holds"
    refcount = found["Reference counting on objects that all threads share does not scale"]
    assert refcount["verdict"] == "holds"
    assert "own objects 98%" in refcount["measured"]
    cost = found["The free-threaded build's single-thread cost is what CPython's docs say "
                 "for 3.13: about 40%"]
    assert cost["verdict"] == "holds", cost
    assert cost["measured"].startswith(f"{FREE} vs {TWIN} (the same source with the GIL): "
                                       "42% slower (95% CI 41–44%) over 4 workloads")
    locks = found["Locks cost more without the GIL"]
    assert locks["verdict"] == "holds" and "1.50x the time" in locks["measured"]


def test_future_claims_that_do_not_hold():
    # a subinterpreter as heavy as a process; shared objects that scale; no extra cost
    heavy = {**SCALING, SUB: make_scaling(
        SUB, point("interpreters", 1, 1.0, 20000, 0.004),
        point("interpreters", 2, 0.5, 40000, 0.004), *SCALING[SUB].points[2:])}
    heavy[FREE] = make_scaling(FREE, *SCALING[FREE].points[:4],
                               point("shared-objects", 1, 1.0, 15000, 0.0001),
                               point("shared-objects", 2, 0.5, 15100, 0.0001))
    found = future(heavy, {**SECONDS, FREE: 1.1}, {**LOCKS, FREE: 1.0})
    assert found["Subinterpreters use less memory than processes"]["verdict"].startswith(
        "does not hold")
    assert found["Reference counting on objects that all threads share does not scale"][
        "verdict"] == "does not hold: shared objects: they scale to 80% or more"
    cost = next(c for k, c in found.items() if k.startswith("The free-threaded build's"))
    assert cost["verdict"] == "does not hold: cheaper than that"
    assert found["Locks cost more without the GIL"]["verdict"] == "does not hold: not dearer"


def test_without_a_free_threaded_row_the_future_is_not_measured():
    impls = {i: m for i, m in IMPLS.items() if i not in (FREE, TWIN)}
    cells = timed({BASE: 1.0, SUB: 1.0}, {})
    order = list(impls)
    _, means = aggregate.speed(cells, BASE, order)
    found = claims.check(impls, BASE, claims.Figures(
        means=means, results=aggregate.results(cells, impls),
        startup=aggregate.startup({}, order), scaling=aggregate.scaling({}, order),
        steps=aggregate.steps(cells, pd.DataFrame(columns=aggregate.TIMELINE_COLUMNS), impls),
        costs=aggregate.worker_costs({}, order),
        step_ratios=pd.DataFrame(columns=aggregate.STEP_RATIO_COLUMNS)))
    future_rows = [c for c in found if c["topic"] == "future"]
    assert len(future_rows) == 7
    assert all(c["verdict"] == claims.NOT_MEASURED for c in future_rows)
    assert [c["topic"] for c in found][:5] == ["present"] * 5  # the talk's order


def test_object_jobs_run_only_where_threads_run_without_a_gil():
    known = registry.load()
    assert run.scaling_kinds(known["cpython3.13t"]) == model.SCALING_KINDS
    assert run.scaling_kinds(known["cpython3.13"]) == ("threads", "processes", "interpreters")
    assert claims.scaling_thresholds("cpython-source", False, "shared-objects", 2,
                                     ("free-threading",)) == (claims.SCALES,)
    assert claims.scaling_thresholds("cpython-source", False, "threads", 2) == ()


def scaling_job(kind: str) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, str(WORKLOADS_DIR / "scaling.py"), kind, "2", "4",
                           "1", "0"], capture_output=True, timeout=120, check=True)
    record = last_marked(proc.stdout)
    assert record is not None and record["available"] and record["checksum_ok"], record
    return record


def test_the_scaling_job_reports_what_one_more_worker_costs():
    """workloads/scaling.py on this Python: the object jobs' checksums, the start cost and
    the peak RSS, with the forked workers' added to the process's own."""
    found = {kind: scaling_job(kind) for kind in ("threads", "processes", *model.OBJECT_KINDS)}
    assert all(0 < r["start_s"] < 1 for r in found.values())
    assert found["threads"]["peak_rss_kb"] > 5000
    assert found["processes"]["peak_rss_kb"] > 2 * found["threads"]["peak_rss_kb"]
    # a GIL build: the harness says so (an older Python has no sys._is_gil_enabled)
    assert found["threads"]["features"].get("free-threading", False) is False


def test_rust_kernels_against_python_and_pypy_against_cpython():
    impls = {BASE: IMPLS[BASE],
             "cpython3.13-pyo3": model.ImplMeta(family="pyo3", package="python3.13",
                                                suite="trixie", features=("pyo3",)),
             "pypy3.11-pyo3": model.ImplMeta(family="pyo3", package="pypy3", suite="trixie",
                                             features=("pyo3",))}

    def cell(impl: str, workload: str, t: float) -> model.Cell:
        return make_cell(impl, workload, records=[
            make_record(impl, [t * f for f in (0.99, 1.0, 1.01)]) for _ in range(3)])

    cells = [cell("cpython3.13-pyo3", "nbody", 1.0), cell("cpython3.13-pyo3", "nbody_rust", 0.02),
             cell("pypy3.11-pyo3", "nbody", 0.1), cell("pypy3.11-pyo3", "nbody_rust", 0.1),
             cell(BASE, "nbody", 1.0)]
    found = aggregate.kernels(cells, impls)
    got = {(r.implementation, r.workload, r.against): round(r.ratio, 2)
           for r in aggregate.each_row(found)}
    assert got == {("cpython3.13-pyo3", "nbody_rust", "cpython3.13-pyo3"): 50.0,
                   ("pypy3.11-pyo3", "nbody_rust", "pypy3.11-pyo3"): 1.0,
                   ("cpython3.13-pyo3", "nbody_rust", "pypy3.11-pyo3"): 5.0}
    verdicts = {c["claim"].split(" (")[0]: c["verdict"] for c in claims.check(
        impls, BASE, claims.Figures(means=pd.DataFrame(columns=["geomean"]),
                                    results=aggregate.results(cells, impls),
                                    startup=aggregate.startup({}, list(impls)),
                                    scaling=aggregate.scaling({}, list(impls)),
                                    kernels=found))}
    # PyPy's own JIT already runs nbody as fast as the Rust kernel runs from PyPy
    assert verdicts["Rewriting a hot loop as a Rust extension makes the program faster, on "
                    "CPython and on PyPy"] == ("does not hold: nbody_rust vs nbody on "
                                               "pypy3.11-pyo3: not faster")
    assert verdicts["Calling an extension through PyPy's emulation of CPython's C API costs "
                    "more than calling it from CPython"] == "holds"
