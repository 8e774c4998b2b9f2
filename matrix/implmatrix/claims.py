"""The claims check: well-known claims about the implementations, each with the
figure this run measured, its 95% interval and what it rests on, and a verdict
by RULE. The thresholds are the constants below, so a reader can disagree."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from implmatrix import aggregate, stats
from implmatrix.model import OBJECT_KINDS, ImplMeta

RULE = (
    "A claim is a statement that a figure lies on one side of a threshold (or inside a "
    "band). It holds when the whole 95% interval lies on the claim's side, does not hold "
    "when the whole interval lies on the other side, and is inconclusive when the interval "
    "straddles the threshold, or when the figure rests on measurements taken while the "
    "machine was busy (disturbed processes are left out; with too few left the figure is "
    "inconclusive). A claim made of several parts holds when every part holds, does not "
    "hold when any part does not hold, and is otherwise inconclusive.")

HOLDS, DOES_NOT_HOLD, INCONCLUSIVE = "holds", "does not hold", "inconclusive"
NOT_MEASURED = "not measured"
CLAIMED_PYPY_SPEEDUP = 4.4
# "About 4.4x": within this fraction of it, either way.
FACTOR_TOLERANCE = 0.20
# "Larger" / "slower": by more than this factor.
MATERIAL = 1.10
# Threads under a GIL reach "about 1/N": within this many points of it; threads that
# "scale" are above 1/N + this.
GIL_MARGIN = 0.15
# Processes reach "about 100%": an efficiency (speedup ÷ workers) of at least this.
SCALES = 0.80
# A speed figure resting on more than this share of disturbed processes is inconclusive.
BUSY_SHARE = 0.10
# Published figures for the CPython steps a run can measure (faster-cpython's benchmark
# suite, as the CPython docs quote them), by (older, newer) version: shown beside the
# measured step, not judged (other workloads, other machines).
PUBLISHED_CPYTHON = {
    ("3.9", "3.11"): "published: 3.10 → 3.11 about 1.25x",
    ("3.11", "3.13"): "published: 3.11 → 3.12 about 1.04x, 3.12 → 3.13 about 1.06x",
    ("3.13", "3.14"): "published: about 1.04x",
}


def _unknown(*xs: Any) -> bool:
    return any(pd.isna(x) for x in xs)


def side(low: float | None, high: float | None, threshold: float, *,
         inclusive: bool = False) -> str:
    """RULE for "the figure is above THRESHOLD" (at or above it if INCLUSIVE), given
    the figure's 95% interval [LOW, HIGH]. No interval (None, NaN) is inconclusive."""
    if low is None or high is None or _unknown(low, high):
        return INCONCLUSIVE
    if low > threshold or (inclusive and low >= threshold):
        return HOLDS
    if high < threshold:
        return DOES_NOT_HOLD
    return INCONCLUSIVE


def band(low: float | None, high: float | None, lo: float, hi: float) -> str:
    """RULE for "the figure lies inside [LO, HI]", given its 95% interval [LOW, HIGH]."""
    if low is None or high is None or _unknown(low, high):
        return INCONCLUSIVE
    if lo <= low and high <= hi:
        return HOLDS
    if high < lo or low > hi:
        return DOES_NOT_HOLD
    return INCONCLUSIVE


def scaling_thresholds(family: str, baseline: bool, kind: str, workers: int,
                       features: tuple[str, ...] = ()) -> tuple[float, ...]:
    """The efficiencies at which a claim's verdict changes, for an implementation's
    (FAMILY, the BASELINE or not, the FEATURES it claims) scaling point KIND on WORKERS
    (the most workers: the point the claims judge); () when no claim judges it. The
    baseline answers the GIL claim (threads in the band around 1/N, processes at
    SCALES), Jython its own, subinterpreters, wherever they exist, theirs (at SCALES),
    and a free-threaded build its threads and object jobs (at SCALES)."""
    if kind == "interpreters" or ("free-threading" in features
                                  and kind in ("threads", *OBJECT_KINDS)):
        return (SCALES,)
    if baseline:
        return (1 / workers - GIL_MARGIN, 1 / workers + GIL_MARGIN) if kind == "threads" \
            else (SCALES,)
    if family == "jython" and kind == "threads":
        return (1 / workers + GIL_MARGIN,)
    return ()


