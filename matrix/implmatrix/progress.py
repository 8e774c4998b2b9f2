"""Showing a run's progress: one display for every phase, with an ETA.

A run declares its phases (images, timed processes, start-up, scaling, compatibility
scripts) with how many units each implementation has in them, then reports every unit
done. On a terminal the display is a live `rich` frame: per phase done/total, the unit
under way, overall elapsed time and ETA; lines said meanwhile (results, errors) print
above it. Elsewhere (CI logs, pipes) it is plain lines without escape codes: a status
line per phase change and at most one every EVERY_S seconds otherwise, and the lines
said. Quiet: only errors and the final summary.

The ETA of a phase comes from what its units took so far (time between one unit done
and the next, so that units run in parallel, as compatibility scripts do, count by
their throughput), per implementation (a JVM's units take many times CPython's); a
phase not yet started uses an estimate per unit from the settings (see run.estimates).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from implmatrix.visible import one_line

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

EVERY_S = 15.0  # at most one periodic status line this often, without a terminal
REFRESH_PER_S = 2  # live frames a second: the machine's CPUs are for measuring


def phase_eta(totals: Mapping[str, int], done: Mapping[str, int],
              spent: Mapping[str, float], estimate_s: float | None, *,
              running_s: float = 0.0, weights: Mapping[str, float] | None = None
              ) -> float | None:
    """Seconds left in a phase whose implementations have TOTALS units, DONE of them
    done in SPENT seconds: each implementation's units left at its own mean unit time,
    else at the phase's mean so far, else at ESTIMATE_S (None: no estimate, e.g. an
    image build, seconds when reused and minutes when built); less RUNNING_S, what the
    unit under way has taken so far (at most one unit's worth). WEIGHTS: how many
    times an implementation's unit is run (the baseline's scripts run twice), for the
    mean and for the implementations that use it."""
    left = {impl: total - done.get(impl, 0) for impl, total in totals.items()
            if total > done.get(impl, 0)}
    if not left:
        return 0.0
    weight = dict(weights or {})
    runs = sum(n * weight.get(impl, 1.0) for impl, n in done.items())
    mean = sum(spent.values()) / runs if runs else estimate_s
    if mean is None or estimate_s is None:
        return None
    seconds = sum(n * (spent.get(impl, 0.0) / done[impl] if done.get(impl)
                       else mean * weight.get(impl, 1.0))
                  for impl, n in left.items())
    return max(0.0, seconds - min(running_s, seconds / sum(left.values())))


def clock_text(seconds: float) -> str:
    """SECONDS as m:ss, or h:mm:ss from an hour on."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


@dataclass
class _Phase:
    label: str
    totals: dict[str, int]
    estimate_s: float | None
    weights: dict[str, float]
    done: dict[str, int] = field(default_factory=dict)
    spent: dict[str, float] = field(default_factory=dict)
    since: float | None = None  # started (or its last unit done) at; None: not started
    finished_after: float | None = None  # seconds it took, once every unit is done
    detail: str = ""  # the unit under way, or the last one done

    def eta(self, now: float) -> float | None:
        if self.finished_after is not None:
            return 0.0
        running = now - self.since if self.since is not None else 0.0
        return phase_eta(self.totals, self.done, self.spent, self.estimate_s,
                         running_s=running, weights=self.weights)

    def count(self) -> tuple[int, int]:
        return sum(self.done.values()), sum(self.totals.values())


