"""Raw cells → tidy pandas tables: results, compatibility, speed vs baseline."""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections.abc import Iterator
from typing import Any

import pandas as pd

from implmatrix import interference, stats
from implmatrix.model import (
    SCALING_KINDS,
    Cell,
    ImplMeta,
    Run,
    Scaling,
    ScalingProcess,
    ScriptCell,
    Startup,
    StartupProcess,
)

RESULT_COLUMNS = [
    "implementation", "family", "version", "python_version", "package_version", "workload",
    "status", "first_s", "steady_s", "stdev_s", "cv", "noisy", "iterations", "processes",
    "warmups", "steady", "max_rss_kb", "remeasured", "disturbed", "others_on_cpu",
    "machine_busy_cpus", "error", "description",
]
# Cells whose timed values vary more than this (stdev / mean) are flagged noisy;
# pyperf warns at the same 10%.
NOISY_CV = 0.10


def each_row(table: pd.DataFrame) -> Iterator[Any]:
    """TABLE's rows as named tuples (DataFrame.itertuples). Typed Any: pandas-stubs
    gives every field the union of all scalars, while each column here has one type."""
    return table.itertuples()


def row_at(table: pd.DataFrame, label: str) -> Any:
    """TABLE's row at LABEL (a Series); Any, as in each_row."""
    return table.loc[label]


def value_at(table: pd.DataFrame, label: str, column: str) -> Any:
    """TABLE's value at LABEL and COLUMN; Any, as in each_row."""
    return table.at[label, column]


def process_values(cell: Cell | None) -> list[list[float]]:
    """An ok cell's timed values grouped by process (for stats.ratio); [] if not ok."""
    if not cell or cell.status != "ok":
        return []
    # Values at or below the clock's resolution (0.0) make no ratio.
    found = [[v for v in rec.values if v > 0] for rec in cell.records]
    return [g for g in found if g]


def results(cells: list[Cell], implementations: dict[str, ImplMeta]) -> pd.DataFrame:
    """One row per implementation × workload (results.csv); values of all processes pooled."""
    versions = _versions(cells)
    rows = []
    for cell in cells:
        recs = cell.records
        values = [v for rec in recs for v in rec.values]
        impl = implementations.get(cell.implementation) or ImplMeta()
        ok = cell.status == "ok" and bool(values)
        version, python_version = versions.get(cell.implementation, ("", ""))
        firsts = [(rec.warmups or rec.values)[0] for rec in recs if rec.warmups or rec.values]
        rss = [r.process.max_rss_kb for r in cell.runs if r.process and r.process.max_rss_kb]
        others = [interference.others(r.process.interference) for r in cell.runs
                  if r.process and r.process.interference]
        mean = statistics.fmean(values) if ok else None
        stdev = statistics.stdev(values) if ok and len(values) > 1 else None
        cv = stdev / mean if stdev is not None and mean else None
        rows.append({
            "implementation": cell.implementation,
            "family": impl.family,
            "version": impl.version or version,
            "python_version": impl.python_version or python_version,
            "package_version": impl.package_version,
            "workload": cell.workload,
            "status": cell.status,
            "first_s": statistics.median(firsts) if firsts else None,
            "steady_s": statistics.median(values) if ok else None,
            "stdev_s": stdev,
            "cv": cv,
            "noisy": bool(cv is not None and cv > NOISY_CV),
            "iterations": len(values),
            "processes": len(recs),
            "warmups": statistics.median([len(r.warmups) for r in recs]) if recs else None,
            "steady": all(r.steady for r in recs) if recs else None,
            "max_rss_kb": max(rss) if rss else None,
            # processes measured again because the machine was busy, and how many
            # stayed disturbed; the worst share of the window others ran on the
            # pinned CPU, and the most CPUs the rest of the machine used meanwhile
            "remeasured": sum(r.remeasured for r in cell.runs),
            "disturbed": sum(bool(r.disturbed) for r in cell.runs),
            "others_on_cpu": max((o["on_cpu"] for o in others if o["on_cpu"] is not None),
                                 default=None),
            "machine_busy_cpus": max((o["machine_cpus"] for o in others), default=None),
            "error": cell.error,
            "description": recs[0].doc if recs else "",
        })
    df = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    order = list(implementations) or sorted(df["implementation"].unique())
    df["implementation"] = pd.Categorical(df["implementation"], categories=order, ordered=True)
    return df.sort_values(["implementation", "workload"]).reset_index(drop=True)


