"""Charts for index.html as inline SVG (matplotlib, no network, no JavaScript).

Each function takes the tables render.py already built and returns an <svg>
element, or "" when there is nothing to draw. One colour per implementation,
the same in every chart.
"""

from __future__ import annotations

import io
import math
from types import ModuleType
from typing import TYPE_CHECKING

import pandas as pd

from implmatrix import aggregate
from implmatrix.model import SCALING_KINDS

if TYPE_CHECKING:  # matplotlib loads only when a chart is drawn
    from matplotlib.figure import Figure

# A pass share this far from the middle colours its cell dark: the text on it is white.
DARK_BELOW, DARK_ABOVE = 0.2, 0.8


def _svg(fig: Figure) -> str:
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]  # drop the XML prolog and DOCTYPE: inline in HTML


def _pyplot() -> ModuleType:
    """matplotlib.pyplot, set up for SVG (typed as a module: its calls return Any)."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: smaller, searchable
    matplotlib.rcParams["svg.hashsalt"] = "implmatrix"  # stable ids between renders
    import matplotlib.pyplot as plt

    return plt


def _colours(order: list[str]) -> dict[str, str]:
    palette = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860",
               "#da8bc3", "#8c8c8c", "#ccb974", "#64b5cd"]
    return {impl: palette[n % len(palette)] for n, impl in enumerate(order)}


def speed(ratios: pd.DataFrame, order: list[str], baseline: str) -> str:
    """Per workload, each implementation's speed relative to the baseline (log scale),
    with its 95% bootstrap interval as an error bar."""
    others = [i for i in order if i != baseline and i in set(ratios["implementation"])]
    if ratios.empty or not others:
        return ""
    plt = _pyplot()
    colour = _colours(order)
    workloads = sorted(ratios["workload"].unique(), reverse=True)  # top-down alphabetical
    height = 0.8 / len(others)
    fig, ax = plt.subplots(figsize=(8, 0.32 * len(workloads) * max(2, len(others)) / 2 + 1.2))
    for n, impl in enumerate(others):
        mine = ratios[ratios["implementation"] == impl].set_index("workload")
        ys, xs, lows, highs = [], [], [], []
        for y, workload in enumerate(workloads):
            if workload in mine.index:
                r = mine.loc[workload]
                ys.append(y + ((len(others) - 1) / 2 - n) * height)  # legend order, top-down
                xs.append(r["ratio"])
                lows.append(r["ratio"] - r["low"])
                highs.append(r["high"] - r["ratio"])
        ax.barh(ys, xs, height=height, color=colour[impl], label=impl,
                xerr=[lows, highs], error_kw={"elinewidth": 0.6, "capsize": 1.5})
    ax.set_xscale("log")
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.set_yticks(range(len(workloads)), workloads, fontsize=8)
    ax.set_xlabel(f"speed relative to {baseline} (log scale; > 1 is faster)", fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    ax.legend(fontsize=7, loc="lower right")
    return _svg(fig)


def geomeans(means: pd.DataFrame, order: list[str], baseline: str) -> str:
    """Geometric mean speed per implementation with its 95% interval (log scale)."""
    rows = [(i, aggregate.row_at(means, i)) for i in order
            if i in means.index and not pd.isna(aggregate.row_at(means, i)["geomean"])]
    if len(rows) <= 1:  # the baseline alone
        return ""
    plt = _pyplot()
    colour = _colours(order)
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(rows) + 0.9))
    names = [i for i, _ in rows][::-1]
    values = [float(m["geomean"]) for _, m in rows][::-1]
    low = [float(m["geomean"]) - float(m["low"]) for _, m in rows][::-1]
    high = [float(m["high"]) - float(m["geomean"]) for _, m in rows][::-1]
    ax.barh(names, values, color=[colour[i] for i in names], xerr=[low, high],
            error_kw={"elinewidth": 0.8, "capsize": 3})
    for y, v in enumerate(values):
        ax.annotate(f"{v:.2f}x", (v, y), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=8)
    ax.set_xscale("log")
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.set_xlabel(f"geometric mean speed relative to {baseline} (log scale)", fontsize=8)
    ax.tick_params(labelsize=8)
    return _svg(fig)


def startup_memory(startup: pd.DataFrame, memory: pd.DataFrame, order: list[str]) -> str:
    """Start-up time (empty program, imports) and RSS (empty program, median peak of
    the timed cells) per implementation, side by side."""
    measured = [*startup["median_s"].dropna(), *memory.get("empty_rss_kb", pd.Series()).dropna(),
                *memory.get("median_peak_rss_kb", pd.Series()).dropna()]
    if not any(v > 0 for v in measured):  # nothing to draw (on a log scale)
        return ""
    plt = _pyplot()
    colour = _colours(order)
    impls = [i for i in order
             if i in set(startup["implementation"]) or i in memory.index][::-1]
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 0.55 * len(impls) + 1.0), sharey=True)
    from matplotlib.patches import Patch

    width = 0.4
    for n, (program, hatch) in enumerate((("empty", ""), ("imports", "//"))):
        xs = []
        for impl in impls:
            hit = startup[(startup["implementation"] == impl) & (startup["program"] == program)]
            value = hit["median_s"].iloc[0] if len(hit) else None
            xs.append(0.0 if pd.isna(value) else float(value) * 1e3)
        left.barh([y + (0.5 - n) * width for y in range(len(impls))], xs, height=width,
                  color=[colour[i] for i in impls], hatch=hatch, edgecolor="white")
    left.set_xlabel("start-up, median wall time (ms, log scale)", fontsize=8)
    for n, (column, hatch) in enumerate((("empty_rss_kb", ""), ("median_peak_rss_kb", "//"))):
        xs = []
        for impl in impls:
            value = aggregate.value_at(memory, impl, column) if impl in memory.index else None
            xs.append(0.0 if pd.isna(value) else float(value) / 1024)
        right.barh([y + (0.5 - n) * width for y in range(len(impls))], xs, height=width,
                   color=[colour[i] for i in impls], hatch=hatch, edgecolor="white")
    right.set_xlabel("peak RSS (MiB, log scale)", fontsize=8)
    left.set_yticks(range(len(impls)), impls, fontsize=8)
    for ax, labels in ((left, ("empty program", "import json, re, collections")),
                       (right, ("empty program", "median peak of ok timed cells"))):
        if any(bar.get_width() > 0 for bar in ax.patches):
            ax.set_xscale("log")
        ax.tick_params(axis="x", labelsize=7)
        ax.legend(handles=[Patch(facecolor="#9aa0a6", edgecolor="white", hatch=h, label=t)
                           for h, t in zip(("", "//"), labels, strict=True)],
                  fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2,
                  frameon=False)
    return _svg(fig)


def compat_by_category(compat: pd.DataFrame, order: list[str]) -> str:
    """Share of scripts passing per category × implementation, as a heat map
    annotated with passed/total."""
    if compat.empty:
        return ""
    plt = _pyplot()
    passed = compat.assign(passed=compat["status"] == "pass").groupby(
        ["category", "implementation"], observed=True)["passed"].agg(["sum", "size"])
    categories = sorted(compat["category"].unique())
    impls = [i for i in order if i in set(compat["implementation"].astype(str))]
    grid = [[float("nan")] * len(impls) for _ in categories]
    fig, ax = plt.subplots(figsize=(1.4 * len(impls) + 2, 0.38 * len(categories) + 1))
    for r, category in enumerate(categories):
        for c, impl in enumerate(impls):
            if (category, impl) in passed.index:
                hit = passed.loc[(category, impl)]
                share = grid[r][c] = hit["sum"] / hit["size"]
                ax.text(c, r, f"{int(hit['sum'])}/{int(hit['size'])}", ha="center",
                        va="center", fontsize=8,
                        color="white" if share < DARK_BELOW or share > DARK_ABOVE else "black")
    ax.imshow(grid, cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(impls)), impls, fontsize=8)
    ax.set_yticks(range(len(categories)), categories, fontsize=8)
    ax.xaxis.tick_top()
    return _svg(fig)


def warmup_curves(iterations: pd.DataFrame, order: list[str]) -> str:
    """One panel per workload: each iteration's time in the first process, per
    implementation, relative to that cell's steady median (1.0 = steady)."""
    if iterations.empty:
        return ""
    plt = _pyplot()
    colour = _colours(order)
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
            if cell.empty or not steady or pd.isna(steady):
                continue
            ax.plot(cell["iteration"], cell["seconds"] / steady, label=impl, linewidth=1,
                    color=colour[impl])
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
    if usable.empty or usable["workers"].max() <= 1:  # nothing ran in parallel
        return ""
    plt = _pyplot()
    colour = _colours(order)
    kinds = [k for k in SCALING_KINDS if (usable["kind"] == k).any()]
    fig, axes = plt.subplots(1, len(kinds), figsize=(4.5 * len(kinds), 3), sharey=True,
                             squeeze=False)
    for ax, kind in zip(axes[0], kinds, strict=True):
        for impl in order:
            rows = usable[(usable["implementation"] == impl) & (usable["kind"] == kind)]
            if len(rows) > 1:
                ax.plot(rows["workers"], rows["efficiency"], marker="o", label=impl,
                        color=colour[impl])
        top = int(usable["workers"].max())
        ax.plot(range(1, top + 1), [1 / n for n in range(1, top + 1)], ":", color="grey",
                label="1/N (one lock)")
        ax.set_title(kind, fontsize=9)
        ax.set_xlabel("workers", fontsize=8)
        ax.set_xticks(range(1, top + 1))
        ax.set_ylim(0, 1.2)
    axes[0][0].set_ylabel("efficiency (speedup ÷ workers)", fontsize=8)
    axes[0][0].legend(fontsize=7)
    return _svg(fig)


