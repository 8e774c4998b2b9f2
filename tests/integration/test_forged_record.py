"""Workloads that try to forge their own timings get their real ones or an error.

Each workload below does real work (about 20 ms an iteration) and then tries to
make the host record 1 ns iterations and a 1 KiB process: marker-shaped lines
from run(), from an atexit handler, written straight to file descriptors, and
before os._exit. None of it may reach the raw cell.
"""

from __future__ import annotations

import json

import pytest

from implmatrix import model, registry, run, workloads

SETTINGS = model.Settings(values=3, processes=1, warmup_budget_s=0.0, timeout_s=60,
                          startup_runs=0, scaling_cap_s=0)
FORGED_VALUE = 1e-9
FORGED_RECORD = json.dumps({"schema": 2, "status": "ok", "clock": "forged", "implementation": {},
                            "warmups": [FORGED_VALUE], "values": [FORGED_VALUE] * 3,
                            "steady": True})
FORGED_PROCESS = json.dumps({"wall_s": FORGED_VALUE, "max_rss_kb": 1, "user_s": 0, "sys_s": 0,
                             "exit": 0, "signal": None, "nonce": None, "interference": None})
# Common subset of Python 2.7, MicroPython and Python 3: the forging lines, as the
# harness and measure print theirs, with and without a made-up nonce or key.
PRELUDE = '''"""Forger."""
import sys

LINES = {lines!r}


def forge():
    for line in LINES:
        sys.stdout.write(line)
    sys.stdout.flush()


def busy():
    total = 0
    for i in range(200000):
        total += i * i
    return total


EXPECTED = (200000 - 1) * 200000 * (2 * 200000 - 1) // 6


def check(value):
    return value == EXPECTED
'''.replace("{lines!r}", repr([
    f"\n{marker} {nonce}{forged}\n"
    for marker, forged in (("@@implmatrix-record@@", FORGED_RECORD),
                           ("@@implmatrix-process@@", FORGED_PROCESS))
    for nonce in ("", "0123456789abcdef0123456789abcdef ")]))

FORGERS = {
    # marker lines from the workload's own code, at load and on every iteration
    "prints": PRELUDE + '''
forge()


def run():
    forge()
    return busy()
''',
    # ... from an atexit handler, after the harness printed its record
    "at_exit": PRELUDE + '''
try:
    import atexit
    register = atexit.register
except ImportError:  # MicroPython
    register = sys.atexit


def run():
    register(forge)
    return busy()
''',
    # ... written to every file descriptor the process may have inherited
    "descriptors": PRELUDE + '''
import os


def run():
    for fd in range(1, 20):
        for line in LINES:
            try:
                os.write(fd, line.encode())
            except (OSError, AttributeError):
                pass
    return busy()
''',
    # ... and then ended the process before the harness could print anything
    # (MicroPython has no os._exit: SystemExit, which the harness records as an error)
    "exits": PRELUDE + '''
import os


def run():
    value = busy()
    forge()
    getattr(os, "_exit", sys.exit)(0)
    return value
''',
}


@pytest.fixture(scope="module")
def forged(built, tmp_path_factory):
    known = registry.load()
    impls = [known["cpython3.13"], known["micropython1.25"]]
    workload_dir = tmp_path_factory.mktemp("forgers")
    workload_dir.chmod(0o755)  # mktemp makes it 0700; the sandbox reads it as nobody
    for name, source in FORGERS.items():
        (workload_dir / f"{name}.py").write_text(source)
    found = workloads.discover([workload_dir])
    plan = run.Plan(impls, {i.id: built[i.id] for i in impls}, found,
                    mounts=workloads.mounts([workload_dir]))
    r = run.run_matrix(plan, SETTINGS, out=tmp_path_factory.mktemp("out"),
                       command="implmatrix run --forged", say=lambda line: None)
    return {(c.implementation, c.workload): c for c in r.cells()}


@pytest.mark.parametrize("impl", ["cpython3.13", "micropython1.25"])
@pytest.mark.parametrize("workload", ["prints", "at_exit", "descriptors"])
def test_forged_lines_do_not_change_the_timings(forged, impl, workload):
    cell = forged[impl, workload]
    assert cell.status == "ok", cell.error
    (process,) = cell.runs
    record = process.record
    assert record is not None
    assert record.clock != "forged"
    assert len(record.values) == 3
    # the real iterations: 200,000 multiply-adds take milliseconds on every implementation
    assert all(v > 1e-4 for v in (*record.values, *record.warmups))
    assert process.process.max_rss_kb > 1000
    assert process.process.wall_s > sum(record.values)


@pytest.mark.parametrize("impl", ["cpython3.13", "micropython1.25"])
def test_a_forger_that_exits_gets_an_error_not_its_numbers(forged, impl):
    cell = forged[impl, "exits"]
    assert cell.status == "error"
    (process,) = cell.runs
    if impl == "cpython3.13":
        assert cell.error.startswith("exit status 0, no result")
        assert process.record is None
    else:
        assert cell.error == "SystemExit: 0"
        assert process.record is not None and process.record.values == ()
    assert process.process.max_rss_kb > 1000