def remeasured(cells: list[Cell], startup: dict[str, Startup],
               scaling: dict[str, Scaling]) -> dict[str, int]:
    """Over every measured process a run kept (timed cells, start-up, scaling): how
    many (`processes`), how many of them measure again in place of a disturbed one
    (`remeasured`) and how many are disturbed all the same (`disturbed`)."""
    kept: list[Run | ScalingProcess | StartupProcess] = [
        r for c in cells for r in c.runs if r.process]
    kept += [q for s in scaling.values() for point in s.points for q in point.processes]
    kept += [p for s in startup.values() for prog in s.programs.values()
             for p in prog.processes]
    return {"processes": len(kept), "remeasured": sum(r.remeasured > 0 for r in kept),
            "disturbed": sum(bool(r.disturbed) for r in kept)}


def iterations(cells: list[Cell]) -> pd.DataFrame:
    """Every measured iteration, warmups included (warmups.csv): the warmup curves."""
    rows = [
        {"implementation": cell.implementation, "workload": cell.workload,
         "process": p + 1, "iteration": n + 1, "phase": phase, "seconds": t}
        for cell in cells for p, rec in enumerate(cell.records)
        for n, (phase, t) in enumerate(
            [("warmup", t) for t in rec.warmups] + [("value", t) for t in rec.values])
    ]
    return pd.DataFrame(rows, columns=["implementation", "workload", "process", "iteration",
                                       "phase", "seconds"])


def _versions(cells: list[Cell]) -> dict[str, tuple[str, str]]:
    """Each implementation's self-reported (version, python_version), from any cell that
    ran."""
    found: dict[str, tuple[str, str]] = {}
    for cell in cells:
        info = cell.records[0].implementation if cell.records else None
        if info and cell.implementation not in found:
            found[cell.implementation] = (info.version, info.python_version)
    return found


def version_key(version: str) -> tuple[int, ...]:
    """"7.3.19" -> (7, 3, 19): versions compare numerically."""
    return tuple(int(n) for n in re.findall(r"\d+", version))


TIMELINE_COLUMNS = ["family", "implementation", "version", "features", "speed", "low", "high",
                    "workloads", "startup_s", "empty_rss_kb", "peak_rss_kb"]


def timeline(impls: dict[str, ImplMeta], order: list[str], *, means: pd.DataFrame,
             start: pd.DataFrame, memory_table: pd.DataFrame) -> pd.DataFrame:
    """Each family's releases in order (by the interpreter's own version, then the plain
    row before one with something switched on), with the speed relative to the baseline
    (geometric mean and interval, from speed()), the empty program's start-up time and
    RSS and the median peak RSS of its ok cells. Only families with two releases or more
    (rows with nothing switched on): a timeline needs two points, and rows that all switch
    something on (CPython and PyPy with the Rust kernels) are no release line."""
    rows = []
    for impl in order:
        m = impls.get(impl) or ImplMeta()
        g = row_at(means, impl) if impl in means.index else None
        empty = start[(start["implementation"] == impl) & (start["program"] == "empty")]
        rows.append({
            "family": m.family, "implementation": impl, "version": m.version,
            "features": ", ".join(m.features),
            "speed": None if g is None else g["geomean"],
            "low": None if g is None else g["low"], "high": None if g is None else g["high"],
            "workloads": 0 if g is None else int(g["workloads"]),
            "startup_s": empty["median_s"].iloc[0] if len(empty) else None,
            "empty_rss_kb": value_at(memory_table, impl, "empty_rss_kb")
            if impl in memory_table.index else None,
            "peak_rss_kb": value_at(memory_table, impl, "median_peak_rss_kb")
            if impl in memory_table.index else None,
        })
    families = list(dict.fromkeys(r["family"] for r in rows))
    counts = {f: sum(r["family"] == f and not r["features"] for r in rows) for f in families}
    rows = sorted((r for r in rows if counts[r["family"]] > 1), key=lambda r: (
        families.index(r["family"]), version_key(str(r["version"])), str(r["features"])))
    return pd.DataFrame(rows, columns=TIMELINE_COLUMNS)


