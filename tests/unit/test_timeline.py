"""The past on one timeline: releases in order, release against release, the claims about
the past, the talk's systems table, and rows that must prove what they claim."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from implmatrix import aggregate, claims, model, registry, render, run, systems
from tests.unit.conftest import IMPL_META, make_cell, make_record

BASE = "cpython3.13"
# Registry order on purpose not release order: the timeline sorts by version.
IMPLS = {
    BASE: replace(IMPL_META[BASE], version="3.13.5"),
    "cpython3.11": model.ImplMeta(family="cpython", package="python3.11", suite="bookworm",
                                  version="3.11.2"),
    "cpython3.9": model.ImplMeta(family="cpython", package="python3.9", suite="bullseye",
                                 version="3.9.2"),
    "pyston-lite3.9": model.ImplMeta(family="pyston", package="python3.9", suite="bullseye",
                                     version="3.9.2", features=("pyston",)),
}
SECONDS = {BASE: 1.0, "cpython3.11": 1.0, "cpython3.9": 2.0, "pyston-lite3.9": 1.0}


def cells() -> list[model.Cell]:
    """Three workloads, three processes each, spread ±1% around SECONDS."""
    return [make_cell(impl, w, records=[
        make_record(impl, [t * f for f in (0.99, 1.0, 1.01)]) for _ in range(3)])
        for impl, t in SECONDS.items() for w in ("a", "b", "c")]


@pytest.fixture(scope="module")
def tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    found = cells()
    order = list(IMPLS)
    _, means = aggregate.speed(found, BASE, order)
    start = aggregate.startup({}, order)
    line = aggregate.timeline(IMPLS, order, means=means, start=start,
                              memory_table=aggregate.memory(aggregate.results(found, IMPLS),
                                                            start, order))
    return line, aggregate.steps(found, line, IMPLS)


def test_the_timeline_orders_releases_by_version_and_needs_two_of_a_family(tables):
    line, _ = tables
    assert list(line["implementation"]) == ["cpython3.9", "cpython3.11", BASE]  # no pyston
    assert list(line["speed"].round(2)) == [0.5, 1.0, 1.0]
    assert (line["low"][:2] < line["speed"][:2]).all()  # intervals, but not the baseline's
    assert aggregate.version_key("3.9.2") < aggregate.version_key("3.11.2")


def test_steps_are_release_against_release_and_switched_on_against_plain(tables):
    _, steps = tables
    got = {(r.kind, r.older, r.newer): round(r.speedup, 2) for r in aggregate.each_row(steps)}
    assert got == {("release", "cpython3.9", "cpython3.11"): 2.0,
                   ("release", "cpython3.11", BASE): 1.0,
                   ("pyston", "cpython3.9", "pyston-lite3.9"): 2.0}
    assert all(steps["workloads"] == 3)


def check(steps: pd.DataFrame) -> dict[str, dict[str, str]]:
    empty = pd.DataFrame(columns=aggregate.SCALING_COLUMNS)
    found = claims.check(IMPLS, BASE, claims.Figures(
        means=pd.DataFrame(columns=["geomean"]), results=aggregate.results([], IMPLS),
        startup=aggregate.startup({}, []), scaling=empty, steps=steps))
    return {c["claim"].split(" (")[0]: c for c in found}


def test_claims_about_the_past(tables):
    _, steps = tables
    found = check(steps)
    cpython = found["Each CPython release is faster than the one before it"]
    assert "3.9.2 → 3.11.2 2.00x (95% CI" in cpython["measured"]
    assert "(published: 3.10 → 3.11 about 1.25x)" in cpython["measured"]
    # 3.11 → 3.13 is the same speed here: not shown faster, so the claim is not decided
    assert cpython["verdict"] == "inconclusive: 3.11.2 → 3.13.5: the 95% interval straddles 1.00x"
    assert found["Pyston-lite makes CPython faster"]["verdict"] == "holds"
    assert found["CPython 3.14's JIT makes it faster"]["verdict"] == "not measured"
    assert found["Each PyPy release is faster than the one before it"]["verdict"] == \
        "not measured"


def test_a_slower_release_does_not_hold_and_a_busy_step_is_inconclusive(tables):
    _, steps = tables
    slower = steps.copy()
    slower.loc[0, ["speedup", "low", "high"]] = [0.8, 0.75, 0.85]
    verdict = check(slower)["Each CPython release is faster than the one before it"]["verdict"]
    assert verdict == "does not hold: 3.9.2 → 3.11.2: not faster"
    busy = steps.copy()
    busy.loc[2, "disturbed"] = busy.loc[2, "processes"]
    assert check(busy)["Pyston-lite makes CPython faster"]["verdict"] == (
        "inconclusive: pyston-lite3.9 vs cpython3.9: 18 of 18 processes ran while the "
        "machine was busy")


def test_the_report_shows_the_timeline_steps_and_systems(make_run):
    r = make_run(cells(), IMPLS, order=list(IMPLS))
    written = render.write(r)
    md, html = written["md"].read_text(), written["html"].read_text()
    assert "## Timeline: releases of each family" in md
    assert "| cpython | cpython3.9 | cpython3.11 | 3.9.2 → 3.11.2 | 2.00x |" in md
    assert "| pyston | cpython3.9 | pyston-lite3.9 | 3.9.2 → 3.9.2 \\+pyston | 2.00x |" in md
    assert 'id="timeline"' in html and html.count("<svg") >= 2  # the timeline chart too
    for s in systems.SYSTEMS:
        assert f"| {render.md(s.name)} |" in md


def test_the_systems_table_says_why_or_which_rows():
    rows = {s["name"]: s for s in systems.table(["cpython3.13", "pypy3.11", "pyston-lite3.9"])}
    assert rows["PyPy"]["rows"] == ["pypy3.11"] and rows["PyPy"]["note"] == ""
    assert rows["Pyston"]["rows"] == ["pyston-lite3.9"] and "full Pyston" in rows["Pyston"]["note"]
    assert rows["Jython"]["rows"] == [] and "--set all" in rows["Jython"]["note"]
    assert rows["IronPython"]["rows"] == [] and "ironpython" in rows["IronPython"]["note"]
    # every row of the registry measures some system
    for impl in registry.load():
        assert any(impl in s["rows"] for s in systems.table([impl])), impl


def outcome(features: dict[str, bool] | None) -> model.Run:
    info = None if features is None else model.Interpreter(name="cpython", features=features)
    return model.Run(status="ok", record=model.HarnessRecord(status="ok", values=(1.0,),
                                                             implementation=info))


@pytest.mark.parametrize(("features", "status"), [
    ({"jit": True}, "ok"), ({"jit": False}, "error"), ({}, "error"), (None, "error")])
def test_a_row_that_claims_the_jit_must_prove_it_in_every_process(features, status):
    jit = registry.load()["cpython3.14-jit"]
    proved = run._proved(outcome(features), jit)
    assert proved.status == status
    if status == "error":
        assert proved.error.startswith("cpython3.14-jit claims jit, but this process ran "
                                       "without it")
    plain = registry.load()["cpython3.14"]  # claims nothing: nothing to prove
    assert run._proved(outcome(features), plain).status == "ok"
