"""The free-threaded build on real containers: CPython compiled in its image twice from
Debian's source package (with and without the GIL, one image for both rows), the GIL off in
every measured process and proved from inside, a process that ran with it on an error, and
the scaling job's threads running in parallel there."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from implmatrix import BUILTIN_WORKLOADS, HARNESS, images, model, registry, run, store, workloads
from implmatrix.cells import last_marked
from implmatrix.container import Container
from implmatrix.run import HARNESS_MOUNT

IMPLS = ("cpython3.13-source", "cpython3.13t")
SETTINGS = model.Settings(values=2, processes=1, warmup_budget_s=0.0, timeout_s=60,
                          startup_runs=1, scaling_cap_s=0)


@pytest.fixture(scope="module")
def built() -> dict[str, images.Image]:
    known = registry.load()
    return images.ensure([known[i] for i in IMPLS], log=lambda _: None)


def measure(impls: list[registry.Implementation], built: dict[str, images.Image],
            out: Path) -> store.RunDir:
    """The locks workload on IMPLS, nothing else."""
    plan = run.Plan(impls, {i.id: built[i.id] for i in impls},
                    workloads.discover([BUILTIN_WORKLOADS], ["locks"]),
                    mounts=workloads.mounts([BUILTIN_WORKLOADS]))
    return run.run_matrix(plan, SETTINGS, out=out, command="test future",
                          say=lambda _: None, force=True)


def test_both_builds_share_one_image_and_the_free_threaded_one_proves_it(built, tmp_path):
    assert built["cpython3.13-source"].id == built["cpython3.13t"].id
    known = registry.load()
    result = measure([known[i] for i in IMPLS], built, tmp_path)
    cells = {c.implementation: c for c in result.cells()}
    assert {i: c.status for i, c in cells.items()} == dict.fromkeys(IMPLS, "ok")
    seen = {}
    for impl, cell in cells.items():
        (process,) = cell.runs
        assert process.record is not None and process.record.implementation is not None
        seen[impl] = process.record.implementation
    assert seen["cpython3.13t"].features == {"free-threading": True}
    assert seen["cpython3.13-source"].features == {"free-threading": False}
    assert "free-threading build" in seen["cpython3.13t"].sys_version
    meta = result.meta()
    assert meta.impl("cpython3.13t").version == meta.impl("cpython3.13-source").version
    assert meta.impl("cpython3.13t").package_version.endswith("(compiled from source)")


def test_a_free_threaded_process_with_the_gil_on_is_an_error(built, tmp_path):
    free = registry.load()["cpython3.13t"]
    forced = replace(free, command=("env", "PYTHON_GIL=1", "python3.13t"))  # same image
    (cell,) = measure([forced], built, tmp_path).cells()
    assert cell.status == "error"
    assert cell.error == ("cpython3.13t claims free-threading, but this process ran without "
                          "it (from inside: {'free-threading': False})")


def test_threads_run_in_parallel_without_the_gil(built):
    """The scaling job's threads and shared objects on 2 workers: the GIL stays off after
    the workers ran, and two threads do the job in well under the time of one."""
    free = registry.load()["cpython3.13t"]
    times = {}
    with Container(built[free.id].tag, {HARNESS.parent: HARNESS_MOUNT}) as box:
        for kind, workers in (("threads", 1), ("threads", 2), ("shared-objects", 2)):
            result = box.exec([*free.command, f"{HARNESS_MOUNT}/scaling.py", kind,
                               str(workers), "16", "1", "0"], 120)
            record = last_marked(result.stdout)
            assert record is not None and record["available"] and record["checksum_ok"], \
                result.stderr.decode()[-500:]
            assert record["features"] == {"free-threading": True}
            times[kind, workers] = record["times"][0]
    assert times["threads", 2] < 0.8 * times["threads", 1], times