def decided(low: float | None, high: float | None, thresholds: tuple[float, ...]) -> bool:
    """An interval [LOW, HIGH] that no threshold falls inside: every claim resting on
    it gets a verdict other than inconclusive (the scaling protocol measures until then).
    No thresholds: nothing to decide."""
    if not thresholds:
        return True
    if low is None or high is None or _unknown(low, high):
        return False
    return not any(low <= t <= high for t in thresholds)


def word(verdict: str) -> str:
    """holds, does not hold, inconclusive (or not measured), without the reason."""
    return verdict.split(":", 1)[0]


def _reason(verdict: str) -> str:
    return verdict.partition(":")[2].strip()


def say(verdict_word: str, reason: str = "") -> str:
    """A verdict: the word, and for the two that need one a reason after a colon."""
    needs = verdict_word in (DOES_NOT_HOLD, INCONCLUSIVE)
    return f"{verdict_word}: {reason}" if reason and needs else verdict_word


def combine(parts: list[str]) -> str:
    """RULE for a claim made of PARTS (verdicts): holds when every part holds, does not
    hold when any part does not hold, else inconclusive; keeps the deciding reasons."""
    words = [word(v) for v in parts]
    result = DOES_NOT_HOLD if DOES_NOT_HOLD in words else \
        HOLDS if words and all(w == HOLDS for w in words) else INCONCLUSIVE
    return say(result, "; ".join(_reason(v) for v in parts if word(v) == result and _reason(v)))


def _judge(verdict_word: str, fails: str, unsure: str) -> str:
    return say(verdict_word, fails if verdict_word == DOES_NOT_HOLD else unsure)


def _bounded(low: float, high: float) -> bool:
    return not _unknown(low, high) and low > 0 and not math.isinf(high)


def _unsure(low: float, high: float, threshold: str, busy: str = "",
            few: str = "too few values for an interval") -> str:
    """Why a figure is inconclusive: no interval (machine busy, too few values), or
    an interval across the threshold."""
    if not _bounded(low, high):
        return busy or few
    return f"the 95% interval straddles {threshold}"


def _ci(low: float, high: float, percent: bool = False) -> str:
    if not _bounded(low, high):
        return "95% CI unknown"
    if percent:
        return f"95% CI {low * 100:.0f}–{high * 100:.0f}%"
    return f"95% CI {low:.2f}–{high:.2f}x"


def _x(r: stats.Ratio) -> str:
    return f"{r.ratio:.2f}x ({_ci(r.low, r.high)})"


def _family(impls: dict[str, ImplMeta], family: str) -> str | None:
    return next((i for i, m in impls.items() if m.family == family), None)


def _startup_values(startup: pd.DataFrame, impl: str | None, program: str,
                    column: str) -> tuple[list[float], int] | None:
    """IMPL's start-up values of COLUMN used for PROGRAM, and how many runs were left
    out as disturbed; None if not measured."""
    if impl is None or startup.empty:
        return None
    hit = startup[(startup["implementation"] == impl) & (startup["program"] == program)]
    if hit.empty:
        return None
    return [float(v) for v in hit[column].iloc[0]], int(hit["disturbed"].iloc[0])


def _startup_part(startup: pd.DataFrame, impls: tuple[str | None, str], program: str, *,
                  column: str, name: str, show: Callable[[float], str], adjective: str
                  ) -> tuple[str, str] | None:
    """(measured text, verdict) of "the first of IMPLS has more COLUMN than the second,
    by over MATERIAL", for PROGRAM's start-up runs; None if not measured."""
    found = [v for i in impls if (v := _startup_values(startup, i, program, column)) is not None]
    if len(found) < len(impls):
        return None
    (a, a_busy), (b, b_busy) = found
    busy = "; ".join(f"{d} of {len(v) + d} runs of {i} ran while the machine was busy"
                     for i, (v, d) in zip(impls, found, strict=True)
                     if d and len(v) < stats.SPREAD_MIN)
    left_out = f", {a_busy + b_busy} more left out (machine busy)" if a_busy + b_busy else ""
    if not a or not b:
        return (f"{name}: no figure{left_out}",
                say(INCONCLUSIVE, f"{name}: {busy or 'no successful runs'}"))
    r = stats.log_ratio(a, b)
    text = (f"{name} {show(stats.log_mean(a).ratio)} vs {show(stats.log_mean(b).ratio)}, "
            f"{_x(r)} over {len(a)} and {len(b)} runs{left_out}")
    return text, _judge(side(r.low, r.high, MATERIAL), f"{name}: not {adjective}",
                        f"{name}: " + _unsure(r.low, r.high, f"{MATERIAL}x", busy))


