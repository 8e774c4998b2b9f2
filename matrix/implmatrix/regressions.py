"""Comparing a run with an earlier one: per cell and per implementation, what changed
and whether it is a regression or an improvement (history.py picks the earlier run).

What is flagged (compare): per cell (implementation x workload) ok in both runs, the
median time of all processes' values before and now, the change in %, and a 95%
hierarchical bootstrap interval of old / new (stats.ratio). A cell is a regression
(slower) or an improvement (faster) when that interval excludes 1 AND the change exceeds
the noise floor (noise_floor below). A change of status (ok -> error, timeout -> ok, ...)
is always flagged. Per implementation, the geometric mean of old / new over the cells ok
in both, with its interval, judged against the floor without the per-cell term.
"""

from __future__ import annotations

import shlex
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from implmatrix import aggregate, history, stats
from implmatrix.model import Cell

# The bootstrap interval only sees the noise inside one run: the spread of its values and
# of its processes. Drift between runs (CPU frequency, other load on the host, another
# memory layout and JIT history in each new process) is not in it, so a change must also
# exceed a floor. With one process per cell (the fast preset) the interval has no
# process-to-process spread at all: two back-to-back fast runs of the built-in workloads on the
# 2-core build machine with nothing changed (20261125-184900, 20261125-185311) differed per
# cell by 3% in the median, and 24 of 70 cells by more than 5%, 6 by more than 10% (up to
# 14% with a CV under 4%), 2 by more than 15% (pypy3.11 string_building +25%, CV 4%; and
# a cell with CV 30%). A 10% floor flagged 4 of those 70 unchanged cells; 15% flags 1.
# With 3 processes (the default preset) the interval includes the process-to-process
# spread, and per-implementation geometric means of back-to-back runs moved by up to 3.7%
# (`make bench`): 5%.
FLOOR = 0.05
FLOOR_ONE_PROCESS = 0.15
# ... and twice the cell's own coefficient of variation (the larger of the two runs'):
# the median of n values spread with CV c moves by about 1.25 c / sqrt(n) between
# samples, so two medians of 3 values differ with a standard deviation of about c, and
# 2 x CV is two standard deviations of that difference.
CV_FACTOR = 2.0
# ... and the machine's own drift between the two runs, measured by the comparison itself:
# DRIFT_FACTOR x the median change of the cells where nothing changed (same file, image,
# command line and tools, measured anew). Fixed floors come from one day of one machine;
# on the 2-vCPU build machine on 2026-12-02 two back-to-back fast runs with nothing changed
# differed per cell by 16% in the median, 38 of 70 cells by more than 15% and 10 by more
# than 50% (the host's other tenants share its last-level cache: see `make bench`, drift).
DRIFT_FACTOR = 2.0
CSV_COLUMNS = ["implementation", "workload", "verdict", "old_status", "new_status",
               "old_s", "new_s", "change", "change_low", "change_high", "floor",
               "old_cv", "new_cv", "processes", "reused", "what_changed"]


def noise_floor(processes: int, old_cv: float, new_cv: float, drift: float = 0.0) -> float:
    """The smallest change in median time taken as real (see FLOOR, CV_FACTOR and
    DRIFT_FACTOR); DRIFT: the median change of the comparison's unchanged cells."""
    return max(FLOOR_ONE_PROCESS if processes <= 1 else FLOOR,
               CV_FACTOR * max(old_cv, new_cv), DRIFT_FACTOR * drift)


def unchanged_moves(rows: list[dict[str, Any]]) -> list[float]:
    """|change| of the rows where nothing but chance changed: the machine's drift sample."""
    return [abs(r["change"]) for r in rows
            if r["change"] is not None and not r["what_changed"] and not r["reused"]]


def machine_drift(rows: list[dict[str, Any]]) -> float:
    """The median of unchanged_moves(ROWS), 0.0 if there are none."""
    moved = unchanged_moves(rows)
    return statistics.median(moved) if moved else 0.0


def _cv(groups: list[list[float]]) -> float:
    values = [v for g in groups for v in g]
    return statistics.stdev(values) / statistics.fmean(values) if len(values) > 1 else 0.0


def _verdict(r: stats.Ratio, floor: float) -> str:
    """R is old / new median time (below 1 is slower now); the floor applies to the
    change in time as the report shows it (new / old - 1), both ways."""
    if r.high < 1 and 1 / r.ratio - 1 > floor:
        return "regression"
    if r.low > 1 and 1 / r.ratio - 1 < -floor:
        return "improvement"
    return "unchanged"


def _status_verdict(old: str, new: str) -> str:
    return "regression" if old == "ok" else "improvement" if new == "ok" else "status changed"


