"""aggregate.py, render.py and pyperf_export.py over a synthetic run directory."""

from __future__ import annotations

import csv
import math
import re
import statistics
from dataclasses import replace

import pandas as pd
import pyperf
import pytest

from implmatrix import aggregate, claims, model, render, stats
from tests.unit.conftest import (
    IMPL_META,
    make_cell,
    make_record,
    make_scaling,
    make_startup,
    run_in,
    scaling_point,
    scaling_process,
    startup_process,
)

BASE, PYPY = "cpython3.13", "pypy3.11"
SCRIPT = "<script>alert(1)</script>"
NASTY_ERROR = f"{SCRIPT} | a pipe\nand a second line with `code`"


def scenario() -> list[model.Cell]:
    """Speedups 2 and 8 on two workloads; two more that are not ok on one side."""
    return [
        make_cell(BASE, "fast", record=make_record(BASE, [1.0, 3.0, 2.0], [5.0, 4.0],
                                                   doc="Fast one.")),
        make_cell(PYPY, "fast", record=make_record(PYPY, [1.0, 1.0, 1.0], [9.0] * 10,
                                                   doc="Fast one.")),
        make_cell(BASE, "slow", record=make_record(BASE, [8.0, 8.0, 8.0])),
        make_cell(PYPY, "slow", record=make_record(PYPY, [0.5, 1.0, 1.5])),
        make_cell(BASE, "xss", record=make_record(BASE, [1.0, 1.0, 1.0], doc=f"Doc {SCRIPT}")),
        make_cell(PYPY, "xss", "error", error=f"ValueError: {NASTY_ERROR}",
                  record=make_record(PYPY, [], [], status="error", doc=f"Doc {SCRIPT}",
                                     error_type="ValueError", error=NASTY_ERROR)),
        make_cell(BASE, "basefails", "timeout", error="no result within 120 s"),
        make_cell(PYPY, "basefails", record=make_record(PYPY, [2.0, 2.0, 2.0])),
    ]


def impl_dicts() -> dict[str, model.ImplMeta]:
    return {i: IMPL_META[i] for i in (BASE, PYPY)}


@pytest.fixture
def df() -> pd.DataFrame:
    return aggregate.results(scenario(), impl_dicts())