class Progress:
    """One run's display. Thread-safe: compatibility scripts finish on worker threads.

    WRITE takes plain lines; CONSOLE, a terminal's rich console, makes it a live frame
    (use as a context manager); QUIET keeps only lines said with always=True."""

    def __init__(self, write: Callable[[str], None] = print, *, console: Console | None = None,
                 quiet: bool = False, every_s: float = EVERY_S,
                 clock: Callable[[], float] = time.monotonic):
        self.write, self.console, self.quiet, self.every_s, self.clock = \
            write, console, quiet, every_s, clock
        self.started = clock()
        self.phases: dict[str, _Phase] = {}
        self.current = ""
        self.last_status = self.started
        self.lock = threading.Lock()
        self.out_lock = threading.Lock()  # one plain line at a time
        self.stopped = threading.Event()
        self.ticking: threading.Thread | None = None
        self.live: Any = None  # rich.live.Live while the frame shows

    # -- what a run reports -----------------------------------------------------------------
    def plan(self, name: str, label: str, totals: Mapping[str, int],
             estimate_s: float | None, weights: Mapping[str, float] | None = None) -> None:
        """Phase NAME (shown as LABEL) has TOTALS units per implementation, each taking
        about ESTIMATE_S until some are measured (WEIGHTS times that, for the
        implementations given). Phases show in the order planned."""
        with self.lock:
            self.phases[name] = _Phase(label, {k: v for k, v in totals.items() if v},
                                       estimate_s, dict(weights or {}))

    def start(self, name: str) -> None:
        """Phase NAME begins (a status line without a terminal, if it has work)."""
        with self.lock:
            phase = self.phases[name]
            phase.since, self.current = self.clock(), name
            status = self._status(f"{phase.label} begins") if phase.totals else ""
        self._plain(status)

    def advance(self, name: str, impl: str, detail: str = "") -> None:
        """One unit of IMPL in phase NAME is done (DETAIL: what it was)."""
        with self.lock:
            phase, now = self.phases[name], self.clock()
            phase.done[impl] = phase.done.get(impl, 0) + 1
            began = now if phase.since is None else phase.since
            phase.spent[impl] = phase.spent.get(impl, 0.0) + now - began
            phase.since, phase.detail = now, " ".join(detail.split()) or phase.detail
            self._finish_if_done(phase)

    def drop(self, name: str, impl: str, units: int) -> None:
        """UNITS of IMPL planned in NAME will not run (a cell whose process failed needs
        no more)."""
        with self.lock:
            phase = self.phases[name]
            phase.totals[impl] = max(phase.done.get(impl, 0), phase.totals.get(impl, 0) - units)
            self._finish_if_done(phase)

    def working(self, name: str, detail: str) -> None:
        """What phase NAME is doing now (one scaling round of an implementation)."""
        with self.lock:
            self.phases[name].detail = detail

    def say(self, text: str, *, always: bool = False) -> None:
        """A line to keep (a result, an event); ALWAYS: shown even when quiet (errors, the
        summary)."""
        if self.quiet and not always:
            return
        if self.live is not None:  # not under self.lock: rich's refresh thread takes both
            from rich.text import Text

            self.live.console.print(Text(one_line(text)), soft_wrap=True)
        else:
            with self.out_lock:
                self.write(one_line(text))

    def tick(self) -> None:
        """A plain status line if EVERY_S have passed since the last and some phase is
        not over (without a terminal, a thread calls this every second while the display
        is entered)."""
        with self.lock:
            now = self.clock()
            phase = self.phases.get(self.current)
            over = all(p.finished_after is not None for p in self.phases.values() if p.totals)
            status = self._status(phase.label if phase else "progress") \
                if now - self.last_status >= self.every_s and not over else ""
        self._plain(status)

    # -- showing it ---------------------------------------------------------------------------
    def __enter__(self) -> Progress:
        if self.console is not None and not self.quiet:
            from rich.live import Live

            self.live = Live(console=self.console, get_renderable=self.frame,
                             refresh_per_second=REFRESH_PER_S)
            self.live.start()
        elif not self.quiet:
            # Not on each unit done: the compatibility scripts of a batch are done all
            # at once, the first carrying the batch's time, and a line then would show
            # that as everyone's.
            self.ticking = threading.Thread(target=self._ticking, daemon=True)
            self.ticking.start()
        return self

    def _ticking(self) -> None:
        while not self.stopped.wait(1.0):
            self.tick()

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        if self.ticking is not None:
            self.ticking.join()  # no line after the summary
        if self.live is not None:
            self.live.stop()  # the last frame stays: where the run got to
            self.live = None

    def eta(self) -> tuple[float, bool]:
        """Seconds left in every phase planned, and whether all of them have an estimate
        (if not, the seconds are a lower bound)."""
        with self.lock:
            return self._eta(self.clock())

    def _eta(self, now: float) -> tuple[float, bool]:
        found = [p.eta(now) for p in self.phases.values()]
        return sum(s for s in found if s is not None), None not in found

    @staticmethod
    def _finish_if_done(phase: _Phase) -> None:
        done, total = phase.count()
        if done >= total and phase.finished_after is None and phase.since is not None:
            phase.finished_after = sum(phase.spent.values())

    def _overall(self, now: float) -> str:
        seconds, known = self._eta(now)
        eta = clock_text(seconds) if known else \
            f"≥ {clock_text(seconds)}" if seconds else "not known yet"
        return f"elapsed {clock_text(now - self.started)}, ETA {eta}"

    def _status(self, what: str) -> str:
        """A plain status line: WHAT happened, each phase's done/total, elapsed and ETA."""
        now = self.clock()
        self.last_status = now
        counts = " | ".join(f"{p.label} {'{}/{}'.format(*p.count())}"
                            for p in self.phases.values() if p.totals)
        return f"[{clock_text(now - self.started)}] {what}: {counts} | {self._overall(now)}"

    def _plain(self, status: str) -> None:
        if status and self.console is None and not self.quiet:
            with self.out_lock:
                self.write(status)

    def frame(self) -> RenderableType:
        """The live frame: a heading with elapsed time and ETA, a row per phase."""
        from rich.progress_bar import ProgressBar
        from rich.table import Table
        from rich.text import Text

        with self.lock:
            now = self.clock()
            table = Table.grid(padding=(0, 1))
            table.add_row(Text("implmatrix", style="bold"), "", "", Text(self._overall(now)))
            for name, p in self.phases.items():
                done, total = p.count()
                if not p.totals:  # nothing to do (a compatibility-only run's timing)
                    continue
                detail = p.detail
                if p.finished_after is not None:
                    when, detail = f"done in {clock_text(p.finished_after)}", ""
                else:
                    left = p.eta(now)
                    when = ("running" if p.since is not None else "next") + ", " + (
                        f"~{clock_text(left)} left" if left is not None else "no estimate")
                style = "bold" if name == self.current and p.finished_after is None else "dim"
                table.add_row(Text(p.label, style=style), Text(f"{done}/{total}", justify="right"),
                              ProgressBar(total=max(total, 1), completed=done, width=24),
                              Text(when + (f"  {one_line(detail)}" if detail else ""),
                                   overflow="ellipsis", no_wrap=True))
            return table


def for_output(*, quiet: bool = False, stream: IO[str] | None = None) -> Progress:
    """The display for STREAM (standard output): live where it is a terminal that
    understands cursor movement, plain lines elsewhere."""
    stream = stream or sys.stdout
    if quiet or not stream.isatty():
        return Progress(lambda line: print(line, file=stream, flush=True), quiet=quiet)
    from rich.console import Console

    console = Console(file=stream)
    if not console.is_terminal or console.is_dumb_terminal:
        return Progress(lambda line: print(line, file=stream, flush=True))
    return Progress(console=console)