def _top(scaling: pd.DataFrame, impl: str | None, kind: str) -> Any:
    """The scaling row of IMPL's KIND with the most workers (2 or more), or None."""
    if impl is None or scaling.empty:
        return None
    rows = scaling[(scaling["implementation"] == impl) & (scaling["kind"] == kind)
                   & scaling["available"]]
    if rows.empty or rows["workers"].max() <= 1:  # nothing ran in parallel
        return None
    return next(aggregate.each_row(rows.loc[[rows["workers"].idxmax()]]))


def _unscaled(scaling: pd.DataFrame, impl: str | None) -> str:
    """Why _top found no row of IMPL: NOT_MEASURED with the reason this run gives."""
    if scaling.empty:
        return NOT_MEASURED + " (no scaling in this run: the debug preset or --scaling-cap 0)"
    if impl is None:
        return NOT_MEASURED + " (no row for it in this run)"
    if not (scaling["implementation"] == impl).any():
        return NOT_MEASURED + f" ({impl} was not scaled in this run)"
    return NOT_MEASURED + " (needs 2 or more cores)"


def _efficiency_part(row: Any, name: str, rule: Any, fails: str, threshold: str
                     ) -> tuple[str, str]:
    """(measured text, verdict) of a scaling row's efficiency judged by RULE(low, high)."""
    n, used, left = int(row.workers), int(row.processes), int(row.disturbed)
    busy = f"{left} of {left + used} processes ran while the machine was busy" if left else ""
    if _unknown(row.efficiency):
        return (f"{name}: no figure ({row.reason})",
                say(INCONCLUSIVE, f"{name}: {busy if busy and not used else row.reason}"))
    text = (f"{name} {row.efficiency:.0%} ({_ci(row.low, row.high, percent=True)}) over "
            f"{int(row.repeats)} repeats in {used} process{'es' if used != 1 else ''}, "
            f"{n} CPUs free" + (f", {left} more left out (machine busy)" if left else ""))
    return text, _judge(rule(row.low, row.high), f"{name}: {fails}",
                        f"{name}: " + _unsure(row.low, row.high, threshold, busy,
                                              few="too few processes for an interval"))


@dataclass(frozen=True)
class Figures:
    """What the claims rest on: one run's tables, as aggregate makes them. STEPS (release
    against release, aggregate.steps) for the claims about the past; COSTS
    (aggregate.worker_costs) and STEP_RATIOS (aggregate.step_ratios) for the future."""

    means: pd.DataFrame
    results: pd.DataFrame
    startup: pd.DataFrame
    scaling: pd.DataFrame
    steps: pd.DataFrame | None = None
    costs: pd.DataFrame | None = None
    step_ratios: pd.DataFrame | None = None
    kernels: pd.DataFrame | None = None  # aggregate.kernels


def undecided(rows: list[dict[str, str]], why: str) -> list[dict[str, str]]:
    """ROWS (check's) with every verdict that decides (holds, does not hold) made
    inconclusive for WHY: the figures stay, as what this run saw."""
    return [{**r, "verdict": say(INCONCLUSIVE, why)}
            if r["verdict"].split(":")[0] in (HOLDS, DOES_NOT_HOLD) else r for r in rows]


