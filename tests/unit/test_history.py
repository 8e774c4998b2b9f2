"""history.py, regressions.py, trend.py, regressions_report.py, run_summary.py, runs_index.py:
which earlier run a run is compared with, what is flagged, the runs index."""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from implmatrix import (
    aggregate,
    cli,
    history,
    model,
    regressions,
    render,
    run_summary,
    runs_index,
    store,
    trend,
)
from tests.unit.conftest import HOST, IMPL_META, VERSIONS, make_cell, make_record
from tests.unit.test_report import unescaped_pipes

BASE, PYPY = "cpython3.13", "pypy3.11"
FAST = model.Settings(values=3, processes=1, warmup_budget_s=3.0, preset="fast")
DEFAULT = model.Settings(values=5, processes=3, warmup_budget_s=15.0, preset="default")
HOSTILE = "<script>alert(1)</script>"


def cell(impl: str, workload: str, *processes: list[float], **kw) -> model.Cell:
    """An ok cell with one process per list of values (or a failed one: status=...)."""
    if "status" in kw:
        return make_cell(impl, workload, kw["status"], error="boom", record=None)
    return make_cell(impl, workload, records=[make_record(impl, list(v)) for v in processes])


def make(root: Path, run_id: str, started: str, cells: list[model.Cell], *,
         host: dict | None = None, versions: dict[str, str] | None = None,
         settings: model.Settings | None = None,
         finished: bool = True, impls: tuple[str, ...] = (BASE, PYPY)) -> store.RunDir:
    """A run directory laid out as run.run_matrix writes it, with a chosen id and start."""
    run = store.RunDir(root / run_id)
    versions = versions or {}
    meta_impls = {i: replace(IMPL_META[i], version=versions.get(i, VERSIONS[i]["version"]),
                             python_version=VERSIONS[i]["python_version"]) for i in impls}
    run.write_meta(model.RunMeta(
        settings=replace(settings or FAST, implementations=impls,
                         workloads=tuple(sorted({c.workload for c in cells}))),
        command="implmatrix run --fast", started=started,
        host=model.load(model.Host, host or HOST), implementations=meta_impls,
        finished=finished))
    for c in cells:
        run.write_cell(c)
    store.point_latest(root, run)
    return run


STEADY = [1.0, 1.01, 0.99]


def baseline_cells(**changed: list[float]) -> list[model.Cell]:
    """Both implementations on workloads a, b, c, steady around 1 s unless CHANGED."""
    return [cell(i, w, changed.get(f"{i}:{w}", STEADY))
            for i in (BASE, PYPY) for w in ("a", "b", "c")]


def entry(run: store.RunDir) -> history.Entry:
    return history.Entry(run, run.meta())


# -- which run is compared --------------------------------------------------------------------
def test_versions_compare_numerically():
    assert aggregate.version_key("7.3.19") > aggregate.version_key("7.3.9")
    assert aggregate.version_key("3.14.0rc1") > aggregate.version_key("3.13.5")
    assert aggregate.version_key("") < aggregate.version_key("1.0")


def test_previous_comparable_skips_other_hosts_and_unfinished_runs(tmp_path):
    a = make(tmp_path, "a", "2026-01-01T00:00:00Z", baseline_cells())
    make(tmp_path, "b", "2026-01-02T00:00:00Z", baseline_cells(),
         host={**HOST, "hostname": "elsewhere"})
    make(tmp_path, "c", "2026-01-03T00:00:00Z", baseline_cells(), finished=False)
    d = make(tmp_path, "d", "2026-01-04T00:00:00Z", baseline_cells())
    later = make(tmp_path, "e", "2026-01-05T00:00:00Z", baseline_cells())
    assert history.previous_comparable(tmp_path, d).id == "a"
    assert history.previous_comparable(tmp_path, later).id == "d"
    assert history.previous_comparable(tmp_path, a) is None
    assert [e.id for e in history.runs(tmp_path)] == ["a", "b", "d", "e"]  # no latest, no c


