"""aggregate.py, render.py and pyperf_export.py over a synthetic run directory."""

from __future__ import annotations

import csv
import re
import statistics

import pandas as pd
import pyperf
import pytest

from matrix import aggregate, render
from tests.unit.conftest import IMPL_META, make_cell, make_record

BASE, PYPY = "cpython3.13", "pypy3.11"
SCRIPT = "<script>alert(1)</script>"
NASTY_ERROR = f"{SCRIPT} | a pipe\nand a second line with `code`"


def scenario() -> list[dict]:
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


def impl_dicts() -> dict[str, dict]:
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
    # Baseline always 8.0; pypy 0.5..1.5: the ratio ranges 5.3..16 and excludes 1.
    assert 5.0 < slow["low"] <= 8.0 <= slow["high"] < 17.0 and slow["significant"]
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
    from matrix import stats

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


STARTUP = {
    BASE: {"programs": {
        "empty": {"processes": [{"wall_s": w, "max_rss_kb": 10000, "exit": 0}
                                for w in (0.02, 0.01, 0.03)]},
        "imports": {"processes": [{"wall_s": 0.04, "max_rss_kb": 12000, "exit": 0},
                                  {"wall_s": 9.0, "max_rss_kb": 1, "exit": 1}]}}},
    PYPY: {"programs": {
        "empty": {"processes": [{"wall_s": 0.05, "max_rss_kb": 50000, "exit": 0}]},
        "imports": {"processes": [{"wall_s": 0.09, "max_rss_kb": 60000, "exit": 0}]}}},
}
SCALING = {
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
}


def test_startup_table_ignores_failed_runs():
    t = aggregate.startup(STARTUP, [BASE, PYPY]).set_index(["implementation", "program"])
    assert t.at[(BASE, "empty"), "median_s"] == 0.02
    assert t.at[(BASE, "imports"), "median_s"] == 0.04
    assert t.at[(BASE, "imports"), "runs"] == 1 and t.at[(BASE, "imports"), "failed"] == 1
    assert t.at[(PYPY, "empty"), "median_rss_kb"] == 50000


def test_scaling_efficiency():
    t = aggregate.scaling(SCALING, [BASE, PYPY])
    base = t[t["implementation"] == BASE].set_index(["kind", "workers"])
    assert base.at[("threads", 2), "efficiency"] == pytest.approx(0.5)
    assert base.at[("processes", 2), "efficiency"] == pytest.approx(1.0)
    pypy = t[t["implementation"] == PYPY].iloc[0]
    assert not pypy["available"] and pypy["reason"] == "no threads"


def test_claims_have_figures_and_verdicts():
    from matrix import claims

    df = aggregate.results(scenario(), impl_dicts())
    _, means = speed()
    start = aggregate.startup(STARTUP, [BASE, PYPY])
    found = claims.check(impl_dicts(), BASE, means, aggregate.memory(df, start, [BASE, PYPY]),
                         start, aggregate.scaling(SCALING, [BASE, PYPY]))
    verdicts = [c["verdict"] for c in found]
    assert len(found) == 5
    assert verdicts[0] == "holds"  # 4.0x is within 20% of 4.4x
    assert "4.00x" in found[0]["measured"]
    assert verdicts[1] == "partly holds"  # empty program 5x, but peak RSS the same
    assert verdicts[2] == "holds" and "2.5x" in found[2]["measured"]  # 50 ms vs 20 ms
    assert verdicts[3] == "holds" and "threads 50%" in found[3]["measured"]
    assert verdicts[4] == "not measured"  # no Jython here


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


@pytest.fixture
def written(make_run):
    run = make_run(scenario(), impl_dicts())
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
    run, paths = written
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
    records = {c["workload"]: c["runs"][0]["record"] for c in scenario()
               if c["implementation"] == PYPY}
    for bench in suite.get_benchmarks():
        name = bench.get_name()
        meta = bench.get_metadata()
        assert meta["python_implementation"] == "pypy"
        assert meta["implementation_version"] == "7.3.19"
        assert meta["python_version"] == "3.11.11"
        assert meta["implmatrix_id"] == PYPY
        assert meta["hostname"] == "bench-host"
        assert meta["mem_max_rss"] == 10240 * 1024
        assert bench.get_values() == tuple(records[name]["values"])
        assert bench.get_nrun() == 1
        run_ = bench.get_runs()[0]
        assert [w[1] for w in run_.warmups] == records[name]["warmups"]
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
    impls = {BASE: {**IMPL_META[BASE], "package_version": ""}}
    run = make_run([make_cell(BASE, "w", record=make_record(BASE))], impls)
    render.write(run)
    assert (run.path / "pyperf" / f"{BASE}.json").is_file()


def test_missing_cell_is_shown_as_missing(make_run):
    cells = [c for c in scenario() if not (c["implementation"] == PYPY and c["workload"] == "slow")]
    run = make_run(cells, impl_dicts())
    context, *_ = render.view(run)
    slow = next(r for r in context["rows"] if r["workload"] == "slow")
    assert [c["status"] for c in slow["cells"]] == ["ok", "missing"]
    paths = render.write(run)
    assert not re.search(r"\bnan\b", paths["md"].read_text(), re.IGNORECASE)


def test_description_comes_from_any_cell_that_ran(make_run):
    context, *_ = render.view(make_run(scenario(), impl_dicts()))
    assert context["descriptions"]["fast"] == "Fast one."
    assert context["descriptions"]["basefails"] == "A test workload."


def test_view_context(make_run):
    run = make_run(scenario(), impl_dicts())
    context, df, cells, *_ = render.view(run)
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
    context, *_ = render.view(run)
    assert context["baseline"] == PYPY
    render.write(run)


def test_report_of_a_run_without_timed_cells(make_run):
    run = make_run([], impl_dicts())  # e.g. only compatibility scripts
    paths = render.write(run)
    assert "Claims check" not in paths["md"].read_text()  # nothing measured to check
    assert not (run.path / "warmups.csv").exists()