def check(impls: dict[str, ImplMeta], baseline: str, figures: Figures) -> list[dict[str, str]]:
    """The claims: rows of claim, measured (figure, 95% interval, what it rests on),
    verdict (holds, does not hold: why, inconclusive: why, or not measured) and topic
    (present, past, future: the talk's three parts)."""
    means, results, startup, scaling = (figures.means, figures.results, figures.startup,
                                        figures.scaling)
    steps, costs, step_ratios = figures.steps, figures.costs, figures.step_ratios
    base = baseline
    pypy = _family(impls, "pypy")
    pypy = None if pypy == base else pypy  # nothing to compare with
    jython = _family(impls, "jython")
    rows = [("present", c) for c in (
        _speed_claim(means, pypy, base), _memory_claim(results, startup, pypy, base),
        _startup_claim(startup, pypy, base), _gil_claim(scaling, base),
        _jython_claim(scaling, jython))]
    rows.append(("future", _subinterpreters_claim(scaling, list(impls))))
    if costs is not None:
        rows.append(("future", _interpreter_memory_claim(costs, list(impls))))
    free = next((i for i, m in impls.items() if "free-threading" in m.features), None)
    if steps is not None and step_ratios is not None:
        rows += [("future", c) for c in (
            _free_threads_claim(scaling, free), _refcount_claim(scaling, free),
            _free_threading_cost_claim(steps, impls, free),
            _lock_cost_claim(step_ratios, free),
            _switched_on_claim(steps, "cython", "Compiled by Cython, unchanged Python code "
                               "runs faster (the talk: \"no need to change your code\")"))]
    if figures.kernels is not None:
        rows += [("future", _rust_kernel_claim(figures.kernels)),
                 ("future", _emulation_claim(figures.kernels))]
    if steps is not None:
        versions = {i: m.version for i, m in impls.items()}
        rows += [("past", c) for c in (
            _releases_claim(steps, "cpython", "CPython", versions),
            _releases_claim(steps, "pypy", "PyPy", versions),
            _switched_on_claim(steps, "pyston", "Pyston-lite makes CPython faster "
                               "(Pyston's own figure: about 10% on macrobenchmarks)"),
            _switched_on_claim(steps, "pyjion", "Pyjion makes CPython faster"),
            _switched_on_claim(steps, "jit", "CPython 3.14's JIT makes it faster"))]
    order = {"present": 0, "past": 1, "future": 2}  # as the talk: present, past, future
    return [{"claim": claim, "measured": measured, "verdict": verdict, "topic": topic}
            for topic, (claim, measured, verdict) in sorted(rows, key=lambda r: order[r[0]])]


def _speed_claim(means: pd.DataFrame, pypy: str | None, base: str) -> tuple[str, str, str]:
    """1. Speed: (claim, measured, verdict)."""
    lo, hi = (CLAIMED_PYPY_SPEEDUP * (1 - FACTOR_TOLERANCE),
              CLAIMED_PYPY_SPEEDUP * (1 + FACTOR_TOLERANCE))
    claim = (f"PyPy is about {CLAIMED_PYPY_SPEEDUP}x faster than CPython on average "
             f"(taken as {lo:.2f}–{hi:.2f}x)")
    g = aggregate.row_at(means, pypy) if pypy is not None and pypy in means.index else None
    if g is None or _unknown(g["geomean"]):
        return claim, NOT_MEASURED, NOT_MEASURED
    low, high = (float("nan"), float("nan")) if _unknown(g["low"], g["high"]) \
        else (float(g["low"]), float(g["high"]))
    fails = "PyPy is faster than claimed" if low > hi else \
        "PyPy is faster, but not that much" if low > 1 else "PyPy is not faster"
    processes, disturbed = int(g.get("processes", 0) or 0), int(g.get("disturbed", 0) or 0)
    busy = f"{disturbed} of {processes} processes ran while the machine was busy"
    verdict = say(INCONCLUSIVE, busy) if disturbed > BUSY_SHARE * processes else \
        _judge(band(low, high, lo, hi), fails,
               _unsure(low, high, f"{lo:.2f}x" if low < lo else f"{hi:.2f}x"))
    return (claim, f"{pypy} vs {base}: geometric mean {g['geomean']:.2f}x "
                   f"({_ci(low, high)}) over {int(g['workloads'])} workloads of this run"
                   + (f"; {busy}" if disturbed else ""), verdict)


def _memory_claim(results: pd.DataFrame, startup: pd.DataFrame, pypy: str | None,
                  base: str) -> tuple[str, str, str]:
    """2. Memory: the empty program's RSS, and the peak RSS of the workloads."""
    claim = f"PyPy has a larger memory footprint than CPython (taken as over {MATERIAL}x)"
    texts, parts = [], []
    empty = _startup_part(startup, (pypy, base), "empty", column="max_rss_kb",
                          name="empty program", show=lambda kb: f"{kb / 1024:.0f} MiB",
                          adjective="larger")
    if empty:
        texts.append(empty[0])
        parts.append(empty[1])
    ok = results[(results["status"] == "ok") & results["max_rss_kb"].notna()]
    peaks = {i: ok[ok["implementation"].astype(str) == i].set_index("workload")["max_rss_kb"]
             for i in (pypy, base) if i is not None}
    ratios = [float(peaks[pypy][w] / peaks[base][w])
              for w in sorted(set(peaks[pypy].index) & set(peaks[base].index))
              if peaks[pypy][w] > 0 and peaks[base][w] > 0] if pypy in peaks else []
    if ratios:
        r = stats.log_mean(ratios)
        texts.append(f"peak RSS of the {len(ratios)} workloads ok on both: geometric mean "
                     f"{_x(r)}")
        parts.append(_judge(side(r.low, r.high, MATERIAL), "peak RSS: not larger",
                            "peak RSS: " + _unsure(r.low, r.high, f"{MATERIAL}x",
                                                   few="too few workloads for an interval")))
    if not parts:
        return claim, NOT_MEASURED, NOT_MEASURED
    if not empty:
        parts.append(say(INCONCLUSIVE, "empty program: not measured"))
    elif not ratios:
        parts.append(say(INCONCLUSIVE, "peak RSS: not measured"))
    return claim, f"{pypy} vs {base} (geometric means): " + "; ".join(texts), combine(parts)


