"""Render a run's tables as results.csv, report.md and index.html, in the run's own
folder only (the runs index at the root is runs_index.py, a step of its own).

Text that comes from workloads (errors, docstrings) is untrusted: Jinja2
autoescapes it in HTML, md() neutralizes it in Markdown, and every file is written
through visible.write() (control characters escaped).
"""

from __future__ import annotations

import io
import math
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import jinja2
import pandas as pd

from implmatrix import (
    aggregate,
    charts,
    claims,
    history,
    interference,
    model,
    pyperf_export,
    registry,
    regressions_report,
    stats,
    store,
    systems,
    trend_chart,
    visible,
)
from implmatrix.compat import STATUSES as COMPAT_STATUSES
from implmatrix.junit import write_junit
from implmatrix.run import scaling_protocol

TEMPLATES = Path(__file__).with_name("templates")

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(text: Any) -> str:
    """One table-safe line of Markdown showing TEXT literally: whitespace (line ends,
    and the controls str.split() counts) as one space, other control characters shown."""
    flat = visible.visible(" ".join(str(text).split()))
    return _MD_SPECIAL.sub(r"\\\1", flat).replace("&", "&amp;")


def _times(speedup: float | None) -> str:
    return "" if speedup is None or math.isnan(speedup) else f"{speedup:.2f}x"


def _num(x: Any, fmt: str) -> str:
    return "" if pd.isna(x) else format(x, fmt)


@dataclass(frozen=True)
class View:
    """A run as the report shows it."""

    context: dict[str, Any]  # what the templates show, as plain rows of strings and numbers
    results: pd.DataFrame  # one row per implementation × workload (results.csv)
    entry: history.Entry  # the run, its run.json and its cells, each read once
    compat: pd.DataFrame  # one row per implementation × script (compat.csv)
    tables: dict[str, pd.DataFrame]  # warmups, startup, scaling, speed, geomeans, memory, ...

    @property
    def cells(self) -> list[model.Cell]:
        return self.entry.cells


