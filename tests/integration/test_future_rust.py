"""Rows built from Rust crates, on real containers: RustPython 0.6 (built from its crate
by sid's cargo) and CPython 3.13 and PyPy 3.11 with two kernels of the suite rewritten in
Rust (docker/pyo3, PyO3). The kernel workloads give the pure-Python workloads' exact
results where the kernels are installed and are unsupported elsewhere; a row that claims
the kernels proves from inside that they load, and is an error where they do not."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from implmatrix import BUILTIN_WORKLOADS, images, model, registry, run, store, workloads

IMPLS = ("rustpython0.6", "cpython3.13-pyo3", "pypy3.11-pyo3")
KERNELS = ("nbody_rust", "spectral_norm_rust")
SETTINGS = model.Settings(values=2, processes=1, warmup_budget_s=0.0, timeout_s=120,
                          startup_runs=1, scaling_cap_s=0)


def measure(impls: list[registry.Implementation], select: list[str], out: Path) -> store.RunDir:
    """SELECT's workloads on IMPLS (images built if missing), nothing else."""
    built = images.ensure([registry.load()[i.id] for i in impls], log=lambda _: None)
    plan = run.Plan(impls, built, workloads.discover([BUILTIN_WORKLOADS], select),
                    mounts=workloads.mounts([BUILTIN_WORKLOADS]))
    return run.run_matrix(plan, SETTINGS, out=out, command="test future rust",
                          say=lambda _: None, force=True)


@pytest.fixture(scope="module")
def rust_run(tmp_path_factory: pytest.TempPathFactory) -> store.RunDir:
    known = registry.load()
    return measure([known[i] for i in IMPLS], ["bigint", *KERNELS],
                   tmp_path_factory.mktemp("future-rust"))


def test_rustpython_runs_the_suite_and_has_no_kernels(rust_run):
    cells = {(c.implementation, c.workload): c for c in rust_run.cells()}
    assert cells["rustpython0.6", "bigint"].status == "ok"
    for kernel in KERNELS:  # no extension modules for RustPython: the import fails
        assert cells["rustpython0.6", kernel].status == "unsupported"
        assert "implmatrix_kernels" in cells["rustpython0.6", kernel].error
    meta = rust_run.meta().impl("rustpython0.6")
    assert meta.version.startswith("0.6.") and meta.python_version.startswith("3.")
    assert " + rustpython 0.6.0 (rustc 1.9" in meta.package_version, meta.package_version


def test_the_kernel_rows_give_the_pure_python_results_and_prove_the_kernels(rust_run):
    cells = {(c.implementation, c.workload): c for c in rust_run.cells()}
    meta = rust_run.meta()
    # CPython 3.13 also says its GIL is on; PyPy has no such thing to say
    for impl, version, features in (
            ("cpython3.13-pyo3", "3.13.", {"pyo3": True, "free-threading": False}),
            ("pypy3.11-pyo3", "7.3.", {"pyo3": True})):
        # ok: check() accepted nbody.py's energies and spectral_norm.py's norm (to 1e-12)
        assert {w: cells[impl, w].status for w in ("bigint", *KERNELS)} == dict.fromkeys(
            ("bigint", *KERNELS), "ok")
        for w in ("bigint", *KERNELS):
            (process,) = cells[impl, w].runs
            assert process.record is not None and process.record.implementation is not None
            assert process.record.implementation.features == features
        assert meta.impl(impl).version.startswith(version)
        assert "+ implmatrix_kernels 0.1.0 (PyO3 0.30.1, rustc 1.85" in \
            meta.impl(impl).package_version, meta.impl(impl).package_version


def test_a_kernel_row_whose_process_cannot_load_them_is_an_error(tmp_path):
    kernels = registry.load()["cpython3.13-pyo3"]
    # the same image without its site directory: the kernels are not on the path
    off = replace(kernels, command=("python3.13", "-S"))
    (cell,) = measure([off], ["nbody_rust"], tmp_path).cells()
    assert cell.status == "error"
    assert cell.error.startswith("cpython3.13-pyo3 claims pyo3, but this process ran "
                                 "without it"), cell.error