def _startup_claim(startup: pd.DataFrame, pypy: str | None, base: str
                   ) -> tuple[str, str, str]:
    """3. Start-up: (claim, measured, verdict)."""
    claim = f"PyPy starts up slower than CPython (taken as over {MATERIAL}x the time)"
    found = {p: _startup_part(startup, (pypy, base), p, column="wall_s", name=p,
                              show=lambda s: f"{s * 1e3:.0f} ms", adjective="slower")
             for p in ("empty", "imports")}
    if not any(found.values()):
        return claim, NOT_MEASURED, NOT_MEASURED
    return (claim, f"start-up of {pypy} vs {base} (geometric means): " + "; ".join(
        f[0] if f else f"{p}: not measured" for p, f in found.items()),
        combine([f[1] if f else say(INCONCLUSIVE, f"{p}: not measured")
                 for p, f in found.items()]))


def _gil_claim(scaling: pd.DataFrame, base: str) -> tuple[str, str, str]:
    """4. The GIL: (claim, measured, verdict)."""
    claim = ("Threads under a GIL reach about 1/N efficiency, while processes reach "
             f"about 100% (taken as: threads within 1/N ± {GIL_MARGIN * 100:.0f} points, "
             f"processes at least {SCALES:.0%})")
    threads, procs = _top(scaling, base, "threads"), _top(scaling, base, "processes")
    if threads is None or procs is None:
        return claim, _unscaled(scaling, base), NOT_MEASURED
    n = int(threads.workers)
    lo, hi = 1 / n - GIL_MARGIN, 1 / n + GIL_MARGIN
    t_text, t_verdict = _efficiency_part(
        threads, "threads", lambda low, high: band(low, high, lo, hi),
        "they scale beyond a GIL's 1/N" if threads.low > hi else "below 1/N",
        f"{lo:.0%}" if threads.low < lo else f"{hi:.0%}")
    p_text, p_verdict = _efficiency_part(
        procs, "processes", lambda low, high: side(low, high, SCALES, inclusive=True),
        f"below {SCALES:.0%}", f"{SCALES:.0%}")
    return (claim, f"{base}, one CPU-bound job on {n} workers (1/N = {1 / n:.0%}): "
                   f"{t_text}; {p_text}", combine([t_verdict, p_verdict]))


def _jython_claim(scaling: pd.DataFrame, jython: str | None) -> tuple[str, str, str]:
    """5. Jython: (claim, measured, verdict)."""
    claim = (f"Jython has no GIL: its threads scale (taken as: efficiency above 1/N + "
             f"{GIL_MARGIN * 100:.0f} points)")
    threads = _top(scaling, jython, "threads")
    if threads is None:
        return claim, _unscaled(scaling, jython), NOT_MEASURED
    n = int(threads.workers)
    text, verdict = _efficiency_part(
        threads, "threads", lambda low, high: side(low, high, 1 / n + GIL_MARGIN),
        "they stay near a GIL's 1/N", f"{1 / n + GIL_MARGIN:.0%}")
    return (claim, f"{jython}, one CPU-bound job on {n} workers (1/N = {1 / n:.0%}): {text}",
            verdict)


