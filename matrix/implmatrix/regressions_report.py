"""What a report shows of its run's comparison with the previous comparable run (the
"Regressions since" section and the trend chart's rows), and the files it leaves in the
run's own folder: regressions.csv and the run's summary (run_summary.py)."""

from __future__ import annotations

from typing import Any

from implmatrix import UsageError, history, regressions, run_summary, trend, visible


def _drift_text(found: regressions.Comparison) -> str:
    """The drift term of the floor, as the report says it ("" when no cell was unchanged)."""
    n = len(regressions.unchanged_moves(found.cells))
    return (f"{regressions.DRIFT_FACTOR:g} × the machine's drift between the two runs, "
            f"{found.drift:.0%}: the median change of the {regressions.plural(n, 'cell')} where "
            "nothing changed") if n else ""


def view(new: history.Entry, against: str | None = None) -> dict[str, Any]:
    """The comparison of NEW with the previous comparable run (or with AGAINST, a run id
    under the same root), as plain rows of strings for the templates."""
    root = new.run.path.parent
    entries = [new if e.id == new.id else e for e in history.runs(root)]
    if against is not None:
        old = next((e for e in entries if e.id == against and e.id != new.id), None)
        if old is None:
            raise UsageError(f"--against {against}: no other finished run of that id "
                             f"under {root}; {_valid_ids(entries, new)}")
    else:
        old = history.previous(entries, new)
    found = regressions.compare(old, new) if old else None
    processes = min(e.meta.settings.processes for e in (old or new, new))
    return {
        **run_summary.digest(found, explicit=against is not None,
                             nothing="no comparable earlier run (same host, same or newer "
                             "interpreter version) under this runs directory"),
        "flagged": [_show_cell(c) for c in found.cells if c["verdict"] != "unchanged"]
        if found else [],
        "impls": [_show_impl(i) for i in found.impls] if found else [],
        "floor": f"{regressions.noise_floor(processes, 0, 0):.0%}",
        "drift": _drift_text(found) if found else "",
        "cv_factor": f"{regressions.CV_FACTOR:g}",
        "cells": found.cells if found else [],
        "trend": trend.trend(entries, new),
        "trend_svg": "",
        "index": "../index.html" if history.is_root(root) else "",
    }


def _valid_ids(entries: list[history.Entry], new: history.Entry, shown: int = 10) -> str:
    """The run ids --against takes, newest first (at most SHOWN of them)."""
    ids = [e.id for e in reversed(entries) if e.id != new.id]
    if not ids:
        return "there is none"
    more = f" and {len(ids) - shown} older" if len(ids) > shown else ""
    return f"valid: {', '.join(ids[:shown])}{more}"


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


def write(entry: history.Entry, shown: dict[str, Any]) -> None:
    """The regressions.csv of ENTRY's run and its own summary (SHOWN is view(ENTRY));
    nothing else: the runs index is runs_index.write, a step of its own."""
    run = entry.run
    if shown["against"]:
        import pandas as pd

        table = pd.DataFrame(shown["cells"], columns=regressions.CSV_COLUMNS)
        visible.write(run.path / "regressions.csv",
                      table.to_csv(index=False, float_format="%.6g"))
    else:
        (run.path / "regressions.csv").unlink(missing_ok=True)
    run_summary.write(entry, shown)