@dataclass
class Comparison:
    old: history.Entry
    new: history.Entry
    cells: list[dict[str, Any]]  # one row per cell in both runs (CSV_COLUMNS)
    impls: list[dict[str, Any]]  # per compared implementation: geometric mean change
    skipped: dict[str, str]  # implementation -> why it was not compared
    added: int = 0  # cells of compared implementations that the old run did not have
    drift: float = 0.0  # machine_drift(cells), a term of every floor

    @property
    def counts(self) -> Counter[str]:
        counts = Counter(c["verdict"] for c in self.cells)
        counts["reused"] = sum(c["reused"] for c in self.cells)
        return counts

    @property
    def by_impl(self) -> dict[str, dict[str, int]]:
        found: dict[str, Counter[str]] = {}
        for c in self.cells:
            found.setdefault(c["implementation"], Counter())[c["verdict"]] += 1
        return {i: dict(n) for i, n in found.items()}

    def summary(self) -> str:
        n = self.counts
        settings = ("same host" if self.old.timing == self.new.timing else
                    f"same host; other settings: {self.old.preset} preset then, "
                    f"{self.new.preset} preset now")
        parts = [plural(n["regression"], "regression"), plural(n["improvement"], "improvement"),
                 f"{n['unchanged']} unchanged"]
        if n["status changed"]:
            parts.append(plural(n["status changed"], "other status change"))
        text = f"compared with {self.old.id} ({settings}): {', '.join(parts)}"
        if n["reused"]:
            text += f" ({plural(n['reused'], 'cell')} reused from it, not measured again)"
        if self.added:
            text += f"; {plural(self.added, 'cell')} not in that run"
        if self.skipped:
            text += "; not compared: " + ", ".join(f"{i} ({why})"
                                                   for i, why in self.skipped.items())
        return text


def plural(n: int, word: str) -> str:
    """"1 cell", "2 cells"."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def compare(old: history.Entry, new: history.Entry) -> Comparison:
    """NEW's cells against OLD's, for the implementations comparable between them."""
    skipped = {i: why for i in new.order if (why := history.why_not(old, new, i))}
    wanted = [i for i in new.order if i not in skipped]
    before = {(c.implementation, c.workload): c for c in old.cells}
    rows: list[dict[str, Any]] = []
    impls: list[dict[str, Any]] = []
    now = {(c.implementation, c.workload): c for c in new.cells}
    for impl in wanted:
        pairs = []
        cells = sorted(k for k in now if k[0] == impl and k in before)
        for key in cells:
            a, b = before[key], now[key]
            ga, gb = aggregate.process_values(a), aggregate.process_values(b)
            row: dict[str, Any] = {
                "implementation": impl, "workload": key[1], "old_status": a.status,
                "new_status": b.status, "old_s": None, "new_s": None, "change": None,
                "change_low": None, "change_high": None, "floor": None, "old_cv": None,
                "new_cv": None, "processes": min(len(ga), len(gb)),
                "reused": a.runs == b.runs,
                "what_changed": _what_changed(old, new, impl, a, b)}
            if a.status != b.status:
                row["verdict"] = _status_verdict(a.status, b.status)
            elif ga and gb:
                r = stats.ratio(ga, gb)
                cvs = _cv(ga), _cv(gb)
                row.update(old_s=stats.median(ga), new_s=stats.median(gb), change=1 / r.ratio - 1,
                           change_low=1 / r.high - 1, change_high=1 / r.low - 1,
                           old_cv=cvs[0], new_cv=cvs[1], ratio=r)
                pairs.append((ga, gb))
            else:  # the same status, not ok (or no usable values): nothing to compare
                row["verdict"] = "unchanged"
            rows.append(row)
        if pairs:
            g = stats.geomean(pairs)
            processes = min(min(len(a), len(b)) for a, b in pairs)  # groups = processes
            impls.append({
                "implementation": impl, "old_version": old.version(impl),
                "new_version": new.version(impl), "change": 1 / g.ratio - 1,
                "change_low": 1 / g.high - 1, "change_high": 1 / g.low - 1,
                "workloads": len(pairs), "ratio": g, "processes": processes,
            })
    # Verdicts once the machine's drift between the two runs is known.
    drift = machine_drift(rows)
    # A cell where nothing changed is never flagged: what moved it is the machine (its move
    # is a sample of the drift), and naming it a regression would blame the implementation
    # for the host. CI on 2026-12-02 flagged one of three such cells (integration test, fast
    # preset): its move exceeded both the 15% floor and twice the median move of the three.
    changed = {r["implementation"] for r in rows if r["what_changed"]}
    for row in rows:
        if "ratio" in row:
            row["floor"] = noise_floor(row["processes"], row["old_cv"], row["new_cv"], drift)
            verdict = _verdict(row.pop("ratio"), row["floor"])
            row["verdict"] = verdict if row["what_changed"] else "unchanged"
    for impl_row in impls:
        verdict = _verdict(impl_row.pop("ratio"), noise_floor(
            impl_row.pop("processes"), 0.0, 0.0, drift))
        impl_row["verdict"] = verdict if impl_row["implementation"] in changed else "unchanged"
    added = sum(1 for k in now if k[0] in wanted and k not in before)
    return Comparison(old, new, rows, impls, skipped, added, drift)


def _what_changed(old: history.Entry, new: history.Entry, impl: str, a: Cell, b: Cell
                  ) -> str:
    """What differs besides chance: the interpreter, its image, its command line, the
    in-container tools, the workload file."""
    found = []
    if old.version(impl) != new.version(impl):
        found.append(f"version {old.version(impl)} → {new.version(impl)}")
    elif a.image_id != b.image_id:
        found.append("image rebuilt")
    before, now = old.meta.impl(impl).timed_argv, new.meta.impl(impl).timed_argv
    if before != now:
        found.append(f"command {shlex.join(before)} → {shlex.join(now)}")
    elif a.tools != b.tools:
        found.append("harness or measure tool")
    if a.workload_sha256 != b.workload_sha256:
        found.append("workload file")
    return ", ".join(found)
