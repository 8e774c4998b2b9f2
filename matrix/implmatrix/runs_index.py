"""The runs index, a step of its own after rendering runs: ROOT/runs.csv (one row per
run x implementation) and ROOT/index.html (every run, and the trend chart of the newest
run's host and preset). It writes only those two files: each run's summary comes from
that run's history.json when current (run_summary.py), else it is computed in memory."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import jinja2

from implmatrix import history, run_summary, store, trend, visible


def write(root: Path) -> Path:
    """ROOT/runs.csv (one row per run x implementation) and ROOT/index.html."""
    import pandas as pd

    from implmatrix import trend_chart

    listed = history.runs(root)
    summaries = [s for e in listed if (s := run_summary.current(listed, e))]  # broken: skipped
    entries = [e for _, e in summaries]  # with their cached medians, for the trend
    rows, shown = [], []
    for found, e in summaries:
        counts = Counter(found.get("counts") or {})
        ok, speed = found["ok"], found["speed"]
        mine = found.get("by_impl") or {}
        host = e.meta.host
        impls = []
        for impl in e.order:
            impls.append({"id": impl, "version": e.version(impl), "ok": ok.get(impl, ""),
                          "speed": f"{speed[impl]:.2f}x" if impl in speed else ""})
            rows.append({
                "run": e.id, "started": e.key[0], "host": host.hostname,
                "host_id": e.host(impl), "preset": e.preset, "implementation": impl,
                "version": e.version(impl), "ok": ok.get(impl, ""),
                "speed_vs_baseline": speed.get(impl), "against": found.get("against", ""),
                "regressions": (mine.get(impl) or {}).get("regression", 0)
                if impl in mine else None,
                "improvements": (mine.get(impl) or {}).get("improvement", 0)
                if impl in mine else None,
            })
        shown.append({
            "id": e.id, "started": e.key[0], "host": host.hostname,
            "cpu": host.cpu_model_name, "preset": e.preset,
            "merged": bool(e.meta.merged_from), "impls": impls,
            "against": found.get("against", ""),
            "regressions": counts["regression"], "improvements": counts["improvement"],
            "status_changed": counts["status changed"], "unchanged": counts["unchanged"],
            "html": (e.run.path / "index.html").is_file(),
        })
    visible.write(root / "runs.csv", pd.DataFrame(rows, columns=[
        "run", "started", "host", "host_id", "preset", "implementation", "version", "ok",
        "speed_vs_baseline", "against", "regressions", "improvements"]).to_csv(
        index=False, float_format="%.4g"))
    newest = entries[-1] if entries else None
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).with_name(
        "templates")), autoescape=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined)
    html = env.get_template("runs.html.j2").render(
        runs=list(reversed(shown)), root=root.name,
        trend_svg=trend_chart.trend(trend.trend(entries, newest)) if newest else "",
        newest=newest.id if newest else "",
        host=newest.meta.host.hostname if newest else "",
        preset=newest.preset if newest else "")
    path = root / "index.html"
    visible.write(path, html)
    return path


def update(run: store.RunDir) -> Path | None:
    """The runs index of the root RUN is kept in, if it is in one (a `--out` directory)."""
    root = run.path.parent
    return write(root) if history.is_root(root) else None