def _step_part(step: Any, name: str, note: str = "") -> tuple[str, str]:
    """(measured text, verdict) of "STEP's newer row is faster than its older one"."""
    processes, disturbed = int(step.processes), int(step.disturbed)
    busy = f"{disturbed} of {processes} processes ran while the machine was busy"
    text = (f"{name} {step.speedup:.2f}x ({_ci(step.low, step.high)}) over "
            f"{int(step.workloads)} workloads" + (f"; {busy}" if disturbed else "")
            + (f" ({note})" if note else ""))
    if disturbed > BUSY_SHARE * processes:
        return text, say(INCONCLUSIVE, f"{name}: {busy}")
    return text, _judge(side(step.low, step.high, 1.0), f"{name}: not faster",
                        f"{name}: " + _unsure(step.low, step.high, "1.00x"))


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def _releases_claim(steps: pd.DataFrame, family: str, label: str,
                    versions: dict[str, str]) -> tuple[str, str, str]:
    """Each release of FAMILY against the one before it in this run."""
    mine = steps[(steps["family"] == family) & (steps["kind"] == "release")]
    names = [*mine["older"][:1], *mine["newer"]]
    claim = f"Each {label} release is faster than the one before it" + (
        f" ({' → '.join(versions.get(n) or n for n in names)})" if names else "")
    if mine.empty:
        return claim, NOT_MEASURED + " (needs two releases: --set timeline)", NOT_MEASURED
    parts = []
    for step in aggregate.each_row(mine):
        old, new = versions.get(step.older, ""), versions.get(step.newer, "")
        note = PUBLISHED_CPYTHON.get((_minor(old), _minor(new)), "") \
            if family == "cpython" else ""
        parts.append(_step_part(step, f"{old or step.older} → {new or step.newer}", note))
    return claim, "; ".join(t for t, _ in parts), combine([v for _, v in parts])


def _switched_on_claim(steps: pd.DataFrame, kind: str, claim: str) -> tuple[str, str, str]:
    """The row with KIND switched on against the same interpreter without it."""
    mine = steps[steps["kind"] == kind]
    if mine.empty:
        return claim, NOT_MEASURED + " (needs both rows: --set all)", NOT_MEASURED
    parts = [_step_part(step, f"{step.newer} vs {step.older}")
             for step in aggregate.each_row(mine)]
    return claim, "; ".join(t for t, _ in parts), combine([v for _, v in parts])


def _subinterpreters_claim(scaling: pd.DataFrame, order: list[str]) -> tuple[str, str, str]:
    """Subinterpreters (one GIL each) on the first implementation that has them."""
    claim = ("Subinterpreters, each with its own GIL, reach about 100% efficiency "
             f"(taken as: at least {SCALES:.0%})")
    impl, row = next(((i, r) for i in order
                      if (r := _top(scaling, i, "interpreters")) is not None), (None, None))
    if impl is None or row is None:
        return claim, NOT_MEASURED + " (needs CPython 3.14+ and 2 or more cores)", NOT_MEASURED
    n = int(row.workers)
    text, verdict = _efficiency_part(
        row, "subinterpreters", lambda low, high: side(low, high, SCALES, inclusive=True),
        f"below {SCALES:.0%}", f"{SCALES:.0%}")
    return claim, f"{impl}, one CPU-bound job on {n} workers: {text}", verdict


# -- the future ---------------------------------------------------------------------------

# Free-threaded CPython's single-thread cost as CPython's docs give it, by version: the
# 3.13 free-threading HOWTO (pyperformance), 3.14's What's New. As a time factor.
PUBLISHED_FREE_THREADING_COST = {
    "3.13": (1.40, "about 40% (3.13's free-threading HOWTO, on pyperformance)"),
    "3.14": (1.075, "5–10% (3.14's What's New)"),
}
# "About" a published cost: within this many points of it.
COST_MARGIN = 0.10


def _below(verdict_word: str) -> str:
    """side()'s verdict for "above", turned into the one for "below"."""
    return {HOLDS: DOES_NOT_HOLD, DOES_NOT_HOLD: HOLDS}.get(verdict_word, verdict_word)