STEP_COLUMNS = ["family", "kind", "older", "newer", "speedup", "low", "high", "significant",
                "workloads", "processes", "disturbed"]


def steps(cells: list[Cell], line: pd.DataFrame, impls: dict[str, ImplMeta]) -> pd.DataFrame:
    """Release against release (STEP_COLUMNS): within each family of the timeline LINE,
    every release against the one before it, and every row with something switched on
    against the same package of the same suite without it (the JIT against plain 3.14,
    Pyston-lite against its CPython 3.9, whatever their families; of the same family
    first). speedup: the newer
    (or switched-on) row's speed relative to the older one, over the workloads ok on both,
    with its interval as speed() sizes it."""
    # (family, kind: "release" or what is switched on, older, newer)
    pairs: list[tuple[str, str, str, str]] = []
    plain = line[line["features"] == ""]
    for family, mine in plain.groupby("family", sort=False):
        pairs += [(str(family), "release", a, b)
                  for a, b in itertools.pairwise(mine["implementation"])]
    for impl, m in impls.items():
        if m.features:
            # the same image's plain row first (cpython3.13t: cpython3.13-source, not
            # Debian's own build of that package)
            plains = sorted((o.family != m.family, i) for i, o in impls.items()
                            if not o.features and (o.package, o.suite) == (m.package, m.suite))
            same = plains[0][1] if plains else None
            if same is not None:
                pairs.append((m.family, ", ".join(m.features), same, impl))
    found = []
    for family, kind, older, newer in pairs:
        _, g = speed([c for c in cells if c.implementation in (older, newer)], older, [newer])
        r = row_at(g, newer)
        if r["geomean"] is None or pd.isna(r["geomean"]):
            continue
        found.append({"family": family, "kind": kind, "older": older, "newer": newer,
                      "speedup": r["geomean"],
                     "low": r["low"], "high": r["high"], "significant": r["significant"],
                     "workloads": int(r["workloads"]), "processes": int(r["processes"]),
                     "disturbed": int(r["disturbed"])})
    return pd.DataFrame(found, columns=STEP_COLUMNS)


STEP_RATIO_COLUMNS = ["older", "newer", "workload", "ratio", "low", "high", "significant"]


def step_ratios(cells: list[Cell], found: pd.DataFrame) -> pd.DataFrame:
    """Workload by workload, each step's (FOUND: steps()) newer row against its older one
    (STEP_RATIO_COLUMNS; ratio > 1: the newer is faster), with speed()'s intervals."""
    parts = [speed([c for c in cells if c.implementation in (s.older, s.newer)],
                   s.older, [s.newer])[0].assign(older=s.older, newer=s.newer)
             for s in each_row(found)]
    rows = pd.concat(parts) if parts else pd.DataFrame()
    if rows.empty:
        return pd.DataFrame(columns=STEP_RATIO_COLUMNS)
    return rows[rows["implementation"] == rows["newer"]][STEP_RATIO_COLUMNS] \
        .reset_index(drop=True)


KERNEL_COLUMNS = ["implementation", "workload", "against", "against_workload", "ratio", "low",
                  "high"]
RUST_SUFFIX = "_rust"  # workloads/benchmarks/X_rust.py: X with its kernel in Rust (PyO3)