def test_runs_survive_broken_directories(tmp_path):
    make(tmp_path, "a", "2026-01-01T00:00:00Z", baseline_cells())
    (tmp_path / "garbage").mkdir()
    (tmp_path / "garbage" / "run.json").write_text("{not json")
    (tmp_path / "list").mkdir()
    (tmp_path / "list" / "run.json").write_text("[1, 2]")
    (tmp_path / "empty").mkdir()
    os.symlink("nowhere", tmp_path / "dangling")
    assert [e.id for e in history.runs(tmp_path)] == ["a"]


def test_an_older_version_is_not_compared(tmp_path):
    make(tmp_path, "a", "2026-01-01T00:00:00Z", baseline_cells(), versions={PYPY: "7.3.19"})
    b = make(tmp_path, "b", "2026-01-02T00:00:00Z", baseline_cells(), versions={PYPY: "7.3.9"})
    found = regressions.compare(entry(history.previous_comparable(tmp_path, b)), entry(b))
    assert found.skipped == {PYPY: "older version now: 7.3.9 < 7.3.19"}
    assert {c["implementation"] for c in found.cells} == {BASE}
    # a newer one is compared, and the report says the version changed
    c = make(tmp_path, "c", "2026-01-03T00:00:00Z", baseline_cells(), versions={PYPY: "7.3.20"})
    found = regressions.compare(entry(history.previous_comparable(tmp_path, c)), entry(c))
    assert found.old.id == "b" and not found.skipped
    assert {r["what_changed"] for r in found.cells if r["implementation"] == PYPY} == {
        "version 7.3.9 → 7.3.20"}


def test_a_changed_command_line_or_harness_is_named(tmp_path):
    a = make(tmp_path, "a", "2026-01-01T00:00:00Z", baseline_cells())
    b = make(tmp_path, "b", "2026-01-02T00:00:00Z",
             [replace(c, tools="new") if c.workload == "a" else c for c in baseline_cells()])
    for run, command in ((a, ("pypy3",)), (b, ("env", "PYPY_GC_NURSERY=4M", "pypy3"))):
        meta = run.meta()
        run.write_meta(replace(meta, implementations={
            **meta.implementations, PYPY: replace(meta.impl(PYPY), command=command)}))
    found = regressions.compare(entry(history.previous_comparable(tmp_path, b)), entry(b))
    changed = {(r["implementation"], r["workload"]): r["what_changed"] for r in found.cells}
    assert {w: changed[PYPY, w] for w in "abc"} == dict.fromkeys(
        "abc", "command pypy3 → env PYPY_GC_NURSERY=4M pypy3")
    assert {w: changed[BASE, w] for w in "abc"} == {"a": "harness or measure tool", "b": "",
                                                    "c": ""}


def test_a_run_with_only_an_older_version_has_no_previous(tmp_path):
    make(tmp_path, "a", "2026-01-01T00:00:00Z", [cell(PYPY, "a", STEADY)],
         versions={PYPY: "7.3.19"}, impls=(PYPY,))
    b = make(tmp_path, "b", "2026-01-02T00:00:00Z", [cell(PYPY, "a", STEADY)],
             versions={PYPY: "7.3.11"}, impls=(PYPY,))
    assert history.previous_comparable(tmp_path, b) is None


def test_the_same_timing_settings_are_preferred(tmp_path):
    make(tmp_path, "a", "2026-01-01T00:00:00Z", baseline_cells(), settings=FAST)
    make(tmp_path, "b", "2026-01-02T00:00:00Z", baseline_cells(), settings=DEFAULT)
    c = make(tmp_path, "c", "2026-01-03T00:00:00Z", baseline_cells(), settings=FAST)
    assert history.previous_comparable(tmp_path, c).id == "a"
    d = make(tmp_path, "d", "2026-01-04T00:00:00Z", baseline_cells(), settings=DEFAULT)
    assert history.previous_comparable(tmp_path, d).id == "b"
    # with no run of the same settings, the newest other one, and the summary says so
    other = tmp_path / "other"
    make(other, "x", "2026-01-01T00:00:00Z", baseline_cells(), settings=DEFAULT)
    y = make(other, "y", "2026-01-02T00:00:00Z", baseline_cells(), settings=FAST)
    found = regressions.compare(entry(history.previous_comparable(other, y)), entry(y))
    assert "other settings: default preset then, fast preset now" in found.summary()


