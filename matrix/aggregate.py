"""Raw cells → tidy pandas tables: results, compatibility, speed vs baseline."""

from __future__ import annotations

import math
import statistics
from typing import Any

import pandas as pd

RESULT_COLUMNS = [
    "implementation", "family", "version", "python_version", "package_version", "workload",
    "status", "first_s", "steady_s", "stdev_s", "iterations", "warmups", "max_rss_kb",
    "error", "description",
]


def results(cells: list[dict[str, Any]], implementations: dict[str, dict]) -> pd.DataFrame:
    """One row per implementation × workload (results.csv)."""
    versions = _versions(cells)
    rows = []
    for cell in cells:
        record = cell.get("record") or {}
        values = record.get("values") or []
        warmups = record.get("warmups") or []
        impl = implementations.get(cell["implementation"], {})
        ok = cell["status"] == "ok" and values
        found = versions.get(cell["implementation"], {})
        rows.append({
            "implementation": cell["implementation"],
            "family": impl.get("family", ""),
            "version": impl.get("version") or found.get("version", ""),
            "python_version": impl.get("python_version") or found.get("python_version", ""),
            "package_version": impl.get("package_version", ""),
            "workload": cell["workload"],
            "status": cell["status"],
            "first_s": (warmups or values or [None])[0],
            "steady_s": statistics.median(values) if ok else None,
            "stdev_s": statistics.stdev(values) if ok and len(values) > 1 else None,
            "iterations": len(values),
            "warmups": len(warmups),
            "max_rss_kb": record.get("max_rss_kb"),
            "error": cell.get("error", ""),
            "description": record.get("doc", ""),
        })
    df = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    order = list(implementations) or sorted(df["implementation"].unique())
    df["implementation"] = pd.Categorical(df["implementation"], categories=order, ordered=True)
    return df.sort_values(["implementation", "workload"]).reset_index(drop=True)


def _versions(cells: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """Each implementation's self-reported version, from any cell that ran."""
    found: dict[str, dict[str, str]] = {}
    for cell in cells:
        info = (cell.get("record") or {}).get("implementation")
        if info and cell["implementation"] not in found:
            found[cell["implementation"]] = {
                "version": str(info.get("version", "")),
                "python_version": str(info.get("python_version", "")),
            }
    return found


def compatibility(df: pd.DataFrame) -> pd.DataFrame:
    """workload × implementation → status."""
    return df.pivot(index="workload", columns="implementation", values="status")


def speedups(df: pd.DataFrame, baseline: str) -> pd.DataFrame:
    """workload × implementation → baseline steady time ÷ this one's (>1 is faster).

    Empty where either side is not ok.
    """
    steady = df.pivot(index="workload", columns="implementation", values="steady_s")
    if baseline not in steady.columns:
        return steady.iloc[:, 0:0]
    return steady.rdiv(steady[baseline], axis=0)


def geometric_means(speed: pd.DataFrame) -> pd.DataFrame:
    """Per implementation: geometric mean of speedups over workloads ok on both."""
    rows = []
    for impl in speed.columns:
        ratios = speed[impl].dropna()
        mean = math.exp(sum(math.log(r) for r in ratios) / len(ratios)) if len(ratios) else None
        rows.append({"implementation": impl, "geomean_speedup": mean, "workloads": len(ratios)})
    return pd.DataFrame(rows).set_index("implementation")


COMPAT_COLUMNS = ["implementation", "suite", "script", "category", "feature", "since",
                  "status", "detail"]


def compat_results(script_cells: list[dict[str, Any]], baseline: str,
                   order: list[str]) -> pd.DataFrame:
    """One row per implementation × script: status against the reference (compat.csv)."""
    from matrix import compat

    base = {(c["suite"], c["script"]): c for c in script_cells if c["implementation"] == baseline}
    rows = []
    for cell in script_cells:
        key = (cell["suite"], cell["script"])
        reference = compat.reference_for(cell, base.get(key))
        status, detail = compat.classify(cell, reference, compat.nondeterministic(base.get(key)))
        rows.append({**{k: cell.get(k, "") for k in COMPAT_COLUMNS[:6]},
                     "status": status, "detail": detail, "stdout": cell["stdout"],
                     "reference": reference, "source": cell.get("source", "")})
    df = pd.DataFrame(rows, columns=[*COMPAT_COLUMNS, "stdout", "reference", "source"])
    df["implementation"] = pd.Categorical(df["implementation"], categories=order, ordered=True)
    return df.sort_values(["suite", "category", "script", "implementation"]).reset_index(drop=True)


def compat_counts(df: pd.DataFrame) -> pd.DataFrame:
    """(suite, category) × implementation → "passed/total"."""
    if df.empty:
        return pd.DataFrame()
    grouped = df.groupby(["suite", "category", "implementation"], observed=True)["status"]
    passed = grouped.apply(lambda s: int((s == "pass").sum()))
    total = grouped.size()
    text = passed.astype(str) + "/" + total.astype(str)
    return text.unstack("implementation").fillna("")