def row(df: pd.DataFrame, impl: str, workload: str) -> pd.Series:
    hit = df[(df["implementation"] == impl) & (df["workload"] == workload)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_results_columns_and_rows(df):
    assert list(df.columns) == aggregate.RESULT_COLUMNS
    assert len(df) == 8
    # implementations in registry order, workloads sorted within each
    assert list(df["implementation"].astype(str)) == [BASE] * 4 + [PYPY] * 4
    assert list(df["workload"][:4]) == ["basefails", "fast", "slow", "xss"]


def test_results_statistics(df):
    r = row(df, BASE, "fast")
    assert r["steady_s"] == 2.0  # median, not mean or first
    assert r["stdev_s"] == pytest.approx(statistics.stdev([1.0, 3.0, 2.0]))
    assert r["iterations"] == 3
    assert r["warmups"] == 2
    assert r["first_s"] == 5.0
    assert r["status"] == "ok"
    assert r["family"] == "cpython"
    assert r["version"] == "3.13.5"
    assert r["package_version"] == "3.13.5-2"
    assert r["description"] == "Fast one."
    assert r["max_rss_kb"] == 10240
    p = row(df, PYPY, "fast")
    assert (p["family"], p["version"], p["python_version"]) == ("pypy", "7.3.19", "3.11.11")
    assert p["warmups"] == 10


def test_results_not_ok_cells_have_no_time(df):
    r = row(df, PYPY, "xss")
    assert r["status"] == "error"
    assert pd.isna(r["steady_s"]) and pd.isna(r["stdev_s"])
    assert r["iterations"] == 0
    assert r["error"].startswith("ValueError: ")
    t = row(df, BASE, "basefails")
    assert t["status"] == "timeout" and pd.isna(t["steady_s"])
    # a cell without a record still gets its implementation's version from other cells
    assert t["version"] == "3.13.5"


def test_results_single_value_has_no_stdev():
    cells = [make_cell(BASE, "w", record=make_record(BASE, [0.25], []))]
    r = aggregate.results(cells, {BASE: IMPL_META[BASE]}).iloc[0]
    assert r["steady_s"] == 0.25 and pd.isna(r["stdev_s"])
    assert r["first_s"] == 0.25  # no warmups: the first timed value


def speed():
    return aggregate.speed(scenario(), BASE, [BASE, PYPY])


def test_speed_is_baseline_over_impl_only_where_both_are_ok():
    ratios, _ = speed()
    got = {(r.workload, r.implementation): r.ratio for r in ratios.itertuples()}
    assert got[("fast", PYPY)] == pytest.approx(2.0)
    assert got[("slow", PYPY)] == pytest.approx(8.0)
    assert got[("fast", BASE)] == 1.0
    assert ("xss", PYPY) not in got  # impl not ok
    assert ("basefails", PYPY) not in got  # baseline not ok


def test_speed_intervals_and_significance():
    ratios, _ = speed()
    slow = ratios[(ratios["workload"] == "slow") & (ratios["implementation"] == PYPY)].iloc[0]
    # Baseline always 8.0; pypy 0.5..1.5: the ratio ranges 5.3..16 and excludes 1; one
    # process per cell, so the interval is widened by the one-pass floor.
    from implmatrix import stats

    widened = 1 + stats.ONE_PASS_FLOOR
    assert 5.0 / widened < slow["low"] <= 8.0 <= slow["high"] < 17.0 * widened
    assert slow["significant"]
    same = ratios[(ratios["workload"] == "fast") & (ratios["implementation"] == BASE)].iloc[0]
    assert same["low"] < 1.0 < same["high"] and not same["significant"]


def test_speed_without_the_baseline_is_empty():
    ratios, means = aggregate.speed(scenario(), "jython2.7", [BASE, PYPY])
    assert ratios.empty and (means["workloads"] == 0).all()


def test_geometric_means_over_workloads_ok_on_both():
    _, means = speed()
    assert means.at[PYPY, "geomean"] == pytest.approx(4.0)  # sqrt(2 * 8)
    assert means.at[PYPY, "workloads"] == 2
    assert means.at[PYPY, "low"] < 4.0 < means.at[PYPY, "high"]
    assert means.at[BASE, "geomean"] == pytest.approx(1.0)
    assert means.at[BASE, "workloads"] == 3


def test_stats_hierarchical_bootstrap_sees_process_to_process_noise():
    tight = stats.ratio([[1.0, 1.0, 1.0]] * 3, [[0.5, 0.5, 0.5]] * 3)
    assert (tight.ratio, tight.low, tight.high) == (2.0, 2.0, 2.0)
    # Two processes that disagree: the interval must cover both.
    spread = stats.ratio([[1.0] * 3] * 2, [[0.5] * 3, [1.0] * 3])
    assert spread.low <= 1.0 and spread.high >= 2.0 and not spread.significant


def test_noisy_cells_are_flagged():
    cells = [make_cell(BASE, "calm", record=make_record(BASE, [1.0, 1.01, 0.99])),
             make_cell(BASE, "noisy", record=make_record(BASE, [1.0, 2.0, 0.5]))]
    df = aggregate.results(cells, {BASE: IMPL_META[BASE]})
    assert list(df["noisy"]) == [False, True]
    assert row(df, BASE, "noisy")["cv"] > aggregate.NOISY_CV


def test_processes_are_pooled():
    cell = make_cell(PYPY, "w", records=[make_record(PYPY, [1.0, 1.0], [5.0] * 4),
                                         make_record(PYPY, [3.0, 3.0], [5.0] * 8, steady=False)],
                     max_rss_kb=2048)
    r = aggregate.results([cell], {PYPY: IMPL_META[PYPY]}).iloc[0]
    assert (r["processes"], r["iterations"], r["steady_s"], r["warmups"]) == (2, 4, 2.0, 6.0)
    assert r["steady"] is False or r["steady"] == False  # noqa: E712
    assert r["max_rss_kb"] == 2048
    curves = aggregate.iterations([cell])
    assert len(curves) == 4 + 2 + 8 + 2
    assert set(curves["process"]) == {1, 2}
    assert list(curves[curves["process"] == 1]["phase"]) == ["warmup"] * 4 + ["value"] * 2


# Start-up: the base's empty program has two runs taken while the machine was busy
# (left out: with them the median would be 0.5 s) and imports one failed run.
STARTUP = {
    BASE: make_startup(
        BASE,
        empty=[startup_process(w, kb, disturbed=False)
               for w, kb in ((0.019, 9900), (0.020, 10000), (0.021, 10100))]
        + [startup_process(0.5, 10000, disturbed=True), startup_process(0.6, 10000,
                                                                         disturbed=True)],
        imports=[startup_process(w, 12000) for w in (0.039, 0.040, 0.041)]
        + [startup_process(9.0, 1, exit=1)]),
    PYPY: make_startup(
        PYPY,
        empty=[startup_process(w, kb) for w, kb in ((0.048, 49000), (0.050, 50000),
                                                    (0.052, 51000))],
        imports=[startup_process(w, 60000) for w in (0.088, 0.090, 0.092)]),
}
# Threads at 2 workers take as long as at 1 (a GIL: 50% efficient), processes half
# as long (100%).
GIL_TIMES = ((1.0, 1.1, 0.9), (1.0, 1.05, 0.95))
SCALING = {
    BASE: make_scaling(
        BASE,
        scaling_point("threads", 1, *(scaling_process(*t) for t in GIL_TIMES)),
        scaling_point("threads", 2, *(scaling_process(*t) for t in GIL_TIMES)),
        scaling_point("processes", 1, scaling_process(1.0, 1.02, 0.98),
                      scaling_process(1.0, 1.01, 0.99)),
        scaling_point("processes", 2, scaling_process(0.5, 0.51, 0.49),
                      scaling_process(0.5, 0.505, 0.495))),
    PYPY: make_scaling(PYPY, scaling_point("threads", 1, available=False,
                                           reason="no threads")),
}
# A run from before scaling points had processes: times on the point itself.
OLD_SCALING = {impl: model.load(model.Scaling, {"implementation": impl, **raw}) for impl, raw in {
    BASE: {"points": [
        {"kind": "threads", "workers": 1, "available": True, "checksum_ok": True,
         "times": [1.0, 1.1, 0.9]},
        {"kind": "threads", "workers": 2, "available": True, "checksum_ok": True,
         "times": [1.0, 1.0, 1.0]},
        {"kind": "processes", "workers": 1, "available": True, "checksum_ok": True,
         "times": [1.0]},
        {"kind": "processes", "workers": 2, "available": True, "checksum_ok": True,
         "times": [0.5]}]},
    PYPY: {"points": [{"kind": "threads", "workers": 1, "available": False,
                       "reason": "no threads"}]},
}.items()}
JYTHON = "jython2.7"
JYTHON_META = model.ImplMeta(family="jython", image="implmatrix/jython2.7",
                             image_id="sha256:" + "e" * 64)


def test_startup_table_leaves_out_failed_and_disturbed_runs():
    t = aggregate.startup(STARTUP, [BASE, PYPY])
    assert list(t.columns) == aggregate.STARTUP_COLUMNS
    t = t.set_index(["implementation", "program"])
    empty = t.loc[(BASE, "empty")]
    assert empty["median_s"] == 0.020  # 0.5 with the two busy runs
    assert (empty["runs"], empty["disturbed"], empty["failed"]) == (3, 2, 0)
    assert empty["wall_s"] == [0.019, 0.020, 0.021]
    assert empty["max_rss_kb"] == [9900, 10000, 10100]
    assert (empty["min_s"], empty["max_s"]) == (0.019, 0.021)
    imports = t.loc[(BASE, "imports")]
    assert (imports["median_s"], imports["runs"], imports["failed"]) == (0.040, 3, 1)
    assert imports["disturbed"] == 0  # no "disturbed" key: an older run, not disturbed
    assert t.at[(PYPY, "empty"), "median_rss_kb"] == 50000


def test_startup_all_runs_disturbed_has_no_figure():
    raw = {BASE: make_startup(BASE, empty=[startup_process(0.5, disturbed=True)] * 3)}
    row = aggregate.startup(raw, [BASE]).iloc[0]
    assert (row["runs"], row["disturbed"], row["failed"]) == (0, 3, 0)
    assert pd.isna(row["median_s"]) and row["wall_s"] == []


def scaling_table(raw: dict) -> pd.DataFrame:
    t = aggregate.scaling(raw, list(raw))
    assert list(t.columns) == aggregate.SCALING_COLUMNS
    return t.set_index(["implementation", "kind", "workers"])


def test_scaling_efficiency_with_interval():
    t = scaling_table(SCALING)
    threads = t.loc[(BASE, "threads", 2)]
    # Same times at 1 and 2 workers: speedup 1, efficiency 1/2.
    assert threads["speedup"] == pytest.approx(1.0)
    assert threads["efficiency"] == pytest.approx(0.5)
    # The interval is over processes (their geometric means), not over pooled repeats.
    per_process = [statistics.geometric_mean(p) for p in GIL_TIMES]
    expected = stats.log_ratio(per_process, per_process)
    assert threads["low"] == pytest.approx(expected.low / 2)
    assert threads["high"] == pytest.approx(expected.high / 2)
    assert 0.4 < threads["low"] < 0.5 < threads["high"] < 0.6
    assert (threads["processes"], threads["repeats"], threads["disturbed"]) == (2, 6, 0)
    assert threads["median_s"] == 1.0
    procs = t.loc[(BASE, "processes", 2)]
    assert procs["efficiency"] == pytest.approx(1.0, abs=1e-3)
    assert procs["low"] < procs["efficiency"] < procs["high"] < 1.05
    one = t.loc[(BASE, "threads", 1)]
    assert (one["efficiency"], one["low"], one["high"]) == (1.0, 1.0, 1.0)
    pypy = t.loc[(PYPY, "threads", 1)]
    assert not pypy["available"] and pypy["reason"] == "no threads"
    assert pd.isna(pypy["efficiency"]) and pypy["processes"] == 0


def test_scaling_interval_is_over_processes_not_repeats():
    # Steady repeats inside each process, but the processes disagree (a JIT's decisions):
    # the interval must show the disagreement, not the repeats' agreement.
    raw = {JYTHON: make_scaling(
        JYTHON,
        scaling_point("threads", 1, scaling_process(1.0, 1.0, 1.0),
                      scaling_process(1.0, 1.0, 1.0)),
        scaling_point("threads", 2, scaling_process(0.6, 0.6, 0.6),
                      scaling_process(1.0, 1.0, 1.0)))}
    row = scaling_table(raw).loc[(JYTHON, "threads", 2)]
    assert row["low"] < 0.5 and row["high"] > 0.83  # both 1/N and 83% are possible


def test_scaling_leaves_out_disturbed_processes():
    raw = {JYTHON: make_scaling(
        JYTHON,
        scaling_point("threads", 1, scaling_process(1.0, 1.0, 1.0),
                      scaling_process(3.0, 3.0, 3.0, disturbed=True)),
        scaling_point("threads", 2, scaling_process(0.52, 0.5, 0.54),
                      scaling_process(1.1, 1.1, 1.1, disturbed=True)))}
    row = scaling_table(raw).loc[(JYTHON, "threads", 2)]
    assert row["efficiency"] == pytest.approx(1 / statistics.geometric_mean([0.52, 0.5, 0.54])
                                              / 2)
    assert (row["processes"], row["repeats"], row["disturbed"]) == (1, 3, 1)
    assert row["available"] and row["reason"] == ""


def test_scaling_point_with_all_processes_disturbed_has_no_figure():
    raw = {BASE: make_scaling(
        BASE,
        scaling_point("threads", 1, scaling_process(1.0, 1.0)),
        scaling_point("threads", 2, *[scaling_process(2.2, 2.2, disturbed=True)] * 3))}
    row = scaling_table(raw).loc[(BASE, "threads", 2)]
    assert row["available"]  # CPython has threads; it is the machine that was busy
    assert pd.isna(row["efficiency"]) and pd.isna(row["low"]) and pd.isna(row["speedup"])
    assert row["reason"] == "machine busy: 2 CPUs were not free"
    assert (row["processes"], row["repeats"], row["disturbed"]) == (0, 0, 3)


def test_scaling_wrong_checksum_is_not_available():
    raw = {BASE: make_scaling(
        BASE, scaling_point("threads", 1, scaling_process(1.0)),
        scaling_point("threads", 2, scaling_process(1.0, checksum_ok=False)))}
    row = scaling_table(raw).loc[(BASE, "threads", 2)]
    assert not row["available"] and row["reason"] == "wrong checksum"


def test_scaling_of_an_old_run_still_aggregates():
    t = scaling_table(OLD_SCALING)
    threads = t.loc[(BASE, "threads", 2)]
    assert threads["efficiency"] == pytest.approx(statistics.geometric_mean([1.0, 1.1, 0.9]) / 2)
    assert (threads["processes"], threads["repeats"], threads["disturbed"]) == (1, 3, 0)
    procs = t.loc[(BASE, "processes", 2)]
    assert procs["efficiency"] == pytest.approx(1.0)
    # One value on each side: no interval.
    assert procs["low"] == 0.0 and procs["high"] == float("inf")
    pypy = t.loc[(PYPY, "threads", 1)]
    assert not pypy["available"] and pypy["reason"] == "no threads"


# stats: small samples ------------------------------------------------------------------

def test_t_quantiles():
    assert stats.t95(1) == 12.706 and stats.t95(4) == 2.776
    assert stats.t95(4.9) == 2.776  # Welch's fractional df rounds down: the wider interval
    assert stats.t95(30) == 2.042 and stats.t95(31) == 1.96 and stats.t95(0.5) == 12.706


def test_log_ratio_known_values():
    r = stats.log_ratio([2, 2.2, 1.8], [1, 1.1, 0.9])
    assert r.ratio == pytest.approx(2.0)
    # Same spread on both sides: se = sqrt(2 v / 3), Welch df = 4.
    v = statistics.variance([math.log(x) for x in (1, 1.1, 0.9)])
    half = 2.776 * math.sqrt(2 * v / 3)
    assert r.low == pytest.approx(2 * math.exp(-half))
    assert r.high == pytest.approx(2 * math.exp(half))
    assert r.low < 2.0 < r.high and r.significant
    more = stats.log_ratio([2, 2.2, 1.8] * 3, [1, 1.1, 0.9] * 3)
    assert more.ratio == pytest.approx(2.0)
    assert more.high - more.low < (r.high - r.low) / 2  # more samples: narrower
    assert stats.log_ratio([2.0, 2.0], [1.0, 1.0]) == stats.Ratio(2.0, 2.0, 2.0)


def test_log_ratio_of_a_single_value_is_unknown():
    r = stats.log_ratio([2.0], [1.0, 1.1, 0.9])
    assert r.ratio == pytest.approx(2 / statistics.geometric_mean([1.0, 1.1, 0.9]))
    assert (r.low, r.high) == (0.0, math.inf) and not r.significant
    assert claims.side(r.low, r.high, claims.MATERIAL) == claims.INCONCLUSIVE
    with pytest.raises(ValueError):
        stats.log_ratio([], [1.0])


def test_log_mean():
    assert stats.log_mean([1.0, 1.0]) == stats.Ratio(1.0, 1.0, 1.0)
    r = stats.log_mean([1.0, 4.0])
    half = 12.706 * statistics.stdev([0.0, math.log(4)]) / math.sqrt(2)
    assert r.ratio == pytest.approx(2.0)
    assert (r.low, r.high) == (pytest.approx(2 * math.exp(-half)),
                               pytest.approx(2 * math.exp(half)))
    single = stats.log_mean([3.0])
    assert single.ratio == pytest.approx(3.0) and (single.low, single.high) == (0.0, math.inf)


# claims --------------------------------------------------------------------------------

@pytest.mark.parametrize(("low", "high", "expected"), [
    (1.2, 1.5, "holds"),
    (1.0, 1.09, "does not hold"),
    (1.05, 1.2, "inconclusive"),  # straddles
    (1.1, 1.3, "inconclusive"),  # touches: not wholly above
    (0.9, 1.1, "inconclusive"),  # touches: not wholly below
    (0.0, math.inf, "inconclusive"),  # no interval
    (float("nan"), float("nan"), "inconclusive"),
    (None, None, "inconclusive"),
])
def test_rule_side(low, high, expected):
    assert claims.side(low, high, 1.1) == expected


def test_rule_side_inclusive_and_band():
    assert claims.side(0.80, 0.9, 0.80, inclusive=True) == "holds"
    assert claims.side(0.80, 0.9, 0.80) == "inconclusive"
    assert claims.side(0.70, 0.7999, 0.80, inclusive=True) == "does not hold"
    lo, hi = 3.52, 5.28
    assert claims.band(4.0, 5.0, lo, hi) == "holds"
    assert claims.band(lo, hi, lo, hi) == "holds"  # the band's own edges are inside
    assert claims.band(5.3, 6.0, lo, hi) == "does not hold"
    assert claims.band(2.0, 3.5, lo, hi) == "does not hold"
    assert claims.band(3.0, 4.0, lo, hi) == "inconclusive"
    assert claims.band(3.0, 6.0, lo, hi) == "inconclusive"  # wider than the band
    assert claims.band(0.0, math.inf, lo, hi) == "inconclusive"


def test_rule_for_parts():
    assert claims.combine(["holds", "holds"]) == "holds"
    assert claims.combine(["holds", "inconclusive: a"]) == "inconclusive: a"
    assert claims.combine(["does not hold: a", "inconclusive: b", "holds"]) == \
        "does not hold: a"
    assert claims.combine(["inconclusive: a", "inconclusive: b"]) == "inconclusive: a; b"
    assert claims.combine([]) == "inconclusive"
    assert claims.say("holds", "why") == "holds"  # holds needs no reason
    assert claims.word("does not hold: PyPy is not faster") == "does not hold"


def check(means=None, scaling=None, startup=None, impls=None) -> list[dict]:
    df = aggregate.results(scenario(), impl_dicts())
    if means is None:
        _, means = speed()
    impls = impls or impl_dicts()
    return claims.check(impls, BASE, claims.Figures(
        means=means, results=df,
        startup=aggregate.startup(STARTUP if startup is None else startup, list(impls)),
        scaling=aggregate.scaling(SCALING if scaling is None else scaling, list(impls))))


def verdicts(found: list[dict]) -> list[str]:
    return [c["verdict"] for c in found]


def test_claims_have_figures_intervals_and_verdicts():
    found = check()
    assert len(found) == 6
    for c in found:  # code can test the first word
        assert c["verdict"].split(":")[0] in (
            "holds", "does not hold", "inconclusive", "not measured"), c
    speed_, memory, start, gil, jython, subinterpreters = found
    assert subinterpreters["verdict"] == "not measured"  # no point of that kind here
    # 4.00x, but over two workloads the bootstrap interval is wider than the band.
    assert "geometric mean 4.00x" in speed_["measured"] and "95% CI" in speed_["measured"]
    assert speed_["verdict"].startswith("inconclusive: the 95% interval straddles")
    # Empty program ~5x (holds), peak RSS the same on every workload (does not hold).
    empty = stats.log_ratio([49000, 50000, 51000], [9900, 10000, 10100])
    assert f"{empty.ratio:.2f}x (95% CI {empty.low:.2f}–{empty.high:.2f}x)" in memory["measured"]
    assert "over 3 and 3 runs, 2 more left out (machine busy)" in memory["measured"]
    assert "peak RSS of the 2 workloads ok on both: geometric mean 1.00x" in memory["measured"]
    assert memory["verdict"] == "does not hold: peak RSS: not larger"
    wall = stats.log_ratio([0.048, 0.050, 0.052], [0.019, 0.020, 0.021])
    assert f"empty 50 ms vs 20 ms, {wall.ratio:.2f}x" in start["measured"]
    assert wall.low > claims.MATERIAL and start["verdict"] == "holds"
    assert "threads 50% (95% CI" in gil["measured"]
    assert "over 6 repeats in 2 processes, 2 CPUs free" in gil["measured"]
    assert "processes 100%" in gil["measured"] and gil["verdict"] == "holds"
    assert jython["verdict"] == "not measured"  # no Jython here
    assert jython["measured"] == "not measured (no row for it in this run)"


def test_claims_say_why_scaling_is_not_measured():
    gil, jython = check(scaling=[])[3:5]  # scaling off: the debug preset, --scaling-cap 0
    assert gil["measured"] == jython["measured"] == (
        "not measured (no scaling in this run: the debug preset or --scaling-cap 0)")


def test_the_debug_preset_decides_no_claim():
    found = check()
    kept = claims.undecided(found, "the debug preset decides no claim")
    assert {claims.word(c["verdict"]) for c in found} >= {"holds", "does not hold"}
    assert [c["measured"] for c in kept] == [c["measured"] for c in found]
    for before, after in zip(found, kept, strict=True):
        if claims.word(before["verdict"]) in ("holds", "does not hold"):
            assert after["verdict"] == "inconclusive: the debug preset decides no claim"
        else:
            assert after["verdict"] == before["verdict"]


@pytest.mark.parametrize(("low", "high", "verdict"), [
    (4.0, 4.8, "holds"),
    (5.5, 6.5, "does not hold: PyPy is faster than claimed"),
    (2.0, 3.0, "does not hold: PyPy is faster, but not that much"),
    (0.8, 0.9, "does not hold: PyPy is not faster"),
    (4.0, 6.0, "inconclusive: the 95% interval straddles 5.28x"),
    (3.0, 4.0, "inconclusive: the 95% interval straddles 3.52x"),
])
def test_speed_claim_verdicts(low, high, verdict):
    means = pd.DataFrame({"geomean": [(low * high) ** 0.5], "low": [low], "high": [high],
                          "workloads": [12]}, index=[PYPY])
    assert check(means=means)[0]["verdict"] == verdict


def test_startup_claim_with_too_few_undisturbed_runs_is_inconclusive():
    raw = {**STARTUP, PYPY: make_startup(
        PYPY, empty=[startup_process(0.05, 50000)] + [startup_process(0.02, 50000,
                                                                      disturbed=True)] * 2,
        imports=[startup_process(w, 60000) for w in (0.088, 0.090, 0.092)])}
    found = check(startup=raw)
    assert found[2]["verdict"] == ("inconclusive: empty: 2 of 3 runs of pypy3.11 ran while "
                                   "the machine was busy")
    assert "95% CI unknown" in found[2]["measured"]
    # the empty program's RSS rests on the same single run
    assert found[1]["verdict"].startswith("does not hold: peak RSS")  # a part fails anyway


def jython_scaling(*at_two: dict) -> dict:
    return {JYTHON: make_scaling(
        JYTHON,
        scaling_point("threads", 1, scaling_process(1.0, 1.02, 0.98),
                      scaling_process(1.0, 1.01, 0.99)),
        scaling_point("threads", 2, *at_two))}


def jython_claim(raw: dict) -> dict:
    impls = {**impl_dicts(), JYTHON: JYTHON_META}
    return check(scaling={**SCALING, **raw}, impls=impls)[4]


# Threads at 2 workers that took 1.1 s for a 1 s job: 45% efficient, what a busy
# machine makes of a Jython that scales.
BUSY = scaling_process(1.1, 1.12, 1.08, disturbed=True)


def test_jython_claim_holds_on_undisturbed_data():
    found = jython_claim(jython_scaling(scaling_process(0.52, 0.51, 0.53),
                                        scaling_process(0.52, 0.5, 0.51)))
    assert found["verdict"] == "holds"
    assert "threads 97% (95% CI" in found["measured"]


def test_busy_machine_never_turns_a_claim_over():
    # The same undisturbed processes, plus disturbed ones at 45%: left out, still holds.
    found = jython_claim(jython_scaling(scaling_process(0.52, 0.51, 0.53),
                                        scaling_process(0.52, 0.5, 0.51), BUSY, BUSY))
    assert found["verdict"] == "holds"
    assert "in 2 processes, 2 CPUs free, 2 more left out (machine busy)" in found["measured"]
    # Only disturbed processes: no figure, inconclusive, never "does not hold".
    found = jython_claim(jython_scaling(BUSY, BUSY, BUSY))
    assert found["verdict"] == ("inconclusive: threads: 3 of 3 processes ran while the "
                                "machine was busy")
    assert "no figure (machine busy: 2 CPUs were not free)" in found["measured"]
    # The same 45% undisturbed would be a real "does not hold".
    found = jython_claim(jython_scaling(scaling_process(1.1, 1.12, 1.08),
                                        scaling_process(1.1, 1.09, 1.11)))
    assert found["verdict"] == "does not hold: threads: they stay near a GIL's 1/N"


def test_gil_claim_on_a_busy_point_is_inconclusive_not_false():
    raw = {**SCALING, BASE: make_scaling(
        BASE, *[p for p in SCALING[BASE].points if p.kind == "threads"],
        scaling_point("processes", 1, scaling_process(1.0, 1.02, 0.98),
                      scaling_process(1.0, 1.01, 0.99)),
        scaling_point("processes", 2, scaling_process(1.0, 1.0, 1.0, disturbed=True)))}
    gil = check(scaling=raw)[3]
    assert gil["verdict"] == ("inconclusive: processes: 1 of 1 processes ran while the "
                              "machine was busy")
    # with the point measured undisturbed at 50%, processes do not reach 80%
    raw[BASE] = replace(raw[BASE], points=(*raw[BASE].points[:-1], scaling_point(
        "processes", 2, scaling_process(1.0, 1.01, 0.99), scaling_process(1.0, 1.02, 0.98))))
    assert check(scaling=raw)[3]["verdict"] == "does not hold: processes: below 80%"


def test_subinterpreters_claim_is_judged_on_the_first_implementation_with_them():
    raw = {**SCALING, "cpython3.14": make_scaling(
        "cpython3.14",
        scaling_point("interpreters", 1, scaling_process(1.0, 1.02, 0.98),
                      scaling_process(1.0, 1.01, 0.99)),
        scaling_point("interpreters", 2, scaling_process(0.5, 0.51, 0.49),
                      scaling_process(0.5, 0.505, 0.495)))}
    impls = {**impl_dicts(), "cpython3.14": replace(IMPL_META[BASE], baseline=False)}
    found = check(scaling=raw, impls=impls)[5]
    assert found["measured"].startswith("cpython3.14, one CPU-bound job on 2 workers: "
                                        "subinterpreters 100%")
    assert found["verdict"] == "holds"
    assert claims.scaling_thresholds("cpython", False, "interpreters", 2) == (claims.SCALES,)
    table = aggregate.scaling(raw, [BASE, "cpython3.14"])
    assert set(table["kind"]) == {"threads", "processes", "interpreters"}


def test_one_process_per_point_is_inconclusive():
    gil = check(scaling=OLD_SCALING)[3]  # one process at 1 and at 2 workers
    assert gil["verdict"] == ("inconclusive: threads: too few processes for an interval; "
                              "processes: too few processes for an interval")
    assert "processes 100% (95% CI unknown) over 1 repeats in 1 process" in gil["measured"]


def test_compatibility_table(df):
    compat = aggregate.compatibility(df)
    assert compat.at["xss", PYPY] == "error"
    assert compat.at["basefails", BASE] == "timeout"
    assert compat.at["fast", BASE] == "ok"


# render -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("a|b", r"a\|b"),
    ("`rm -rf`", r"\`rm -rf\`"),
    ("<b>x</b>", r"\<b\>x\</b\>"),
    ("line one\n\n  line\ttwo\r\n", "line one line two"),
    ("a & b", "a &amp; b"),
    ("*bold* _it_ [link](x) #h", r"\*bold\* \_it\_ \[link\]\(x\) \#h"),
    (3.5, "3.5"),
])
def test_md_escapes(text, expected):
    assert render.md(text) == expected


