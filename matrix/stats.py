"""Speed ratios with bootstrap confidence intervals.

A cell's values come from several processes, and processes differ more from
each other than iterations within one (JIT decisions, memory layout), so the
bootstrap is hierarchical: resample processes, then values within each.
A ratio is significant when its 95% interval excludes 1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

RESAMPLES = 2000
LEVEL = 0.95


@dataclass(frozen=True)
class Ratio:
    ratio: float  # baseline median ÷ this median: > 1 is faster
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
    return np.median(sample.reshape(RESAMPLES, -1), axis=1)


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
