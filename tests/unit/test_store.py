"""matrix/implmatrix/store.py: atomic writes, run directories and `latest`."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from implmatrix import UsageError, model, store
from tests.unit.conftest import make_cell, make_record


def test_atomic_write_creates_parents_and_leaves_no_temp_files(tmp_path):
    path = tmp_path / "a" / "b" / "file.json"
    store.atomic_write(path, b"first")
    assert path.read_bytes() == b"first"
    store.atomic_write(path, b"second, longer content")
    assert path.read_bytes() == b"second, longer content"
    assert sorted(p.name for p in path.parent.iterdir()) == ["file.json"]


def test_atomic_write_replaces_the_inode_instead_of_truncating(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"old")
    with open(path, "rb") as reader:  # a reader holding the old file keeps it whole
        store.atomic_write(path, b"new")
        assert reader.read() == b"old"
    assert path.read_bytes() == b"new"


def test_atomic_write_cleans_up_when_writing_fails(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"old")
    with pytest.raises(TypeError):
        store.atomic_write(path, "not bytes")  # type: ignore[arg-type]
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f"]


def test_atomic_write_respects_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / "report.html"
        store.atomic_write(path, b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_write_json_is_sorted_and_readable(tmp_path):
    path = tmp_path / "x.json"
    store.write_json(path, {"b": 1, "a": [1.5, None, "é"]})
    assert json.loads(path.read_text()) == {"b": 1, "a": [1.5, None, "é"]}
    text = path.read_text()
    assert text.index('"a"') < text.index('"b"')


def test_cells_round_trip(tmp_path):
    run = store.new_run(tmp_path)
    cells = [
        make_cell("pypy3.11", "sieve", record=make_record("pypy3.11")),
        make_cell("cpython3.13", "nbody", "error", error="ValueError: x"),
        make_cell("cpython3.13", "bigint", record=make_record()),
    ]
    for cell in cells:
        run.write_cell(cell)
    assert run.cell_path("pypy3.11", "sieve") == run.path / "raw" / "pypy3.11" / "sieve.json"
    assert run.read_cell("cpython3.13", "nbody") == cells[1]
    assert run.read_cell("pypy3.11", "sieve") == cells[0]
    got = run.cells()
    assert len(got) == 3
    assert sorted(got, key=lambda c: (c.implementation, c.workload)) == sorted(
        cells, key=lambda c: (c.implementation, c.workload))


def test_rewriting_a_cell_replaces_it(tmp_path):
    run = store.new_run(tmp_path)
    run.write_cell(make_cell("a", "w", "error", error="first"))
    run.write_cell(make_cell("a", "w", "ok", record=make_record()))
    assert [c.status for c in run.cells()] == ["ok"]


def test_read_cell_missing_or_corrupt_is_none(tmp_path):
    run = store.new_run(tmp_path)
    assert run.read_cell("a", "w") is None
    path = run.cell_path("a", "w")
    path.parent.mkdir(parents=True)
    path.write_text('{"implementation": "a", "workl')
    assert run.read_cell("a", "w") is None
    path.write_bytes(b"\xff\xfe\x00")
    assert run.read_cell("a", "w") is None
    path.write_text('{"implementation": "a", "workload": "w", "runs": [{"wall_s": "1"}]}')
    assert run.read_cell("a", "w") is None  # a field of the wrong type: measured again


def test_a_broken_raw_file_is_one_clear_error_when_a_run_is_read(tmp_path):
    run = store.new_run(tmp_path)
    run.write_cell(make_cell("a", "w", record=make_record()))
    store.write_json(run.cell_path("a", "x"), {"implementation": "a", "workload": "x",
                                               "runs": [{"record": {"values": ["1.0"]}}]})
    with pytest.raises(UsageError) as info:
        run.cells()
    assert str(info.value) == (f"{run.cell_path('a', 'x')} is not a Cell record of "
                               "implmatrix: x.json.runs[0].record.values[0]: expected float, "
                               "found str")


def test_every_record_reads_back_what_it_wrote(tmp_path):
    run = store.new_run(tmp_path)
    measured = model.Measured(wall_s=0.5, max_rss_kb=9, exit=0, nonce="n", interference=(
        model.Window(window_s=0.5, cpus=2, cpu=1, own_cpu_s=0.4, busy_s=0.45, cpu_busy_s=None)))
    startup = model.Startup(implementation="a", runs=1, programs={"empty": model.StartupBatch(
        processes=(model.StartupProcess(wall_s=0.1, exit=0, disturbed="busy"),))})
    scaling = model.Scaling(implementation="a", cores=2, points=(model.ScalingPoint(
        kind="threads", workers=2, processes=(model.ScalingProcess(
            times=(1.0, 1.5), checksum_ok=True, process=measured),)),))
    script = model.ScriptCell(implementation="a", suite="s", script="x", rc=0, stdout="hi\n",
                              expected=None, rerun=model.Rerun(rc=0, stdout="hi\n"))
    run.write_startup(startup)
    run.write_scaling(scaling)
    run.write_script(script)
    assert run.startup() == {"a": startup} and run.scaling() == {"a": scaling}
    assert run.script_cells() == [script]


def test_a_scaling_point_of_schema_1_is_read_as_one_process(tmp_path):
    run = store.new_run(tmp_path)
    store.write_json(run.scaling_path("a"), {"implementation": "a", "points": [
        {"kind": "threads", "workers": 1, "available": True, "times": [1.0, 1.1],
         "checksum_ok": True}]})
    (point,) = run.scaling()["a"].points
    assert point.processes == (model.ScalingProcess(times=(1.0, 1.1), checksum_ok=True),)


def test_meta_round_trip(tmp_path):
    run = store.new_run(tmp_path)
    meta = model.RunMeta(settings=model.Settings(values=5, implementations=("a",)),
                         implementations={"a": model.ImplMeta(family="x", command=("x",))})
    run.write_meta(meta)
    assert run.meta() == meta
    assert json.loads(run.meta_path.read_text())["schema"] == model.RUN_SCHEMA
    assert run.meta_path == run.path / "run.json"
    assert run.id == run.path.name


def test_run_json_before_the_schema_stamp_is_read_and_a_newer_one_refused(tmp_path):
    run = store.new_run(tmp_path)
    # What every run.json has held since the first one; each field added since: defaulted.
    store.write_json(run.meta_path, {"finished": True, "started": "2026-11-25T10:00:00Z",
                                     "settings": {}, "host": {}, "implementations": {}})
    assert run.meta() == model.RunMeta(finished=True, started="2026-11-25T10:00:00Z")
    assert [r.id for r, _ in store.finished_runs(tmp_path)] == [run.id]
    store.write_json(run.meta_path, {"finished": True, "settings": {}})
    with pytest.raises(UsageError) as info:  # `{}` would otherwise be a run of nothing
        run.meta()
    assert str(info.value) == (f"{run.meta_path} is not a run.json of implmatrix: it "
                               "lacks started, host, implementations")

    store.write_json(run.meta_path, {"finished": True, "schema": model.RUN_SCHEMA + 1})
    with pytest.raises(UsageError) as info:
        run.meta()
    assert str(info.value) == (f"{run.meta_path} has schema {model.RUN_SCHEMA + 1}, this "
                               f"implmatrix reads up to {model.RUN_SCHEMA}: a newer "
                               "implmatrix wrote it")
    assert store.finished_runs(tmp_path) == []  # left out of the history, not misread
    store.write_json(run.meta_path, {"finished": True, "schema": "2"})
    with pytest.raises(UsageError, match=r"is not a run\.json of implmatrix"):
        run.meta()


def test_new_run_twice_in_the_same_second_gives_distinct_dirs(tmp_path, monkeypatch):
    monkeypatch.setattr(store.time, "gmtime", lambda *a: (2025, 1, 2, 3, 4, 5, 3, 2, 0))
    runs = [store.new_run(tmp_path) for _ in range(3)]
    assert [r.id for r in runs] == ["20250102-030405", "20250102-030405-2", "20250102-030405-3"]
    assert all(r.path.is_dir() for r in runs)


def test_new_run_without_patched_clock_is_distinct(tmp_path):
    a, b = store.new_run(tmp_path), store.new_run(tmp_path)
    assert a.path != b.path and a.path.is_dir() and b.path.is_dir()


def test_new_run_makes_the_root(tmp_path):
    run = store.new_run(tmp_path / "deep" / "reports")
    assert run.path.parent == tmp_path / "deep" / "reports"


def test_latest_is_none_without_runs(tmp_path):
    assert store.latest(tmp_path) is None
    assert store.latest(tmp_path / "missing") is None


def test_latest_is_none_when_the_run_has_no_meta(tmp_path):
    run = store.new_run(tmp_path)
    store.point_latest(tmp_path, run)
    assert store.latest(tmp_path) is None


def test_point_latest_resolves_to_the_run_and_moves(tmp_path):
    first = store.new_run(tmp_path)
    first.write_meta(model.RunMeta(command="first"))
    store.point_latest(tmp_path, first)
    link = tmp_path / "latest"
    assert link.is_symlink()
    assert not Path(os.readlink(link)).is_absolute()  # survives moving reports/
    assert link.resolve() == first.path.resolve()
    assert store.latest(tmp_path).path == first.path.resolve()

    second = store.new_run(tmp_path)
    second.write_meta(model.RunMeta(command="second"))
    store.point_latest(tmp_path, second)
    latest = store.latest(tmp_path)
    assert latest.path == second.path.resolve()
    assert latest.meta().command == "second"
    assert not (tmp_path / ".latest.tmp").exists()
    assert not (tmp_path / ".latest.tmp").is_symlink()


def test_point_latest_survives_a_stale_temp_link(tmp_path):
    run = store.new_run(tmp_path)
    run.write_meta(model.RunMeta())
    (tmp_path / ".latest.tmp").symlink_to("nowhere")
    store.point_latest(tmp_path, run)
    assert store.latest(tmp_path).id == run.id
