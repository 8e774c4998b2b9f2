"""One long-lived, sandboxed container per implementation for a whole run.

Cells are `docker exec`ed into it, each in a fresh interpreter process; the
container is removed in `finally`, on errors and Ctrl-C too.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import tarfile
import threading
import time
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import IO

from implmatrix.engine import docker

TIMEOUT_EXIT = 124  # coreutils timeout(1): the command timed out
SIGNAL_EXIT = 128  # a process killed by signal N exits 128+N (as shells, docker, timeout(1) say)
KILL_GRACE_S = 5  # after SIGTERM at the time limit, SIGKILL this much later
OUTPUT_TAIL = 1 << 20  # bytes of each output stream kept per cell
STRAGGLER_S = 1.0  # how long processes killed with their group may take to be gone
# The container's own cgroup files, read from inside, where the engine mounts that
# cgroup (v1 always, v2 with the private cgroup namespace that is Docker's default
# there), so it works wherever the engine runs, a remote one too; any user may read
# them. cgroup v2's, then v1's: how many processes the kernel killed for want of memory
# (an `oom_kill N` line), and how many processes run.
OOM_COUNTERS = ("/sys/fs/cgroup/memory.events", "/sys/fs/cgroup/memory/memory.oom_control")
PROCESS_COUNTERS = ("/sys/fs/cgroup/pids.current", "/sys/fs/cgroup/pids/pids.current")


def _keep_tail(stream: IO[bytes], into: dict[str, bytes], key: str) -> None:
    tail = b""
    for chunk in iter(lambda: stream.read(65536), b""):
        tail = (tail + chunk)[-OUTPUT_TAIL:]
    stream.close()
    into[key] = tail


@dataclass(frozen=True)
class Sandbox:
    """Limits every workload runs under."""

    memory: str = "2g"
    pids: int = 512  # counts threads: the JVM starts a few dozen
    tmpfs: str = "256m"
    user: str = "65534:65534"  # nobody


@dataclass(frozen=True)
class ExecResult:
    returncode: int
    stdout: bytes
    stderr: bytes
    wall_s: float
    timed_out: bool
    # Processes the kernel killed in the container for want of memory while this ran
    # (None: not watched, or the engine does not show the count).
    oom_kills: int | None = None
    # Whether another watched exec ran in the same container meanwhile (then a kill
    # counted here may have been of its process).
    shared: bool = False
    # Processes it left running (None: not watched, or not known).
    left: int | None = None


@dataclass(frozen=True)
class Counts:
    """The container's cgroup counters at one moment (None: not shown by the engine)."""

    oom_kills: int | None
    processes: int | None


def memory_text(limit: str) -> str:
    """A Docker memory limit ("2g") as people write it ("2 GiB")."""
    units = {"b": "bytes", "k": "KiB", "m": "MiB", "g": "GiB"}
    unit = units.get(limit[-1:].lower())
    return f"{limit[:-1]} {unit}" if unit and limit[:-1].isdigit() else limit


