"""matrix/implmatrix/measure_tool.py and workloads/measure.c, built and run on the host."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from implmatrix import DockerError, measure_tool, model
from implmatrix.markers import marked

PY = sys.executable
TIMEOUT_S = 60


@pytest.fixture(scope="module")
def measure(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return measure_tool.ensure(tmp_path_factory.mktemp("measure-cache"))


@pytest.fixture
def run(measure: Path, tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[bytes]]:
    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        # cwd=tmp_path: a core dump from the SIGSEGV test lands there, if anywhere
        return subprocess.run(
            [str(measure), *args], capture_output=True, timeout=TIMEOUT_S, cwd=tmp_path,
            check=False,
        )

    return run


def records(proc: subprocess.CompletedProcess[bytes]) -> list[model.Measured]:
    return measure_tool.parse(proc.stdout)


def wait_for(predicate: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def process_gone(pid: int) -> bool:
    """True once PID no longer runs (a zombie left for a non-reaping init counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


# --- runs --------------------------------------------------------------------


def test_repeats_the_program_and_reports_every_run(run):
    proc = run("-n", "3", "--", PY, "-c", "print('hi')")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().split().count("hi") == 3
    recs = records(proc)
    assert len(recs) == 3
    for printed in marked(proc.stdout, measure_tool.MARKER):  # every field, as printed
        assert set(printed or {}) == {"wall_s", "max_rss_kb", "user_s", "sys_s", "exit",
                                      "signal", "nonce", "interference"}
    for rec in recs:
        assert rec.nonce is None  # only -r gives the program a nonce
        assert rec.wall_s > 0
        assert rec.max_rss_kb > 1000
        assert rec.user_s + rec.sys_s > 0
        assert rec.exit == 0 and rec.signal is None


def test_marker_starts_a_line_even_after_output_without_newline(run):
    proc = run("--", PY, "-c", "import sys; sys.stdout.write('no newline')")
    assert proc.stdout.startswith(b"no newline\n" + measure_tool.MARKER)
    assert len(records(proc)) == 1


def test_defaults_to_one_run_and_accepts_no_double_dash(run):
    proc = run("true")
    assert proc.returncode == 0
    assert [r.exit for r in records(proc)] == [0]


def test_reports_peak_rss_of_the_child(run):
    # bytes, not bytearray(n): calloc'd zero pages would never become resident
    proc = run("--", PY, "-c", "b = b'x' * (200 * 1024 * 1024)")
    assert proc.returncode == 0, proc.stderr
    (rec,) = records(proc)
    assert rec.max_rss_kb > 200_000


def test_exit_status_is_passed_through_and_all_runs_happen(run):
    proc = run("-n", "2", "--", "sh", "-c", "exit 3")
    assert proc.returncode == 3
    assert [(r.exit, r.signal) for r in records(proc)] == [(3, None), (3, None)]


def test_death_by_signal_exits_128_plus_signal(run):
    proc = run("-n", "2", "--", "sh", "-c", "kill -SEGV $$")
    assert proc.returncode == 128 + signal.SIGSEGV
    assert [(r.exit, r.signal) for r in records(proc)] == [(None, 11), (None, 11)]


def test_pins_the_child_to_one_cpu(run):
    cpu = min(os.sched_getaffinity(0))  # 0 on any ordinary machine
    code = "import os; print(sorted(os.sched_getaffinity(0)))"
    proc = run("-c", str(cpu), "--", PY, "-c", code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == f"[{cpu}]".encode()


CUE_PROGRAM = """
import os, sys, threading
started, later = threading.Event(), {}
def worker():
    started.wait()
    later["thread"] = sorted(os.sched_getaffinity(0))  # 0: the calling thread
thread = threading.Thread(target=worker)
thread.start()
print("before", sorted(os.sched_getaffinity(0)))
print("nonce", sys.stdin.readline().strip())
sys.stdout.write("\\n@@implmatrix-ready@@\\n")
sys.stdout.flush()
print("cue", repr(sys.stdin.readline()), repr(sys.stdin.read()))
started.set()
thread.join()
print("after", sorted(os.sched_getaffinity(0)), later["thread"])
"""


def test_ready_pins_every_thread_only_after_the_cue(run):
    everywhere = sorted(os.sched_getaffinity(0))
    cpu = everywhere[-1]
    proc = run("-c", str(cpu), "-r", "--", PY, "-c", CUE_PROGRAM)
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stdout.decode().splitlines() if line]
    (record,) = records(proc)
    assert record.nonce and len(record.nonce) == 32 and int(record.nonce, 16) >= 0
    assert lines[:5] == [f"before {everywhere}", f"nonce {record.nonce}",
                         "@@implmatrix-ready@@", "cue '\\n' ''", f"after [{cpu}] [{cpu}]"]
    assert record.exit == 0


def test_ready_without_the_ready_line_never_pins(run):
    everywhere = sorted(os.sched_getaffinity(0))
    code = "import os; print('@@implmatrix-ready@@', sorted(os.sched_getaffinity(0)))"
    proc = run("-c", str(everywhere[-1]), "-r", "--", PY, "-c", code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == f"@@implmatrix-ready@@ {everywhere}".encode()


def test_ready_program_that_exits_without_reading_its_cue(run):
    code = "import sys; sys.stdout.write('\\n@@implmatrix-ready@@\\n'); sys.stdin.close()"
    proc = run("-c", str(min(os.sched_getaffinity(0))), "-r", "-n", "2", "--", PY, "-c", code)
    assert proc.returncode == 0, proc.stderr
    assert [r.exit for r in records(proc)] == [0, 0]


def keyed(measure: Path, key: bytes, *args: str, **kwargs: Any
          ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(measure), "-k", *args], input=key + b"\n", capture_output=True,
                          timeout=TIMEOUT_S, check=False, **kwargs)


def test_key_marks_measures_own_lines_and_the_program_cannot_see_it(measure):
    key = measure_tool.new_key()
    forged = '\\n@@implmatrix-process@@ {"wall_s": 1e-9, "exit": 0}\\n'
    code = (f"printf '{forged}'; echo \"stdin '$(cat)'\"; "
            "for n in environ mem fd; do "
            "if [ -r /proc/$PPID/$n ]; then echo $n readable; else echo $n denied; fi; done")
    # As in the sandbox, measure and the program run as one unprivileged user (root
    # could read anything): a copy of measure where that user can run it.
    nobody: dict[str, Any] = {}
    if os.geteuid() == 0:
        where = Path(tempfile.mkdtemp())
        where.chmod(0o755)
        shutil.copy(measure, where / "measure")
        measure, nobody = where / "measure", {"user": 65534, "group": 65534, "cwd": "/"}
    proc = keyed(measure, key.encode(), "-n", "2", "--", "sh", "-c", code, **nobody)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    for name in ("environ", "mem", "fd"):  # /proc/<measure>/...: closed to the program
        assert out.count(f"{name} denied") == 2, out
    assert out.count("stdin ''") == 2  # the key line went to measure, not the program
    assert key not in out.replace(f"@@implmatrix-process@@ {key} ", "")
    assert [r.wall_s > 1e-3 for r in measure_tool.parse(proc.stdout, key)] == [True, True]
    # without the key, the forged line is all a reader would find first
    assert measure_tool.parse(proc.stdout)[0].wall_s == 1e-9


@pytest.mark.parametrize("key", [b"", b"has space", b"x" * 65, b"semi;colon"])
def test_a_bad_key_is_a_usage_error(measure, key):
    proc = keyed(measure, key, "--", "true")
    assert proc.returncode == 2
    assert proc.stderr.decode().count("\n") == 1 and b"-k" in proc.stderr
    assert proc.stdout == b""


def hog(cpu: int, seconds: float) -> subprocess.Popen[bytes]:
    """A busy loop pinned to CPU for SECONDS."""
    code = (f"import os, time; os.sched_setaffinity(0, {{{cpu}}}); end = time.time() + {seconds}\n"
            "while time.time() < end: pass")
    return subprocess.Popen([PY, "-c", code])


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two CPUs")
def test_interference_sees_other_work_on_the_pinned_cpu_and_elsewhere(run):
    from implmatrix import interference

    cpus = sorted(os.sched_getaffinity(0))
    mine, other = cpus[-1], cpus[0]
    spin = "import time\nend = time.time() + 1.0\nwhile time.time() < end: pass"
    results = {}
    for where in (mine, other):
        h = hog(where, 3.0)
        try:
            time.sleep(0.3)
            proc = run("-c", str(mine), "--", PY, "-c", spin)
        finally:
            h.kill()
            h.wait()
        (rec,) = records(proc)
        w = rec.interference
        assert w is not None and w.cpu == mine and w.cpus == os.cpu_count()
        assert w.window_s == pytest.approx(rec.wall_s, abs=0.01)
        assert w.own_cpu_s == pytest.approx(rec.user_s + rec.sys_s, abs=0.02)
        results[where] = (interference.others(w), interference.disturbance([rec]))
    # a hog on the pinned CPU shares it about half and half
    shared, why = results[mine]
    assert shared["on_cpu"] > 0.3 and why.startswith("other work ran on the pinned CPU")
    # a hog on another CPU is the rest of the machine, not this CPU's business
    apart, why = results[other]
    assert apart["machine_cpus"] > 0.7 and apart["on_cpu"] < shared["on_cpu"]


def test_unpinnable_cpu_exits_126_with_one_line(run):
    assert 1023 not in os.sched_getaffinity(0)
    proc = run("-c", "1023", "--", "true")
    assert proc.returncode == 126
    assert proc.stderr.decode().count("\n") == 1
    assert b"CPU 1023" in proc.stderr


def test_missing_program_exits_127_with_one_line(run):
    proc = run("--", "/nonexistent/program", "arg")
    assert proc.returncode == 127
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and "/nonexistent/program" in lines[0]
    assert [r.exit for r in records(proc)] == [127]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--"],
        ["-n"],
        ["-n", "0", "true"],
        ["-n", "x", "true"],
        ["-n", "2x", "true"],
        ["-c", "-1", "true"],
        ["-c", "99999", "true"],
        ["-x", "true"],
        ["-r", "true"],
    ],
)
def test_usage_errors_exit_2_with_one_line(run, args):
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert proc.stderr.decode().splitlines() == [
        "usage: measure [-c CPU [-r]] [-k] [-n REPEAT] -- PROGRAM [ARGS...]"
    ]