# -- what is flagged --------------------------------------------------------------------------
def compared(tmp_path: Path, before: list[dict], now: list[dict],
             settings: model.Settings | None = None) -> dict[tuple[str, str], dict]:
    make(tmp_path, "a", "2026-01-01T00:00:00Z", before, settings=settings)
    b = make(tmp_path, "b", "2026-01-02T00:00:00Z", now, settings=settings)
    found = regressions.compare(entry(history.previous_comparable(tmp_path, b)), entry(b))
    return {(c["implementation"], c["workload"]): c for c in found.cells}


def edited(cells: list[model.Cell], *keys: str) -> list[model.Cell]:
    """CELLS with the workload files of KEYS ("impl:workload") changed."""
    return [replace(c, workload_sha256="edited") if f"{c.implementation}:{c.workload}"
            in keys else c for c in cells]


def test_a_2x_slowdown_is_a_regression_and_a_small_change_is_not(tmp_path):
    rows = compared(tmp_path, baseline_cells(), edited(baseline_cells(**{
        f"{PYPY}:a": [2.0, 2.02, 1.98],  # 2x slower
        f"{PYPY}:b": [1.03, 1.04, 1.02],  # 3% slower: its interval excludes 1, but drift
        f"{BASE}:c": [0.5, 0.505, 0.495],  # 2x faster
    }), f"{PYPY}:a", f"{PYPY}:b", f"{BASE}:c"))
    a = rows[PYPY, "a"]
    assert a["verdict"] == "regression"
    assert a["change"] == pytest.approx(1.0)
    assert a["change_low"] > 0.9 and a["floor"] == regressions.FLOOR_ONE_PROCESS
    assert rows[PYPY, "b"]["change_low"] > 0  # significant ...
    assert rows[PYPY, "b"]["verdict"] == "unchanged"  # ... but within the noise floor
    assert rows[BASE, "c"]["verdict"] == "improvement"
    assert rows[BASE, "c"]["change"] == pytest.approx(-0.5)
    assert [r["verdict"] for k, r in rows.items()
            if k not in {(PYPY, "a"), (PYPY, "b"), (BASE, "c")}] == ["unchanged"] * 3


def test_the_floor_is_lower_with_several_processes_and_higher_for_noisy_cells(tmp_path):
    steady = [[1.0, 1.01, 0.99]] * 3
    before = [cell(BASE, "a", *steady), cell(BASE, "noisy", *[[0.7, 1.0, 1.3]] * 3)]
    now = edited([cell(BASE, "a", *[[1.07, 1.08, 1.06]] * 3),  # 7%: above the 5% floor
                  cell(BASE, "noisy", *[[0.91, 1.3, 1.69]] * 3)],  # 30% slower, CV 30%
                 f"{BASE}:a", f"{BASE}:noisy")
    rows = compared(tmp_path, before, now, settings=DEFAULT)
    assert rows[BASE, "a"]["floor"] == regressions.FLOOR
    assert rows[BASE, "a"]["verdict"] == "regression"
    noisy = rows[BASE, "noisy"]
    assert noisy["floor"] == pytest.approx(2 * noisy["new_cv"]) and noisy["floor"] > 0.5
    assert noisy["verdict"] == "unchanged"
    # the same 7% with one process per cell is within the fast preset's floor
    rows = compared(tmp_path / "fast", [cell(BASE, "a", STEADY)],
                    edited([cell(BASE, "a", [1.07, 1.08, 1.06])], f"{BASE}:a"))
    assert rows[BASE, "a"]["verdict"] == "unchanged"