def view(run: store.RunDir, against: str | None = None) -> View:
    """RUN as the report shows it (compared with AGAINST, a run id, if given)."""
    entry = history.Entry(run, run.meta())
    meta, cells = entry.meta, entry.cells
    order = list(meta.settings.implementations)
    df = aggregate.results(cells, {i: meta.impl(i) for i in order})
    baseline = meta.baseline()
    compat = aggregate.compatibility(df).reindex(columns=order)
    # Speed is only compared within a host: implementations a merge brought from
    # another host are compared with the baseline measured there, if it was.
    other_host = _other_hosts(meta, baseline, order)
    ratios, means = aggregate.speed(cells, baseline, [i for i in order if i not in other_host])
    normalized = []
    for impl in other_host:
        base_cells = run.host_baseline_cells(meta.host_of(impl))
        if base_cells:
            r, g = aggregate.speed(base_cells + [c for c in cells if c.implementation == impl],
                                   baseline, [impl])
            ratios, means = pd.concat([ratios, r]), pd.concat([means, g])
            normalized.append(impl)
    other_host = [i for i in other_host if i not in normalized]
    iterations = aggregate.iterations(cells)
    startup_raw, scaling_raw = run.startup(), run.scaling()
    startup = aggregate.startup(startup_raw, order)
    scaling = aggregate.scaling(scaling_raw, order)
    memory = aggregate.memory(df, startup, order)
    timeline = aggregate.timeline(meta.implementations, [i for i in order if i not in other_host],
                                  means=means, start=startup, memory_table=memory)
    steps = aggregate.steps(cells, timeline, meta.implementations)
    step_ratios = aggregate.step_ratios(cells, steps)
    costs = aggregate.worker_costs(scaling_raw, order)
    modes = future_modes(meta, scaling, baseline)
    versions = df.drop_duplicates("implementation").set_index("implementation")

    def impl_row(i: str) -> dict[str, Any]:
        m = meta.impl(i)
        v = versions.loc[i] if i in versions.index else None
        counts = df[df["implementation"] == i]["status"].value_counts()
        g = aggregate.row_at(means, i) if i in means.index else None
        return {
            "id": i, "family": m.family,
            "version": m.version or ("" if v is None else v["version"]),
            "python_version": m.python_version or ("" if v is None else v["python_version"]),
            "package": f"{m.package} {m.package_version}".strip(),
            "suite": m.suite, "image_id": m.image_id[7:19],
            "command": shlex.join(m.command), "timed_command": shlex.join(m.timed_argv),
            "ok": int(counts.get("ok", 0)), "cells": int(counts.sum()),
            "geomean": _times(None if g is None else g["geomean"]),
            "geomean_value": _num(None if g is None else g["geomean"], ".6g"),
            "geomean_ci": "" if g is None or pd.isna(g["low"])
            else f"{g['low']:.2f}–{g['high']:.2f}",
            "geomean_significant": bool(g is not None and g["significant"]),
            "geomean_n": int(0 if g is None else g["workloads"]),
        }

    speed_rows = _speed_rows(compat, ratios, df, order, baseline)
    failures = df[df["status"] != "ok"][["implementation", "workload", "status", "error"]]
    described = df[df["description"].fillna("") != ""]
    descriptions = described.drop_duplicates("workload").set_index("workload")["description"]
    compat = aggregate.compat_results(run.script_cells(), baseline, order)
    counts = aggregate.compat_counts(compat).reindex(columns=order).fillna("")
    totals = compat.groupby("implementation", observed=True)["status"].value_counts() \
        .unstack().reindex(index=order).fillna(0).astype(int) if not compat.empty else None
    differences = _differences(compat)
    claims_rows = claims.check(meta.implementations, baseline, claims.Figures(
        means=means, results=df, startup=startup, scaling=scaling, steps=steps, costs=costs,
        step_ratios=step_ratios, kernels=aggregate.kernels(cells, meta.implementations)))
    if all(c["verdict"] == claims.NOT_MEASURED for c in claims_rows):
        claims_rows = []  # e.g. a compatibility-only run: nothing to say
    settings = meta.settings
    if settings.preset == "debug":  # run.PRESETS: does everything run? Not: how fast
        claims_rows = claims.undecided(claims_rows, "the debug preset (one process, one "
                                       "value, no warmup) decides no claim")
    context = {
        "run": run.id, "meta": meta, "host": meta.host, "baseline": baseline,
        "settings": settings, "noisy_cv": aggregate.NOISY_CV,
        "attempts": interference.ATTEMPTS,
        "interval_method": stats.interval_method(settings.processes),
        "interference": {**aggregate.remeasured(cells, startup_raw, scaling_raw),
                         **(model.dump(meta.remeasured) if meta.remeasured else {})},
        "claims": [c for c in claims_rows if c["topic"] != "future"],
        "claims_rule": claims.RULE,
        "future": {
            "claims": [c for c in claims_rows if c["topic"] == "future"
                       and c["verdict"] != claims.NOT_MEASURED],
            "not_measured": [c["claim"] for c in claims_rows if c["topic"] == "future"
                             and c["verdict"] == claims.NOT_MEASURED],
            "modes": modes, "costs": _cost_rows(scaling, costs, modes),
            "steps": [r for r in _step_rows(steps, meta)
                      if r["kind"] in registry.FUTURE_FEATURES],
        },
        "startup": _startup_rows(startup, memory, order), "scaling": _scaling_rows(scaling),
        "timeline": _timeline_rows(timeline, baseline), "steps": _step_rows(steps, meta),
        "systems": systems.table(order),
        "scaling_top": _scaling_top(scaling, order),
        "scaling_protocol": scaling_protocol(settings.scaling_cap_s),
        "other_host": other_host, "normalized": normalized,
        "noisy": df[df["noisy"].astype(bool)][["implementation", "workload", "cv"]]
        .to_dict("records"),
        "charts": {},  # filled in by write(): drawing is slow, view() stays fast
        "history": regressions_report.view(entry, against),  # vs the previous comparable run
        "impls": [impl_row(i) for i in order], "order": order, "rows": speed_rows,
        "failures": failures.to_dict("records"),
        "descriptions": descriptions.to_dict(),
        "values": settings.values,
        "processes": settings.processes,
        "compat_counts": [{"suite": s, "category": c, "cells": list(row)}
                          for (s, c), row in _by_suite_and_category(counts)],
        "compat_totals": [] if totals is None else [
            {"implementation": i, **{s: int(aggregate.value_at(totals, i, s))
                                     if s in totals.columns else 0
                                     for s in COMPAT_STATUSES}} for i in order],
        "compat_statuses": COMPAT_STATUSES,
        "differences": differences,
        "compat_releases": _compat_releases(compat, timeline),
        "scripts": int(compat[["suite", "script"]].drop_duplicates().shape[0]),
    }
    tables = {"warmups": iterations, "startup": startup, "scaling": scaling, "speed": ratios,
              "timeline": timeline, "steps": steps, "step_ratios": step_ratios,
              "worker_costs": costs,
              "geomeans": means, "memory": memory}
    return View(context, df, entry, compat, tables)