def kernels(cells: list[Cell], impls: dict[str, ImplMeta]) -> pd.DataFrame:
    """Kernels rewritten in Rust (KERNEL_COLUMNS; ratio: AGAINST's time ÷ this one's, with
    speed()'s interval): on each row, X_rust against X; and X_rust called from PyPy against
    the same from CPython (rows claiming pyo3, told apart by their package), where PyPy
    reaches the extension through its C-API emulation."""
    by_key = {(c.implementation, c.workload): c for c in cells}

    def row(a: tuple[str, str], b: tuple[str, str]) -> dict[str, Any] | None:
        mine, other = process_values(by_key.get(a)), process_values(by_key.get(b))
        if not mine or not other:
            return None
        r = stats.across_passes(stats.ratio(other, mine), stats.pass_logs([(other, mine)]))
        return {"implementation": a[0], "workload": a[1], "against": b[0],
                "against_workload": b[1], "ratio": r.ratio, "low": r.low, "high": r.high}

    pairs = [((i, w), (i, w.removesuffix(RUST_SUFFIX))) for i, w in by_key
             if w.endswith(RUST_SUFFIX)]
    kernel_rows = [i for i, m in impls.items() if "pyo3" in m.features]
    cpython = next((i for i in kernel_rows if impls[i].package.startswith("python")), None)
    pairs += [((cpython, w), (pypy, w)) for pypy in kernel_rows
              if impls[pypy].package.startswith("pypy") and cpython is not None
              for i, w in by_key if i == pypy and w.endswith(RUST_SUFFIX)]
    rows = [r for a, b in pairs if (r := row(a, b)) is not None]
    return pd.DataFrame(rows, columns=KERNEL_COLUMNS)


def compatibility(df: pd.DataFrame) -> pd.DataFrame:
    """workload × implementation → status."""
    return df.pivot(index="workload", columns="implementation", values="status")


