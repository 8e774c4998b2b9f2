"""matrix/implmatrix/interference.py: when a measured process counts as disturbed, and how a
report shows it (results.csv columns, the header's counts, the † mark)."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from dataclasses import replace

import pytest

from implmatrix import aggregate, interference, model, render
from tests.unit.conftest import IMPL_META, make_cell, make_record

TICKS = interference.TICK_SLACK * interference.TICK_S  # what /proc/stat's ticks may be off by


def window(seconds: float = 2.0, own: float = 2.0, *, busy: float | None = None,
           cpu_busy: float | None = None, steal: float = 0.0, cpu: int = 1,
           cpus: int = 2) -> model.Measured:
    """A measure record with the "interference" of one window."""
    return model.Measured(wall_s=seconds, max_rss_kb=9000, exit=0, interference=model.Window(
        window_s=seconds, cpus=cpus, cpu=cpu, own_cpu_s=own,
        busy_s=own if busy is None else busy,
        cpu_busy_s=(own if cpu_busy is None else cpu_busy) if cpu >= 0 else None,
        steal_s=steal, psi_some_s=0.0))


def test_a_quiet_pinned_process_is_not_disturbed():
    assert interference.disturbance([window(busy=2.0 + 0.1)]) == ""


def test_other_work_on_the_pinned_cpu_disturbs_beyond_two_percent():
    share = interference.ON_CPU * 2.0 + TICKS  # all that the rule forgives
    assert interference.disturbance([window(cpu_busy=2.0 + share - 0.001)]) == ""
    why = interference.disturbance([window(cpu_busy=2.0 + share + 0.01)])
    assert why == "other work ran on the pinned CPU 2.5% of the time"


def test_steal_disturbs():
    why = interference.disturbance([window(steal=0.2)])
    assert why.startswith("the hypervisor stole 9.0%")


def test_the_rest_of_the_machine_busy_disturbs_every_process():
    # on this kind of VM a busy CPU slows the others too: pinned or not, a process is
    # disturbed when others used more than MACHINE_BUSY_CPUS
    assert interference.disturbance([window(busy=2.0 + 0.3 + TICKS)]) == ""
    assert interference.disturbance([window(busy=2.0 + 0.5 + TICKS)]).startswith(
        "the rest of the machine used 0.25 CPUs meanwhile")
    scaled = window(cpu=-1, own=3.8, busy=3.8 + 0.2 + TICKS)  # 2 workers; others 0.1 CPU
    assert interference.disturbance([scaled]) == ""


def test_a_batch_of_short_runs_is_judged_as_one_window():
    # ten 20 ms start-ups with another program busy on the other CPU all along:
    # each alone is within a tick of nothing, together they show 1 CPU in use
    runs = [window(seconds=0.02, own=0.02, busy=0.04, cpu=-1) for _ in range(10)]
    assert interference.disturbance(runs[:1]) == ""
    assert interference.disturbance(runs).startswith("the rest of the machine used 0.90 CPUs")


def test_records_without_interference_are_not_disturbed():
    assert interference.disturbance([None, model.Measured(wall_s=1.0)]) == ""


def test_wait_for_calm_sees_a_busy_cpu_and_gives_up_at_its_cap():
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.2)
        started = time.monotonic()
        assert interference.wait_for_calm(cap_s=0.6) is False
        assert 0.5 < time.monotonic() - started < 1.5
    finally:
        hog.kill()
        hog.wait()


def test_remeasuring_stays_within_its_budget_and_backs_off(monkeypatch):
    budget = interference.Remeasure()
    budget.started -= 10.0  # ten seconds into the run: 2 s to spend, and the allowance
    calm = [True]
    monkeypatch.setattr(interference, "wait_for_calm", lambda cap: cap > 0 and calm[0])
    assert budget.again()
    budget.thrown_away(1, budget.ALLOWANCE_S + 2.5)
    assert not budget.again()  # 2.5 s spent of 2 s
    assert budget.summary() == model.Remeasured(attempts=1, wall_s=budget.ALLOWANCE_S + 2.5,
                                                waited_s=0.0)
    busy = interference.Remeasure()
    calm[0] = False
    assert not busy.again()  # waited in vain...
    calm[0] = True
    assert not busy.again()  # ...so no waiting for BUSY_BACKOFF_S
    busy.busy_until = 0.0
    assert busy.again()


def disturbed_scenario() -> tuple[list[model.Cell], model.Startup]:
    base = make_cell("cpython3.13", "w", record=make_record("cpython3.13", [1.0, 1.0, 1.0]))
    pypy = make_cell("pypy3.11", "w", records=[make_record("pypy3.11", [0.5] * 3)] * 2)
    first, second = pypy.runs
    pypy = replace(pypy, runs=(
        replace(first, remeasured=2, disturbed="other work ran on the pinned CPU 40% of the "
                "time", process=window(cpu_busy=2.8)),
        replace(second, remeasured=1, disturbed="", process=window())))
    start = window(0.02, 0.02, cpu=-1)
    startup = model.Startup(implementation="cpython3.13", programs={"empty": model.StartupBatch(
        processes=(model.StartupProcess(wall_s=start.wall_s, interference=start.interference),
                   model.StartupProcess(wall_s=start.wall_s, interference=start.interference,
                                        remeasured=1)))})
    return [base, pypy], startup


def test_results_and_counts_carry_the_interference():
    cells, startup = disturbed_scenario()
    df = aggregate.results(cells, IMPL_META).set_index("implementation")
    assert df.at["pypy3.11", "remeasured"] == 3 and df.at["pypy3.11", "disturbed"] == 1
    assert df.at["pypy3.11", "others_on_cpu"] == pytest.approx((0.8 - TICKS) / 2.0)
    assert df.at["cpython3.13", "disturbed"] == 0 and df.at["cpython3.13", "remeasured"] == 0
    counts = aggregate.remeasured(cells, {"cpython3.13": startup}, {})
    # 3 timed processes (one without interference data) + 2 start-up runs
    assert counts == {"processes": 5, "remeasured": 3, "disturbed": 1}


def test_report_counts_and_marks_disturbed_cells(make_run):
    cells, startup = disturbed_scenario()
    run = make_run(cells, IMPL_META, startup=[startup])
    run.write_meta(replace(run.meta(), remeasured=model.Remeasured(attempts=4, wall_s=30.4,
                                                                   waited_s=2.2)))
    paths = render.write(run)
    md = paths["md"].read_text()
    assert ("Interference: 3 of 5 processes re-measured because the machine was busy while "
            "they ran, 1 still disturbed (kept and marked †); re-measuring cost 33 s "
            "(4 attempts thrown away, 2 s waiting for calm).") in md
    row = next(line for line in md.splitlines() if line.startswith("| w |"))
    assert row.count("†") == 1 and row.index("†") > row.index("2.00x")
    html = paths["html"].read_text()
    assert html.count('<b class="disturbed"') == 1
    with open(paths["csv"], newline="") as f:
        rows = {r["implementation"]: r for r in csv.DictReader(f)}
    assert rows["pypy3.11"]["disturbed"] == "1" and rows["pypy3.11"]["remeasured"] == "3"
