"""Run history: the runs kept under a reports root, the comparison of a run with the
previous comparable one (regressions and improvements per cell), the trend over runs,
and the runs index (ROOT/runs.csv, ROOT/index.html).

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
names the run instead; the per-implementation rule still applies.

What is flagged (compare): per cell (implementation x workload) ok in both runs, the
median time of all processes' values before and now, the change in %, and a 95%
hierarchical bootstrap interval of old / new (stats.ratio). A cell is a regression
(slower) or an improvement (faster) when that interval excludes 1 AND the change exceeds
the noise floor (noise_floor below). A change of status (ok -> error, timeout -> ok, ...)
is always flagged. Per implementation, the geometric mean of old / new over the cells ok
in both, with its interval, judged against the floor without the per-cell term.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import shlex
import statistics
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2

from implmatrix import UsageError, aggregate, runmeta, stats, store

TIMING = ("values", "processes", "warmup_budget_s")
# The bootstrap interval only sees the noise inside one run: the spread of its values and
# of its processes. Drift between runs (CPU frequency, other load on the host, another
# memory layout and JIT history in each new process) is not in it, so a change must also
# exceed a floor. With one process per cell (the fast preset) the interval has no
# process-to-process spread at all: two back-to-back fast runs of the built-in suite on the
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
CACHE = "history.json"  # in each run: the summary of its comparison, for the runs index
RULES = 3  # bump when the rules change: cached summaries are then recomputed
TREND_RUNS = 50  # the trend chart shows at most this many runs
CSV_COLUMNS = ["implementation", "workload", "verdict", "old_status", "new_status",
               "old_s", "new_s", "change", "change_low", "change_high", "floor",
               "old_cv", "new_cv", "processes", "reused", "what_changed"]


@dataclass
class Entry:
    """A run and its run.json; its cells are read once, when first needed."""

    run: store.RunDir
    meta: dict[str, Any]

    @cached_property
    def cells(self) -> list[dict[str, Any]]:
        return self.run.cells()

    @cached_property
    def medians(self) -> dict[tuple[str, str], float]:
        """(implementation, workload) -> the median of an ok cell's timed values."""
        return {(c["implementation"], c["workload"]): stats.median(g)
                for c in self.cells if (g := aggregate.process_values(c))}

    @property
    def id(self) -> str:
        return self.run.id

    @property
    def key(self) -> tuple[str, str]:
        return (str(self.meta.get("started", "")), self.id)

    @property
    def order(self) -> list[str]:
        return list(self.meta.get("settings", {}).get("implementations", []))

    def impl(self, impl: str) -> dict[str, Any]:
        return self.meta.get("implementations", {}).get(impl) or {}

    def host(self, impl: str) -> str:
        return store.host_id(self.impl(impl).get("host") or self.meta.get("host", {}))

    def version(self, impl: str) -> str:
        return str(self.impl(impl).get("version", ""))

    def timed_command(self, impl: str) -> list[str]:
        m = self.impl(impl)
        return list(m.get("timed_command") or m.get("command") or [])

    @property
    def settings(self) -> dict[str, Any]:
        return runmeta.settings(self.meta)

    @property
    def timing(self) -> tuple[Any, ...]:
        return tuple(self.settings.get(k) for k in TIMING)

    @property
    def preset(self) -> str:
        return str(self.settings.get("preset", "default"))


def runs(root: Path) -> list[Entry]:
    """The finished runs under ROOT, in start order (`latest` and broken runs skipped)."""
    return [Entry(run, meta) for run, meta in store.finished_runs(root)]


def is_root(path: Path) -> bool:
    """Whether PATH is a runs root (a `--out` directory): it has the `latest` link."""
    return (path / store.LATEST).is_symlink()


def version_key(version: str) -> tuple[int, ...]:
    """"7.3.19" -> (7, 3, 19): versions compare numerically."""
    return tuple(int(n) for n in re.findall(r"\d+", version))


def why_not(old: Entry, new: Entry, impl: str) -> str:
    """Why IMPL of NEW cannot be compared with OLD ("" when it can)."""
    if impl not in old.order:
        return "not in that run"
    if old.host(impl) != new.host(impl):
        return "measured on another host"
    if version_key(new.version(impl)) < version_key(old.version(impl)):
        return f"older version now: {new.version(impl)} < {old.version(impl)}"
    return ""


