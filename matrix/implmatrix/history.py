"""Run history: the finished runs kept under a reports root, and which of them a run is
compared with. The comparison itself is regressions.py; what the report shows of it,
regressions_report.py; a run's cached summary, run_summary.py; the trend over runs,
trend.py; the runs index (ROOT/runs.csv, ROOT/index.html), runs_index.py.

Which run a run R is compared with (previous_comparable): the newest finished run under
the same root that started before R and has at least one implementation comparable with
R. Among those, a run with R's timing settings (values, processes per cell, warmup
budget) is preferred; only when there is none is the newest run with other settings
used, and the comparison says so: medians measured with another preset estimate the same
steady time, but a JIT that did not finish warming up within the shorter budget of the
fast preset shows up as a change. An implementation is comparable when it was measured
in both runs on the same host (store.host_id of the host it ran on: a merged run keeps
each implementation's host) and its version in R is the same as before or newer
(compared numerically: 7.3.19 > 7.3.11); a downgrade is not held against the
interpreter. Merged runs take part like any other run. `implmatrix report --against RUN_ID`
names the run instead; the per-implementation rule still applies. A run whose run.json or
cells cannot be read is left out, with one warning line (store.skip).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from implmatrix import UsageError, aggregate, model, stats, store


@dataclass(frozen=True)
class Entry:
    """A run and its run.json; its cells are read once, when first needed."""

    run: store.RunDir
    meta: model.RunMeta
    # The medians of a run's summary (run_summary.py), when current: its cells unread.
    known_medians: dict[tuple[str, str], float] | None = None

    @cached_property
    def cells(self) -> list[model.Cell]:
        return self.run.cells()

    @cached_property
    def readable(self) -> bool:
        """Whether this run's figures can be had: its cached medians, or cells that all
        read. A run of the history that cannot is left out, with one warning line: a
        broken file in an old run must not stop the report of a new one."""
        if self.known_medians is not None:
            return True
        try:
            _ = self.cells  # read once, kept
        except UsageError as e:
            store.skip(self.run, e)
            return False
        return True

    @cached_property
    def medians(self) -> dict[tuple[str, str], float]:
        """(implementation, workload) -> the median of an ok cell's timed values."""
        if self.known_medians is not None:
            return self.known_medians
        return {(c.implementation, c.workload): stats.median(g)
                for c in self.cells if (g := aggregate.process_values(c))}

    @property
    def id(self) -> str:
        return self.run.id

    @property
    def key(self) -> tuple[str, str]:
        return (self.meta.started, self.id)

    @property
    def order(self) -> list[str]:
        return list(self.meta.settings.implementations)

    def host(self, impl: str) -> str:
        return store.host_id(self.meta.host_of(impl))

    def version(self, impl: str) -> str:
        return self.meta.impl(impl).version

    @property
    def timing(self) -> tuple[int, int, float]:
        """The settings that decide a median: values, processes, warmup budget."""
        s = self.meta.settings
        return (s.values, s.processes, s.warmup_budget_s)

    @property
    def preset(self) -> str:
        return self.meta.settings.preset


def runs(root: Path) -> list[Entry]:
    """The finished runs under ROOT, in start order (`latest` and broken runs skipped)."""
    return [Entry(run, meta) for run, meta in store.finished_runs(root)]


def is_root(path: Path) -> bool:
    """Whether PATH is a runs root (a `--out` directory): it has the `latest` link."""
    return (path / store.LATEST).is_symlink()


def why_not(old: Entry, new: Entry, impl: str) -> str:
    """Why IMPL of NEW cannot be compared with OLD ("" when it can)."""
    if impl not in old.order:
        return "not in that run"
    if old.host(impl) != new.host(impl):
        return "measured on another host"
    if aggregate.version_key(new.version(impl)) < aggregate.version_key(old.version(impl)):
        return f"older version now: {new.version(impl)} < {old.version(impl)}"
    return ""


def previous(entries: list[Entry], new: Entry, *, read: bool = True) -> Entry | None:
    """The entry NEW is compared with among ENTRIES (see the module docstring), or None.
    A run whose cells cannot be read is passed over (Entry.readable); without READ, no
    cells are read and the choice is by run.json alone."""
    earlier = [e for e in entries if e.key < new.key and e.id != new.id
               and any(not why_not(e, new, i) for i in new.order)]
    same = [e for e in earlier if e.timing == new.timing]
    for candidates in (same, earlier):
        for e in reversed(candidates):
            if not read or e.readable:
                return e
    return None


def previous_comparable(root: Path, run: store.RunDir) -> store.RunDir | None:
    """The run RUN is compared with (see the module docstring), or None."""
    found = previous(runs(root), Entry(run, run.meta()))
    return found.run if found else None