class Container:
    def __init__(self, image: str, mounts: dict[Path, str], sandbox: Sandbox = Sandbox()):
        self.image = image
        self.mounts = mounts
        self.sandbox = sandbox
        self.name = f"implmatrix-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        # Watched execs running now (compatibility batches run several at once), each
        # with whether another one overlapped it.
        self._watching: dict[int, bool] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Container:
        s = self.sandbox
        args = [
            # --pull never: an image missing here is an error now, not a registry pull
            "create", "--pull", "never", "--name", self.name,
            "--label", "org.implmatrix.cell-runner=1",
            "--init", "--network", "none", "--read-only",
            "--memory", s.memory, "--memory-swap", s.memory, "--pids-limit", str(s.pids),
            "--user", s.user, "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
            "--tmpfs", f"/tmp:rw,exec,size={s.tmpfs},mode=1777",
            "--env", "HOME=/tmp", "--env", "LANG=C.UTF-8", "--workdir", "/tmp",
        ]
        for host, inside in self.mounts.items():
            args += ["--volume", f"{host.resolve()}:{inside}:ro"]
        docker([*args, self.image, "sleep", "infinity"], timeout=120)
        try:
            docker(["start", self.name], timeout=120)
        except BaseException:
            self._remove()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._remove()

    def _remove(self) -> None:
        # Also on KeyboardInterrupt: a second Ctrl-C must not leave it behind.
        try:
            docker(["rm", "--force", self.name], timeout=120, check=False)
        except BaseException:
            docker(["rm", "--force", self.name], timeout=120, check=False)
            raise

    def counts(self) -> Counts:
        """How many processes the kernel has killed in this container for want of
        memory, and how many run (this reader included), as far as the engine shows."""
        # grep fails on the files of the other cgroup version; what it printed counts.
        proc = docker(["exec", self.name, "grep", "-H", "", *OOM_COUNTERS,
                       *PROCESS_COUNTERS], timeout=60, check=False)
        return parse_counts(proc.stdout.decode("ascii", "replace"))

    def restart(self) -> None:
        """Kill every process in the container and start it afresh (its /tmp emptied)."""
        docker(["restart", "--time", "0", self.name], timeout=120)

    def exec(self, argv: list[str], timeout_s: float, input: bytes | None = None,
             watch: bool = False) -> ExecResult:
        """Run argv in a fresh process; timeout(1) inside enforces the limit.

        Only the last OUTPUT_TAIL bytes of each stream are kept (the record is
        the last line), so a workload printing gigabytes cannot exhaust the host.
        With WATCH, the result says how many processes ran out of memory
        meanwhile and how many it left running (two more execs, about 0.1 s: for
        workloads, whose SIGKILL is otherwise a guess).
        """
        if not watch:
            return self._exec(argv, timeout_s, input)
        before = self.counts()
        token = object()
        with self._lock:
            for other in self._watching:
                self._watching[other] = True
            self._watching[id(token)] = bool(self._watching)
        try:
            result = self._exec(argv, timeout_s, input)
        finally:
            with self._lock:
                shared = self._watching.pop(id(token))
        after = self.counts()
        if after.processes is not None and before.processes is not None \
                and after.processes > before.processes:
            # Killed at the limit, the rest of its process group may still be exiting.
            time.sleep(STRAGGLER_S)
            after = self.counts()
        return replace(result, shared=shared,
                       oom_kills=_rise(before.oom_kills, after.oom_kills),
                       # No count after one before: the container cannot even start a
                       # reader (its process limit is taken); at least one is left.
                       left=_rise(before.processes, after.processes)
                       if after.processes is not None or before.processes is None else 1)

    def _exec(self, argv: list[str], timeout_s: float, input: bytes | None) -> ExecResult:
        cmd = ["docker", "exec", *(["--interactive"] if input is not None else []), self.name,
               "timeout", "-k", str(KILL_GRACE_S), str(timeout_s), *argv]
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL)
        tails: dict[str, bytes] = {}
        readers = [threading.Thread(target=_keep_tail, args=(stream, tails, key), daemon=True)
                   for key, stream in (("out", proc.stdout), ("err", proc.stderr))]
        for reader in readers:
            reader.start()
        if input is not None:
            assert proc.stdin is not None
            try:
                proc.stdin.write(input)
                proc.stdin.close()
            except BrokenPipeError:
                pass
        try:
            returncode = proc.wait(timeout=timeout_s + 60)
            hung = False
        except subprocess.TimeoutExpired:  # docker itself hung
            proc.kill()
            returncode, hung = proc.wait(), True
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        for reader in readers:
            reader.join()
        wall = time.monotonic() - start
        # timeout(1) exits 124, or 137 when the child ignored SIGTERM and got SIGKILL.
        timed_out = hung or returncode == TIMEOUT_EXIT or (
            returncode == 128 + signal.SIGKILL and wall >= timeout_s)
        return ExecResult(returncode, tails.get("out", b""), tails.get("err", b""),
                          wall, timed_out)

    def fetch(self, directory: str) -> dict[str, bytes]:
        """The regular files directly in DIRECTORY, which is then removed."""
        proc = docker(["exec", self.name, "tar", "-C", directory, "-cf", "-", "."],
                      timeout=300, check=False)
        docker(["exec", self.name, "rm", "-rf", directory], timeout=120, check=False)
        files: dict[str, bytes] = {}
        if proc.returncode != 0:
            return files
        with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
            for member in tar.getmembers():
                f = tar.extractfile(member) if member.isfile() else None
                if f is not None:
                    files[member.name.removeprefix("./")] = f.read()
        return files

    def read(self, path: str) -> str:
        proc = docker(["exec", self.name, "cat", path], timeout=60, check=False)
        return proc.stdout.decode("utf-8", "replace").strip()


def parse_counts(grepped: str) -> Counts:
    """The counters in GREPPED (`grep -H "" FILES...`: PATH:LINE lines)."""
    oom = processes = None
    for line in grepped.splitlines():
        path, _, text = line.partition(":")
        key, _, value = text.rpartition(" ")
        if path in OOM_COUNTERS and key == "oom_kill" and value.isdigit():
            oom = int(value)
        elif path in PROCESS_COUNTERS and text.isdigit():
            processes = int(text)
    return Counts(oom, processes)


def _rise(before: int | None, after: int | None) -> int | None:
    return None if before is None or after is None else after - before
