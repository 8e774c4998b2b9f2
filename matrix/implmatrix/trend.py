"""The trend over runs: per implementation, its time level run after run on one host
with one preset (the runs index and each report draw it with trend_chart.py)."""

from __future__ import annotations

import math
import statistics
from typing import Any

from implmatrix import history

TREND_RUNS = 50  # the trend chart shows at most this many runs


def trend(entries: list[history.Entry], new: history.Entry) -> list[dict[str, Any]]:
    """Per implementation, its time level over the runs up to NEW on NEW's host with
    NEW's timing settings, relative to the first of them (1.10 = 10% slower).

    Chained: each step is the geometric mean of new / old median time over the workloads
    ok in both of two consecutive runs, so workloads added or dropped over time do not
    move the line.
    """
    earlier = [e for e in entries if e.key <= new.key and e.id != new.id
               and e.timing == new.timing][-(TREND_RUNS - 1):]
    series = [e for e in earlier if e.readable] + [new]  # a broken run: skipped, warned of
    rows = []
    for impl in new.order:
        level, prev = 1.0, None
        for e in series:
            if impl not in e.order or e.host(impl) != new.host(impl):
                continue
            mine = {w: t for (i, w), t in e.medians.items() if i == impl}
            common = sorted(mine.keys() & prev.keys()) if prev is not None else list(mine)
            if not common:
                continue
            if prev is not None:
                level *= math.exp(statistics.fmean(math.log(mine[w] / prev[w])
                                                   for w in common))
            prev = mine
            rows.append({"implementation": impl, "run": e.id, "started": e.key[0],
                         "version": e.version(impl), "relative": level,
                         "workloads": len(common)})
    return rows