def _previous(entries: list[Entry], new: Entry) -> Entry | None:
    earlier = [e for e in entries if e.key < new.key and e.id != new.id
               and any(not why_not(e, new, i) for i in new.order)]
    same = [e for e in earlier if e.timing == new.timing]
    candidates = same or earlier
    return candidates[-1] if candidates else None


def previous_comparable(root: Path, run: store.RunDir) -> store.RunDir | None:
    """The run RUN is compared with (see the module docstring), or None."""
    found = _previous(runs(root), Entry(run, run.meta()))
    return found.run if found else None


# -- comparing two runs --------------------------------------------------------------------
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
    old: Entry
    new: Entry
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
        parts = [_plural(n["regression"], "regression"), _plural(n["improvement"], "improvement"),
                 f"{n['unchanged']} unchanged"]
        if n["status changed"]:
            parts.append(_plural(n["status changed"], "other status change"))
        text = f"compared with {self.old.id} ({settings}): {', '.join(parts)}"
        if n["reused"]:
            text += f" ({_plural(n['reused'], 'cell')} reused from it, not measured again)"
        if self.added:
            text += f"; {_plural(self.added, 'cell')} not in that run"
        if self.skipped:
            text += "; not compared: " + ", ".join(f"{i} ({why})"
                                                   for i, why in self.skipped.items())
        return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def compare(old: Entry, new: Entry) -> Comparison:
    """NEW's cells against OLD's, for the implementations comparable between them."""
    skipped = {i: why for i in new.order if (why := why_not(old, new, i))}
    wanted = [i for i in new.order if i not in skipped]
    before = {(c["implementation"], c["workload"]): c for c in old.cells}
    rows: list[dict[str, Any]] = []
    impls: list[dict[str, Any]] = []
    now = {(c["implementation"], c["workload"]): c for c in new.cells}
    for impl in wanted:
        pairs = []
        cells = sorted(k for k in now if k[0] == impl and k in before)
        for key in cells:
            a, b = before[key], now[key]
            ga, gb = aggregate.process_values(a), aggregate.process_values(b)
            row = {"implementation": impl, "workload": key[1], "old_status": a["status"],
                   "new_status": b["status"], "old_s": None, "new_s": None, "change": None,
                   "change_low": None, "change_high": None, "floor": None, "old_cv": None,
                   "new_cv": None, "processes": min(len(ga), len(gb)),
                   "reused": a.get("runs") == b.get("runs"),
                   "what_changed": _what_changed(old, new, impl, a, b)}
            if a["status"] != b["status"]:
                row["verdict"] = _status_verdict(a["status"], b["status"])
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


def _what_changed(old: Entry, new: Entry, impl: str, a: dict[str, Any],
                  b: dict[str, Any]) -> str:
    """What differs besides chance: the interpreter, its image, its command line, the
    in-container tools, the workload file."""
    found = []
    if old.version(impl) != new.version(impl):
        found.append(f"version {old.version(impl)} → {new.version(impl)}")
    elif a.get("image_id") != b.get("image_id"):
        found.append("image rebuilt")
    before, now = old.timed_command(impl), new.timed_command(impl)
    if before != now:
        found.append(f"command {shlex.join(before)} → {shlex.join(now)}")
    elif a.get("tools") != b.get("tools"):
        found.append("harness or measure tool")
    if a.get("workload_sha256") != b.get("workload_sha256"):
        found.append("workload file")
    return ", ".join(found)


# -- trend over runs ----------------------------------------------------------------------
def trend(entries: list[Entry], new: Entry) -> list[dict[str, Any]]:
    """Per implementation, its time level over the runs up to NEW on NEW's host with
    NEW's timing settings, relative to the first of them (1.10 = 10% slower).

    Chained: each step is the geometric mean of new / old median time over the workloads
    ok in both of two consecutive runs, so workloads added or dropped over time do not
    move the line.
    """
    series = [e for e in entries if e.key <= new.key and e.id != new.id
              and e.timing == new.timing] + [new]
    series = series[-TREND_RUNS:]
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


# -- what the report shows -----------------------------------------------------------------
def _drift_text(found: Comparison) -> str:
    """The drift term of the floor, as the report says it ("" when no cell was unchanged)."""
    n = len(unchanged_moves(found.cells))
    return (f"{DRIFT_FACTOR:g} × the machine's drift between the two runs, "
            f"{found.drift:.0%}: the median change of the {_plural(n, 'cell')} where "
            "nothing changed") if n else ""


