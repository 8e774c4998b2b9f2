"""Ctrl-C (or SIGTERM, SIGHUP) mid-run: containers go, finished cells stay, the next run resumes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests import ROOT
from tests.integration.conftest import FIXTURES, implmatrix, leftover_containers, raw_cells


@pytest.mark.parametrize("sig, how", [(signal.SIGINT, "interrupted"),
                                      (signal.SIGTERM, "terminated"),
                                      (signal.SIGHUP, "hung up")])
def test_interrupt_keeps_cells_and_resume_finishes(built, tmp_path, sig, how):
    args = ["--impl", "cpython3.13", "--workloads", str(FIXTURES / "cells"),
            "--timeout", "5", "--debug-single-value", "--out", str(tmp_path)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "implmatrix", "run", *args], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    # Cells run in name order: crashes, then hangs (5 s): interrupt during hangs.
    # (status lines come between: the images ready, the timed phase begun)
    header = next(line for line in proc.stdout if " workloads x " in line)
    assert header.startswith("6 workloads x 1 processes"), header
    first = next(line for line in proc.stdout if "/6] " in line)  # a process's line
    assert "crashes" in first, first
    time.sleep(2)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + sig, (out, err)
    assert err.strip().splitlines() == [
        f"implmatrix: {how}; finished cells are kept, run again to resume"]
    assert leftover_containers(proc.pid) == []
    run_dir = tmp_path / "latest"
    assert set(raw_cells(run_dir)) == {("cpython3.13", "crashes")}
    assert not any(p.name.startswith(".") for p in run_dir.rglob("*"))

    again = implmatrix("run", *args)
    assert again.returncode == 0, again.stderr
    assert f"resuming unfinished run {run_dir.resolve().name}" in again.stdout
    assert "(1 reused)" in again.stdout
    cells = raw_cells(run_dir)
    assert len(cells) == 6
    hangs = cells["cpython3.13", "hangs"]  # killed at the limit, this time
    assert (hangs.status, hangs.error) == ("timeout", "no result within 5 s")
    assert leftover_containers(again.pid) == []