def timeline(table: pd.DataFrame, baseline: str) -> str:
    """Speed relative to the baseline across releases, one panel per family (its releases
    in order on x, log speed on y, the 95% interval as an error bar); below, the empty
    program's start-up time and RSS on the same releases (log scales)."""
    if table.empty:
        return ""
    plt = _pyplot()
    from matplotlib import ticker

    families = list(dict.fromkeys(table["family"]))
    widths = [max(2, (table["family"] == f).sum()) for f in families]
    fig, axes = plt.subplots(3, len(families), figsize=(2.2 + 0.75 * sum(widths), 6.2),
                             sharey="row", squeeze=False,
                             gridspec_kw={"width_ratios": widths, "height_ratios": [3, 1, 1]})
    palette = _colours(families)
    for n, family in enumerate(families):
        rows = table[table["family"] == family]
        labels = [f"{v}{' +' + f if f else ''}" for v, f in zip(rows["version"], rows["features"],
                                                              strict=True)]
        xs = list(range(len(rows)))
        speed, low, high = (rows[c].astype(float) for c in ("speed", "low", "high"))
        ax = axes[0][n]
        ax.errorbar(xs, speed, yerr=[(speed - low).fillna(0), (high - speed).fillna(0)],
                    marker="o", color=palette[family], capsize=3, linewidth=1)
        ax.axhline(1.0, color="black", linewidth=0.6)
        ax.set_yscale("log")
        ax.set_title(family, fontsize=9)
        for row, (field, scale, unit) in ((1, ("startup_s", 1e3, "start-up (ms)")),
                                          (2, ("empty_rss_kb", 1 / 1024, "empty RSS (MiB)"))):
            values = rows[field].astype(float) * scale
            axes[row][n].plot(xs, values, marker="s", markersize=4, linewidth=1,
                              color=palette[family])
            axes[row][n].set_yscale("log")  # 5 ms beside a JVM's 1 s
            if n == 0:
                axes[row][n].set_ylabel(f"{unit}\n(log)", fontsize=7)
        for ax in (axes[0][n], axes[1][n]):
            ax.set_xticks(xs, [""] * len(xs))
        axes[2][n].set_xticks(xs, labels, rotation=45, ha="right", fontsize=7)
        for ax in (axes[0][n], axes[1][n], axes[2][n]):
            ax.set_xlim(-0.5, len(xs) - 0.5)
            ax.tick_params(labelsize=7)
            ax.yaxis.set_major_locator(ticker.LogLocator(subs=(1.0, 2.0, 5.0)))
            ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
            ax.yaxis.set_minor_formatter(ticker.NullFormatter())
    axes[0][0].set_ylabel(f"speed vs {baseline}\n(log; > 1 is faster)", fontsize=8)
    fig.tight_layout()
    return _svg(fig)


