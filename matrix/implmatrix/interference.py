"""Was the machine quiet while a process was measured? And waiting until it is.

`workloads/measure.c` reads the host's /proc/stat and /proc/pressure/cpu (both
machine-wide, also inside a container) around each measured window and reports
what everything ran: CPU time on all CPUs and on the pinned one, the VM's steal
time, the CPU pressure stall time. Take away the process's own CPU time and what
is left is the rest of the machine. One rule for every phase (timed cells,
start-up, scaling): a measurement is disturbed when

- anything else ran on its pinned CPU for more than ON_CPU of its window, or
- the hypervisor stole more than STEAL of it, or
- the rest of the machine used more than MACHINE_BUSY_CPUS on average.

The last holds for pinned processes too: on the 2-vCPU build machine a busy loop
on the other CPU made a pinned MicroPython 10-50% slower (richards 145-160 ms
quiet, 164-240 ms beside it) while nothing else ran on its own CPU.

/proc/stat counts in ticks (10 ms), so every figure is allowed TICK_SLACK ticks.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TypedDict

from implmatrix import model

ON_CPU = 0.02  # share of the window others may run on the pinned CPU
STEAL = 0.02  # share of the window the hypervisor may steal
MACHINE_BUSY_CPUS = 0.20  # CPUs' worth the rest of the machine may use meanwhile
TICK_SLACK = 2
TICK_S = 1.0 / os.sysconf("SC_CLK_TCK")
CALM_SAMPLE_S = 0.25
CALM_CAP_S = 5.0  # longest wait for calm before one more attempt
BUSY_BACKOFF_S = 60.0  # after a wait for calm in vain, no more waiting for this long
ATTEMPTS = 3  # a disturbed process is measured at most this often in all


def _plus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a + b


def _sum(windows: Iterable[model.Window]) -> model.Window | None:
    """Several windows (the runs of one start-up batch) as one."""
    total: model.Window | None = None
    for w in windows:
        total = w if total is None else replace(
            total, window_s=total.window_s + w.window_s, own_cpu_s=total.own_cpu_s + w.own_cpu_s,
            busy_s=total.busy_s + w.busy_s, cpu_busy_s=_plus(total.cpu_busy_s, w.cpu_busy_s),
            steal_s=total.steal_s + w.steal_s, psi_some_s=_plus(total.psi_some_s, w.psi_some_s))
    return total


class Shares(TypedDict):
    """others(): what the rest of the machine ran, as shares of a window."""

    machine_cpus: float
    on_cpu: float | None  # None: the window has no pinned CPU's figures
    steal: float
    pressure: float | None  # None: no pressure stall information


def others(window: model.Window) -> Shares:
    """What the rest of the machine ran in WINDOW, as shares of it:
    `machine_cpus` (CPUs' worth on all CPUs), `on_cpu` (on the pinned CPU),
    `steal`, `pressure` (share of the window some task waited for a CPU)."""
    length = max(window.window_s, 1e-9)
    own = window.own_cpu_s
    slack = TICK_SLACK * TICK_S
    busy = max(0.0, window.busy_s - own - slack)
    cpu_busy, psi = window.cpu_busy_s, window.psi_some_s
    return {
        "machine_cpus": busy / length,
        "on_cpu": None if cpu_busy is None else max(0.0, cpu_busy - own - slack) / length,
        "steal": max(0.0, window.steal_s - slack) / length,
        "pressure": None if psi is None else min(1.0, psi / length),
    }


def disturbance(processes: Iterable[model.Measured | None]) -> str:
    """Why the measurement of PROCESSES (measure records; several for one batch, judged
    as one window) was disturbed, or "" if it was not (or nothing was recorded, as in
    older runs)."""
    window = _sum(p.interference for p in processes if p and p.interference)
    if window is None:
        return ""
    o = others(window)
    if o["steal"] > STEAL:
        return f"the hypervisor stole {o['steal']:.1%} of the CPU time"
    if o["on_cpu"] is not None and window.cpu >= 0 and o["on_cpu"] > ON_CPU:
        return f"other work ran on the pinned CPU {o['on_cpu']:.1%} of the time"
    if o["machine_cpus"] > MACHINE_BUSY_CPUS:
        return f"the rest of the machine used {o['machine_cpus']:.2f} CPUs meanwhile"
    return ""


def _busy_ticks() -> tuple[int, int] | None:
    """(busy, total) ticks of all CPUs together from the host's /proc/stat."""
    try:
        for line in Path("/proc/stat").read_text().splitlines():
            fields = line.split()
            if fields and fields[0] == "cpu":
                v = [int(x) for x in fields[1:9]]
                busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7]
                return busy, busy + v[3] + v[4]
    except (OSError, ValueError):
        pass
    return None


def wait_for_calm(cap_s: float = CALM_CAP_S) -> bool:
    """Wait until the machine is quiet (other work below MACHINE_BUSY_CPUS over a
    CALM_SAMPLE_S sample), at most CAP_S. Whether it is."""
    started = time.monotonic()
    cpus = os.cpu_count() or 1
    while time.monotonic() - started < cap_s:
        before = _busy_ticks()
        time.sleep(CALM_SAMPLE_S)
        after = _busy_ticks()
        if before is None or after is None:
            return True  # no /proc/stat here: nothing to wait for
        busy, total = after[0] - before[0], after[1] - before[1]
        if total and busy / total * cpus <= MACHINE_BUSY_CPUS:
            return True
    return False


class Remeasure:
    """Measures again what was disturbed, within a budget: what re-measuring costs
    (attempts thrown away, waiting for calm) stays under ALLOWANCE_S plus BUDGET of the
    run's time so far, and a machine that did not calm down within CALM_CAP_S is not
    waited for again for BUSY_BACKOFF_S: the disturbed measurement is kept, marked."""

    BUDGET = 0.20
    ALLOWANCE_S = 10.0  # so that the first processes of a run can be measured again too

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.attempts = 0  # measurements thrown away
        self.wall_s = 0.0  # their wall time
        self.waited_s = 0.0  # waiting for calm
        self.busy_until = 0.0  # no waiting before this: the machine stayed busy

    def again(self) -> bool:
        """Whether to measure once more now, after waiting for calm if the budget allows."""
        now = time.monotonic()
        left = (self.ALLOWANCE_S + self.BUDGET * (now - self.started)
                - self.wall_s - self.waited_s)
        if left <= 0 or now < self.busy_until:
            return False
        calm = wait_for_calm(min(CALM_CAP_S, left))
        self.waited_s += time.monotonic() - now
        if not calm:
            self.busy_until = time.monotonic() + BUSY_BACKOFF_S
        return calm

    def thrown_away(self, count: int, wall_s: float) -> None:
        self.attempts += count
        self.wall_s += wall_s

    def summary(self) -> model.Remeasured:
        return model.Remeasured(attempts=self.attempts, wall_s=round(self.wall_s, 2),
                                waited_s=round(self.waited_s, 2))
