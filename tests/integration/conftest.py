"""Integration tests: real images, real containers, real interpreters.

The images are built (or reused when up to date) once per session, and one small
run of every implementation (`shared_run`) serves every test that reads what a run
writes: its cells, scripts, CSV files, JUnit XML, pyperf files and report.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from implmatrix import BUILTIN_WORKLOADS, engine, images, model, registry, store
from tests import ROOT
from tests.corpus import generate

FIXTURES = ROOT / "tests" / "fixtures"
# What each fixture cell must come out as, everywhere. The sixth, `hangs` (a timeout
# when the tool's limit kills it), would cost the limit on every implementation: it runs
# in test_interrupt.py, and a process that ignores SIGTERM in test_sandbox.py. A file that
# is no workload at all (fixtures/invalid) is refused before anything runs (test_validate.py).
FIXTURE_CELLS = {
    "passes": "ok",
    "wrong_result": "wrong-result",
    "raises": "error",
    "missing_import": "unsupported",
    "crashes": "crash",
}
BUILTINS = ("bigint",)  # a built-in workload, quick on every implementation
VALUES = 2  # per process: pyperf's significance test needs two
CELL_TIMEOUT_S = 30  # no cell of the shared run hangs: a limit for a broken one
SCRIPT_TIMEOUT_S = 3
CORPUS_SIZE = 40  # generated scripts: one hangs, one prints SKIP
# Scripts that print what they see of how they were started (sys.path[0], __file__,
# argv, stdin, cwd, environment, endings): a batch must show them what running alone does.
ALONE = FIXTURES / "alone"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "integration" in str(item.fspath):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def impls() -> dict[str, registry.Implementation]:
    """The default set: what the shared run measures (test_timeline.py takes older ones)."""
    return {i.id: i for i in registry.select(registry.load(), None)}


@pytest.fixture(scope="session")
def built(impls: dict[str, registry.Implementation]) -> dict[str, images.Image]:
    engine.ensure_available()
    return images.ensure(list(impls.values()), log=lambda line: print(line, file=sys.stderr))


@dataclass(frozen=True)
class SharedRun:
    proc: subprocess.CompletedProcess[str]  # the `implmatrix run` process
    path: Path  # its run directory (OUT/latest)
    corpus: Path  # the generated scripts it ran
    suites: tuple[Path, ...]  # its --suite directories, in order (their mount points)


@pytest.fixture(scope="session")
def shared_run(built: dict[str, images.Image],
               tmp_path_factory: pytest.TempPathFactory) -> SharedRun:
    """The session's one run of every implementation, through the command line, with
    pyperf's --debug-single-value (one process: does everything run?) and two values: a
    built-in workload and the fixture cells; the fixture scripts, a generated corpus and
    the scripts that print what they see (ALONE) as compatibility suites."""
    corpus = tmp_path_factory.mktemp("suites") / "corpus"
    generate(corpus, CORPUS_SIZE, hang_every=CORPUS_SIZE)
    out = tmp_path_factory.mktemp("shared-run")
    selected = [arg for name in (*BUILTINS, *FIXTURE_CELLS) for arg in ("--select", name)]
    suites = (FIXTURES / "scripts", corpus, ALONE)
    proc = implmatrix("run", "--debug-single-value", "--values", str(VALUES),
                      "--workloads", BUILTIN_WORKLOADS,
                      "--workloads", FIXTURES / "cells", *selected,
                      *[arg for suite in suites for arg in ("--suite", suite)],
                      "--timeout", str(CELL_TIMEOUT_S), "--script-timeout",
                      str(SCRIPT_TIMEOUT_S), "--out", out)
    assert proc.returncode == 0, proc.stderr
    return SharedRun(proc, out / "latest", corpus, suites)


def implmatrix(*args: str | Path, timeout: float = 1800, env: dict[str, str] | None = None
               ) -> subprocess.CompletedProcess[str]:
    """`python -m implmatrix ARGS` (with ENV added); the result's .pid names the containers
    it made."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "implmatrix", *map(str, args)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except BaseException:
        proc.kill()
        proc.communicate()
        raise
    done = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    done.pid = proc.pid  # type: ignore[attr-defined]
    return done


def raw_cells(run_dir: Path) -> dict[tuple[str, str], model.Cell]:
    """The run's timed cells by (implementation, workload), read as the report reads them."""
    return {(c.implementation, c.workload): c for c in store.RunDir(run_dir).cells()}


def leftover_containers(pid: int) -> list[str]:
    """Containers the implmatrix process PID made and left behind (other runs on this
    machine, e.g. a developer's, may have containers of their own meanwhile)."""
    proc = engine.docker(["ps", "-aq", "--filter", "label=org.implmatrix.cell-runner",
                          "--filter", f"name=implmatrix-{pid}-"])
    return proc.stdout.decode().split()