def view(run: store.RunDir, against: str | None = None) -> dict[str, Any]:
    """The comparison of RUN with the previous comparable run (or with AGAINST, a run id
    under the same root), as plain rows of strings for the templates."""
    root = run.path.parent
    entries = runs(root)
    new = next((e for e in entries if e.id == run.id), None) or Entry(run, run.meta())
    if against is not None:
        old = next((e for e in entries if e.id == against and e.id != run.id), None)
        if old is None:
            raise UsageError(f"--against {against}: no other finished run of that id "
                             f"under {root}")
    else:
        old = _previous(entries, new)
    found = compare(old, new) if old else None
    processes = min(e.settings["processes"] for e in (old or new, new))
    return {
        **_digest(found, explicit=against is not None,
                  nothing="no comparable earlier run (same host, same or newer interpreter "
                  "version) under this runs directory"),
        "flagged": [_show_cell(c) for c in found.cells if c["verdict"] != "unchanged"]
        if found else [],
        "impls": [_show_impl(i) for i in found.impls] if found else [],
        "floor": f"{noise_floor(processes, 0, 0):.0%}",
        "drift": _drift_text(found) if found else "",
        "cv_factor": f"{CV_FACTOR:g}",
        "cells": found.cells if found else [],
        "trend": trend(entries, new),
        "trend_svg": "",
        "index": "../index.html" if is_root(root) else "",
    }


_ROUNDS_TO_ZERO = 0.0005  # shown as +0.0%, never as −0.0%


def _pct(x: float | None) -> str:
    if x is None:
        return ""
    return f"{0.0 if abs(x) < _ROUNDS_TO_ZERO else x:+.1%}".replace("-", "−")


def _show_cell(c: dict[str, Any]) -> dict[str, Any]:
    timed = c["change"] is not None
    return {
        "implementation": c["implementation"], "workload": c["workload"],
        "verdict": c["verdict"],
        "before": f"{c['old_s'] * 1e3:.4g} ms" if timed else c["old_status"],
        "now": f"{c['new_s'] * 1e3:.4g} ms" if timed else c["new_status"],
        "change": _pct(c["change"]),
        "ci": f"{_pct(c['change_low'])} to {_pct(c['change_high'])}" if timed else "",
        "floor": f"{c['floor']:.0%}" if timed else "",
        "what_changed": c["what_changed"],
    }


def _show_impl(i: dict[str, Any]) -> dict[str, Any]:
    same = i["old_version"] == i["new_version"]
    return {
        "implementation": i["implementation"],
        "versions": i["new_version"] if same else f"{i['old_version']} → {i['new_version']}",
        "change": _pct(i["change"]),
        "ci": f"{_pct(i['change_low'])} to {_pct(i['change_high'])}",
        "workloads": i["workloads"], "verdict": i["verdict"],
    }


# -- files: regressions.csv, the cached summary, the runs index ----------------------------
def write(run: store.RunDir, shown: dict[str, Any]) -> None:
    """RUN's regressions.csv and summary (SHOWN is view(RUN)), then the runs index."""
    if shown["against"]:
        import pandas as pd

        table = pd.DataFrame(shown["cells"], columns=CSV_COLUMNS)
        store.atomic_write(run.path / "regressions.csv",
                           table.to_csv(index=False, float_format="%.6g").encode())
    else:
        (run.path / "regressions.csv").unlink(missing_ok=True)
    store.write_json(run.path / CACHE, _cached(shown))
    if is_root(run.path.parent):
        write_index(run.path.parent)


def _digest(found: Comparison | None, explicit: bool, nothing: str = "") -> dict[str, Any]:
    """What the runs index needs of a comparison (what history.json caches); NOTHING is
    the summary when there was no run to compare with."""
    return {"rules": RULES, "against": found.old.id if found else "", "explicit": explicit,
            "counts": dict(found.counts) if found else {},
            "by_impl": found.by_impl if found else {},
            "summary": found.summary() if found else nothing}


def _cached(shown: dict[str, Any]) -> dict[str, Any]:
    return {k: shown[k] for k in _digest(None, False)}