def test_status_changes_are_always_flagged(tmp_path):
    before = [*baseline_cells()[:2], cell(PYPY, "c", status="timeout"),
              cell(PYPY, "b", status="error")]
    now = [cell(BASE, "a", status="error"), cell(BASE, "b", STEADY),
           cell(PYPY, "c", STEADY), cell(PYPY, "b", status="crash")]
    rows = compared(tmp_path, before, now)
    assert rows[BASE, "a"]["verdict"] == "regression"
    assert (rows[BASE, "a"]["old_status"], rows[BASE, "a"]["new_status"]) == ("ok", "error")
    assert rows[PYPY, "c"]["verdict"] == "improvement"
    assert rows[PYPY, "b"]["verdict"] == "status changed"
    assert rows[BASE, "b"]["verdict"] == "unchanged"


def test_summary_names_new_cells_other_status_changes_and_skipped_implementations(tmp_path):
    make(tmp_path, "a", "2026-01-01T00:00:00Z",
         [cell(BASE, "a", STEADY), cell(BASE, "b", status="error"), cell(PYPY, "a", STEADY)],
         versions={PYPY: "7.3.19"})
    c = make(tmp_path, "c", "2026-01-02T00:00:00Z",
             [cell(BASE, "a", STEADY), cell(BASE, "b", status="timeout"),
              cell(BASE, "new", STEADY), cell(PYPY, "a", STEADY)], versions={PYPY: "7.3.1"})
    found = regressions.compare(entry(history.previous_comparable(tmp_path, c)), entry(c))
    assert found.summary() == (
        "compared with a (same host): 0 regressions, 0 improvements, 1 unchanged, "
        "1 other status change (1 cell reused from it, not measured again); 1 cell not in "
        "that run; not compared: pypy3.11 (older version now: 7.3.1 < 7.3.19)")


def test_reused_cells_and_changed_workload_files_are_named(tmp_path):
    same = cell(BASE, "a", STEADY)
    edited = replace(cell(BASE, "b", [3.0, 3.01, 2.99]), workload_sha256="1" * 64)
    rows = compared(tmp_path, [same, cell(BASE, "b", STEADY)], [same, edited])
    assert rows[BASE, "a"]["reused"] and not rows[BASE, "b"]["reused"]
    assert rows[BASE, "b"]["what_changed"] == "workload file"
    assert rows[BASE, "b"]["verdict"] == "regression"


def test_geometric_mean_change_per_implementation(tmp_path):
    make(tmp_path, "a", "2026-01-01T00:00:00Z", baseline_cells())
    b = make(tmp_path, "b", "2026-01-02T00:00:00Z", edited(baseline_cells(**{
        f"{PYPY}:{w}": [2.0, 2.02, 1.98] for w in "abc"}), *(f"{PYPY}:{w}" for w in "abc")))
    found = regressions.compare(entry(history.previous_comparable(tmp_path, b)), entry(b))
    by_impl = {i["implementation"]: i for i in found.impls}
    assert by_impl[PYPY]["change"] == pytest.approx(1.0)
    assert by_impl[PYPY]["verdict"] == "regression" and by_impl[PYPY]["workloads"] == 3
    assert by_impl[BASE]["verdict"] == "unchanged"
    assert found.summary() == ("compared with a (same host): 3 regressions, 0 improvements, "
                               "3 unchanged (3 cells reused from it, not measured again)")


def test_trend_is_chained_over_the_workloads_of_consecutive_runs(tmp_path):
    make(tmp_path, "a", "2026-01-01T00:00:00Z", [cell(BASE, "a", [1.0]), cell(BASE, "b", [1.0])],
         impls=(BASE,))
    # b dropped, c added: the step is measured on "a" alone (10% slower)
    make(tmp_path, "b", "2026-01-02T00:00:00Z", [cell(BASE, "a", [1.1]), cell(BASE, "c", [5.0])],
         impls=(BASE,))
    c = make(tmp_path, "c", "2026-01-03T00:00:00Z",
             [cell(BASE, "a", [1.1]), cell(BASE, "c", [10.0])], impls=(BASE,))
    rows = trend.trend(history.runs(tmp_path), entry(c))
    assert [r["run"] for r in rows] == ["a", "b", "c"]
    assert [r["relative"] for r in rows] == pytest.approx([1.0, 1.1, 1.1 * 2 ** 0.5])


