"""The claims check: well-known claims about the implementations, each with the
figure this run measured and a verdict. Thresholds are stated in the verdicts'
rules below so a reader can disagree with them."""

from __future__ import annotations

from typing import Any

import pandas as pd

NOT_MEASURED = "not measured"
CLAIMED_PYPY_SPEEDUP = 4.4
# A claimed factor "holds" when the measured one is within this fraction of it.
FACTOR_TOLERANCE = 0.20
# "larger"/"slower" need at least this much of a difference.
MATERIAL = 1.10
# Efficiency (speedup ÷ workers) counted as "scales": near 100%.
SCALES = 0.80


def _family(impls: dict[str, dict[str, Any]], family: str) -> str | None:
    return next((i for i, m in impls.items() if m.get("family") == family), None)


def _eff(scaling: pd.DataFrame, impl: str | None, kind: str) -> tuple[float | None, int]:
    if impl is None or scaling.empty:
        return None, 0
    rows = scaling[(scaling["implementation"] == impl) & (scaling["kind"] == kind)
                   & scaling["available"]]
    if rows.empty or rows["workers"].max() < 2:
        return None, 0
    top = rows.loc[rows["workers"].idxmax()]
    return float(top["efficiency"]), int(top["workers"])


def check(impls: dict[str, dict[str, Any]], baseline: str, means: pd.DataFrame,
          memory: pd.DataFrame, startup: pd.DataFrame,
          scaling: pd.DataFrame) -> list[dict[str, str]]:
    pypy = _family(impls, "pypy")
    jython = _family(impls, "jython")
    base = baseline
    out = []

    # 1. Speed.
    claim = f"PyPy is about {CLAIMED_PYPY_SPEEDUP}x faster than CPython on average"
    g = means.loc[pypy] if pypy in means.index else None
    if g is None or g["geomean"] is None or pd.isna(g["geomean"]):
        out.append({"claim": claim, "measured": NOT_MEASURED, "verdict": NOT_MEASURED})
    else:
        ratio = float(g["geomean"])
        measured = (f"{pypy} vs {base}: geometric mean {ratio:.2f}x "
                    f"(95% CI {g['low']:.2f}–{g['high']:.2f}) over {int(g['workloads'])} "
                    "workloads of this suite")
        if abs(ratio / CLAIMED_PYPY_SPEEDUP - 1) <= FACTOR_TOLERANCE \
                or g["low"] <= CLAIMED_PYPY_SPEEDUP <= g["high"]:
            verdict = "holds"
        elif ratio > CLAIMED_PYPY_SPEEDUP:
            verdict = "understated: PyPy is faster than claimed"
        elif ratio > 1:
            verdict = "overstated: faster, but not that much"
        else:
            verdict = "does not hold"
        out.append({"claim": claim, "measured": measured, "verdict": verdict})

    # 2. Memory.
    claim = "PyPy has a larger memory footprint than CPython"
    if pypy in memory.index and base in memory.index \
            and not pd.isna(memory.at[pypy, "empty_rss_kb"]) \
            and not pd.isna(memory.at[base, "empty_rss_kb"]):
        empty = memory.at[pypy, "empty_rss_kb"] / memory.at[base, "empty_rss_kb"]
        peak_p, peak_b = memory.at[pypy, "median_peak_rss_kb"], memory.at[base,
                                                                          "median_peak_rss_kb"]
        peak = peak_p / peak_b if not (pd.isna(peak_p) or pd.isna(peak_b)) else None
        measured = (f"empty program {memory.at[pypy, 'empty_rss_kb'] / 1024:.0f} MiB vs "
                    f"{memory.at[base, 'empty_rss_kb'] / 1024:.0f} MiB ({empty:.1f}x)")
        if peak is not None:
            measured += (f"; median peak RSS over the workloads {peak_p / 1024:.0f} MiB vs "
                         f"{peak_b / 1024:.0f} MiB ({peak:.1f}x)")
        larger = [r > MATERIAL for r in (empty, peak) if r is not None]
        verdict = "holds" if all(larger) else "partly holds" if any(larger) else "does not hold"
        out.append({"claim": claim, "measured": measured, "verdict": verdict})
    else:
        out.append({"claim": claim, "measured": NOT_MEASURED, "verdict": NOT_MEASURED})

    # 3. Start-up.
    claim = "PyPy starts up slower than CPython"
    rows = startup.set_index(["implementation", "program"])["median_s"] \
        if not startup.empty else pd.Series(dtype=float)
    if (pypy, "empty") in rows.index and (base, "empty") in rows.index \
            and not pd.isna(rows[pypy, "empty"]) and not pd.isna(rows[base, "empty"]):
        parts, slower = [], []
        for program in ("empty", "imports"):
            if (pypy, program) in rows.index and (base, program) in rows.index:
                p, b = rows[pypy, program], rows[base, program]
                parts.append(f"{program}: {p * 1e3:.0f} ms vs {b * 1e3:.0f} ms ({p / b:.1f}x)")
                slower.append(p / b > MATERIAL)
        verdict = "holds" if all(slower) else "partly holds" if any(slower) else "does not hold"
        out.append({"claim": claim, "measured": "median start-up, " + "; ".join(parts),
                    "verdict": verdict})
    else:
        out.append({"claim": claim, "measured": NOT_MEASURED, "verdict": NOT_MEASURED})

    # 4. The GIL.
    claim = ("Threads under a GIL reach about 1/N efficiency, while processes reach "
             "about 100%")
    threads, n = _eff(scaling, base, "threads")
    procs, n_p = _eff(scaling, base, "processes")
    if threads is None or procs is None:
        out.append({"claim": claim, "measured": NOT_MEASURED + " (needs 2 or more cores)",
                    "verdict": NOT_MEASURED})
    else:
        measured = (f"{base}, one CPU-bound job on {n} workers: threads {threads:.0%} "
                    f"efficient (1/N = {1 / n:.0%}), processes {procs:.0%}")
        gil_like = threads <= 1 / n + 0.15
        verdict = "holds" if gil_like and procs >= SCALES else \
            "partly holds" if gil_like or procs >= SCALES else "does not hold"
        out.append({"claim": claim, "measured": measured, "verdict": verdict})

    # 5. Jython.
    claim = "Jython has no GIL: its threads scale"
    eff, n = _eff(scaling, jython, "threads")
    if eff is None:
        out.append({"claim": claim, "measured": NOT_MEASURED + " (needs 2 or more cores)",
                    "verdict": NOT_MEASURED})
    else:
        verdict = "holds" if eff >= SCALES else "does not hold" if eff <= 1 / n + 0.15 \
            else "partly holds"
        out.append({"claim": claim, "verdict": verdict,
                    "measured": f"{jython} threads on {n} workers: {eff:.0%} efficient "
                                f"(100% = perfect scaling, 1/N = {1 / n:.0%})"})
    return out
