"""The progress display: ETA arithmetic, plain lines, the live frame."""

from __future__ import annotations

import io
import re
import time

import pytest
from rich.console import Console

from implmatrix import run
from implmatrix.progress import Progress, clock_text, phase_eta
from implmatrix.visible import one_line

ESCAPE = re.compile(r"\x1b")


def test_eta_uses_each_implementations_own_mean():
    # cpython: 2 done in 4 s (2 s each), 3 left; jython: 1 done in 10 s, 1 left
    left = phase_eta({"cpython": 5, "jython": 2}, {"cpython": 2, "jython": 1},
                     {"cpython": 4.0, "jython": 10.0}, estimate_s=99.0)
    assert left == pytest.approx(3 * 2.0 + 1 * 10.0)


def test_eta_of_an_implementation_not_started_is_the_phase_mean():
    # 3 units in 12 s so far: 4 s each, for pypy's 5 as well
    left = phase_eta({"cpython": 4, "pypy": 5}, {"cpython": 3}, {"cpython": 12.0},
                     estimate_s=99.0)
    assert left == pytest.approx(1 * 4.0 + 5 * 4.0)


def test_eta_weighs_units_run_more_than_once():
    # the baseline ran its 10 scripts twice in 10 s: 0.5 s a run, 1 s a script for it;
    # pypy's scripts run once: 0.5 s each
    left = phase_eta({"baseline": 20, "pypy": 10}, {"baseline": 10}, {"baseline": 10.0},
                     estimate_s=99.0, weights={"baseline": 2.0})
    assert left == pytest.approx(10 * 1.0 + 10 * 0.5)
    assert phase_eta({"b": 2, "p": 2}, {}, {}, 0.25, weights={"b": 2.0}) == pytest.approx(1.5)


def test_eta_before_any_unit_is_the_estimate_and_counts_the_unit_under_way():
    assert phase_eta({"a": 3, "b": 1}, {}, {}, estimate_s=2.5) == pytest.approx(10.0)
    # the unit under way for 1 s: 1 s less; for 60 s: at most one unit's worth less
    assert phase_eta({"a": 4}, {}, {}, 2.5, running_s=1.0) == pytest.approx(9.0)
    assert phase_eta({"a": 4}, {}, {}, 2.5, running_s=60.0) == pytest.approx(7.5)


def test_eta_of_a_finished_phase_is_zero_and_of_image_builds_unknown():
    assert phase_eta({"a": 2}, {"a": 2}, {"a": 3.0}, None) == 0.0
    assert phase_eta({}, {}, {}, 1.0) == 0.0
    # an image reused in a second says nothing about one that builds for minutes
    assert phase_eta({"a": 1, "b": 1}, {"a": 1}, {"a": 0.2}, None) is None


def test_estimates_follow_the_settings():
    fast, default, rigorous = (run.estimates(run.PRESETS[k])
                               for k in ("fast", "default", "rigorous"))
    for phase in ("timed", "startup", "scaling"):
        assert fast[phase][1] <= default[phase][1] < rigorous[phase][1], phase
    # the scaling cap bounds an implementation's scaling time: half of it is assumed
    assert rigorous["scaling"][1] - default["scaling"][1] == pytest.approx(
        (run.PRESETS["rigorous"].scaling_cap_s - run.PRESETS["default"].scaling_cap_s) / 2)


def test_clock_text():
    assert [clock_text(s) for s in (0, 59.6, 61, 3599, 3600, 7325)] == [
        "0:00", "1:00", "1:01", "59:59", "1:00:00", "2:02:05"]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def plain(quiet: bool = False) -> tuple[Progress, list[str], Clock]:
    lines: list[str] = []
    clock = Clock()
    return Progress(lines.append, quiet=quiet, clock=clock), lines, clock