# -- the reports -------------------------------------------------------------------------------
@pytest.fixture
def two_runs(tmp_path) -> tuple[store.RunDir, store.RunDir]:
    a = make(tmp_path, "20260101-000000", "2026-01-01T00:00:00Z", baseline_cells())
    render.write(a)
    b = make(tmp_path, "20260102-000000", "2026-01-02T00:00:00Z", edited(baseline_cells(**{
        f"{PYPY}:a": [2.0, 2.02, 1.98], f"{BASE}:b": [1.03, 1.04, 1.02]}),
        f"{PYPY}:a", f"{BASE}:b"))
    render.write(b)
    return a, b


def test_reports_show_the_regressions(two_runs):
    a, b = two_runs
    md = (b.path / "report.md").read_text()
    section = md[md.index("## Regressions since 20260101-000000"):]
    section = section[:section.find("\n## ", 5)]
    assert "1 regression, 0 improvements, 5 unchanged" in section
    assert f"| {PYPY} | a | **regression** | 1000 ms | 2000 ms | +100.0%" in section
    assert "| b |" not in section  # within noise: not listed
    assert md.index("## Claims check") < md.index("## Regressions") < md.index("## Speed")
    for line in section.splitlines():
        if line.startswith("|"):
            assert unescaped_pipes(line) in (5, 8), line
    with open(b.path / "regressions.csv", newline="") as f:
        rows = {(r["implementation"], r["workload"]): r for r in csv.DictReader(f)}
    assert list(next(iter(rows.values()))) == regressions.CSV_COLUMNS
    assert rows[PYPY, "a"]["verdict"] == "regression" and float(rows[PYPY, "a"]["change"]) == 1
    assert rows[BASE, "b"]["verdict"] == "unchanged"
    html = (b.path / "index.html").read_text()
    assert 'id="history"' in html and 'href="../index.html"' in html
    assert html.index('id="claims"') < html.index('id="history"') < html.index('id="speed"')
    assert "<figure><svg" in html and "<figcaption>Each implementation" in html
    # the first run has nothing to compare with, and says so
    assert "No comparable earlier run" in (a.path / "report.md").read_text()
    assert not (a.path / "regressions.csv").exists()


def test_runs_index_lists_every_run(two_runs):
    a, b = two_runs
    root = a.path.parent
    runs_index.write(root)
    html = (root / "index.html").read_text()
    assert html.index(b.id) < html.index(f'href="./{a.id}/index.html"')
    assert "1 regression, 0 improvements" in html and "<svg" in html
    with open(root / "runs.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["run"], r["implementation"]) for r in rows] == [
        (a.id, BASE), (a.id, PYPY), (b.id, BASE), (b.id, PYPY)]
    assert rows[3]["regressions"] == "1" and rows[3]["against"] == a.id
    assert rows[2]["regressions"] == "0" and rows[0]["regressions"] == ""
    # baseline time / pypy time: a 2x slower, b (the baseline 3% slower) 1.03, c 1
    assert rows[1]["speed_vs_baseline"] == "1"
    assert float(rows[3]["speed_vs_baseline"]) == pytest.approx((0.5 * 1.03) ** (1 / 3), 1e-3)
    assert json.loads((b.path / run_summary.CACHE).read_text())["against"] == a.id


def test_runs_index_escapes_hostile_text(tmp_path):
    hostile = {**HOST, "hostname": HOSTILE, "cpu_model_name": '"><img src=x onerror=alert(1)>'}
    make(tmp_path, "javascript:alert(1)", "2026-01-01T00:00:00Z", baseline_cells(),
         host=hostile, versions={PYPY: f"7.3.19{HOSTILE}"}, settings=replace(FAST, preset=HOSTILE))
    b = make(tmp_path, "b", "2026-01-02T00:00:00Z", baseline_cells(), host=hostile,
             versions={PYPY: f"7.3.19{HOSTILE}"}, settings=replace(FAST, preset=HOSTILE))
    render.write(store.RunDir(tmp_path / "javascript:alert(1)"))
    render.write(b)
    runs_index.write(tmp_path)
    html = (tmp_path / "index.html").read_text()
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html
    assert 'href="./javascript%3Aalert%281%29/index.html"' in html
    report = (b.path / "report.md").read_text()
    section = report[report.index("## Regressions"):]
    assert HOSTILE not in section and r"7.3.19\<script\>alert\(1\)\</script\>" in section


