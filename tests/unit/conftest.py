"""Shared helpers for the unit tests: no Docker anywhere in here."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from implmatrix import HARNESS, model, store
from tests import ROOT

HOST = {
    "hostname": "bench-host",
    "cpu_model_name": "Test CPU 9000",
    "cpu_count": 4,
    "platform": "Linux-6.0-x86_64-with-glibc2.36",
    "docker_version": "27.0.0",
}

IMPL_META = {
    "cpython3.13": model.ImplMeta(
        family="cpython", image="implmatrix/cpython3.13", image_id="sha256:" + "a" * 64,
        package="python3.13", suite="trixie", package_version="3.13.5-2", baseline=True),
    "pypy3.11": model.ImplMeta(
        family="pypy", image="implmatrix/pypy3.11", image_id="sha256:" + "b" * 64,
        package="pypy3", suite="trixie", package_version="7.3.19+dfsg-2", baseline=False),
}

VERSIONS = {
    "cpython3.13": {"name": "cpython", "version": "3.13.5", "python_version": "3.13.5"},
    "pypy3.11": {"name": "pypy", "version": "7.3.19", "python_version": "3.11.11"},
}


def make_record(
    impl: str = "cpython3.13",
    values: list[float] | None = None,
    warmups: list[float] | None = None,
    status: str = "ok",
    doc: str = "A test workload.",
    **extra: Any,
) -> model.HarnessRecord:
    """A record as workloads/harness.py prints it."""
    info = VERSIONS.get(impl, {"name": "x", "version": "1.0", "python_version": "3.0"})
    return model.load(model.HarnessRecord, {
        "schema": 2, "status": status, "clock": "time.perf_counter",
        "implementation": {**info, "sys_version": f"{info['version']} (test)"},
        "warmups": [0.5] if warmups is None else warmups,
        "values": [1.0, 1.0, 1.0] if values is None else values,
        "doc": doc, "tags": [], "steady": True, **extra,
    })


def make_cell(
    impl: str,
    workload: str,
    status: str = "ok",
    *,
    record: model.HarnessRecord | None = None,
    error: str = "",
    records: list[model.HarnessRecord | None] | None = None,
    max_rss_kb: int = 10240,
) -> model.Cell:
    """A cell as run._Matrix.timed_cells writes it: one run per process."""
    runs = tuple(model.Run(
        status=status if n == 0 else "ok", error=error if n == 0 else "", record=rec,
        returncode=0 if rec else 1, wall_s=0.5,
        process=model.Measured(wall_s=0.6, max_rss_kb=max_rss_kb, exit=0))
        for n, rec in enumerate(records if records is not None else [record]))
    return model.Cell(
        implementation=impl, workload=workload, workload_sha256="0" * 64,
        image_id=IMPL_META[impl].image_id if impl in IMPL_META else "sha256:" + "c" * 64,
        finished="2025-01-02T03:04:05Z", status=status, error=error, runs=runs)


def startup_process(wall_s: float, max_rss_kb: int = 10000, exit: int = 0,
                    disturbed: bool = False) -> model.StartupProcess:
    """One start-up run as run.py records it."""
    return model.StartupProcess(wall_s=wall_s, max_rss_kb=max_rss_kb, user_s=wall_s / 2,
                                sys_s=wall_s / 10, exit=exit,
                                disturbed="machine busy" if disturbed else "")


def make_startup(impl: str, **programs: list[model.StartupProcess]) -> model.Startup:
    """raw-startup/<impl>.json: PROGRAMS maps a program to its start-up_process()es."""
    return model.Startup(
        implementation=impl, runs=max(map(len, programs.values()), default=0),
        programs={name: model.StartupBatch(processes=tuple(procs), returncode=0)
                  for name, procs in programs.items()})


def scaling_process(*times: float, disturbed: bool = False,
                    checksum_ok: bool = True) -> model.ScalingProcess:
    """One process of a scaling point: its repeats' times."""
    return model.ScalingProcess(times=times, checksum_ok=checksum_ok,
                                disturbed="machine busy" if disturbed else "")


def scaling_point(kind: str, workers: int, *processes: model.ScalingProcess,
                  available: bool = True, reason: str = "") -> model.ScalingPoint:
    return model.ScalingPoint(kind=kind, workers=workers, available=available, reason=reason,
                              processes=processes)


def make_scaling(impl: str, *points: model.ScalingPoint, cores: int = 2,
                 repeats: int = 3) -> model.Scaling:
    """raw-scaling/<impl>.json."""
    return model.Scaling(implementation=impl, image_id="sha256:" + "d" * 64, cores=cores,
                         units=100, repeats=repeats, points=points)


def run_in(
    root: Path,
    cells: list[model.Cell],
    impls: dict[str, model.ImplMeta] | None = None,
    *,
    order: list[str] | None = None,
    values: int = 3,
    startup: Sequence[model.Startup] = (),
    scaling: Sequence[model.Scaling] = (),
) -> store.RunDir:
    """A synthetic finished run directory under ROOT, laid out the way run.run_matrix
    lays it out."""
    impls = IMPL_META if impls is None else impls
    run = store.new_run(root)
    run.write_meta(model.RunMeta(
        settings=model.Settings(values=values, implementations=tuple(order or impls),
                                workloads=tuple(sorted({c.workload for c in cells}))),
        command="implmatrix run", started="2025-01-02T03:00:00Z",
        host=model.load(model.Host, HOST), implementations=impls, finished=True,
        ended="2025-01-02T03:10:00Z", wall_s=600.0))
    for cell in cells:
        run.write_cell(cell)
    for found in startup:
        run.write_startup(found)
    for scaled in scaling:
        run.write_scaling(scaled)
    store.point_latest(root, run)
    return run


@pytest.fixture
def make_run(tmp_path: Path) -> Callable[..., store.RunDir]:
    """run_in under this test's own reports root."""
    return functools.partial(run_in, tmp_path / "reports")


def run_harness(
    workload: Path, values: int | str = 3, warmup_budget_s: float | str = 0.2, *extra: str
) -> subprocess.CompletedProcess[bytes]:
    """workloads/harness.py on the host Python, as the container would run it."""
    args = [str(a) for a in (workload, values, warmup_budget_s, *extra)]
    return subprocess.run([sys.executable, str(HARNESS), *args],
                          capture_output=True, timeout=60, cwd=workload.parent, check=False)


def implmatrix(*args: str | Path, env: dict[str, str] | None = None,
               cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`python -m implmatrix ARGS` from the venv, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "implmatrix", *map(str, args)],
        cwd=cwd, capture_output=True, text=True, timeout=60,
        env={**os.environ, **(env or {})}, check=False,
    )
