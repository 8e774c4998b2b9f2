"""Ratios with 95% confidence intervals.

Speed: a cell's values come from several processes, and processes differ more
from each other than iterations within one (JIT decisions, memory layout), so
the bootstrap is hierarchical: resample processes, then values within each.
A ratio is significant when its 95% interval excludes 1.

Run to run: the bootstrap describes the noise inside one run, and a second run on
the same machine lands outside it more often than 5% of the time. Processes run in
passes (process 1 of every cell, then process 2, ...), each pass a complete small
run of the matrix, so the spread between passes is the spread between runs, measured
inside this one: the speed intervals of the report (across_passes) are the wider of
the bootstrap interval and a Student t-interval over the passes. A run of one pass
has no such spread of its own; its interval is widened by ONE_PASS_FLOOR, the
between-run spread `make bench` measured for one-pass runs.

Small samples (start-up runs, scaling repeats, per-workload ratios): ratios of
geometric means with a Student t-interval on the log scale (log_ratio, log_mean).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

import numpy as np

RESAMPLES = 2000
LEVEL = 0.95


@dataclass(frozen=True)
class Ratio:
    ratio: float  # speed: baseline median ÷ this median (> 1 is faster); else as documented
    low: float
    high: float

    @property
    def significant(self) -> bool:
        return self.low > 1.0 or self.high < 1.0


def _boot_medians(processes: list[list[float]], rng: np.random.Generator) -> np.ndarray:
    """RESAMPLES bootstrap medians of values grouped by process."""
    width = min(len(p) for p in processes)
    grid = np.array([p[:width] for p in processes], dtype=float)  # processes × values
    n_proc = grid.shape[0]
    pick_proc = rng.integers(0, n_proc, size=(RESAMPLES, n_proc))
    pick_value = rng.integers(0, width, size=(RESAMPLES, n_proc, width))
    sample = grid[pick_proc[:, :, None], pick_value]
    medians: np.ndarray = np.median(sample.reshape(RESAMPLES, -1), axis=1)
    return medians


def _interval(samples: np.ndarray) -> tuple[float, float]:
    tail = (1 - LEVEL) / 2 * 100
    low, high = np.percentile(samples, [tail, 100 - tail])
    return float(low), float(high)


def median(processes: list[list[float]]) -> float:
    """The median of all values of all processes."""
    return float(np.median([v for p in processes for v in p]))


def ratio(baseline: list[list[float]], other: list[list[float]], seed: int = 0) -> Ratio:
    rng = np.random.default_rng(seed)
    boot = _boot_medians(baseline, rng) / _boot_medians(other, rng)
    return Ratio(median(baseline) / median(other), *_interval(boot))


def geomean(pairs: list[tuple[list[list[float]], list[list[float]]]], seed: int = 0) -> Ratio:
    """Geometric mean of the ratios of (baseline, other) pairs, with its interval."""
    rng = np.random.default_rng(seed)
    logs = np.zeros(RESAMPLES)
    point = 0.0
    for base, other in pairs:
        logs += np.log(_boot_medians(base, rng) / _boot_medians(other, rng))
        point += math.log(median(base) / median(other))
    n = len(pairs)
    low, high = _interval(np.exp(logs / n))
    return Ratio(math.exp(point / n), low, high)


# Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom; 1.96 above.
T95 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
       2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
       2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042)
# The interval of a figure resting on a single value: anything.
UNKNOWN = (0.0, math.inf)
# The fewest values that have a spread, and so an interval.
SPREAD_MIN = 2


def t95(df: float) -> float:
    """The two-sided 95% t quantile; a fractional df (Welch's) rounds down, the wider side."""
    k = max(1, math.floor(df + 1e-9))
    return T95[k - 1] if k <= len(T95) else 1.96


def _logs(xs: list[float]) -> list[float]:
    return [math.log(x) for x in xs if x > 0]  # 0.0 (the clock's resolution) has no log


def log_ratio(a: list[float], b: list[float]) -> Ratio:
    """mean(A) ÷ mean(B) on the log scale (the ratio of geometric means), with a 95%
    Welch t-interval on the difference of the log means. With a single value on a
    side the interval is (0, inf): unknown. Values <= 0 are left out."""
    la, lb = _logs(a), _logs(b)
    if not la or not lb:
        raise ValueError("log_ratio needs a positive value on both sides")
    diff = statistics.fmean(la) - statistics.fmean(lb)
    if len(la) < SPREAD_MIN or len(lb) < SPREAD_MIN:
        return Ratio(math.exp(diff), *UNKNOWN)
    va, vb = statistics.variance(la) / len(la), statistics.variance(lb) / len(lb)
    if va + vb == 0:
        return Ratio(math.exp(diff), math.exp(diff), math.exp(diff))
    df = (va + vb) ** 2 / (va ** 2 / (len(la) - 1) + vb ** 2 / (len(lb) - 1))
    half = t95(df) * math.sqrt(va + vb)
    return Ratio(math.exp(diff), math.exp(diff - half), math.exp(diff + half))


def log_mean(xs: list[float]) -> Ratio:
    """The geometric mean of XS (e.g. per-workload ratios) with a 95% t-interval over
    them (log scale, n - 1 degrees of freedom); (0, inf) for a single value."""
    logs = _logs(xs)
    if not logs:
        raise ValueError("log_mean needs a positive value")
    mean = statistics.fmean(logs)
    if len(logs) < SPREAD_MIN:
        return Ratio(math.exp(mean), *UNKNOWN)
    half = t95(len(logs) - 1) * statistics.stdev(logs) / math.sqrt(len(logs))
    return Ratio(math.exp(mean), math.exp(mean - half), math.exp(mean + half))


def interval_method(passes: int) -> str:
    """How the report's speed intervals were sized, for a run of PASSES passes."""
    widened = (f"the Student t-interval over the {passes} passes (pass k: process k of every "
               "cell, interleaved), so that the spread between passes, which is the spread "
               "between runs, is covered" if passes >= SPREAD_MIN else
               f"widened by {ONE_PASS_FLOOR:.0%}, the spread between two one-pass runs that "
               "`make bench` measured on the build machine (a one-pass run has no spread "
               "between passes of its own)")
    return ("95% intervals: the wider of a hierarchical bootstrap (processes, then "
            f"iterations, resampled) and {widened}.")


# Two one-pass (--fast) runs, quiet, minutes apart on the 2-core build machine
# (make bench, part "load", 2026-12-02): per-implementation geometric means moved by
# -8.8..+0.4% in one pair and +6.8..+23.9% in another (jython2.7 +23.9%).
ONE_PASS_FLOOR = 0.25


def pass_logs(pairs: list[tuple[list[list[float]], list[list[float]]]]) -> list[float]:
    """Per pass p (process p of every cell): the mean over PAIRS of log(baseline's median
    in that process ÷ the other's). One pair: the log ratio of one cell per pass."""
    passes = min((min(len(b), len(o)) for b, o in pairs), default=0)
    return [statistics.fmean(math.log(float(np.median(b[p])) / float(np.median(o[p])))
                             for b, o in pairs) for p in range(passes)]


def across_passes(r: Ratio, logs: list[float]) -> Ratio:
    """R's interval made to cover a second run: widened to the t-interval of the per-pass
    LOGS (pass_logs), or by ONE_PASS_FLOOR with fewer than two passes."""
    if len(logs) < SPREAD_MIN:
        return Ratio(r.ratio, r.low / (1 + ONE_PASS_FLOOR), r.high * (1 + ONE_PASS_FLOOR))
    passes = log_mean([math.exp(x) for x in logs])
    return Ratio(r.ratio, min(r.low, passes.low), max(r.high, passes.high))