def summary(run: store.RunDir) -> str:
    """The one-line summary the last render of RUN wrote ("" if none)."""
    try:
        return str(json.loads((run.path / CACHE).read_text())["summary"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def _summary_for(entries: list[Entry], e: Entry) -> dict[str, Any]:
    """E's comparison with its predecessor: from its cache when that is current."""
    old = _previous(entries, e)
    try:
        cached = json.loads((e.run.path / CACHE).read_text())
    except (OSError, ValueError):
        cached = None
    if isinstance(cached, dict) and cached.get("rules") == RULES \
            and cached.get("against") == (old.id if old else ""):
        return cached
    fresh = _digest(compare(old, e) if old else None, explicit=False)
    if not (isinstance(cached, dict) and cached.get("explicit")):
        with contextlib.suppress(OSError):  # a run rendered with --against keeps that summary
            store.write_json(e.run.path / CACHE, fresh)
    return fresh


def _speeds(e: Entry) -> tuple[dict[str, str], dict[str, float]]:
    """Per implementation: "ok/cells", and the point geometric mean speed vs the baseline
    (baseline median / its median over workloads ok on both, on the baseline's host)."""
    baseline = runmeta.baseline(e.meta)
    counts: dict[str, Counter[str]] = {}
    for c in e.cells:
        counts.setdefault(c["implementation"], Counter())[c["status"]] += 1
    medians = e.medians
    ok = {i: f"{n['ok']}/{sum(n.values())}" for i, n in counts.items()}
    speed = {}
    for impl in e.order:
        if e.host(impl) != e.host(baseline):
            continue
        logs = [math.log(medians[baseline, w] / t) for (i, w), t in medians.items()
                if i == impl and (baseline, w) in medians]
        if logs:
            speed[impl] = math.exp(statistics.fmean(logs))
    return ok, speed


def write_index(root: Path) -> Path:
    """ROOT/runs.csv (one row per run x implementation) and ROOT/index.html."""
    import pandas as pd

    from implmatrix import trend_chart

    entries = runs(root)
    rows, shown = [], []
    for e in entries:
        found = _summary_for(entries, e)
        counts = Counter(found.get("counts") or {})
        ok, speed = _speeds(e)
        mine = found.get("by_impl") or {}
        host = e.meta.get("host", {})
        impls = []
        for impl in e.order:
            impls.append({"id": impl, "version": e.version(impl), "ok": ok.get(impl, ""),
                          "speed": f"{speed[impl]:.2f}x" if impl in speed else ""})
            rows.append({
                "run": e.id, "started": e.key[0], "host": host.get("hostname", ""),
                "host_id": e.host(impl), "preset": e.preset, "implementation": impl,
                "version": e.version(impl), "ok": ok.get(impl, ""),
                "speed_vs_baseline": speed.get(impl), "against": found.get("against", ""),
                "regressions": (mine.get(impl) or {}).get("regression", 0)
                if impl in mine else None,
                "improvements": (mine.get(impl) or {}).get("improvement", 0)
                if impl in mine else None,
            })
        shown.append({
            "id": e.id, "started": e.key[0], "host": str(host.get("hostname", "")),
            "cpu": str(host.get("cpu_model_name", "")), "preset": e.preset,
            "merged": bool(e.meta.get("merged_from")), "impls": impls,
            "against": found.get("against", ""),
            "regressions": counts["regression"], "improvements": counts["improvement"],
            "status_changed": counts["status changed"], "unchanged": counts["unchanged"],
            "html": (e.run.path / "index.html").is_file(),
        })
    store.atomic_write(root / "runs.csv", pd.DataFrame(rows, columns=[
        "run", "started", "host", "host_id", "preset", "implementation", "version", "ok",
        "speed_vs_baseline", "against", "regressions", "improvements"]).to_csv(
        index=False, float_format="%.4g").encode())
    newest = entries[-1] if entries else None
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).with_name(
        "templates")), autoescape=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined)
    html = env.get_template("runs.html.j2").render(
        runs=list(reversed(shown)), root=root.name,
        trend_svg=trend_chart.trend(trend(entries, newest)) if newest else "",
        newest=newest.id if newest else "",
        host=str((newest.meta.get("host", {}) if newest else {}).get("hostname", "")),
        preset=newest.preset if newest else "")
    path = root / "index.html"
    store.atomic_write(path, html.encode())
    return path
