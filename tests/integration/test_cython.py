"""The Cython row on a real container: the shared suite compiled by Cython inside the
container when it runs. A workload Cython compiles runs compiled and proves it from
inside; one Cython rejects is unsupported with Cython's own message, as a workload and
as a compatibility script; a row that claims Cython but ran its workload uncompiled is
an error, not a result."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from implmatrix import (
    BUILTIN_WORKLOADS,
    compat,
    images,
    model,
    registry,
    run,
    scripts,
    store,
    workloads,
)

SETTINGS = model.Settings(values=2, processes=2, warmup_budget_s=0.0, timeout_s=120,
                          startup_runs=0, scaling_cap_s=0)
# Valid Python 3.13 that Cython 3 does not compile: a `type` statement (PEP 695).
REJECTED = '''"""A type alias statement, which Cython does not compile."""
type Pair = tuple[int, int]


def run():
    return 1


def check(value):
    return value == 1
'''
REJECTED_MESSAGE = "rejected.py:2:5: Syntax error in simple statement list"


def measure(impl: registry.Implementation, tmp: Path) -> store.RunDir:
    """nbody and REJECTED as workloads, REJECTED as a script, on IMPL."""
    mine, suite = tmp / "workloads", tmp / "suite"  # one mount point per directory
    for directory in (mine, suite):
        directory.mkdir()
        (directory / "rejected.py").write_text(REJECTED)
    dirs = [BUILTIN_WORKLOADS, mine]
    built = images.ensure([registry.load()[impl.id]], log=lambda _: None)
    plan = run.Plan([impl], built, workloads.discover(dirs, ["nbody", "rejected"]),
                    scripts.discover([suite]),
                    mounts={**workloads.mounts(dirs), **scripts.mounts([suite])})
    return run.run_matrix(plan, SETTINGS, out=tmp / "out", command="test cython",
                          say=lambda _: None, force=True)


@pytest.fixture(scope="module")
def cython_run(tmp_path_factory: pytest.TempPathFactory) -> store.RunDir:
    return measure(registry.load()["cython3.13"], tmp_path_factory.mktemp("cython"))


def test_a_workload_runs_compiled_and_proves_it_once_compiled_ahead(cython_run):
    cells = {c.workload: c for c in cython_run.cells()}
    nbody = cells["nbody"]
    assert nbody.status == "ok", nbody.error
    for process in nbody.runs:
        record = process.record
        assert record is not None and record.implementation is not None
        assert record.workload_features == {"cython": True}
        # the interpreter's own: the GIL on (it is a GIL build)
        assert record.implementation.features == {"free-threading": False}
        # compiled by the host's --build before the timed process: not in it
        assert record.compiled == model.Compiled(compiler="cython 3.3.1", cached=True,
                                                 seconds=0.0)
    assert "cython 3.3.1" in cython_run.meta().impl("cython3.13").package_version


def test_what_cython_rejects_is_unsupported_with_its_message(cython_run):
    cell = next(c for c in cython_run.cells() if c.workload == "rejected")
    assert cell.status == "unsupported"
    assert cell.error == "CompileError: /workloads/1/" + REJECTED_MESSAGE
    (script,) = cython_run.script_cells()
    status, detail = compat.classify(script, None, False)
    assert status == "unsupported"
    assert detail == "CompileError: /suites/0/" + REJECTED_MESSAGE


def test_a_row_claiming_cython_whose_workload_ran_uncompiled_is_an_error(tmp_path):
    cython = registry.load()["cython3.13"]
    plain = replace(cython, command=("python3.13",))  # the same image, not compiling
    cells = {c.workload: c for c in measure(plain, tmp_path).cells()}
    assert cells["nbody"].status == "error"
    assert cells["nbody"].error == ("cython3.13 claims cython, but this process ran "
                                    "without it (from inside: {'cython': False})")
