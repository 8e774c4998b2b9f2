"""The user's own files, through the command line on real containers: private ones reach
the sandbox (and stay read-only there); a suite the baseline cannot run fails the run."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from implmatrix import compat, registry, run, scripts, store
from implmatrix.images import Image
from tests import ROOT
from tests.integration.conftest import FIXTURES, implmatrix, leftover_containers, raw_cells

QUICK = ("cpython3.13", "micropython1.25")  # the baseline and a quick other
# Reads a file beside it, and tries to change its own folder: the copy the containers
# see is read-only, as the user's files were. (No os.path on MicroPython.)
PRIVATE_WORKLOAD = '''"""Reads its data, cannot change its files."""
HERE = __file__.rsplit("/", 1)[0]


def run():
    f = open(HERE + "/data.txt")
    total = int(f.read())
    f.close()
    refused = 0
    for path, how in ((__file__, "a"), (HERE + "/new.txt", "w")):
        try:
            open(path, how).close()
        except Exception:
            refused += 1
    return total, refused


def check(value):
    return value == (4950, 2)
'''


def private(directory: Path, files: dict[str, str]) -> Path:
    """DIRECTORY as `mktemp -d` makes it (0700), holding FILES of mode 0600."""
    directory.mkdir(mode=0o700)
    for name, text in files.items():
        (directory / name).write_text(text)
        (directory / name).chmod(0o600)
    return directory


def test_private_files_reach_the_sandbox_read_only(built, tmp_path):
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    suite = private(home / "suite", {"adds.py": "print(1 + 1)\n",
                                     "expected.py": "print('x' * 3)\n",
                                     "expected.py.exp": "xxx\n"})
    mine = private(home / "mine", {"private.py": PRIVATE_WORKLOAD, "data.txt": "4950\n"})
    cache = tmp_path / "cache"  # the measure tool is built there, the copies go there
    out = tmp_path / "out"
    proc = implmatrix("run", *(a for i in QUICK for a in ("--impl", i)),
                      "--debug-single-value", "--workloads", mine, "--suite", suite,
                      "--out", out, env={"XDG_CACHE_HOME": str(cache)})
    assert proc.returncode == 0, proc.stderr
    assert "Permission denied" not in proc.stdout + proc.stderr
    cells = raw_cells(out / "latest")
    assert {k: c.status for k, c in cells.items()} == {(i, "private"): "ok" for i in QUICK}, \
        [c.error for c in cells.values()]
    with open(out / "latest" / "compat.csv", newline="") as f:
        found = {(r["implementation"], r["script"]): (r["status"], r["detail"])
                 for r in csv.DictReader(f)}
    assert found == {(i, s): ("pass", "") for i in QUICK for s in ("adds", "expected")}
    # the copies are gone; the measure tool stays for the next run
    assert [p.name[:8] for p in (cache / "implmatrix").iterdir()] == ["measure-"]
    assert leftover_containers(proc.pid) == []
    # the user's files are as they were, and nothing was written beside them
    assert sorted(p.name for p in mine.iterdir()) == ["data.txt", "private.py"]
    assert (mine / "private.py").stat().st_mode & 0o777 == 0o600


def test_ctrl_c_removes_the_copies(built, tmp_path):
    cache = tmp_path / "cache"
    proc = subprocess.Popen(
        [sys.executable, "-m", "implmatrix", "run", "--impl", "cpython3.13", "--workloads",
         FIXTURES / "cells", "--select", "hangs", "--timeout", "60", "--debug-single-value",
         "--out", tmp_path / "out"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env={**os.environ, "PYTHONUNBUFFERED": "1", "XDG_CACHE_HOME": str(cache)})
    try:
        # (progress lines come first: the images, then the run's header)
        assert proc.stdout is not None
        assert any("1 workloads" in line for line in proc.stdout)
        deadline = time.monotonic() + 120
        while not list(cache.glob("implmatrix/staged-*/*/harness.py")):
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.2)
        time.sleep(2)  # the containers are up, the hanging workload runs
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 128 + signal.SIGINT, err
    assert list(cache.glob("implmatrix/staged-*")) == []
    assert leftover_containers(proc.pid) == []


def test_a_suite_the_baseline_cannot_run_fails_the_run(built, tmp_path):
    mixed = tmp_path / "mixed"  # failing scripts, but they ran: a result
    mixed.mkdir()
    (mixed / "ok.py").write_text("print('fine')\n")
    (mixed / "raises.py").write_text("raise ValueError('nope')\n")
    (mixed / "exits.py").write_text("raise SystemExit(3)\n")
    # what the baseline cannot run at all: a binary, and Python 2
    dead = tmp_path / "binaries"
    dead.mkdir()
    (dead / "a_binary.py").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(57))
    (dead / "b_python2.py").write_text('print "hello"\n')
    out = tmp_path / "out"
    proc = implmatrix("run", "--impl", "cpython3.13", "--suite", mixed, "--suite", dead,
                      "--out", out)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == [
        "implmatrix: error: suite 'binaries': none of its 2 scripts ran on the baseline "
        "cpython3.13 (first: a_binary: SyntaxError: source code cannot contain null bytes)"]
    # what was measured is kept, and reported
    assert "report: " in proc.stdout
    latest = store.RunDir((out / "latest").resolve())
    assert latest.meta().finished and (latest.path / "report.md").is_file()
    assert len(latest.script_cells()) == 5

    alone = implmatrix("run", "--impl", "cpython3.13", "--suite", mixed, "--out", out)
    assert alone.returncode == 0, alone.stderr
    assert alone.stderr == ""


def test_a_broken_baseline_container_is_named(built, tmp_path):
    known = registry.load()
    impls = [known["cpython3.13"], known["micropython1.25"]]
    suite = tmp_path / "s"
    suite.mkdir()
    (suite / "a.py").write_text("print(1)\n")
    # an image name docker refuses outright (no pull is tried for it)
    images = {"cpython3.13": Image("implmatrix/NO-SUCH-IMAGE", "sha256:none", False),
              "micropython1.25": built["micropython1.25"]}
    plan = run.Plan(impls, images, workloads=[], scripts=scripts.discover([suite]),
                    mounts=scripts.mounts([suite]))
    r = run.run_matrix(plan, run.PRESETS["debug"], out=tmp_path / "out", command="test",
                       say=lambda line: None)
    why = compat.baseline_failure(r, "cpython3.13")
    assert why.startswith("the baseline cpython3.13 could not run: docker create failed: "), why
    assert list(r.meta().broken) == ["cpython3.13"]
    # the other implementation ran its script
    assert [c.implementation for c in r.script_cells()] == ["micropython1.25"]