def test_plain_lines_per_phase_change_and_at_most_every_15_s():
    show, lines, clock = plain()
    show.plan("timed", "timed", {"cpython": 4, "jython": 2}, 5.0)
    show.plan("scripts", "scripts", {"cpython": 10}, 0.5)
    show.start("timed")
    assert lines == ["[0:00] timed begins: timed 0/6 | scripts 0/10 | elapsed 0:00, "
                     "ETA 0:35"]  # 6 x 5 s + 10 x 0.5 s
    for _ in range(4):  # 4 units in 12 s: no line
        clock.now += 3
        show.advance("timed", "cpython")
        show.tick()
    assert len(lines) == 1
    clock.now += 4  # 16 s since the last line: one, with the ETA from measured units
    show.advance("timed", "jython")
    show.tick()
    show.tick()
    assert lines[1] == ("[0:16] timed: timed 5/6 | scripts 0/10 | elapsed 0:16, "
                        "ETA 0:09")  # jython 4 s a unit, then 10 x 0.5 s
    clock.now += 1
    show.say("cpython nbody #1 crash \x1b[31mkilled\x1b[0m\r")
    assert lines[2] == "cpython nbody #1 crash \\x1b[31mkilled\\x1b[0m\\r"
    show.advance("timed", "jython")
    show.start("scripts")
    assert lines[3].startswith("[0:17] scripts begins: timed 6/6 | scripts 0/10 |")
    for _ in range(10):
        show.advance("scripts", "cpython")
    clock.now += 60
    show.tick()  # every phase is over: nothing more to say
    assert len(lines) == 4
    assert not any(ESCAPE.search(line) for line in lines)


def test_dropped_units_leave_the_total():
    show, _, clock = plain()
    show.plan("timed", "timed", {"cpython": 3}, 5.0)
    show.start("timed")
    clock.now += 2
    show.advance("timed", "cpython")  # an error: its cell needs no more processes
    show.drop("timed", "cpython", 2)
    assert show.eta() == (0.0, True)
    assert show.phases["timed"].count() == (1, 1)


def test_plain_lines_come_from_a_thread_while_the_display_is_entered():
    lines: list[str] = []
    with Progress(lines.append, every_s=0.0) as show:
        show.plan("scaling", "scaling", {"cpython": 1}, 60.0)
        show.start("scaling")
        time.sleep(1.5)  # a long unit: no unit done, a line all the same
    assert len(lines) >= 2 and re.match(r"\[0:0\d\] scaling: scaling 0/1 \| ", lines[1]), lines
    count = len(lines)
    time.sleep(1.2)  # none once the display is left
    assert len(lines) == count


def test_quiet_keeps_only_errors_and_the_summary():
    show, lines, clock = plain(quiet=True)
    show.plan("timed", "timed", {"cpython": 2}, 5.0)
    show.start("timed")
    clock.now += 100
    show.advance("timed", "cpython")
    show.say("cpython3.13 start-up empty 20 ms")
    show.say("pypy: docker create failed", always=True)
    show.say("2 cells: 2 ok in 100 s", always=True)
    assert lines == ["pypy: docker create failed", "2 cells: 2 ok in 100 s"]


def test_unknown_eta_while_images_build():
    show, lines, clock = plain()
    show.plan("images", "images", {"a": 1, "b": 1}, None)
    show.start("images")
    assert lines[-1].endswith("ETA not known yet")
    show.plan("timed", "timed", {"a": 2}, 5.0)
    clock.now += 20
    show.advance("images", "a")
    show.tick()
    assert lines[-1].endswith("ETA ≥ 0:10")  # a lower bound: b's build is not known


def test_live_frame_shows_each_phase_done_total_and_eta():
    clock = Clock()
    out = io.StringIO()
    show = Progress(console=Console(file=out, force_terminal=True, width=100), clock=clock)
    show.plan("timed", "timed", {"cpython": 3}, 5.0)
    show.plan("scaling", "scaling", {}, 10.0)  # nothing to do: not shown
    show.plan("scripts", "scripts", {"cpython": 8}, 0.5)
    show.start("timed")
    clock.now += 4
    show.advance("timed", "cpython", "cpython nbody #1 ok 200.0 ms")
    console = Console(file=io.StringIO(), width=100)
    with console.capture() as captured:
        console.print(show.frame())
    text = captured.get()
    assert "elapsed 0:04, ETA 0:12" in text  # 2 x 4 s + 8 x 0.5 s
    assert re.search(r"timed +1/3 .*running, ~0:08 left +cpython nbody #1 ok", text), text
    assert re.search(r"scripts +0/8 .*next, ~0:04 left", text), text
    assert "scaling" not in text
    assert out.getvalue() == ""  # nothing printed while no Live runs
    assert one_line("a\tb\x1b") == "a\\tb\\x1b"
