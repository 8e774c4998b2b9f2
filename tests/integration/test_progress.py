"""The progress display of a real small run: a live frame on a terminal, plain lines in
a pipe, only the summary with --quiet. The three runs are as small as a run gets (one
quick workload and three scripts on two implementations, --debug-single-value), and
run at once."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

from tests import ROOT
from tests.integration.conftest import FIXTURES, leftover_containers

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# rich redraws its frame by erasing it line by line (cursor up, erase line)
REDRAW = re.compile(r"\r(?:\x1b\[2K\x1b\[1A)*\x1b\[2K")
STATUS = re.compile(r"\[\d+:\d\d\] (\S+)( begins)?: (.+) \| elapsed \d+:\d\d, ETA .+")


def args(suite: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "implmatrix", "run", "--debug-single-value",
            "--impl", "cpython3.13", "--impl", "micropython1.25",
            "--workloads", str(FIXTURES / "cells"), "--select", "passes",
            "--suite", str(suite), "--out", str(out)]


def on_terminal(argv: list[str]) -> tuple[int, str, int]:
    """Run ARGV on a pseudo-terminal of 110 x 40: exit status, all it wrote, its pid."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 110, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "CI")}
    proc = subprocess.Popen(argv, cwd=ROOT, stdin=slave, stdout=slave, stderr=slave,
                            env={**env, "TERM": "xterm-256color"})
    os.close(slave)
    written = b""
    try:
        while True:
            if select.select([master], [], [], 120)[0] == []:
                raise TimeoutError(written.decode(errors="replace")[-2000:])
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: every writer closed the terminal
                break
            if not data:
                break
            written += data
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return proc.returncode, written.decode("utf-8", "replace"), proc.pid


def frames(written: str) -> list[str]:
    """What the terminal showed between redraws, escape codes stripped."""
    return [ANSI.sub("", part).replace("\r\n", "\n") for part in REDRAW.split(written)]


def test_live_frame_on_a_terminal_plain_lines_in_a_pipe_and_quiet(built, tmp_path):
    suite = tmp_path / "suite"
    suite.mkdir()
    for n in range(3):
        (suite / f"s{n}.py").write_text(f"print({n} * 7)\n")
    piped, quiet = (subprocess.Popen(argv, cwd=ROOT, text=True, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1"})
                    for argv in (args(suite, tmp_path / "piped"),
                                 [*args(suite, tmp_path / "quiet"), "--quiet"]))
    rc, written, pid = on_terminal(args(suite, tmp_path / "terminal"))
    out, err = piped.communicate(timeout=300)
    quiet_out, quiet_err = quiet.communicate(timeout=300)

    assert rc == 0, written[-3000:]
    assert "\x1b[" in written  # a live display, not lines
    shown = frames(written)
    # a frame mid-run: each phase with done/total, the heading with elapsed time and ETA
    mid = [f for f in shown if re.search(r"^timed +\d/2 .*running", f, re.M)]
    assert mid, shown
    assert re.search(r"^implmatrix +elapsed \d+:\d\d, ETA \d+:\d\d", mid[-1], re.M), mid[-1]
    assert re.search(r"^images +2/2 .*done in", mid[-1], re.M), mid[-1]
    assert re.search(r"^scripts +0/6 .*next, ~\d+:\d\d left", mid[-1], re.M), mid[-1]
    last = shown[-1]  # the last frame stays, then the report's lines
    for phase, total in (("images", 2), ("timed", 2), ("start-up", 2), ("scripts", 6)):
        assert re.search(rf"^{phase} +{total}/{total} .*done in \d+:\d\d", last, re.M), last
    text = "\n".join(shown)
    assert re.search(r"^2 cells: 2 ok and 6 script cells in \d+ s", text, re.M), text
    assert "report: " in text and "Traceback" not in text

    assert piped.returncode == 0, err
    assert "\x1b" not in out + err
    lines = out.splitlines()
    status = [m for line in lines if (m := STATUS.fullmatch(line))]
    assert len(status) == sum(re.match(r"\[\d+:\d\d\] ", line) is not None for line in lines)
    # a line per phase with work as it begins (and one every 15 s, if the run is slow)
    begun = [m for m in status if m[2]]
    assert [m[1] for m in begun] == ["images", "timed", "start-up", "scripts"], lines
    assert begun[-1][3] == "images 2/2 | timed 2/2 | start-up 2/2 | scripts 0/6", lines
    assert lines[-3].startswith("2 cells: 2 ok and 6 script cells in "), lines

    # --quiet: only errors (none here) and the summary, then the report's lines
    assert quiet.returncode == 0, quiet_err
    lines = quiet_out.splitlines()
    assert lines[0].startswith("2 cells: 2 ok and 6 script cells in "), lines
    assert lines[1].startswith("report: "), lines
    assert not any(line.startswith("[") or " workloads x " in line for line in lines)
    for process in (piped.pid, quiet.pid, pid):
        assert leftover_containers(process) == []

