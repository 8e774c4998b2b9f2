"""Render a run's tables as results.csv, report.md and index.html.

Text that comes from workloads (errors, docstrings) is untrusted: Jinja2
autoescapes it in HTML, and md() neutralizes it in Markdown.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

from matrix import aggregate, pyperf_export, store
from matrix.compat import STATUSES as COMPAT_STATUSES
from matrix.junit import write_junit

TEMPLATES = Path(__file__).with_name("templates")

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(text: Any) -> str:
    """One table-safe line of Markdown showing TEXT literally."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", flat).replace("&", "&amp;")


def _times(speedup: float | None) -> str:
    return "" if speedup is None or speedup != speedup else f"{speedup:.2f}x"


def view(run: store.RunDir) -> tuple[dict[str, Any], pd.DataFrame, list[dict]]:
    """Everything the templates show, as plain rows of strings and numbers."""
    meta = run.meta()
    cells = run.cells()
    impls_meta = meta.get("implementations", {})
    order = [i for i in meta["settings"]["implementations"]]
    df = aggregate.results(cells, {i: impls_meta.get(i, {}) for i in order})
    baseline = next((i for i, m in impls_meta.items() if m.get("baseline")), order[0])
    compat = aggregate.compatibility(df).reindex(columns=order)
    speed = aggregate.speedups(df, baseline).reindex(columns=order)
    means = aggregate.geometric_means(speed)
    versions = df.drop_duplicates("implementation").set_index("implementation")

    def impl_row(i: str) -> dict[str, Any]:
        m = impls_meta.get(i, {})
        v = versions.loc[i] if i in versions.index else None
        counts = df[df["implementation"] == i]["status"].value_counts()
        return {
            "id": i, "family": m.get("family", ""),
            "version": m.get("version") or ("" if v is None else v["version"]),
            "python_version": m.get("python_version") or ("" if v is None else v["python_version"]),
            "package": f"{m.get('package', '')} {m.get('package_version', '')}".strip(),
            "suite": m.get("suite", ""), "image_id": m.get("image_id", "")[7:19],
            "ok": int(counts.get("ok", 0)), "cells": int(counts.sum()),
            "geomean": _times(means["geomean_speedup"].get(i)),
            "geomean_n": int(means["workloads"].get(i, 0)),
        }

    speed_rows = []
    for workload in compat.index:
        row = {"workload": workload, "cells": []}
        for i in order:
            status = compat.at[workload, i] if i in compat.columns else None
            ratio = speed.at[workload, i] if workload in speed.index else None
            steady = df[(df["implementation"] == i) & (df["workload"] == workload)]["steady_s"]
            ms = "" if steady.empty or steady.isna().all() else f"{steady.iloc[0] * 1e3:.1f} ms"
            status = "missing" if pd.isna(status) else status
            row["cells"].append({"status": status,
                                 "ratio": _times(ratio) if status == "ok" else "",
                                 "ms": ms})
        speed_rows.append(row)
    failures = df[df["status"] != "ok"][["implementation", "workload", "status", "error"]]
    described = df[df["description"].fillna("") != ""]
    descriptions = described.drop_duplicates("workload").set_index("workload")["description"]
    compat = aggregate.compat_results(run.script_cells(), baseline, order)
    counts = aggregate.compat_counts(compat).reindex(columns=order).fillna("")
    totals = compat.groupby("implementation", observed=True)["status"].value_counts() \
        .unstack().reindex(index=order).fillna(0).astype(int) if not compat.empty else None
    differing = compat.groupby(["suite", "script"])["status"].transform(
        lambda s: (s != "pass").any()) if not compat.empty else []
    differences = []
    for (suite, script), rows in compat[differing].groupby(["suite", "script"], sort=False) \
            if not compat.empty else []:
        first = rows.iloc[0]
        differences.append({
            "suite": suite, "script": script, "category": first["category"],
            "feature": first["feature"], "since": first["since"], "source": first["source"],
            "reference": first["reference"] or "",
            "cells": [{"implementation": r.implementation, "status": r.status,
                       "stdout": r.stdout, "detail": r.detail} for r in rows.itertuples()],
        })
    context = {
        "run": run.id, "meta": meta, "host": meta.get("host", {}), "baseline": baseline,
        "impls": [impl_row(i) for i in order], "order": order, "rows": speed_rows,
        "failures": failures.to_dict("records"),
        "descriptions": descriptions.to_dict(),
        "values": meta["settings"]["values"],
        "compat_counts": [{"suite": s, "category": c, "cells": list(row)}
                          for (s, c), row in counts.iterrows()],
        "compat_totals": [] if totals is None else [
            {"implementation": i, **{s: int(totals.at[i, s]) if s in totals.columns else 0
                                     for s in COMPAT_STATUSES}} for i in order],
        "compat_statuses": COMPAT_STATUSES,
        "differences": differences,
        "scripts": int(compat[["suite", "script"]].drop_duplicates().shape[0]),
    }
    return context, df, cells, compat


def write(run: store.RunDir) -> dict[str, Path]:
    context, df, cells, compat = view(run)
    csv = run.path / "results.csv"
    store.atomic_write(csv, df.to_csv(index=False, float_format="%.6g").encode())
    pyperf_export.write(cells, df, context["meta"], run.path / "pyperf")
    if not compat.empty:
        store.atomic_write(run.path / "compat.csv",
                           compat[aggregate.COMPAT_COLUMNS].to_csv(index=False).encode())
        store.atomic_write(run.path / "junit.xml", write_junit(compat, run.id))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html.j2"]),
        trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = md
    written = {"csv": csv}
    for name, template in (("md", "report.md.j2"), ("html", "index.html.j2")):
        path = run.path / ("report.md" if name == "md" else "index.html")
        store.atomic_write(path, env.get_template(template).render(**context).encode())
        written[name] = path
    return written