def speed(cells: list[Cell], baseline: str,
          order: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Speed vs the baseline with 95% intervals sized to cover a second run
    (stats.across_passes), over cells ok on both sides.

    Returns (ratios: one row per workload × implementation, geomeans: one row
    per implementation). A ratio > 1 is faster than the baseline.
    """
    by_key = {(c.implementation, c.workload): c for c in cells}
    rows, means = [], []
    for impl in order:
        pairs = []
        runs: list[Run] = []  # the processes the geometric mean rests on
        for workload in sorted({w for i, w in by_key if i == impl}):
            base = process_values(by_key.get((baseline, workload)))
            other = process_values(by_key[impl, workload])
            if not base or not other:
                continue
            r = stats.ratio(base, other)
            if impl != baseline:  # the baseline against itself is 1, exactly
                r = stats.across_passes(r, stats.pass_logs([(base, other)]))
            rows.append({"workload": workload, "implementation": impl, "ratio": r.ratio,
                         "low": r.low, "high": r.high, "significant": r.significant})
            pairs.append((base, other))
            runs += [*by_key[baseline, workload].runs, *by_key[impl, workload].runs]
        g = stats.geomean(pairs) if pairs else None
        if g is not None and impl != baseline:
            g = stats.across_passes(g, stats.pass_logs(pairs))
        means.append({"implementation": impl, "geomean": g.ratio if g else None,
                      "low": g.low if g else None, "high": g.high if g else None,
                      "significant": g.significant if g else None, "workloads": len(pairs),
                      "processes": len(runs),
                      "disturbed": sum(bool(r.disturbed) for r in runs)})
    ratios = pd.DataFrame(rows, columns=["workload", "implementation", "ratio", "low", "high",
                                         "significant"])
    return ratios, pd.DataFrame(means).set_index("implementation")


STARTUP_COLUMNS = ["implementation", "program", "runs", "disturbed", "median_s", "min_s",
                   "max_s", "median_rss_kb", "failed", "wall_s", "max_rss_kb"]


def startup(found: dict[str, Startup], order: list[str]) -> pd.DataFrame:
    """Start-up time and memory of the nearly empty programs (startup.csv).

    runs: successful runs used; disturbed: successful runs left out because the
    machine was busy meanwhile; wall_s, max_rss_kb: the lists of the runs used
    (for the claims' intervals).
    """
    rows = []
    for impl in order:
        programs = found[impl].programs if impl in found else {}
        for program, batch in programs.items():
            ok = [p for p in batch.processes if p.exit == 0]
            good = [p for p in ok if not p.disturbed]
            walls = [p.wall_s for p in good]
            rss = [p.max_rss_kb for p in good]
            rows.append({
                "implementation": impl, "program": program, "runs": len(good),
                "disturbed": len(ok) - len(good),
                "median_s": statistics.median(walls) if walls else None,
                "min_s": min(walls) if walls else None, "max_s": max(walls) if walls else None,
                "median_rss_kb": statistics.median(rss) if rss else None,
                "failed": len(batch.processes) - len(ok) or (0 if ok else 1),
                "wall_s": walls, "max_rss_kb": rss,
            })
    return pd.DataFrame(rows, columns=STARTUP_COLUMNS)


def memory(df: pd.DataFrame, start: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """Per implementation: RSS of an empty program, and the peak RSS of its ok cells."""
    rows = []
    for impl in order:
        empty = start[(start["implementation"] == impl) & (start["program"] == "empty")]
        peaks = df[(df["implementation"] == impl) & (df["status"] == "ok")]["max_rss_kb"]
        peaks = peaks.dropna()
        rows.append({"implementation": impl,
                     "empty_rss_kb": empty["median_rss_kb"].iloc[0] if len(empty) else None,
                     "median_peak_rss_kb": peaks.median() if len(peaks) else None,
                     "max_peak_rss_kb": peaks.max() if len(peaks) else None,
                     "cells": len(peaks)})
    return pd.DataFrame(rows).set_index("implementation")


SCALING_COLUMNS = ["implementation", "kind", "workers", "median_s", "speedup", "efficiency",
                   "low", "high", "processes", "repeats", "disturbed", "available", "reason"]


def _geomean(xs: list[float]) -> float:
    positive = [x for x in xs if x > 0]
    return math.exp(statistics.fmean(math.log(x) for x in positive)) if positive else 0.0


def busy(cpus: int) -> str:
    """Why a scaling point has no figure: all its processes ran on a busy machine."""
    return f"machine busy: {cpus} CPU{'s were' if cpus != 1 else ' was'} not free"


def scaling(found: dict[str, Scaling], order: list[str]) -> pd.DataFrame:
    """Thread and process scaling (scaling.csv).

    Only undisturbed processes count (disturbed: how many were left out). speedup:
    geometric mean of the times at 1 worker ÷ at N; efficiency = speedup ÷ N, with the
    95% interval [low, high] of stats.log_ratio ÷ N over the processes' geometric means:
    a process is the unit (a JIT's decisions, the threads' placement differ from one to
    the next far more than its repeats do), so two processes give a wide interval and
    the scaling protocol measures more. available: the implementation
    has such workers and they computed the right checksum; an available point
    without a figure (efficiency empty) ran while the machine was busy.
    """
    rows = []
    for impl in order:
        points = found[impl].points if impl in found else ()
        for kind in SCALING_KINDS:
            mine = [p for p in points if p.kind == kind]
            clean: dict[int, list[list[float]]] = {}  # workers -> times per process
            for p in mine:
                clean[p.workers] = [list(q.times) for q in p.processes
                                    if q.times and q.checksum_ok and not q.disturbed]
            for p in mine:
                n = p.workers
                procs = [q for q in p.processes if q.times]
                wrong = any(not q.checksum_ok for q in procs)
                used = [q for q in procs if not q.disturbed]
                available = bool(p.available and procs and not wrong)
                times = [t for ts in clean[n] for t in ts]
                fig = None if not (available and times and clean.get(1)) else \
                    stats.Ratio(1.0, 1.0, 1.0) if n == 1 else stats.log_ratio(
                        [_geomean(ts) for ts in clean[1]], [_geomean(ts) for ts in clean[n]])
                if not p.available or not procs:
                    reason = p.reason or "not measured"
                elif wrong:
                    reason = "wrong checksum"
                elif fig is None:
                    reason = busy(n) if not times else (
                        busy(1) + " (at 1 worker)" if 1 in clean else "not measured at 1 worker")
                else:
                    reason = ""
                rows.append({
                    "implementation": impl, "kind": kind, "workers": n,
                    "median_s": statistics.median(times) if times else None,
                    "speedup": fig.ratio if fig else None,
                    "efficiency": fig.ratio / n if fig else None,
                    "low": fig.low / n if fig else None,
                    "high": fig.high / n if fig else None,
                    "processes": len(used), "repeats": len(times),
                    "disturbed": len(procs) - len(used),
                    "available": available, "reason": reason,
                })
    df = pd.DataFrame(rows, columns=SCALING_COLUMNS)
    numbers = ["median_s", "speedup", "efficiency", "low", "high"]
    df[numbers] = df[numbers].astype(float)
    return df.astype({"available": bool})


WORKER_COST_COLUMNS = ["implementation", "kind", "workers", "start_ms", "rss_per_worker_kb",
                       "rss_low_kb", "rss_high_kb", "processes"]


def worker_costs(found: dict[str, Scaling], order: list[str]) -> pd.DataFrame:
    """What one more worker costs, per implementation and scaling kind (worker_costs.csv).

    start_ms: the median over the kind's processes of their median time to start one more
    worker and see it end (a thread, a forked process, a subinterpreter). rss_per_worker_kb:
    the peak RSS of the job (the process and its forked workers, summed) on the most
    workers N minus on one, over N - 1, from the medians over processes; [rss_low_kb,
    rss_high_kb] from the extremes (lowest at N minus highest at 1, and the reverse), so
    that the range holds every pair of processes. Memory does not depend on what else the
    machine runs, so disturbed processes count too.
    """
    rows = []
    for impl in order:
        points = found[impl].points if impl in found else ()
        for kind in SCALING_KINDS:
            mine = {p.workers: [q for q in p.processes if q.checksum_ok]
                    for p in points if p.kind == kind and p.available}
            starts = [q.start_s for qs in mine.values() for q in qs if q.start_s is not None]
            peaks = {n: [q.peak_rss_kb for q in qs if q.peak_rss_kb]
                     for n, qs in mine.items()}
            top = max((n for n in peaks if peaks[n]), default=0)
            if not starts and not (top > 1 and peaks.get(1)):
                continue
            per = low = high = None
            if top > 1 and peaks.get(1):
                at_n, at_1 = peaks[top], peaks[1]
                per = (statistics.median(at_n) - statistics.median(at_1)) / (top - 1)
                low = (min(at_n) - max(at_1)) / (top - 1)
                high = (max(at_n) - min(at_1)) / (top - 1)
            rows.append({"implementation": impl, "kind": kind, "workers": top or None,
                         "start_ms": statistics.median(starts) * 1e3 if starts else None,
                         "rss_per_worker_kb": per, "rss_low_kb": low, "rss_high_kb": high,
                         "processes": sum(len(qs) for qs in mine.values())})
    df = pd.DataFrame(rows, columns=WORKER_COST_COLUMNS)
    numbers = ["start_ms", "rss_per_worker_kb", "rss_low_kb", "rss_high_kb"]
    df[numbers] = df[numbers].astype(float)
    return df


COMPAT_COLUMNS = ["implementation", "suite", "script", "category", "feature", "since",
                  "status", "detail"]


def compat_results(script_cells: list[ScriptCell], baseline: str,
                   order: list[str]) -> pd.DataFrame:
    """One row per implementation × script: status against the reference (compat.csv)."""
    from implmatrix import compat

    base = {(c.suite, c.script): c for c in script_cells if c.implementation == baseline}
    rows = []
    for cell in script_cells:
        key = (cell.suite, cell.script)
        reference = compat.reference_for(cell, base.get(key))
        status, detail = compat.classify(cell, reference, compat.nondeterministic(base.get(key)))
        rows.append({"implementation": cell.implementation, "suite": cell.suite,
                     "script": cell.script, "category": cell.category,
                     "feature": cell.feature, "since": cell.since,
                     "status": status, "detail": detail, "stdout": cell.stdout,
                     "reference": reference, "source": cell.source})
    df = pd.DataFrame(rows, columns=[*COMPAT_COLUMNS, "stdout", "reference", "source"])
    df["implementation"] = pd.Categorical(df["implementation"], categories=order, ordered=True)
    return df.sort_values(["suite", "category", "script", "implementation"]).reset_index(drop=True)


def compat_counts(df: pd.DataFrame) -> pd.DataFrame:
    """(suite, category) × implementation → "passed/total"."""
    if df.empty:
        return pd.DataFrame()
    grouped = df.groupby(["suite", "category", "implementation"], observed=True)["status"]
    passed = grouped.apply(lambda s: int((s == "pass").sum()))
    total = grouped.size()
    text = passed.astype(str) + "/" + total.astype(str)
    return text.unstack("implementation").fillna("")
