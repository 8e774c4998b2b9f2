"""Integration tests: real images, real containers, real interpreters.

The images are built (or reused when up to date) once per session.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from matrix import ROOT, engine, images, registry

FIXTURES = ROOT / "tests" / "fixtures"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "integration" in str(item.fspath):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def impls() -> dict[str, registry.Implementation]:
    return registry.load()


@pytest.fixture(scope="session")
def built(impls: dict[str, registry.Implementation]) -> dict[str, images.Image]:
    engine.ensure_available()
    return images.ensure(list(impls.values()), log=lambda line: print(line, file=sys.stderr))


@pytest.fixture(scope="session")
def default_run(built: dict[str, images.Image], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real run of the default matrix (fast preset), shared by the tests that read
    its results and its report."""
    out = tmp_path_factory.mktemp("default-run")
    proc = implmatrix("run", "--fast", "--out", out)
    assert proc.returncode == 0, proc.stderr
    return out / "latest"


def implmatrix(*args: str | Path, timeout: float = 1800) -> subprocess.CompletedProcess[str]:
    """`python -m matrix ARGS`; the result's .pid names the containers it made."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "matrix", *map(str, args)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
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


def raw_cells(run_dir: Path) -> dict[tuple[str, str], dict]:
    cells = {}
    for path in run_dir.glob("raw/*/*.json"):
        cell = json.loads(path.read_text())
        cells[cell["implementation"], cell["workload"]] = cell
    return cells


def leftover_containers(pid: int) -> list[str]:
    """Containers the implmatrix process PID made and left behind (other runs on this
    machine, e.g. a developer's, may have containers of their own meanwhile)."""
    proc = engine.docker(["ps", "-aq", "--filter", "label=org.implmatrix.cell-runner",
                          "--filter", f"name=implmatrix-{pid}-"])
    return proc.stdout.decode().split()