def _by_suite_and_category(counts: pd.DataFrame
                           ) -> Iterator[tuple[tuple[str, str], pd.Series[Any]]]:
    """COUNTS' rows with their (suite, category) label (pandas-stubs: any Hashable)."""
    return cast(Iterator[tuple[tuple[str, str], "pd.Series[Any]"]], counts.iterrows())


def _speed_rows(compat: pd.DataFrame, ratios: pd.DataFrame, df: pd.DataFrame,
                order: list[str], baseline: str) -> list[dict[str, Any]]:
    """The speed table: per workload, a cell per implementation."""
    by_ratio = {(r.workload, r.implementation): r for r in aggregate.each_row(ratios)}
    by_cell = {(r.workload, r.implementation): r for r in aggregate.each_row(df)}
    speed_rows = []
    for workload in compat.index:
        cells = []
        for i in order:
            status = aggregate.value_at(compat, workload, i) if i in compat.columns else None
            status = "missing" if pd.isna(status) else status
            r, c = by_ratio.get((workload, i)), by_cell.get((workload, i))
            cells.append({
                "status": status,
                "ratio": _times(r.ratio) if r is not None and status == "ok" else "",
                "ratio_value": _num(None if r is None else r.ratio, ".6g"),
                "ci": f"{r.low:.2f}–{r.high:.2f}" if r is not None else "",
                "significant": bool(r is not None and r.significant),
                "baseline": i == baseline,
                "ms": "" if c is None or pd.isna(c.steady_s) else f"{c.steady_s * 1e3:.1f} ms",
                "cv": _num(None if c is None else c.cv, ".1%"),
                "noisy": bool(c is not None and c.noisy),
                "disturbed": int(0 if c is None or pd.isna(c.disturbed) else c.disturbed),
                "warmups": _num(None if c is None else c.warmups, ".0f"),
                "steady": bool(c is not None and c.steady),
            })
        speed_rows.append({"workload": workload, "cells": cells})
    return speed_rows


def _compat_releases(compat: pd.DataFrame, timeline: pd.DataFrame) -> list[dict[str, Any]]:
    """Per family of the timeline, the scripts whose status changes from one release to
    the next, with their `since` tag: in which release a feature appeared or broke."""
    found = []
    for family, releases in timeline[timeline["features"] == ""].groupby("family", sort=False):
        ids = list(releases["implementation"])
        mine = compat[compat["implementation"].astype(str).isin(ids)]
        for (suite, script), rows in mine.groupby(["suite", "script"], sort=True):
            status = dict(zip(rows["implementation"].astype(str), rows["status"], strict=True))
            if len(set(status.values())) > 1:
                found.append({"family": family, "suite": suite, "script": script,
                              "since": rows["since"].iloc[0],
                              "releases": [{"implementation": i, "status": status.get(i, "")}
                                           for i in ids]})
    return found


def _differences(compat: pd.DataFrame) -> list[dict[str, Any]]:
    """The compatibility scripts whose status is not pass somewhere, with every cell."""
    if compat.empty:
        return []
    differing = compat.groupby(["suite", "script"])["status"].transform(
        lambda s: (s != "pass").any())
    differences = []
    for (suite, script), rows in compat[differing].groupby(["suite", "script"], sort=False):
        first = rows.iloc[0]
        differences.append({
            "suite": suite, "script": script, "category": first["category"],
            "feature": first["feature"], "since": first["since"], "source": first["source"],
            "reference": first["reference"] or "",
            "cells": [{"implementation": r.implementation, "status": r.status,
                       "stdout": r.stdout, "detail": r.detail}
                      for r in aggregate.each_row(rows)],
        })
    return differences


def _startup_rows(startup: pd.DataFrame, memory: pd.DataFrame, order: list[str]
                  ) -> list[dict[str, Any]]:
    return [{
        "implementation": i,
        **{f"{p}_ms": _num(_pick(startup, i, p, "median_s"), ".4g") and
           f"{_pick(startup, i, p, 'median_s') * 1e3:.0f}" for p in ("empty", "imports")},
        "runs": int(_pick(startup, i, "empty", "runs") or 0),
        "disturbed": int(sum(_pick(startup, i, p, "disturbed") or 0
                             for p in ("empty", "imports"))),
        "empty_rss": _mib(memory.at[i, "empty_rss_kb"] if i in memory.index else None),
        "median_peak": _mib(memory.at[i, "median_peak_rss_kb"] if i in memory.index else None),
        "max_peak": _mib(memory.at[i, "max_peak_rss_kb"] if i in memory.index else None),
    } for i in order if i in set(startup["implementation"]) or i in memory.index]


