"""Rows from an old Debian suite and rows that claim a feature, on real containers:
CPython 3.9 from bullseye beside Pyston-lite on the same interpreter (its wheels from
PyPI), CPython 3.14 with and without its JIT. Each row proves from inside what it
claims, and a row whose process ran without its feature is an error, not a result."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from implmatrix import BUILTIN_WORKLOADS, images, model, registry, render, run, store, workloads

IMPLS = ("cpython3.9", "pyston-lite3.9", "cpython3.14", "cpython3.14-jit")
SETTINGS = model.Settings(values=2, processes=1, warmup_budget_s=0.0, timeout_s=60,
                          startup_runs=1, scaling_cap_s=0)


def measure(impls: list[registry.Implementation], out: Path) -> store.RunDir:
    """The bigint workload on IMPLS (images built if missing), nothing else."""
    built = images.ensure([registry.load()[i.id] for i in impls], log=lambda _: None)
    plan = run.Plan(impls, built, workloads.discover([BUILTIN_WORKLOADS], ["bigint"]),
                    mounts=workloads.mounts([BUILTIN_WORKLOADS]))
    return run.run_matrix(plan, SETTINGS, out=out, command="test timeline",
                          say=lambda _: None, force=True)


@pytest.fixture(scope="module")
def timeline_run(tmp_path_factory: pytest.TempPathFactory) -> store.RunDir:
    known = registry.load()
    return measure([known[i] for i in IMPLS], tmp_path_factory.mktemp("timeline"))


def test_old_suite_and_feature_rows_run_and_prove_their_features(timeline_run):
    cells = {c.implementation: c for c in timeline_run.cells()}
    assert {i: c.status for i, c in cells.items()} == dict.fromkeys(IMPLS, "ok")
    meta = timeline_run.meta()
    assert meta.impl("cpython3.9").version.startswith("3.9.")
    assert meta.impl("cpython3.9").suite == "bullseye"
    assert "pyston-lite-autoload 2.3.5" in meta.impl("pyston-lite3.9").package_version
    seen = {}
    for impl, cell in cells.items():
        (process,) = cell.runs
        assert process.record is not None and process.record.implementation is not None
        seen[impl] = process.record.implementation.features
    assert seen == {"cpython3.9": {}, "pyston-lite3.9": {"pyston": True},
                    "cpython3.14": {"jit": False, "free-threading": False},
                    "cpython3.14-jit": {"jit": True, "free-threading": False}}
    assert meta.impl("cpython3.14-jit").features == ("jit",)


def test_the_report_sets_each_switched_on_row_against_its_plain_one(timeline_run):
    md = render.write(timeline_run)["md"].read_text()
    assert "## Timeline: releases of each family" in md
    assert "| pyston | cpython3.9 | pyston-lite3.9 | 3.9." in md
    assert "| cpython | cpython3.14 | cpython3.14-jit | 3.14." in md
    assert "| Pyston-lite makes CPython faster" in md


def test_a_row_whose_process_runs_without_its_feature_is_an_error(tmp_path):
    jit = registry.load()["cpython3.14-jit"]
    off = replace(jit, command=("python3.14",))  # the same image, PYTHON_JIT not set
    (cell,) = measure([off], tmp_path).cells()
    assert cell.status == "error"
    assert cell.error == ("cpython3.14-jit claims jit, but this process ran without it "
                          "(from inside: {'jit': False})")