def test_report_against_another_run_and_an_unknown_id(two_runs, capsys):
    a, b = two_runs
    assert cli.main(["report", "--out", str(b.path.parent), "--against", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--against nope" in err
    assert cli.main(["report", str(b.path), "--against", a.id]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith(
        f"compared with {a.id} (same host): 1 regression")
    # the runs index keeps its own (default) comparison and the explicit one survives
    assert json.loads((b.path / run_summary.CACHE).read_text())["explicit"] is True
    assert cli.main(["report", str(a.path), "--against", b.id]) == 0  # any other run
    assert "compared with 20260102-000000" in capsys.readouterr().out


def test_the_floor_covers_the_machines_drift_between_the_runs(tmp_path):
    # Nothing changed in b and c of either implementation, yet they all run 30% slower
    # now: that is the machine. A changed file 70% slower is more than twice that; one
    # 40% slower is not.
    slower = [1.3, 1.31, 1.29]
    rows = compared(tmp_path, baseline_cells(), edited(baseline_cells(**{
        f"{i}:{w}": slower for i in (BASE, PYPY) for w in ("b", "c")},
        **{f"{BASE}:a": [1.7, 1.71, 1.69], f"{PYPY}:a": [1.4, 1.41, 1.39]}),
        f"{BASE}:a", f"{PYPY}:a"))
    assert regressions.machine_drift(list(rows.values())) == pytest.approx(0.3)
    assert rows[BASE, "a"]["floor"] == pytest.approx(0.6)
    assert rows[BASE, "a"]["verdict"] == "regression"
    assert rows[PYPY, "a"]["verdict"] == "unchanged"
    assert all(rows[i, w]["verdict"] == "unchanged" for i in (BASE, PYPY) for w in "bc")


def test_a_cell_where_nothing_changed_is_never_flagged(tmp_path):
    # 2x slower with the same file, image, command line and tools: the machine, not the
    # implementation; the same 2x with the file edited is a regression.
    slower = [2.0, 2.02, 1.98]
    rows = compared(tmp_path, baseline_cells(), baseline_cells(**{f"{BASE}:a": slower}))
    assert rows[BASE, "a"]["what_changed"] == "" and not rows[BASE, "a"]["reused"]
    assert rows[BASE, "a"]["change"] == pytest.approx(1.0)
    assert rows[BASE, "a"]["verdict"] == "unchanged"
    rows = compared(tmp_path / "edited", baseline_cells(),
                    edited(baseline_cells(**{f"{BASE}:a": slower}), f"{BASE}:a"))
    assert rows[BASE, "a"]["verdict"] == "regression"


# -- what rendering writes, and the runs index as a step of its own ------------------------------
def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under FOLDER: its bytes and its mtime (ns)."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_rendering_a_run_leaves_every_other_run_untouched(tmp_path):
    # a: never rendered (no summary); b: a summary of older rules; c: rendered before, its
    # predecessor has changed since (d was put before it); e is rendered and indexed.
    a = make(tmp_path, "a", "2026-01-01T00:00:00Z", baseline_cells())
    b = make(tmp_path, "b", "2026-01-02T00:00:00Z", baseline_cells())
    (b.path / run_summary.CACHE).write_text(json.dumps({"rules": 3, "against": "a"}))
    c = make(tmp_path, "c", "2026-01-04T00:00:00Z", baseline_cells())
    render.write(c)
    d = make(tmp_path, "d", "2026-01-03T00:00:00Z", baseline_cells())
    e = make(tmp_path, "e", "2026-01-05T00:00:00Z", edited(baseline_cells(**{
        f"{PYPY}:a": [2.0, 2.02, 1.98]}), f"{PYPY}:a"))
    before = {r.id: snapshot(r.path) for r in (a, b, c, d)}
    render.write(e)
    runs_index.update(e)
    assert cli.main(["report", str(e.path)]) == 0
    assert {r.id: snapshot(r.path) for r in (a, b, c, d)} == before
    assert not (a.path / run_summary.CACHE).exists()
    # what the index shows of them was computed in memory: c against d now, not b
    with open(tmp_path / "runs.csv", newline="") as f:
        against = {r["run"]: r["against"] for r in csv.DictReader(f)}
    assert against == {"a": "", "b": "a", "d": "b", "c": "d", "e": "c"}
    assert json.loads((c.path / run_summary.CACHE).read_text())["against"] == "b"


def test_rendering_a_run_reads_each_raw_file_once(tmp_path, monkeypatch):
    a = make(tmp_path, "a", "2026-01-01T00:00:00Z", baseline_cells())
    b = make(tmp_path, "b", "2026-01-02T00:00:00Z", baseline_cells())
    render.write(a)
    read: list[Path] = []
    real = store.read_record

    def counted(cls, path):
        read.append(path)
        return real(cls, path)

    monkeypatch.setattr(store, "read_record", counted)
    render.write(b)  # compared with a: a's cells are read too, once
    cells = sorted(p for p in read if p.parent.parent.name == "raw")
    assert cells == sorted([*a.path.glob("raw/*/*.json"), *b.path.glob("raw/*/*.json")])


def index_files(root: Path) -> dict[str, bytes]:
    """ROOT's runs.csv and index.html, without the date matplotlib puts in each SVG."""
    return {n: re.sub(rb"<dc:date>[^<]*</dc:date>", b"", (root / n).read_bytes())
            for n in ("runs.csv", "index.html")}


def test_the_runs_index_is_a_step_of_its_own(tmp_path, monkeypatch):
    a = make(tmp_path, "a", "2026-01-01T00:00:00Z", baseline_cells())
    b = make(tmp_path, "b", "2026-01-02T00:00:00Z", edited(baseline_cells(**{
        f"{PYPY}:a": [2.0, 2.02, 1.98]}), f"{PYPY}:a"))
    render.write(a)
    render.write(b)
    assert not (tmp_path / "runs.csv").exists() and not (tmp_path / "index.html").exists()
    assert runs_index.update(b) == tmp_path / "index.html"
    written = index_files(tmp_path)
    assert b"1 regression, 0 improvements" in written["index.html"]
    # Each run's summary caches what the index needs: it reads no run's cells ...
    monkeypatch.setattr(store.RunDir, "cells", lambda self: pytest.fail("cells read"))
    runs_index.write(tmp_path)
    assert index_files(tmp_path) == written
    monkeypatch.undo()
    # ... and without the summaries (or with those of older rules) it computes the same
    (a.path / run_summary.CACHE).unlink()
    summary = json.loads((b.path / run_summary.CACHE).read_text())
    (b.path / run_summary.CACHE).write_text(json.dumps({**summary, "rules": 3}))
    runs_index.write(tmp_path)
    assert index_files(tmp_path) == written
    assert not (a.path / run_summary.CACHE).exists()
    # the commands that render write the index too
    (tmp_path / "index.html").unlink()
    assert cli.main(["report", "--out", str(tmp_path)]) == 0
    assert index_files(tmp_path) == written


def test_a_runs_baseline_and_settings_are_read_one_way(tmp_path):
    a = make(tmp_path, "a", "2026-01-01T00:00:00Z", baseline_cells(), impls=(PYPY, BASE))
    meta = a.meta()
    assert meta.baseline() == BASE  # the marked one, wherever it stands
    meta = replace(meta, implementations={
        **meta.implementations, BASE: replace(meta.impl(BASE), baseline=False)})
    assert meta.baseline() == PYPY  # none marked: the first implementation
    assert meta.baseline(marked_only=True) == ""
    # A run.json of an older version lacks newer settings: read with their defaults.
    raw = json.loads(a.meta_path.read_text())
    del raw["settings"]["scaling_cap_s"], raw["settings"]["preset"], raw["schema"]
    store.write_json(a.meta_path, raw)
    settings = a.meta().settings
    assert settings.values == FAST.values  # the run's own
    assert settings.scaling_cap_s == model.Settings().scaling_cap_s
    assert history.Entry(a, a.meta()).preset == "default"
