"""Timing benchmark: how much of a run is measurement, how repeatable it is, and
whether the tool's numbers match timing the same file by hand.

    make bench            (or: .venv/bin/python -m tests.bench_timing)

1. Runs the built-in workloads with the fast preset and prints its orchestration
   efficiency (time inside measured iterations, warmups included, ÷ wall time;
   target >= 0.8) and where the rest of the time went, per implementation.
2. Runs them twice back to back with the default preset and prints the
   per-implementation geometric means of both runs with their difference (target:
   within 3%). The fast preset (one process per cell) is for development and is
   not expected to repeat that closely on a noisy machine.
3. Accuracy: per workload on cpython3.13, the tool's steady_s (median of the values of
   5 processes) against the same file timed directly (`docker run`, a plain
   perf_counter loop, same CPU pinning, no harness or measure wrapper; median of 5
   processes' medians); target: within 5%. The two alternate process by process
   (one `implmatrix run --processes 1`, one direct process, ...), so that a slow spell
   of the machine, which lasts seconds here, hits both sides alike.
4. Load: three fast-preset runs, every cell measured anew (`--force`): quiet, with one
   busy-looping process on the machine (unpinned, started by the bench for that run
   only and never older than HOG_CAP_S), quiet again. Prints per implementation the
   three geometric means with the shift loaded vs quiet (target: within 3%) and run to
   run, quiet vs quiet again (target: within 2%); the claims' verdicts of the three
   runs and how many turned over, holds in one run and does not hold in another
   (target: 0); and what re-measuring disturbed processes cost: per run the attempts
   thrown away, their wall time, the wait for calm, the processes measured, re-measured
   and still disturbed, and the loaded run's extra wall time (target: at most 25%).

    python -m tests.bench_timing [efficiency] [repeat] [accuracy] [load]   (default: all four)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pandas as pd

from matrix import BUILTIN_SUITE, ROOT, aggregate, claims, render, run, store

PROCESSES = 5
HOG_CAP_S = 1800  # the load part's busy loop ends by itself after this, whatever happens
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
    lines = [f"timed cells {timed['iterations_s']:.0f} s inside iterations / "
             f"{timed['wall_s']:.0f} s = {timed['iterations_s'] / timed['wall_s']:.2f} "
             f"(whole run with start-up and scaling: {wall:.0f} s)"]
    processes_s, cells = 0.0, r.cells()
    for impl in meta["settings"]["implementations"]:
        runs = [run for c in cells if c["implementation"] == impl for run in c["runs"]]
        inside = sum(sum(run["record"].get("warmups") or []) + sum(run["record"].get("values")
                                                                   or [])
                     for run in runs if run.get("record"))
        walls = sum((run.get("process") or {}).get("wall_s", 0.0) for run in runs)
        processes_s += walls
        lines.append(f"  {impl:<16} {inside:6.1f} s inside, {walls - inside:5.1f} s starting and "
                     f"ending {len(runs)} processes ({(walls - inside) / len(runs):.2f} s each)")
    lines.append(f"  {'host side':<16} {timed['wall_s'] - processes_s:5.1f} s (docker exec, "
                 "bookkeeping)")
    return "\n".join(lines)


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


def bench_efficiency(tmp: Path) -> None:
    r, wall = implmatrix_run(tmp / "fast", "--fast")
    print(f"fast preset, orchestration efficiency: {efficiency(r, wall)}", flush=True)


def bench_repeat(tmp: Path) -> None:
    runs = [implmatrix_run(tmp / f"default{n}")[0] for n in (1, 2)]
    first, second = (geomeans(r) for r in runs)
    print("default preset, two runs back to back: geometric mean vs cpython3.13, "
          "run 1 / run 2 / difference:")
    for impl in first.index:
        diff = second[impl] / first[impl] - 1
        verdict = "ok" if abs(diff) <= 0.03 else "over 3%"
        print(f"  {impl:<16} {first[impl]:6.3f}x {second[impl]:6.3f}x {diff:+6.1%}  {verdict}",
              flush=True)


def bench_accuracy(tmp: Path) -> None:
    print(f"accuracy on cpython3.13 ({PROCESSES} processes each, alternating): tool steady_s "
          "vs a direct perf_counter loop:")
    worst = 0.0
    for workload in sorted(BUILTIN_SUITE.glob("*.py")):
        tool_values, direct = [], []
        for _ in range(PROCESSES):
            r, _ = implmatrix_run(tmp / "accuracy", "--impl", "cpython3.13", "--select",
                                  workload.stem, "--processes", "1", "--values", "5", "--force")
            tool_values += aggregate.pooled_values(r.cells()[0])
            image = r.meta()["implementations"]["cpython3.13"]["image"]
            direct.append(direct_median(image, workload, 6, 5))
        steady, plain = statistics.median(tool_values), statistics.median(direct)
        diff = steady / plain - 1
        worst = max(worst, abs(diff))
        print(f"  {workload.stem:<18} tool {steady * 1e3:8.2f} ms  direct {plain * 1e3:8.2f} ms  "
              f"{diff:+6.1%}", flush=True)
    print(f"worst difference {worst:.1%}; target 5% {'met' if worst <= 0.05 else 'MISSED'}")


@contextmanager
def cpu_hog() -> Iterator[None]:
    """One busy-looping process, unpinned, while the block runs; it stops by itself
    after HOG_CAP_S should the bench die without killing it."""
    hog = subprocess.Popen([sys.executable, "-c", "import time\nend = time.monotonic() + "
                            f"{HOG_CAP_S}\nwhile time.monotonic() < end: pass"])
    try:
        yield
    finally:
        if hog.poll() is not None:
            print(f"  (the busy loop ended at its cap of {HOG_CAP_S} s before the run did)")
        hog.kill()
        hog.wait()


def within(diff: float, target: float) -> str:
    return "ok" if abs(diff) <= target else f"over {target:.0%}"


def bench_load(tmp: Path, extra: Sequence[str] = ()) -> None:
    """EXTRA: more arguments for every run (e.g. `--impl` and `--select`, for a quick check)."""
    names = ("quiet", "loaded", "quiet again")
    print("fast preset, three runs: quiet, with one busy-looping process, quiet again",
          flush=True)
    runs: dict[str, store.RunDir] = {}
    for name in names:
        with cpu_hog() if name == "loaded" else nullcontext():
            runs[name], _ = implmatrix_run(tmp / name.replace(" ", "-"), "--fast", "--force",
                                           *extra)
    quiet, loaded, again = (geomeans(runs[n]) for n in names)
    print(f"  geometric mean vs {runs['quiet'].meta()['settings']['implementations'][0]}, "
          "quiet / loaded / quiet again; loaded vs quiet; quiet again vs quiet:")
    for impl in quiet.index:
        shift, repeat = loaded[impl] / quiet[impl] - 1, again[impl] / quiet[impl] - 1
        print(f"  {impl:<16} {quiet[impl]:6.3f}x {loaded[impl]:6.3f}x {again[impl]:6.3f}x  "
              f"{shift:+6.1%} {within(shift, 0.03):<8} {repeat:+6.1%} {within(repeat, 0.02)}")

    verdicts: dict[str, dict[str, str]] = {}
    for name in names:
        for row in render.view(runs[name])[0]["claims"]:
            verdicts.setdefault(row["claim"].split(" (taken as")[0], {})[name] = \
                claims.word(row["verdict"])
    print("  claims, quiet / loaded / quiet again:")
    for claim, by_run in verdicts.items():
        short = claim if len(claim) <= 50 else claim[:49] + "…"
        print(f"  {short:<50} " + " ".join(f"{by_run.get(n, '-'):<13}" for n in names).rstrip())
    turned = sum({claims.HOLDS, claims.DOES_NOT_HOLD} <= set(v.values())
                 for v in verdicts.values())
    print(f"  verdicts turned over (holds in one run, does not hold in another): {turned} "
          f"(target 0)")

    print("  re-measuring, per run: wall time; attempts thrown away, their wall time, "
          "wait for calm; processes measured, re-measured, still disturbed:")
    for name in names:
        r = runs[name]
        meta, counts = r.meta(), aggregate.remeasured(r.cells(), r.extras("startup"),
                                                      r.extras("scaling"))
        cost = meta["remeasured"]
        print(f"  {name:<12} {meta['wall_s']:6.0f} s; {cost['attempts']:3d} attempts, "
              f"{cost['wall_s']:5.0f} s, {cost['waited_s']:4.0f} s waiting; "
              f"{counts['processes']} processes, {counts['remeasured']} re-measured, "
              f"{counts['disturbed']} still disturbed")
    extra_wall = runs["loaded"].meta()["wall_s"] / runs["quiet"].meta()["wall_s"] - 1
    print(f"  loaded run's extra wall time vs quiet: {extra_wall:+.0%} (target at most 25%: "
          f"{'met' if extra_wall <= 0.25 else 'MISSED'})", flush=True)


PARTS = {"efficiency": bench_efficiency, "repeat": bench_repeat, "accuracy": bench_accuracy,
         "load": bench_load}


def main(argv: list[str]) -> int:
    unknown = [a for a in argv if a not in PARTS]
    if unknown:
        print(f"bench_timing: unknown part {unknown[0]!r}; choose from {', '.join(PARTS)}",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="implmatrix-bench-") as tmp:
        for name in argv or PARTS:
            PARTS[name](Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
