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


def implmatrix(*args: str | Path, timeout: float = 1800) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "matrix", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def raw_cells(run_dir: Path) -> dict[tuple[str, str], dict]:
    cells = {}
    for path in run_dir.glob("raw/*/*.json"):
        cell = json.loads(path.read_text())
        cells[cell["implementation"], cell["workload"]] = cell
    return cells


def leftover_containers() -> list[str]:
    proc = engine.docker(["ps", "-aq", "--filter", "label=org.implmatrix.cell-runner"])
    return proc.stdout.decode().split()
