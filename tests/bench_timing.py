"""Timing benchmark: how much of a run is measurement, how repeatable it is, and
whether the tool's numbers match timing the same file by hand.

    make bench            (or: .venv/bin/python -m tests.bench_timing)

1. Runs the built-in workloads twice back to back with the fast preset and prints
   the orchestration efficiency of each run (time inside measured iterations,
   warmups included, ÷ wall time; target >= 0.8) and the per-implementation
   geometric means of both runs with their difference (target: within 3%).
2. Accuracy: times each workload on cpython3.13 directly (`docker run`, a plain
   perf_counter loop, same CPU pinning, no harness or measure wrapper) in 5 fresh
   processes and compares the median with the tool's steady_s from 5 processes
   (target: within 5%).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from matrix import BUILTIN_SUITE, ROOT, aggregate, run, store

PROCESSES = 5
DIRECT = """
import statistics, sys, time
ns = {"__name__": "__workload__"}
exec(compile(open(sys.argv[1]).read(), sys.argv[1], "exec"), ns)
for _ in range(int(sys.argv[2])):
    ns["run"]()
times = []
for _ in range(int(sys.argv[3])):
    t0 = time.perf_counter()
    ns["run"]()
    times.append(time.perf_counter() - t0)
print(statistics.median(times))
"""


def implmatrix_run(out: Path, *args: str) -> tuple[store.RunDir, float]:
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "matrix", "run", "--workloads",
                           str(BUILTIN_SUITE), "--out", str(out), *args],
                          cwd=ROOT, capture_output=True, text=True)
    wall = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit(proc.stdout + proc.stderr)
    found = store.latest(out)
    assert found is not None
    return found, wall


def efficiency(r: store.RunDir, wall: float) -> str:
    meta = r.meta()
    timed = meta["phases"]["timed"]
    inside = sum(sum(rec.get("warmups") or []) + sum(rec.get("values") or [])
                 for c in r.cells() for rec in aggregate.records(c))
    return (f"timed cells {timed['iterations_s']:.0f} s inside iterations / "
            f"{timed['wall_s']:.0f} s = {timed['iterations_s'] / timed['wall_s']:.2f}; "
            f"whole run (with start-up, scaling, image check) {inside:.0f} / {wall:.0f} s = "
            f"{inside / wall:.2f}")


def geomeans(r: store.RunDir) -> pd.Series:
    order = r.meta()["settings"]["implementations"]
    _, means = aggregate.speed(r.cells(), order[0], order)
    return means["geomean"]


def direct_median(image: str, workload: Path, warmups: int, values: int) -> float:
    proc = subprocess.run(
        ["docker", "run", "--rm", "--network", "none", "--cpuset-cpus", str(run.timed_cpu()),
         "--user", "65534:65534", "-v", f"{workload}:/w.py:ro", image,
         "python3.13", "-c", DIRECT, "/w.py", str(warmups), str(values)],
        capture_output=True, text=True, check=True)
    return float(proc.stdout.strip())


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="implmatrix-bench-") as tmp:
        runs = [implmatrix_run(Path(tmp) / f"run{n}", "--fast") for n in (1, 2)]
        for n, (r, wall) in enumerate(runs, 1):
            print(f"run {n}: {wall:.0f} s wall; orchestration efficiency: {efficiency(r, wall)}")
        first, second = (geomeans(r) for r, _ in runs)
        print("geometric mean vs cpython3.13, run 1 / run 2 / difference:")
        for impl in first.index:
            diff = second[impl] / first[impl] - 1
            verdict = "ok" if abs(diff) <= 0.03 else "over 3%"
            print(f"  {impl:<16} {first[impl]:6.2f}x {second[impl]:6.2f}x {diff:+6.1%}  {verdict}")

        # Accuracy: processes differ (memory layout, hash seeds), so both sides take the
        # median over PROCESSES fresh processes.
        r, _ = implmatrix_run(Path(tmp) / "accuracy", "--impl", "cpython3.13",
                              "--processes", str(PROCESSES), "--values", "5")
        tool = {c["workload"]: statistics.median(aggregate.pooled_values(c))
                for c in r.cells() if c["status"] == "ok"}
        image = json.loads((r.path / "run.json").read_text())["implementations"][
            "cpython3.13"]["image"]
        print(f"accuracy on cpython3.13 ({PROCESSES} processes each): tool steady_s vs a "
              "direct perf_counter loop:")
        worst = 0.0
        for name, steady in sorted(tool.items()):
            direct = statistics.median(
                direct_median(image, BUILTIN_SUITE / f"{name}.py", 6, 5)
                for _ in range(PROCESSES))
            diff = steady / direct - 1
            worst = max(worst, abs(diff))
            print(f"  {name:<18} tool {steady * 1e3:8.2f} ms  direct {direct * 1e3:8.2f} ms  "
                  f"{diff:+6.1%}")
        print(f"worst difference {worst:.1%}; target 5% {'met' if worst <= 0.05 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