def _scaling_rows(scaling: pd.DataFrame) -> list[dict[str, Any]]:
    return [{
        "implementation": r.implementation, "kind": r.kind, "workers": r.workers,
        "time": _num(r.median_s, ".3f"), "speedup": _num(r.speedup, ".2f"),
        "efficiency": _num(r.efficiency, ".0%"),
        "ci": _pct_ci(r.low, r.high) if r.workers > 1 else "",
        "processes": int(r.processes), "repeats": int(r.repeats),
        "disturbed": int(r.disturbed), "available": r.available, "reason": r.reason,
    } for r in aggregate.each_row(scaling)]


def _scaling_top(scaling: pd.DataFrame, order: list[str]) -> list[dict[str, Any]]:
    """Per implementation, threads and processes at the most workers, in one line each."""
    top = scaling[scaling["workers"] == scaling["workers"].max()] if not scaling.empty else scaling
    return [{
        "implementation": i,
        **{kind: next((f"{r.speedup:.2f}x, {r.efficiency:.0%} ({_pct_ci(r.low, r.high)})"
                       if r.available and not pd.isna(r.efficiency) else f"n/a: {r.reason}"
                       for r in aggregate.each_row(top)
                       if r.implementation == i and r.kind == kind),
                      "") for kind in model.SCALING_KINDS},
    } for i in order if i in set(top["implementation"])]


def _timeline_rows(timeline: pd.DataFrame, baseline: str) -> list[dict[str, Any]]:
    """The timeline table: per family, its releases in order."""
    return [{
        "family": r.family, "implementation": r.implementation, "version": r.version,
        "features": r.features, "baseline": r.implementation == baseline,
        "speed": _times(r.speed), "ci": "" if pd.isna(r.low) or r.implementation == baseline
        else f"{r.low:.2f}–{r.high:.2f}", "workloads": int(r.workloads),
        "startup_ms": _num(None if pd.isna(r.startup_s) else r.startup_s * 1e3, ".0f"),
        "empty_rss": _mib(r.empty_rss_kb), "peak_rss": _mib(r.peak_rss_kb),
    } for r in aggregate.each_row(timeline)]


def _step_rows(steps: pd.DataFrame, meta: model.RunMeta) -> list[dict[str, Any]]:
    """Release against release: the newer row's speed relative to the older one."""
    return [{
        "family": r.family, "kind": r.kind, "older": r.older, "newer": r.newer,
        "versions": f"{meta.impl(r.older).version} → {meta.impl(r.newer).version}"
        + (f" +{r.kind}" if r.kind != "release" else ""),
        "speedup": _times(r.speedup), "ci": f"{r.low:.2f}–{r.high:.2f}",
        "significant": bool(r.significant), "workloads": int(r.workloads),
        "disturbed": int(r.disturbed),
    } for r in aggregate.each_row(steps)]


def future_modes(meta: model.RunMeta, scaling: pd.DataFrame, baseline: str
                 ) -> list[tuple[str, str, str]]:
    """The ways of running one job on N workers that the future section sets side by side:
    (label, implementation, scaling kind), for the rows of this run that have them."""
    have = set() if scaling.empty else set(zip(
        scaling.loc[scaling["available"], "implementation"],
        scaling.loc[scaling["available"], "kind"], strict=True))
    free = next((i for i, m in meta.implementations.items() if "free-threading" in m.features),
                None)
    jython = next((i for i, m in meta.implementations.items() if m.family == "jython"), None)
    interp = next((i for i in meta.implementations if (i, "interpreters") in have), None)
    modes = [(f"threads under a GIL ({baseline})", baseline, "threads"),
             (f"processes ({baseline})", baseline, "processes"),
             (f"subinterpreters ({interp})", interp, "interpreters"),
             (f"threads, free-threaded ({free})", free, "threads"),
             ("threads reading their own objects, free-threaded", free, "objects"),
             ("threads reading shared objects, free-threaded", free, "shared-objects"),
             (f"threads on the JVM ({jython})", jython, "threads")]
    return [(label, str(i), k) for label, i, k in modes if (i, k) in have]


