"""Charts for index.html as inline SVG (matplotlib, no network, no JavaScript)."""

from __future__ import annotations

import io
import math

import pandas as pd


def _svg(fig: object) -> str:
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")  # type: ignore[attr-defined]
    plt.close(fig)  # type: ignore[arg-type]
    text = buf.getvalue()
    return text[text.index("<svg"):]  # drop the XML prolog and DOCTYPE: inline in HTML


def _pyplot():  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: smaller, searchable
    matplotlib.rcParams["svg.hashsalt"] = "implmatrix"  # stable ids between renders
    import matplotlib.pyplot as plt

    return plt


def warmup_curves(iterations: pd.DataFrame, order: list[str]) -> str:
    """One panel per workload: each iteration's time in the first process, per
    implementation, relative to that cell's steady median (1.0 = steady)."""
    if iterations.empty:
        return ""
    plt = _pyplot()
    first = iterations[iterations["process"] == 1]
    workloads = sorted(first["workload"].unique())
    cols = min(4, len(workloads))
    rows = math.ceil(len(workloads) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3 * cols, 2.3 * rows), squeeze=False,
                             sharey=True, layout="constrained")
    for ax, workload in zip(axes.flat, workloads, strict=False):
        for impl in order:
            cell = first[(first["workload"] == workload) & (first["implementation"] == impl)]
            steady = cell[cell["phase"] == "value"]["seconds"].median()
            if cell.empty or not steady or steady != steady:
                continue
            ax.plot(cell["iteration"], cell["seconds"] / steady, label=impl, linewidth=1)
        ax.set_title(workload, fontsize=9)
        ax.set_yscale("log")
        ax.axhline(1.0, color="grey", linewidth=0.5)
        ax.tick_params(labelsize=7)
    for ax in list(axes.flat)[len(workloads):]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(order), fontsize=8,
               bbox_to_anchor=(0.5, 1.0))
    fig.supxlabel("iteration (warmups, then timed values)", fontsize=8)
    fig.supylabel("time ÷ steady median (log)", fontsize=8)
    return _svg(fig)


def scaling(table: pd.DataFrame, order: list[str]) -> str:
    """Efficiency (speedup ÷ workers) against workers, threads and processes."""
    usable = table[table["available"]] if not table.empty else table
    if usable.empty or usable["workers"].max() < 2:
        return ""
    plt = _pyplot()
    fig, axes = plt.subplots(1, 2, figsize=(9, 3), sharey=True)
    for ax, kind in zip(axes, ("threads", "processes"), strict=True):
        for impl in order:
            rows = usable[(usable["implementation"] == impl) & (usable["kind"] == kind)]
            if len(rows) > 1:
                ax.plot(rows["workers"], rows["efficiency"], marker="o", label=impl)
        top = int(usable["workers"].max())
        ax.plot(range(1, top + 1), [1 / n for n in range(1, top + 1)], ":", color="grey",
                label="1/N (one lock)")
        ax.set_title(kind, fontsize=9)
        ax.set_xlabel("workers", fontsize=8)
        ax.set_xticks(range(1, top + 1))
        ax.set_ylim(0, 1.2)
    axes[0].set_ylabel("efficiency (speedup ÷ workers)", fontsize=8)
    axes[0].legend(fontsize=7)
    return _svg(fig)
