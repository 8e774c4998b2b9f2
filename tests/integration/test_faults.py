"""Hostile workloads (tests/fixtures/faults): each ends as a clear cell status, the
matrix goes on and reports, no container is left, nothing is written outside --out.

One real run of every fault on CPython, PyPy and MicroPython serves every test here; it
also runs a compatibility script past the memory limit (tests/fixtures/fault_scripts).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from implmatrix import compat, model, store
from implmatrix.cells import STATUSES
from tests.integration.conftest import FIXTURES, implmatrix, leftover_containers, raw_cells

FAULTS = FIXTURES / "faults"
FAULT_SCRIPTS = FIXTURES / "fault_scripts"  # one script: its batch runs alone
IMPLS = ("cpython3.13", "pypy3.11", "micropython1.25")
FORKING = ("cpython3.13", "pypy3.11")  # MicroPython has no os.fork
# The limit costs its length for the endless loop on each implementation and for the
# fork bomb on the forking ones; below it, printing 200 MB and filling 2 GB (about 6 s
# each alone) did not finish on the busy 2-core build machine (10 s). The same for the
# script filling 2 GB.
TIMEOUT_S = 30
MARKER = "implmatrix-fault-marker"  # what writes_outside.py tries to create
NAMED = "<img src=x onerror=alert(1)>"  # a workload named with markup


@dataclass(frozen=True)
class FaultRun:
    proc: object  # the CompletedProcess of `implmatrix run`, with .pid
    path: Path  # OUT/latest
    cells: dict[tuple[str, str], model.Cell]
    fixtures_before: dict[str, str]
    scripts: dict[str, model.ScriptCell]  # by implementation


def _tree() -> dict[str, str]:
    """Every file of the fault fixtures (hidden ones and caches too) → its SHA-256."""
    return {str(p.relative_to(FIXTURES)): hashlib.sha256(p.read_bytes()).hexdigest()
            for root in (FAULTS, FAULT_SCRIPTS) for p in sorted(root.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def faults(built, tmp_path_factory) -> FaultRun:
    before = _tree()
    out = tmp_path_factory.mktemp("faults")
    proc = implmatrix("run", "--debug-single-value", "--timeout", str(TIMEOUT_S),
                      "--workloads", FAULTS, "--suite", FAULT_SCRIPTS,
                      "--script-timeout", str(TIMEOUT_S),
                      *[a for i in IMPLS for a in ("--impl", i)], "--out", out)
    assert proc.returncode == 0, proc.stderr
    scripts = {s.implementation: s for s in store.RunDir(out / "latest").script_cells()}
    return FaultRun(proc, out / "latest", raw_cells(out / "latest"), before, scripts)


def cell(run: FaultRun, impl: str, workload: str) -> tuple[str, str]:
    c = run.cells[impl, workload]
    return c.status, c.error


def test_every_cell_has_a_status_and_the_report_is_written(faults):
    names = {p.stem for p in FAULTS.glob("*.py")}
    assert set(faults.cells) == {(i, n) for i in IMPLS for n in names}
    assert all(c.status in STATUSES for c in faults.cells.values())
    meta = json.loads((faults.path / "run.json").read_text())
    assert meta["finished"] is True
    for name in ("report.md", "index.html", "results.csv"):
        assert (faults.path / name).stat().st_size > 0
    assert "report: " in faults.proc.stdout


def test_no_container_is_left(faults):
    assert leftover_containers(faults.proc.pid) == []


@pytest.mark.parametrize("impl", IMPLS)
def test_endless_loop_times_out(faults, impl):
    assert cell(faults, impl, "infinite_loop") == ("timeout", f"no result within {TIMEOUT_S} s")


@pytest.mark.parametrize("impl", IMPLS)
def test_segfault_is_a_crash(faults, impl):
    assert cell(faults, impl, "segfault") == ("crash", "killed by SIGSEGV")


@pytest.mark.parametrize("impl", FORKING)
def test_memory_bomb_is_told_out_of_memory(faults, impl):
    assert cell(faults, impl, "memory_bomb") == (
        "crash", "killed: out of memory (the container's 2 GiB limit)")


def test_memory_bomb_on_a_fixed_heap_is_a_memory_error(faults):
    status, error = cell(faults, "micropython1.25", "memory_bomb")
    assert status == "error" and error.startswith("MemoryError"), error


@pytest.mark.parametrize("impl", IMPLS)
def test_killing_the_parent_is_a_sigkill_not_out_of_memory(faults, impl):
    assert cell(faults, impl, "kills_parent") == ("crash", "killed by SIGKILL")


@pytest.mark.parametrize("impl", FORKING)
def test_fork_bomb_is_held_by_the_process_limit_and_times_out(faults, impl):
    assert cell(faults, impl, "fork_bomb") == ("timeout", f"no result within {TIMEOUT_S} s")


@pytest.mark.parametrize("impl", FORKING)
def test_a_process_left_running_is_an_error_and_is_killed(faults, impl):
    status, error = cell(faults, impl, "leaves_a_process")
    assert status == "error", error
    assert error.startswith("left ") and error.endswith(
        " running after it ended (the container was restarted)"), error
    # The cells after it (in name order) ran in the restarted container.
    assert cell(faults, impl, "memory_bomb")[0] == "crash"


def test_without_fork_the_forking_faults_are_errors(faults):
    for name in ("fork_bomb", "leaves_a_process"):
        status, error = cell(faults, "micropython1.25", name)
        assert status == "error" and "fork" in error, (name, error)


@pytest.mark.parametrize("impl", IMPLS)
def test_exit_without_a_record_is_an_error(faults, impl):
    assert cell(faults, impl, "exits_3") == ("error", "exit status 3, no result: (no output)")


@pytest.mark.parametrize("impl", IMPLS)
def test_output_flood_and_binary_output_pass(faults, impl):
    for name in ("output_flood", "binary_output", NAMED):
        assert cell(faults, impl, name) == ("ok", ""), name


@pytest.mark.parametrize("impl", IMPLS)
def test_network_is_unreachable(faults, impl):
    status, error = cell(faults, impl, "network")
    assert status == "error" and error.startswith("OSError") and "101" in error, error


@pytest.mark.parametrize("impl", IMPLS)
def test_writes_outside_the_sandbox_are_refused(faults, impl):
    status, error = cell(faults, impl, "writes_outside")
    assert status == "error", error
    assert "every write refused" in error, error


@pytest.mark.parametrize("impl", FORKING)
def test_a_script_past_the_memory_limit_is_told_out_of_memory(faults, impl):
    assert compat.classify(faults.scripts[impl], None, False) == (
        "crash", "killed: out of memory (the container's 2 GiB limit)")


def test_a_script_on_a_fixed_heap_is_a_memory_error(faults):
    status, detail = compat.classify(faults.scripts["micropython1.25"], None, False)
    assert status == "error" and detail.startswith("MemoryError"), detail


def test_nothing_is_written_outside_out(faults):
    assert _tree() == faults.fixtures_before
    for path in (Path("/") / MARKER, Path("/etc") / MARKER, FAULTS / MARKER):
        assert not path.exists(), path


def test_markup_is_escaped_in_the_html(faults):
    assert cell(faults, "cpython3.13", "script_tag") == (
        "error", "ValueError: <script>document.title='implmatrix-pwned'</script><b>bold</b>")
    html = (faults.path / "index.html").read_text()
    assert "&lt;script&gt;document.title=" in html
    assert "<script>document.title" not in html and "<b>bold" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert NAMED not in html