def _cost_rows(scaling: pd.DataFrame, costs: pd.DataFrame, modes: list[tuple[str, str, str]]
               ) -> list[dict[str, Any]]:
    """Per mode of the future section, its efficiency on the most workers and what one more
    worker costs."""
    rows = []
    top = scaling[scaling["workers"] == scaling["workers"].max()]
    for label, impl, kind in modes:
        c = next(aggregate.each_row(costs[(costs["implementation"] == impl)
                                          & (costs["kind"] == kind)]), None)
        e = next(aggregate.each_row(top[(top["implementation"] == impl)
                                        & (top["kind"] == kind)]), None)
        if c is None:
            continue
        rows.append({
            "mode": label,
            "efficiency": f"{e.efficiency:.0%} ({_pct_ci(e.low, e.high)})"
            if e is not None and not pd.isna(e.efficiency) else "n/a",
            "start_ms": "" if pd.isna(c.start_ms) else f"{c.start_ms:.2f}",
            "rss": "" if pd.isna(c.rss_per_worker_kb) else f"{c.rss_per_worker_kb / 1024:.1f}",
            "rss_range": "" if pd.isna(c.rss_per_worker_kb) else
            f"{c.rss_low_kb / 1024:.1f}–{c.rss_high_kb / 1024:.1f}",
            "processes": int(c.processes),
        })
    return rows


def _other_hosts(meta: model.RunMeta, baseline: str, order: list[str]) -> list[str]:
    """Implementations (of a merged run) measured on another host than the baseline."""
    home = store.host_id(meta.host_of(baseline))
    return [i for i in order if store.host_id(meta.host_of(i)) != home]


def _pick(table: pd.DataFrame, impl: str, program: str, column: str) -> Any:
    hit = table[(table["implementation"] == impl) & (table["program"] == program)]
    return None if hit.empty else hit[column].iloc[0]


def _pct_ci(low: Any, high: Any) -> str:
    """An efficiency interval as "95–100%"; "95% CI unknown" when there is none."""
    if pd.isna(low) or pd.isna(high) or high == float("inf"):
        return "95% CI unknown"
    return f"{low * 100:.0f}–{high * 100:.0f}%"


def _mib(kb: Any) -> str:
    return "" if pd.isna(kb) else f"{kb / 1024:.0f}"


def write(run: store.RunDir, against: str | None = None) -> dict[str, Path]:
    shown = view(run, against)
    context, df, cells, compat, tables = (shown.context, shown.results, shown.cells,
                                          shown.compat, shown.tables)
    csv = run.path / "results.csv"
    visible.write(csv, df.to_csv(index=False, float_format="%.6g"))
    parquet = io.BytesIO()
    df.assign(implementation=df["implementation"].astype(str)).to_parquet(parquet, index=False)
    store.atomic_write(run.path / "results.parquet", parquet.getvalue())
    for name in ("warmups", "startup", "scaling", "speed", "worker_costs"):
        if not tables[name].empty:
            visible.write(run.path / f"{name}.csv",
                          tables[name].to_csv(index=False, float_format="%.6g"))
    order, baseline = context["order"], context["baseline"]
    context["charts"] = {
        "speed": charts.speed(tables["speed"], order, baseline),
        "geomeans": charts.geomeans(tables["geomeans"], order, baseline),
        "warmup": charts.warmup_curves(tables["warmups"], order),
        "startup": charts.startup_memory(tables["startup"], tables["memory"], order),
        "compat": charts.compat_by_category(compat, order),
        "scaling": charts.scaling(tables["scaling"], order),
        "timeline": charts.timeline(tables["timeline"], baseline),
        "future": charts.future(tables["scaling"], tables["worker_costs"],
                                context["future"]["modes"]),
    }
    context["history"]["trend_svg"] = trend_chart.trend(context["history"]["trend"])
    pyperf_export.write(cells, df, context["meta"], run.path / "pyperf")
    if not compat.empty:
        visible.write(run.path / "compat.csv", compat[aggregate.COMPAT_COLUMNS].to_csv(index=False))
        visible.write(run.path / "junit.xml", write_junit(compat, run.id))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html.j2"]),
        trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = md
    written = {"csv": csv}
    for name, template in (("md", "report.md.j2"), ("html", "index.html.j2")):
        path = run.path / ("report.md" if name == "md" else "index.html")
        visible.write(path, env.get_template(template).render(**context))
        written[name] = path
    regressions_report.write(shown.entry, context["history"])  # regressions.csv, history.json
    return written
