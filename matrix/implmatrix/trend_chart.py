"""The trend chart of the run history as inline SVG (trend.trend's rows)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from implmatrix.charts import _pyplot, _svg


def _label(text: str) -> str:
    return text.replace("$", r"\$")  # matplotlib reads $...$ as mathematics


def _when(started: str) -> datetime | None:
    try:
        return datetime.strptime(started, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return None


def trend(rows: list[dict[str, Any]]) -> str:
    """Per implementation, its time relative to the first run of the series against the
    run's start time (above 1 = slower); the legend has each one's first version, and a
    label marks each version change. "" when no implementation has two runs."""
    series: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        series.setdefault(r["implementation"], []).append(r)
    series = {i: s for i, s in series.items() if len(s) > 1}
    if not series:
        return ""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 3.2), layout="constrained")
    dated = all(_when(r["started"]) for r in rows)
    order = {run: k + 1 for k, run in enumerate(dict.fromkeys(r["run"] for r in rows))}
    for impl, points in series.items():
        x = [_when(p["started"]) if dated else order[p["run"]] for p in points]
        y = [p["relative"] for p in points]
        line, = ax.plot(x, y, marker="o", markersize=3, linewidth=1,
                        label=_label(f"{impl} {points[0]['version']}".strip()))
        for k, p in enumerate(points):
            if k and p["version"] != points[k - 1]["version"]:
                ax.annotate(_label(p["version"]), (x[k], y[k]), textcoords="offset points",
                            xytext=(2, 4), fontsize=6, color=line.get_color())
    ax.axhline(1.0, color="grey", linewidth=0.5)
    ax.set_ylabel("time ÷ first run", fontsize=8)
    ax.set_xlabel("run start (UTC)" if dated else "run", fontsize=8)
    ax.tick_params(labelsize=7)
    if dated:
        fig.autofmt_xdate()
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _svg(fig)
