"""A run's summary, cached in its own folder (history.json) when the run is rendered: the
digest of its comparison with its predecessor, and the figures of the run the runs index
shows (ok cells and speed vs the baseline per implementation, the medians of the trend),
so the index need not read every run's cells. A summary that is missing, of older rules
or against another run is computed in memory, never written into the run's folder: only
rendering a run writes there."""

from __future__ import annotations

import json
import math
import statistics
from collections import Counter
from dataclasses import replace
from typing import Any

from implmatrix import history, regressions, store

CACHE = "history.json"  # in each run: the summary of its comparison, for the runs index
RULES = 4  # bump when the rules or the summary change: cached summaries are then recomputed
FIGURES = ("ok", "speed", "medians")  # what figures() adds to the digest


def digest(found: regressions.Comparison | None, explicit: bool,
           nothing: str = "") -> dict[str, Any]:
    """What the runs index needs of a comparison (what history.json caches); NOTHING is
    the summary when there was no run to compare with."""
    return {"rules": RULES, "against": found.old.id if found else "", "explicit": explicit,
            "counts": dict(found.counts) if found else {},
            "by_impl": found.by_impl if found else {},
            "summary": found.summary() if found else nothing}


def figures(e: history.Entry) -> dict[str, Any]:
    """Per implementation: "ok/cells"; the point geometric mean speed vs the baseline
    (baseline median / its median over workloads ok on both, on the baseline's host); and
    the median of each ok cell (impl -> workload -> seconds)."""
    baseline = e.meta.baseline()
    counts: dict[str, Counter[str]] = {}
    for c in e.cells:
        counts.setdefault(c.implementation, Counter())[c.status] += 1
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
    by_impl: dict[str, dict[str, float]] = {}
    for (i, w), t in medians.items():
        by_impl.setdefault(i, {})[w] = t
    return {"ok": ok, "speed": speed, "medians": by_impl}


def write(e: history.Entry, shown: dict[str, Any]) -> None:
    """E's own history.json: the digest of SHOWN (regressions_report.view(E)) and E's
    figures."""
    store.write_json(e.run.path / CACHE, {**{k: shown[k] for k in digest(None, False)},
                                          **figures(e)})


def summary(run: store.RunDir) -> str:
    """The one-line summary the last render of RUN wrote ("" if none)."""
    try:
        return str(json.loads((run.path / CACHE).read_text())["summary"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def current(entries: list[history.Entry], e: history.Entry
            ) -> tuple[dict[str, Any], history.Entry] | None:
    """E's digest (its comparison with its predecessor among ENTRIES) and figures: from
    its cache when that is current, else computed here; nothing is written. And E with
    the cached medians, so that the trend does not read E's cells either. None when E's
    cells are needed and cannot be read (E is skipped, with one warning line)."""
    try:
        cached = json.loads((e.run.path / CACHE).read_text())
    except (OSError, ValueError):
        cached = None
    ours = isinstance(cached, dict) and cached.get("rules") == RULES

    def is_cached(old: history.Entry | None) -> bool:
        return ours and cached.get("against") == (old.id if old else "")

    # The predecessor by run.json alone first: a current cache then spares reading cells.
    if is_cached(history.previous(entries, e, read=False)):
        found = cached
    elif not e.readable:
        return None
    elif is_cached(old := history.previous(entries, e)):
        found = cached
    else:
        found = digest(regressions.compare(old, e) if old else None, explicit=False)
    if ours and all(isinstance(cached.get(k), dict) for k in FIGURES):
        medians = {(i, w): t for i, ws in cached["medians"].items() for w, t in ws.items()}
        return {**found, **{k: cached[k] for k in FIGURES}}, replace(e, known_medians=medians)
    if not e.readable:
        return None
    return {**found, **figures(e)}, e