def future(scaling: pd.DataFrame, costs: pd.DataFrame, modes: list[tuple[str, str, str]]
           ) -> str:
    """The ways to run one job on N workers side by side (MODES: label, implementation,
    scaling kind): efficiency at the most workers with its 95% interval, the peak RSS one
    more worker adds (with its range) and the time to start one (log scale)."""
    if not modes or scaling.empty:
        return ""
    top = scaling[(scaling["workers"] == scaling["workers"].max()) & scaling["available"]]
    found = []
    for label, impl, kind in modes:
        eff = top[(top["implementation"] == impl) & (top["kind"] == kind)]
        cost = costs[(costs["implementation"] == impl) & (costs["kind"] == kind)] \
            if not costs.empty else costs
        found.append((label, next(aggregate.each_row(eff), None),
                      next(aggregate.each_row(cost), None)))
    if not any(e is not None and not pd.isna(e.efficiency) for _, e, _ in found):
        return ""
    plt = _pyplot()
    fig, axes = plt.subplots(1, 3, figsize=(12, 0.45 * len(found) + 1.2), sharey=True,
                             gridspec_kw={"width_ratios": [3, 2, 2]})
    ys = list(range(len(found)))[::-1]
    labels = [label for label, _, _ in found]
    for y, (_, e, c) in zip(ys, found, strict=True):
        if e is not None and not pd.isna(e.efficiency):
            err = [[max(0.0, e.efficiency - e.low)], [max(0.0, e.high - e.efficiency)]] \
                if not pd.isna(e.low) else None
            axes[0].barh(y, e.efficiency, xerr=err, color="#4c72b0", capsize=3)
        if c is not None and not pd.isna(c.rss_per_worker_kb):
            mib = c.rss_per_worker_kb / 1024
            err = [[max(0.0, mib - c.rss_low_kb / 1024)], [max(0.0, c.rss_high_kb / 1024 - mib)]]
            axes[1].barh(y, max(mib, 0.0), xerr=err, color="#55a868", capsize=3)
        if c is not None and not pd.isna(c.start_ms):
            axes[2].barh(y, c.start_ms, color="#dd8452")
    n = int(top["workers"].max())
    axes[0].axvline(1 / n, linestyle=":", color="grey", label=f"1/N (one lock, N = {n})")
    axes[0].axvline(1.0, color="black", linewidth=0.6)
    axes[0].set_xlim(0, 1.2)
    axes[0].set_xlabel(f"efficiency on {n} workers (speedup ÷ {n})", fontsize=8)
    axes[0].legend(fontsize=7, loc="lower right")
    axes[1].set_xlabel("peak RSS of one more worker (MiB)", fontsize=8)
    axes[2].set_xscale("log")
    axes[2].set_xlabel("time to start one more worker (ms)", fontsize=8)
    axes[0].set_yticks(ys)
    axes[0].set_yticklabels(labels, fontsize=8)
    return _svg(fig)