# --- signals -----------------------------------------------------------------


def start_sleeper(measure: Path, tmp_path: Path, sig: int) -> tuple[subprocess.Popen[bytes], int]:
    """measure -n 3 running a child that records its pid, then sleeps; returns (measure, pid)."""
    pidfile = tmp_path / "child.pid"
    proc = subprocess.Popen(
        [str(measure), "-n", "3", "--", "sh", "-c", f"echo $$ > {pidfile}; exec sleep 60"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # a shell may have started us with SIGINT ignored; measure keeps an ignored
        # signal ignored, so give it the default disposition for the test (a shell
        # could not: it cannot reset a signal ignored on entry). signal.signal is safe
        # between fork and exec, whatever threads the test process has.
        preexec_fn=lambda: signal.signal(sig, signal.SIG_DFL),  # noqa: PLW1509
    )
    wait_for(lambda: pidfile.exists() and pidfile.read_text().endswith("\n"), "child pid file")
    return proc, int(pidfile.read_text())


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_forwards_signals_to_the_child_and_stops(measure, tmp_path, sig):
    proc, child = start_sleeper(measure, tmp_path, sig)
    try:
        assert not process_gone(child)
        proc.send_signal(sig)
        stdout, _ = proc.communicate(timeout=TIMEOUT_S)
    finally:
        proc.kill()
    assert proc.returncode == 128 + sig
    assert [(r.exit, r.signal) for r in measure_tool.parse(stdout)] == [(None, sig)]
    assert process_gone(child)


def test_child_dies_with_measure(measure, tmp_path):
    proc, child = start_sleeper(measure, tmp_path, signal.SIGTERM)
    proc.kill()
    proc.wait(timeout=TIMEOUT_S)
    wait_for(lambda: process_gone(child), f"child {child} to die with measure")


# --- ensure() and parse() ---------------------------------------------------


def test_ensure_builds_once_and_caches(tmp_path):
    cache = tmp_path / "cache"
    first = measure_tool.ensure(cache)
    assert first.name.startswith("measure-") and len(first.name) == len("measure-") + 12
    assert os.access(first, os.X_OK)
    mtime = first.stat().st_mtime_ns
    time.sleep(0.01)
    second = measure_tool.ensure(cache)
    assert second == first and second.stat().st_mtime_ns == mtime
    assert [p.name for p in cache.iterdir()] == [first.name]  # no temp files left


def test_ensure_without_a_compiler_raises_docker_error(tmp_path, monkeypatch):
    monkeypatch.setenv("CC", "/nonexistent")
    with pytest.raises(DockerError) as info:
        measure_tool.ensure(tmp_path)
    message = str(info.value)
    assert message.startswith(f"cannot build {measure_tool.SOURCE}: ")
    assert message.endswith("; install gcc and libc6-dev") and "\n" not in message
    assert list(tmp_path.iterdir()) == []


def test_ensure_with_a_failing_compiler_raises_docker_error(tmp_path, monkeypatch):
    monkeypatch.setenv("CC", "false")
    with pytest.raises(DockerError, match=r"cannot build /.*/workloads/measure\.c: .*libc6-dev"):
        measure_tool.ensure(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_parse_keeps_well_formed_records_in_order():
    m = measure_tool.MARKER
    out = b"".join(
        [
            b"program output\n" + m + b'{"exit": 0}\n',
            b"not at line start " + m + b'{"exit": 9}\n',
            m + b"{broken json\n",
            m + b"[1, 2]\n",
            m + b'{"exit": "0", "wall_s": 1.0}\n',  # a field of the wrong type
            b"\n" + m + b'{"exit": 1, "signal": null}\n',
        ]
    )
    assert measure_tool.parse(out) == [model.Measured(exit=0), model.Measured(exit=1)]
    assert measure_tool.parse(b"") == []