def test_md_leaves_no_unescaped_specials():
    out = render.md(NASTY_ERROR)
    assert "\n" not in out
    assert re.search(r"(?<!\\)[|`<>]", out) is None


def unescaped_pipes(line: str) -> int:
    count, k = 0, 0
    while k < len(line):
        if line[k] == "\\":
            k += 2
            continue
        count += line[k] == "|"
        k += 1
    return count


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """One rendered run, read by the tests below (none of them changes it)."""
    run = run_in(tmp_path_factory.mktemp("written"), scenario(), impl_dicts())
    return run, render.write(run)


def test_write_makes_all_outputs(written):
    run, paths = written
    assert paths["csv"] == run.path / "results.csv"
    assert paths["md"] == run.path / "report.md"
    assert paths["html"] == run.path / "index.html"
    for p in paths.values():
        assert p.is_file() and p.stat().st_size > 0
    assert sorted(p.name for p in (run.path / "pyperf").iterdir()) == [
        f"{BASE}.json", f"{PYPY}.json"]
    leftovers = [p for p in run.path.rglob("*") if p.name.startswith(".") or
                 p.name.endswith(".tmp")]
    assert leftovers == []
    parquet = pd.read_parquet(run.path / "results.parquet")
    assert list(parquet.columns) == aggregate.RESULT_COLUMNS and len(parquet) == 8