def _interpreter_memory_claim(costs: pd.DataFrame, order: list[str]) -> tuple[str, str, str]:
    """One more subinterpreter against one more forked process, in peak RSS."""
    claim = ("Subinterpreters use less memory than processes (taken as: one more "
             f"subinterpreter adds under 1/{MATERIAL} of the peak RSS one more process adds)")

    def per_worker(impl: str, kind: str) -> Any:
        hit = costs[(costs["implementation"] == impl) & (costs["kind"] == kind)
                    & costs["rss_per_worker_kb"].notna()]
        return next(aggregate.each_row(hit), None)

    impl, interp, proc = next(((i, a, b) for i in order
                               if (a := per_worker(i, "interpreters")) is not None
                               and (b := per_worker(i, "processes")) is not None),
                              (None, None, None))
    if impl is None or interp is None or proc is None:
        return claim, NOT_MEASURED + " (needs CPython 3.14+ and 2 or more cores)", NOT_MEASURED
    ratio, low, high = (interp.rss_per_worker_kb / proc.rss_per_worker_kb,
                        interp.rss_low_kb / proc.rss_high_kb, interp.rss_high_kb / proc.rss_low_kb
                        ) if proc.rss_low_kb > 0 else (float("nan"),) * 3
    text = (f"{impl}, one more worker (from 1 to {int(proc.workers)}): subinterpreter "
            f"{interp.rss_per_worker_kb / 1024:.1f} MiB, forked process "
            f"{proc.rss_per_worker_kb / 1024:.1f} MiB of peak RSS (pages a forked process "
            f"shares with its parent count in both); ratio {ratio:.2f}x (range over "
            f"{int(interp.processes)} and {int(proc.processes)} processes "
            f"{low:.2f}–{high:.2f}x)")
    verdict = _judge(_below(side(low, high, 1 / MATERIAL)), "not that much less",
                     _unsure(low, high, f"{1 / MATERIAL:.2f}x",
                             few="a forked process added no memory"))
    return claim, text, verdict


def _free_threads_claim(scaling: pd.DataFrame, free: str | None) -> tuple[str, str, str]:
    """Threads of the free-threaded build on the CPU-bound job."""
    claim = ("Without the GIL, threads scale with N on CPU-bound work (free-threaded "
             f"CPython; taken as: efficiency at least {SCALES:.0%})")
    row = _top(scaling, free, "threads")
    if free is None or row is None:
        return claim, NOT_MEASURED + " (needs a free-threaded row: --set future)", NOT_MEASURED
    text, verdict = _efficiency_part(
        row, "threads", lambda low, high: side(low, high, SCALES, inclusive=True),
        f"below {SCALES:.0%}", f"{SCALES:.0%}")
    return claim, f"{free}, one CPU-bound job on {int(row.workers)} workers: {text}", verdict


def _refcount_claim(scaling: pd.DataFrame, free: str | None) -> tuple[str, str, str]:
    """The Gilectomy's lesson: shared reference counts do not scale."""
    claim = ("Reference counting on objects that all threads share does not scale (the "
             f"Gilectomy; taken as: on the free-threaded build, threads reading shared "
             f"objects stay below {SCALES:.0%} efficiency while threads reading their own "
             f"objects reach it)")
    own, shared = _top(scaling, free, "objects"), _top(scaling, free, "shared-objects")
    if free is None or own is None or shared is None:
        return claim, NOT_MEASURED + " (needs a free-threaded row: --set future)", NOT_MEASURED
    own_text, own_verdict = _efficiency_part(
        own, "own objects", lambda low, high: side(low, high, SCALES, inclusive=True),
        f"below {SCALES:.0%}: threads do not scale even without sharing", f"{SCALES:.0%}")
    shared_text, shared_verdict = _efficiency_part(
        shared, "shared objects",
        lambda low, high: _below(side(low, high, SCALES, inclusive=True)),
        f"they scale to {SCALES:.0%} or more", f"{SCALES:.0%}")
    return (claim, f"{free}, {int(own.workers)} threads reading objects: {own_text}; "
                   f"{shared_text}", combine([own_verdict, shared_verdict]))


def _free_step(steps: pd.DataFrame, free: str | None) -> Any:
    mine = steps[(steps["kind"] == "free-threading") & (steps["newer"] == free)]
    return next(aggregate.each_row(mine), None)


