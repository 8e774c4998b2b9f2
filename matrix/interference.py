"""Was the machine quiet while a process was measured? And waiting until it is.

`workloads/measure.c` reads the host's /proc/stat and /proc/pressure/cpu (both
machine-wide, also inside a container) around each measured window and reports
what everything ran: CPU time on all CPUs and on the pinned one, the VM's steal
time, the CPU pressure stall time. Take away the process's own CPU time and what
is left is the rest of the machine. This module judges that, one rule for every
phase:

- a process pinned to one CPU (timed cells) is disturbed when anything else ran
  on that CPU for more than ON_CPU of its window, or the hypervisor stole more
  than STEAL of it;
- a process that needs N CPUs (start-up: 1, scaling: its workers) is disturbed
  when the rest of the machine used more than the CPUs it left over, plus
  SPARE_CPU.

/proc/stat counts in ticks (10 ms), so every figure is allowed TICK_SLACK ticks.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ON_CPU = 0.02  # share of the window others may run on the pinned CPU
STEAL = 0.02  # share of the window the hypervisor may steal
SPARE_CPU = 0.10  # CPUs others may use beyond what the measured process leaves them
TICK_SLACK = 2
TICK_S = 1.0 / os.sysconf("SC_CLK_TCK")
CALM_SAMPLE_S = 0.25
CALM_CAP_S = 5.0  # longest wait for calm before one more attempt
ATTEMPTS = 3  # a disturbed process is measured at most this often in all


def _sum(windows: Iterable[Mapping[str, Any]]) -> dict[str, Any] | None:
    """Several windows (the runs of one start-up batch) as one."""
    total: dict[str, Any] | None = None
    for w in windows:
        if total is None:
            total = dict(w)
            continue
        for key in ("window_s", "own_cpu_s", "busy_s", "cpu_busy_s", "steal_s", "psi_some_s"):
            a, b = total.get(key), w.get(key)
            total[key] = None if a is None or b is None else a + b
    return total


def others(window: Mapping[str, Any]) -> dict[str, float | None]:
    """What the rest of the machine ran in WINDOW, as shares of it:
    `machine_cpus` (CPUs' worth on all CPUs), `on_cpu` (on the pinned CPU),
    `steal`, `pressure` (share of the window some task waited for a CPU)."""
    length = max(float(window.get("window_s") or 0.0), 1e-9)
    own = float(window.get("own_cpu_s") or 0.0)
    slack = TICK_SLACK * TICK_S
    busy = max(0.0, float(window.get("busy_s") or 0.0) - own - slack)
    cpu_busy = window.get("cpu_busy_s")
    psi = window.get("psi_some_s")
    return {
        "machine_cpus": busy / length,
        "on_cpu": None if cpu_busy is None
        else max(0.0, float(cpu_busy) - own - slack) / length,
        "steal": max(0.0, float(window.get("steal_s") or 0.0) - slack) / length,
        "pressure": None if psi is None else min(1.0, float(psi) / length),
    }


def disturbance(processes: Iterable[Mapping[str, Any] | None], need_cpus: int = 1) -> str:
    """Why the measurement of PROCESSES (measure records; several for one batch) was
    disturbed, or "" if it was not (or nothing was recorded, as in older runs)."""
    window = _sum(p["interference"] for p in processes if p and p.get("interference"))
    if window is None:
        return ""
    o = others(window)
    if o["steal"] > STEAL:
        return f"the hypervisor stole {o['steal']:.1%} of the CPU time"
    if o["on_cpu"] is not None and window.get("cpu", -1) >= 0:
        if o["on_cpu"] > ON_CPU:
            return f"other work ran on the pinned CPU {o['on_cpu']:.1%} of the time"
        return ""
    spare = max(0, int(window.get("cpus") or 1) - need_cpus)
    if o["machine_cpus"] > spare + SPARE_CPU:
        return (f"the rest of the machine used {o['machine_cpus']:.2f} CPUs "
                f"while {need_cpus} of {window.get('cpus')} were needed")
    return ""


def _busy_ticks(cpu: int | None) -> tuple[int, int] | None:
    """(busy, total) ticks of CPU (None: all of them) from the host's /proc/stat."""
    name = "cpu" if cpu is None else f"cpu{cpu}"
    try:
        for line in Path("/proc/stat").read_text().splitlines():
            fields = line.split()
            if fields and fields[0] == name:
                v = [int(x) for x in fields[1:9]]
                busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7]
                return busy, busy + v[3] + v[4]
    except (OSError, ValueError):
        pass
    return None


def wait_for_calm(cpu: int | None, need_cpus: int = 1, cap_s: float = CALM_CAP_S) -> bool:
    """Wait until the machine can give a measurement what it needs: CPU idle (a pinned
    process), or NEED_CPUS CPUs free of other work; at most CAP_S. Whether it can."""
    started = time.monotonic()
    cpus = os.cpu_count() or 1
    while time.monotonic() - started < cap_s:
        before = _busy_ticks(cpu)
        time.sleep(CALM_SAMPLE_S)
        after = _busy_ticks(cpu)
        if before is None or after is None:
            return True  # no /proc/stat here: nothing to wait for
        busy, total = after[0] - before[0], after[1] - before[1]
        share = busy / total if total else 0.0  # of this CPU, or of all CPUs
        if share * (1 if cpu is not None else cpus) <= (
                0.10 if cpu is not None else max(0, cpus - need_cpus) + SPARE_CPU):
            return True
    return False


class Remeasure:
    """Measures again what was disturbed, within a budget: what re-measuring costs
    (attempts thrown away, waiting for calm) stays under BUDGET of the run's time so
    far, and a machine that does not calm down within CALM_CAP_S is not waited for
    again and again: the disturbed measurement is kept, and marked."""

    BUDGET = 0.20

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.attempts = 0  # measurements thrown away
        self.wall_s = 0.0  # their wall time
        self.waited_s = 0.0  # waiting for calm

    def again(self, cpu: int | None, need_cpus: int) -> bool:
        """Whether to measure once more now, after waiting for calm if the budget allows."""
        left = self.BUDGET * (time.monotonic() - self.started) - self.wall_s - self.waited_s
        if left <= 0:
            return False
        t = time.monotonic()
        calm = wait_for_calm(cpu, need_cpus, min(CALM_CAP_S, left))
        self.waited_s += time.monotonic() - t
        return calm

    def thrown_away(self, count: int, wall_s: float) -> None:
        self.attempts += count
        self.wall_s += wall_s

    def summary(self) -> dict[str, float]:
        return {"attempts": self.attempts, "wall_s": round(self.wall_s, 2),
                "waited_s": round(self.waited_s, 2)}
