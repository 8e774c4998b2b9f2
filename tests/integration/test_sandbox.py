"""The container every workload runs in: no network, not root, limits, read-only."""

from __future__ import annotations

import pytest

from implmatrix import HARNESS
from implmatrix.container import Container, Sandbox


@pytest.fixture(scope="module")
def box(built):
    with Container(built["cpython3.13"].tag, {HARNESS.parent: "/opt/implmatrix"}) as c:
        yield c


def py(box: Container, code: str) -> str:
    result = box.exec(["python3.13", "-c", code], 20)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode().strip()


def test_not_root(box):
    assert py(box, "import os; print(os.getuid(), os.getgid())") == "65534 65534"


def test_no_network(box):
    code = ("import socket\n"
            "try:\n socket.create_connection(('192.0.2.1', 80), timeout=3); print('up')\n"
            "except OSError as e: print('down', type(e).__name__)")
    assert py(box, code).startswith("down")
    assert py(box, "import socket; print(sorted(socket.if_nameindex()))") == "[(1, 'lo')]"


def test_root_and_workloads_are_read_only(box):
    code = ("import errno\n"
            "for p in ('/x', '/opt/implmatrix/x', '/usr/lib/x'):\n"
            " try: open(p, 'w')\n"
            " except OSError as e: print(errno.errorcode[e.errno])\n"
            "open('/tmp/scratch', 'w').write('ok'); print('tmp-writable')")
    assert py(box, code).split() == ["EROFS", "EROFS", "EROFS", "tmp-writable"]


def test_memory_and_pids_limits(box):
    limits = Sandbox()
    memory = py(box, "import os; p='/sys/fs/cgroup/memory/memory.limit_in_bytes';"
                     " print(open(p if os.path.exists(p) else '/sys/fs/cgroup/memory.max').read())")
    assert int(memory) == 2 * 1024**3 == int(limits.memory[:-1]) * 1024**3
    pids = py(box, "import os; p='/sys/fs/cgroup/pids/pids.max';"
                   " print(open(p if os.path.exists(p) else '/sys/fs/cgroup/pids.max').read())")
    assert int(pids) == limits.pids


def test_memory_hog_is_stopped(box):
    """Allocating past the limit ends the cell; it cannot take the host's memory."""
    result = box.exec(["python3.13", "-c", "x = bytearray(3 * 1024**3); print(len(x))"], 60)
    assert result.returncode != 0
    assert b"3221225472" not in result.stdout


def test_time_limit_kills(box):
    result = box.exec(["python3.13", "-c", "while True: pass"], 2)
    assert result.timed_out and 2 <= result.wall_s < 10


def test_time_limit_kills_a_process_that_ignores_sigterm(box):
    code = ("import signal; signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
            "while True: pass")
    result = box.exec(["python3.13", "-c", code], 2)
    assert result.returncode == 137 and result.timed_out