def _free_threading_cost_claim(steps: pd.DataFrame, impls: dict[str, ImplMeta],
                               free: str | None) -> tuple[str, str, str]:
    """The free-threaded build on one thread against the same source built with the GIL."""
    version = _minor(impls[free].version) if free is not None else ""
    cost, published = PUBLISHED_FREE_THREADING_COST.get(version, (None, ""))
    claim = ("The free-threaded build's single-thread cost is what CPython's docs say"
             + (f" for {version}: {published} (taken as: {(cost - 1 - COST_MARGIN) * 100:.0f}"
                f"–{(cost - 1 + COST_MARGIN) * 100:.0f}% slower)" if cost else
                " (3.13: about 40%; 3.14: 5–10%)"))
    step = _free_step(steps, free)
    if free is None or step is None:
        return claim, NOT_MEASURED + " (needs a free-threaded row and its GIL twin: --set " \
            "future)", NOT_MEASURED
    slower, low, high = 1 / step.speedup - 1, 1 / step.high - 1, 1 / step.low - 1
    processes, disturbed = int(step.processes), int(step.disturbed)
    text = (f"{step.newer} vs {step.older} (the same source with the GIL): "
            f"{slower * 100:.0f}% slower (95% CI {low * 100:.0f}–{high * 100:.0f}%) over "
            f"{int(step.workloads)} workloads on one thread"
            + (f"; {disturbed} of {processes} processes ran while the machine was busy"
               if disturbed else ""))
    if cost is None:
        return claim, text, say(INCONCLUSIVE, f"no published figure for {version}")
    if disturbed > BUSY_SHARE * processes:
        return claim, text, say(INCONCLUSIVE, f"{disturbed} of {processes} processes ran "
                                "while the machine was busy")
    lo, hi = cost - 1 - COST_MARGIN, cost - 1 + COST_MARGIN
    return claim, text, _judge(band(low, high, lo, hi),
                               "cheaper than that" if high < lo else "dearer than that",
                               _unsure(low, high, f"{lo * 100:.0f}%" if low < lo
                                       else f"{hi * 100:.0f}%"))


def _lock_cost_claim(step_ratios: pd.DataFrame, free: str | None) -> tuple[str, str, str]:
    """The locks workload on the free-threaded build against its GIL twin."""
    claim = (f"Locks cost more without the GIL (taken as: the locks workload takes over "
             f"{MATERIAL}x the time on the free-threaded build that it takes on the same "
             f"source built with the GIL)")
    hit = step_ratios[(step_ratios["newer"] == free) & (step_ratios["workload"] == "locks")]
    r = next(aggregate.each_row(hit), None)
    if r is None:
        return claim, NOT_MEASURED + " (needs a free-threaded row, its GIL twin and the " \
            "locks workload ok on both)", NOT_MEASURED
    factor, low, high = 1 / r.ratio, 1 / r.high, 1 / r.low
    return (claim, f"locks workload, {free} vs {r.older}: {factor:.2f}x the time "
                   f"({_ci(low, high)})",
            _judge(side(low, high, MATERIAL), "not dearer", _unsure(low, high, f"{MATERIAL}x")))


def _kernel_parts(rows: pd.DataFrame, name: Callable[[Any], str], fails: str
                  ) -> tuple[str, str]:
    """(measured text, verdict) of "each of ROWS' ratios is over MATERIAL"."""
    parts = [(f"{name(r)} {r.ratio:.2f}x ({_ci(r.low, r.high)})",
              _judge(side(r.low, r.high, MATERIAL), f"{name(r)}: {fails}",
                     f"{name(r)}: " + _unsure(r.low, r.high, f"{MATERIAL}x")))
             for r in aggregate.each_row(rows)]
    return "; ".join(t for t, _ in parts), combine([v for _, v in parts])


def _rust_kernel_claim(kernels: pd.DataFrame) -> tuple[str, str, str]:
    """The talk's "rewrite a small part as a C or Rust extension", on each row that has one."""
    claim = ("Rewriting a hot loop as a Rust extension makes the program faster, on CPython "
             f"and on PyPy (taken as: over {MATERIAL}x on every kernel and row)")
    mine = kernels[kernels["implementation"] == kernels["against"]]
    if mine.empty:
        return claim, NOT_MEASURED + " (needs the pyo3 rows: --set future)", NOT_MEASURED
    text, verdict = _kernel_parts(
        mine, lambda r: f"{r.workload} vs {r.against_workload} on {r.implementation}",
        "not faster")
    return claim, text + " (the plain program's time ÷ the Rust kernel's)", verdict


def _emulation_claim(kernels: pd.DataFrame) -> tuple[str, str, str]:
    """PyPy reaches a CPython extension through cpyext, the cost HPy was meant to remove."""
    claim = ("Calling an extension through PyPy's emulation of CPython's C API costs more "
             f"than calling it from CPython (what HPy was meant to remove; taken as: the "
             f"Rust kernels take over {MATERIAL}x the time from PyPy)")
    mine = kernels[kernels["implementation"] != kernels["against"]]
    if mine.empty:
        return claim, NOT_MEASURED + " (needs both pyo3 rows: --set future)", NOT_MEASURED
    text, verdict = _kernel_parts(
        mine, lambda r: f"{r.workload} from {r.against} vs from {r.implementation}",
        "not dearer")
    return claim, text + " (PyPy's time ÷ CPython's)", verdict
