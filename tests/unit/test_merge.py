"""merge: runs made separately (one per tox env or host) become one report."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from implmatrix import UsageError, model, render, store
from implmatrix.merge import merge
from tests.unit.conftest import HOST, IMPL_META, make_cell, make_record

BASE, PYPY = "cpython3.13", "pypy3.11"


def one_run(root: Path, impl: str, values: list[float], host: dict) -> store.RunDir:
    run = store.new_run(root)
    run.write_meta(model.RunMeta(
        settings=model.Settings(values=3, implementations=(impl,), workloads=("w",)),
        command="implmatrix run", started="2025-01-02T03:00:00Z",
        host=model.load(model.Host, host), implementations={impl: IMPL_META[impl]},
        finished=True))
    run.write_cell(make_cell(impl, "w", record=make_record(impl, values)))
    store.point_latest(root, run)
    return run


def test_merge_on_one_host_compares_speed(tmp_path):
    one_run(tmp_path / "a", BASE, [2.0] * 3, HOST)
    one_run(tmp_path / "b", PYPY, [1.0] * 3, HOST)
    merged = merge([tmp_path / "a", tmp_path / "b"], tmp_path / "out")
    assert {(c.implementation, c.workload) for c in merged.cells()} == {
        (BASE, "w"), (PYPY, "w")}
    context = render.view(merged).context
    assert context["other_host"] == []
    assert {i["id"]: i["geomean"] for i in context["impls"]}[PYPY] == "2.00x"


def test_merge_across_hosts_does_not_compare_speed(tmp_path):
    one_run(tmp_path / "a", BASE, [2.0] * 3, HOST)
    one_run(tmp_path / "b", PYPY, [1.0] * 3, {**HOST, "hostname": "elsewhere"})
    merged = merge([tmp_path], tmp_path / "out")  # a folder of run roots
    context = render.view(merged).context
    assert context["other_host"] == [PYPY]
    assert {i["id"]: i["geomean"] for i in context["impls"]}[PYPY] == ""
    text = render.write(merged)["md"].read_text()
    assert "not compared for speed: pypy3.11" in text


def test_merge_of_nothing_is_a_usage_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="holds no runs"):
        merge([tmp_path / "empty"], tmp_path / "out")


def test_merge_keeps_scripts_and_startup(tmp_path):
    a = one_run(tmp_path / "a", BASE, [2.0] * 3, HOST)
    b = one_run(tmp_path / "b", PYPY, [1.0] * 3, HOST)
    for run, impl, out in ((a, BASE, "1\n"), (b, PYPY, "2\n")):
        run.write_script(model.ScriptCell(
            implementation=impl, suite="probes", script="s", sha256="0", image_id="x",
            category="c", feature="f", source="print(1)", rc=0, stdout=out))
        run.write_startup(model.Startup(implementation=impl))
    merged = merge([tmp_path / "a", tmp_path / "b"], tmp_path / "out")
    assert len(merged.script_cells()) == 2 and set(merged.startup()) == {BASE, PYPY}
    compat = render.view(merged).compat
    got = {r.implementation: r.status for r in compat.itertuples()}
    assert got == {BASE: "pass", PYPY: "differs"}  # PyPy judged against the other shard


def test_merge_normalizes_by_the_baseline_of_each_host(tmp_path):
    one_run(tmp_path / "a", BASE, [2.0] * 3, HOST)
    elsewhere = {**HOST, "hostname": "elsewhere"}
    b = one_run(tmp_path / "b", PYPY, [1.0] * 3, elsewhere)
    # Host b also measured the baseline, twice as slow as on host a.
    meta = b.meta()
    b.write_meta(replace(meta, settings=replace(meta.settings, implementations=(BASE, PYPY)),
                         implementations={**meta.implementations, BASE: IMPL_META[BASE]}))
    b.write_cell(make_cell(BASE, "w", record=make_record(BASE, [4.0] * 3)))
    merged = merge([tmp_path / "b", tmp_path / "a"], tmp_path / "out")  # a's baseline wins
    context = render.view(merged).context
    assert context["normalized"] == [PYPY] and context["other_host"] == []
    assert {i["id"]: i["geomean"] for i in context["impls"]}[PYPY] == "4.00x"  # 4.0 / 1.0
    rows = {r["workload"]: r for r in context["rows"]}
    assert [c["ratio"] for c in rows["w"]["cells"]] == ["1.00x", "4.00x"]