def test_results_csv(written):
    _, paths = written
    with open(paths["csv"], newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == aggregate.RESULT_COLUMNS
    assert len(rows) == 8
    fast = next(r for r in rows if r["implementation"] == BASE and r["workload"] == "fast")
    assert float(fast["steady_s"]) == 2.0
    xss = next(r for r in rows if r["implementation"] == PYPY and r["workload"] == "xss")
    assert xss["error"] == f"ValueError: {NASTY_ERROR}"  # csv keeps the raw text


def test_html_escapes_workload_text(written):
    _, paths = written
    html = paths["html"].read_text()
    assert html.count("<script") == 1  # the page's own table sorter, nothing from workloads
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "a pipe" in html


def test_html_shows_speedups_and_statuses(written):
    _, paths = written
    html = paths["html"].read_text()
    assert "2.00x" in html and "8.00x" in html and "4.00x" in html
    assert "timeout" in html and "error" in html
    assert not re.search(r"\bnan\b", html, re.IGNORECASE)


def test_markdown_escapes_and_keeps_table_shape(written):
    _, paths = written
    text = paths["md"].read_text()
    assert "<script>" not in text
    assert "alert" in text
    lines = text.splitlines()
    hits = [k for k, line in enumerate(lines) if "a pipe" in line]
    assert hits, "the error does not appear in report.md"
    for k in hits:
        assert lines[k].startswith("|")
        sep = next(lines[j] for j in range(k, -1, -1) if lines[j].startswith("|---"))
        assert unescaped_pipes(lines[k]) == unescaped_pipes(sep), lines[k]
        # the error's second line was folded into the same row
        assert "second line" in lines[k]


def test_every_markdown_table_row_has_its_header_width(written):
    _, paths = written
    width = None
    for line in paths["md"].read_text().splitlines():
        if not line.startswith("|"):
            width = None
            continue
        if width is None:
            width = unescaped_pipes(line)
        assert unescaped_pipes(line) == width, line


def test_markdown_has_speedups_and_geomean(written):
    _, paths = written
    text = paths["md"].read_text()
    assert "2.00x" in text and "8.00x" in text and "4.00x" in text
    assert not re.search(r"\bnan\b", text, re.IGNORECASE)


def test_pyperf_files_load_and_describe_the_measured_interpreter(written):
    run, _ = written
    suite = pyperf.BenchmarkSuite.load(str(run.path / "pyperf" / f"{PYPY}.json"))
    assert sorted(suite.get_benchmark_names()) == ["basefails", "fast", "slow"]
    records = {c.workload: c.runs[0].record for c in scenario() if c.implementation == PYPY}
    for bench in suite.get_benchmarks():
        name = bench.get_name()
        meta = bench.get_metadata()
        assert meta["python_implementation"] == "pypy"
        assert meta["implementation_version"] == "7.3.19"
        assert meta["python_version"] == "3.11.11"
        assert meta["implmatrix_id"] == PYPY
        assert meta["hostname"] == "bench-host"
        assert meta["mem_max_rss"] == 10240 * 1024
        assert bench.get_values() == tuple(records[name].values)
        assert bench.get_nrun() == 1
        run_ = bench.get_runs()[0]
        assert tuple(w[1] for w in run_.warmups) == records[name].warmups
    base = pyperf.BenchmarkSuite.load(str(run.path / "pyperf" / f"{BASE}.json"))
    assert sorted(base.get_benchmark_names()) == ["fast", "slow", "xss"]
    assert {b.get_metadata()["python_implementation"] for b in base} == {"cpython"}


def test_pyperf_has_one_run_per_process(make_run):
    recs = [make_record(BASE, [1.0, 1.1]), make_record(BASE, [1.2, 1.3])]
    run = make_run([make_cell(BASE, "w", records=recs)], {BASE: IMPL_META[BASE]})
    render.write(run)
    suite = pyperf.BenchmarkSuite.load(str(run.path / "pyperf" / f"{BASE}.json"))
    bench = suite.get_benchmarks()[0]
    assert bench.get_nrun() == 2 and bench.get_values() == (1.0, 1.1, 1.2, 1.3)


def test_report_survives_an_empty_package_version(make_run):
    impls = {BASE: replace(IMPL_META[BASE], package_version="")}
    run = make_run([make_cell(BASE, "w", record=make_record(BASE))], impls)
    render.write(run)
    assert (run.path / "pyperf" / f"{BASE}.json").is_file()


def test_missing_cell_is_shown_as_missing(make_run):
    cells = [c for c in scenario() if not (c.implementation == PYPY and c.workload == "slow")]
    run = make_run(cells, impl_dicts())
    context = render.view(run).context
    slow = next(r for r in context["rows"] if r["workload"] == "slow")
    assert [c["status"] for c in slow["cells"]] == ["ok", "missing"]
    paths = render.write(run)
    assert not re.search(r"\bnan\b", paths["md"].read_text(), re.IGNORECASE)


def test_description_comes_from_any_cell_that_ran(make_run):
    context = render.view(make_run(scenario(), impl_dicts())).context
    assert context["descriptions"]["fast"] == "Fast one."
    assert context["descriptions"]["basefails"] == "A test workload."


def test_view_context(make_run):
    run = make_run(scenario(), impl_dicts())
    shown = render.view(run)
    context, df, cells = shown.context, shown.results, shown.cells
    assert context["baseline"] == BASE
    assert context["order"] == [BASE, PYPY]
    assert len(cells) == 8 and len(df) == 8
    impls = {i["id"]: i for i in context["impls"]}
    assert impls[PYPY]["geomean"] == "4.00x" and impls[PYPY]["geomean_n"] == 2
    assert impls[PYPY]["ok"] == 3 and impls[PYPY]["cells"] == 4
    assert impls[BASE]["image_id"] == "a" * 12
    rows = {r["workload"]: r for r in context["rows"]}
    assert [c["ratio"] for c in rows["slow"]["cells"]] == ["1.00x", "8.00x"]
    assert [c["status"] for c in rows["basefails"]["cells"]] == ["timeout", "ok"]
    assert rows["basefails"]["cells"][1]["ratio"] == ""
    assert rows["fast"]["cells"][0]["ms"] == "2000.0 ms"
    assert {(f["implementation"], f["workload"]) for f in context["failures"]} == {
        (PYPY, "xss"), (BASE, "basefails")}


def test_report_of_a_run_where_nothing_worked(make_run):
    cells = [make_cell(i, "w", "error", error="container: docker create failed")
             for i in (BASE, PYPY)]
    run = make_run(cells, impl_dicts())
    paths = render.write(run)
    assert "docker create failed" in paths["md"].read_text()
    assert not list((run.path / "pyperf").glob("*.json"))


def test_report_without_the_baseline_uses_the_first_implementation(make_run):
    cells = [make_cell(PYPY, w, record=make_record(PYPY, [v] * 3)) for w, v in
             (("a", 1.0), ("b", 2.0))]
    run = make_run(cells, {PYPY: IMPL_META[PYPY]})
    context = render.view(run).context
    assert context["baseline"] == PYPY
    render.write(run)


def test_report_of_a_run_without_timed_cells(make_run):
    run = make_run([], impl_dicts())  # e.g. only compatibility scripts
    paths = render.write(run)
    assert "Claims check" not in paths["md"].read_text()  # nothing measured to check
    assert not (run.path / "warmups.csv").exists()


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """The scenario with start-up and scaling, Jython's 2-worker point measured on a busy
    machine only (read by the tests below; none of them changes it)."""
    impls = {**impl_dicts(), JYTHON: JYTHON_META}
    scaling = {**SCALING, **jython_scaling(BUSY, BUSY)}
    run = run_in(tmp_path_factory.mktemp("measured"), scenario(), impls,
                 startup=list(STARTUP.values()), scaling=list(scaling.values()))
    return run, render.write(run)


def test_reports_state_the_rule_and_the_intervals(measured):
    run, paths = measured
    context = render.view(run).context
    assert context["claims_rule"] == claims.RULE
    assert [c["verdict"].split(":")[0] for c in context["claims"]] == [
        "inconclusive", "does not hold", "holds", "holds", "inconclusive",
        *["not measured"] * 5]  # the past: one release per family
    # the future: no subinterpreters, no free-threaded row
    assert context["future"]["claims"] == [] and len(context["future"]["not_measured"]) == 9
    rule = "does not hold when the whole interval lies on the other side"
    md, html = paths["md"].read_text(), paths["html"].read_text()
    claims_md = md.split("## Claims check", 1)[1].split("\n## ", 1)[0]
    assert rule in claims_md and "is otherwise inconclusive." in claims_md
    claims_html = html.split('id="claims"', 1)[1].split("<h2", 1)[0]
    assert rule in claims_html and "claim&#39;s side" in claims_html
    assert "**inconclusive: threads: 2 of 2 processes ran while the machine was busy**" in md
    top = {r["implementation"]: r for r in context["scaling_top"]}
    threads = context["scaling"][1]
    assert (threads["kind"], threads["workers"], threads["efficiency"]) == ("threads", 2, "50%")
    assert threads["ci"] in top[BASE]["threads"] and top[BASE]["threads"].startswith("1.00x, 50% (")
    assert re.fullmatch(r"\d+–\d+%", threads["ci"])
    assert (threads["processes"], threads["repeats"], threads["disturbed"]) == (2, 6, 0)
    assert top[JYTHON]["threads"] == "n/a: machine busy: 2 CPUs were not free"
    assert "n/a: machine busy: 2 CPUs were not free" in md
    assert "<td colspan=\"2\">machine busy: 2 CPUs were not free</td>" in html
    start = {r["implementation"]: r for r in context["startup"]}
    assert (start[BASE]["runs"], start[BASE]["disturbed"], start[BASE]["empty_ms"]) == (3, 2, "20")
    for text in (md, html):
        assert not re.search(r"\bnan\b", text, re.IGNORECASE)
    with open(run.path / "scaling.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == aggregate.SCALING_COLUMNS
    with open(run.path / "startup.csv", newline="") as f:
        assert list(next(csv.DictReader(f))) == aggregate.STARTUP_COLUMNS


# speed intervals that cover a second run ---------------------------------------------

def test_across_passes_takes_the_t_interval_over_passes_when_wider():
    from implmatrix import stats

    narrow = stats.Ratio(2.0, 1.95, 2.05)
    logs = [0.6, 0.7, 0.8]  # three passes; mean 0.7, sd 0.1
    half = 4.303 * 0.1 / 3 ** 0.5
    r = stats.across_passes(narrow, logs)
    assert r.ratio == 2.0
    assert r.low == pytest.approx(2.718281828 ** (0.7 - half))
    assert r.high == pytest.approx(2.718281828 ** (0.7 + half))
    wide = stats.Ratio(2.0, 0.5, 8.0)
    assert stats.across_passes(wide, logs) == wide  # the bootstrap was wider already


def test_a_one_pass_interval_is_widened_by_the_measured_floor():
    from implmatrix import stats

    r = stats.across_passes(stats.Ratio(2.0, 1.9, 2.1), [0.69])
    assert r.low == pytest.approx(1.9 / (1 + stats.ONE_PASS_FLOOR))
    assert r.high == pytest.approx(2.1 * (1 + stats.ONE_PASS_FLOOR))
    assert f"widened by {stats.ONE_PASS_FLOOR:.0%}" in stats.interval_method(1)
    assert "over the 3 passes" in stats.interval_method(3)


def test_pass_logs_pair_process_k_of_each_side():
    from implmatrix import stats

    base = [[2.0, 2.0], [4.0, 4.0], [3.0]]
    other = [[1.0, 1.0], [1.0, 1.0]]  # a third process missing: two passes
    assert stats.pass_logs([(base, other)]) == pytest.approx([0.6931471805599453,
                                                             1.3862943611198906])
    two = stats.pass_logs([(base, other), ([[1.0], [1.0]], [[1.0], [2.0]])])
    assert two == pytest.approx([(0.6931471805599453 + 0) / 2,
                                 (1.3862943611198906 - 0.6931471805599453) / 2])


def test_geomean_interval_covers_the_spread_between_passes():
    # pass 2 of the other implementation twice as slow as pass 1 on every workload:
    # inside each pass nothing varies, so the bootstrap alone would be narrow
    cells = []
    for w in ("a", "b", "c"):
        cells.append(make_cell(BASE, w, records=[make_record(BASE, [1.0] * 3)] * 3))
        cells.append(make_cell(PYPY, w, records=[make_record(PYPY, [v] * 3)
                                                 for v in (0.25, 0.5, 0.35)]))
    _, means = aggregate.speed(cells, BASE, [BASE, PYPY])
    g = means.loc[PYPY]
    assert g["low"] < 2.0 and g["high"] > 4.0  # both passes' speed-ups inside
    assert means.loc[BASE, "low"] == means.loc[BASE, "high"] == 1.0


def test_a_speed_figure_resting_on_disturbed_processes_is_inconclusive():
    from implmatrix import claims

    cells = []
    for w in ("a", "b"):
        cells.append(make_cell(BASE, w, records=[make_record(BASE, [1.0] * 3)] * 2))
        cells.append(make_cell(PYPY, w, records=[make_record(PYPY, [0.23] * 3)] * 2))
    df = aggregate.results(cells, impl_dicts())
    start = aggregate.startup(STARTUP, [BASE, PYPY])
    scaling = aggregate.scaling(SCALING, [BASE, PYPY])

    def speed_verdict() -> str:
        _, means = aggregate.speed(cells, BASE, [BASE, PYPY])
        return claims.check(impl_dicts(), BASE, claims.Figures(
            means=means, results=df, startup=start, scaling=scaling))[0]["verdict"]

    assert speed_verdict() == "holds"  # 4.35x
    busy = replace(cells[1].runs[0], disturbed="the rest of the machine used 1.00 CPUs meanwhile")
    cells[1] = replace(cells[1], runs=(busy, *cells[1].runs[1:]))
    assert speed_verdict() == "inconclusive: 1 of 8 processes ran while the machine was busy"
