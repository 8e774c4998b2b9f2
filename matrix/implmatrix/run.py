"""Run the matrix: timed cells, start-up, thread scaling, compatibility scripts.

Timed cells run one process at a time, pinned to one CPU, interleaved across
implementations (process 1 of every cell, then process 2, ...) so drift hits
them all alike. Every finished process is written at once (atomically), so an
interrupted run loses nothing: running the same command again resumes it.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import socket
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, fields, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeGuard, TypeVar

from implmatrix import HARNESS, DockerError, compat, interference, measure_tool, model, store
from implmatrix.cells import classify, last_marked, tail
from implmatrix.container import Container, ExecResult
from implmatrix.engine import ensure_available
from implmatrix.images import Image
from implmatrix.model import SCALING_KINDS, Settings
from implmatrix.progress import Progress
from implmatrix.registry import WORKLOAD_FEATURES, Implementation
from implmatrix.scripts import Script
from implmatrix.staging import staged
from implmatrix.workloads import Workload

HARNESS_MOUNT = compat.HARNESS_MOUNT
# What runs inside the containers besides the workloads; a result measured with
# other versions of these files is not reused.
_TOOLS = ("harness.py", "measure.c", "scaling.py", "batch.sh", "jython_batch.py",
          "compiled.py", "startup/empty.py", "startup/imports.py")
TOOLS_SHA = hashlib.sha256(b"".join((HARNESS.parent / name).read_bytes()
                                    for name in _TOOLS)).hexdigest()[:16]
MEASURE_MOUNT = "/opt/implmatrix-measure"
SOURCE_CHARS = 8000  # of each script, for the differences page
STARTUP_PROGRAMS = ("empty", "imports")
# The scaling protocol, the same in every preset (a preset only caps its time): per
# process, a warm-up of at most SCALING_WARMUP_S, then SCALING_REPEATS timed jobs of
# Settings.scaling_units units; processes in rounds (one per point), at least SCALING_MIN_ROUNDS,
# more while an efficiency's interval still straddles a claim's threshold, within the
# preset's scaling_cap_s and at most SCALING_MAX_ROUNDS.
SCALING_REPEATS = 3
SCALING_WARMUP_S = 5.0
SCALING_MIN_ROUNDS = 2  # an interval needs two processes at least
SCALING_MAX_ROUNDS = 12
# Timed processes that get a line of their own (error ones even with --quiet); the
# others only advance the progress display.
NOTABLE = {"error", "crash", "timeout", "wrong-result"}
ERRORS = {"error", "crash", "timeout"}


PRESETS = {
    "fast": Settings(preset="fast", values=3, processes=1, warmup_budget_s=3.0,
                     scaling_cap_s=45.0),
    "default": Settings(),
    "rigorous": Settings(preset="rigorous", values=10, processes=6, warmup_budget_s=60.0,
                         timeout_s=600.0, startup_runs=30, scaling_cap_s=600.0),
    # pyperf's --debug-single-value: does everything run? Nothing here decides a claim.
    "debug": Settings(preset="debug", values=1, processes=1, warmup_budget_s=0.0,
                      startup_runs=1, scaling_cap_s=0.0),
}


def timed_cpu() -> int:
    """The CPU timed processes are pinned to: the last one, away from most IRQ work."""
    return max(0, (os.cpu_count() or 1) - 1)


def host_metadata() -> model.Host:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return model.Host(hostname=socket.gethostname(), cpu_model_name=cpu,
                      cpu_count=os.cpu_count(), kernel=platform.release(),
                      platform=platform.platform(), docker_version=ensure_available(),
                      timed_cpu=timed_cpu())


def _comparable(out: Path, new: store.RunDir, settings: Settings,
                host: model.Host) -> store.RunDir | None:
    """The newest finished run under OUT with the same measuring settings and host."""
    for run, meta in store.finished_runs(out)[::-1]:  # newest first
        if run.path != new.path and not meta.merged_from \
                and meta.settings.measuring() == settings.measuring() \
                and store.host_id(meta.host) == store.host_id(host):
            return run
    return None


def _reusable(previous: store.RunDir | None, settings: Settings) -> store.RunDir | None:
    """The last run, if it stopped before finishing with these same settings."""
    if previous is None:
        return None
    meta = previous.meta()
    return previous if not meta.finished and meta.settings == settings else None


_Outcome = TypeVar("_Outcome")  # what one measuring attempt returns
_Stamped = TypeVar("_Stamped", model.Cell, model.ScriptCell, model.Startup, model.Scaling)


class _Matrix:
    """One run's state while it runs; each phase is a method."""

    def __init__(self, run: store.RunDir, meta: model.RunMeta, impls: list[Implementation],
                 images: dict[str, Image], *, settings: Settings, progress: Progress):
        self.run, self.meta, self.impls, self.images = run, meta, impls, images
        self.settings, self.progress, self.say = settings, progress, progress.say
        self.boxes: dict[str, Container] = {}
        self.broken: dict[str, str] = {}  # implementation -> why its container failed
        self.counts: Counter[str] = Counter()
        self.remeasure = interference.Remeasure()

    def measured(self, impl: Implementation, options: list[str], argv: list[str],
                 timeout_s: float, watch: bool = False
                 ) -> tuple[ExecResult, list[model.Measured]]:
        """Run ARGV under `measure -k OPTIONS` in IMPL's container: the result, and
        the process records that carry this exec's key (none the program can forge);
        WATCH: see Container.exec."""
        key = measure_tool.new_key()
        result = self.boxes[impl.id].exec([MEASURE_MOUNT, "-k", *options, "--", *argv],
                                          timeout_s, input=f"{key}\n".encode(),
                                          watch=watch)
        return result, measure_tool.parse(result.stdout, key)

    def attempts(self, measure_once: Callable[[], tuple[_Outcome, str]]
                 ) -> tuple[_Outcome, str, int]:
        """MEASURE_ONCE until it is not disturbed, waiting for calm in between, at most
        interference.ATTEMPTS times and within the re-measuring budget: (the last
        outcome, why it was disturbed or "", how many attempts were thrown away)."""
        tried: list[tuple[_Outcome, str, float]] = []
        while not tried or (tried[-1][1] and len(tried) < interference.ATTEMPTS
                            and self.remeasure.again()):
            started = time.monotonic()
            outcome, why = measure_once()
            tried.append((outcome, why, time.monotonic() - started))
        # Every attempt disturbed: the last is kept, marked as disturbed.
        outcome, why, _ = tried[-1]
        self.remeasure.thrown_away(len(tried) - 1, sum(wall for _, _, wall in tried[:-1]))
        return outcome, why, len(tried) - 1

    # -- containers -----------------------------------------------------------------------
    def open(self, stack: ExitStack, mounts: dict[Path, str], wanted: set[str]) -> None:
        described = dict(self.meta.implementations)
        for impl in self.impls:
            if impl.id not in wanted:
                continue
            image = self.images[impl.id]
            try:
                box = stack.enter_context(Container(image.tag, mounts))
                version, python_version = _describe(box, impl)
                described[impl.id] = model.ImplMeta(
                    family=impl.family, image=image.tag, image_id=image.id,
                    package=impl.package, suite=impl.suite, command=impl.command,
                    timed_command=impl.timed_command,
                    package_version=box.read("/etc/implmatrix/package-version"),
                    baseline=impl.baseline, version=version, python_version=python_version,
                    features=impl.features)
                self.boxes[impl.id] = box
            except DockerError as e:  # one broken implementation must not stop the others
                self.broken[impl.id] = str(e)
                self.say(f"{impl.id}: {e}", always=True)
        self.meta = replace(self.meta, implementations=described)
        self.run.write_meta(self.meta)

    # -- timed cells ----------------------------------------------------------------------
    def load_cell(self, impl: Implementation, w: Workload) -> model.Cell:
        old = self.run.read_cell(impl.id, w.name)
        if _fresh(old, self.images[impl.id], impl) and old.workload_sha256 == w.sha256:
            return old
        return model.Cell(implementation=impl.id, workload=w.name, workload_sha256=w.sha256,
                          image_id=self.images[impl.id].id, tools=_tools(impl))

    def complete(self, cell: model.Cell) -> bool:
        return cell.status != "ok" or len(cell.runs) >= self.settings.processes

    def timed_cells(self, workloads: list[Workload]) -> dict[str, float]:
        s = self.settings
        cells = {(i.id, w.name): self.load_cell(i, w) for i in self.impls for w in workloads}
        reused = sum(self.complete(c) for c in cells.values())
        order = [(p, w, i) for p in range(s.processes) for w in workloads for i in self.impls]
        started, inside, done = time.monotonic(), 0.0, 0
        self.progress.start("timed")
        for p, w, impl in order:
            done += 1
            cell = cells[impl.id, w.name]
            if self.complete(cell) or len(cell.runs) > p:
                continue
            if impl.id in self.broken:
                outcome = model.Run(status="error", error=f"container: {self.broken[impl.id]}")
            else:
                outcome, why, remeasured = self.attempts(partial(self.timed_process, impl, w))
                outcome = replace(outcome, disturbed=why, remeasured=remeasured)
                if outcome.record:
                    inside += sum(outcome.record.warmups) + sum(outcome.record.values)
            cell = cells[impl.id, w.name] = _settled(replace(cell, runs=(*cell.runs, outcome)))
            self.run.write_cell(cell)
            line = _progress_line(done, len(order), p, cell, outcome)
            if outcome.status in NOTABLE or outcome.disturbed or outcome.remeasured:
                self.say(line, always=outcome.status in ERRORS)
            if self.complete(cell):  # a failed process ends its cell: no more to run
                self.progress.drop("timed", impl.id, s.processes - len(cell.runs))
            self.progress.advance("timed", impl.id, line[line.index("]") + 2:])
        for cell in cells.values():
            self.counts[cell.status] += 1
        self.counts["reused"] += reused
        return {"wall_s": round(time.monotonic() - started, 2), "iterations_s": round(inside, 6)}

    def timed_process(self, impl: Implementation, w: Workload) -> tuple[model.Run, str]:
        """One timed process of a cell: its outcome, and why it was disturbed (or "")."""
        s = self.settings
        compat.compile_ahead(self.boxes[impl.id], impl, "workloads", [w.mount])
        # -r: pinned to the timed CPU from the harness's cue on, so that start-up (a
        # JVM's above all) may use every CPU; the harness's record carries the nonce
        # measure gave it, and measure's own record the key.
        result, processes = self.measured(
            impl, ["-c", str(timed_cpu()), "-r"],
            [*impl.timed_command, f"{HARNESS_MOUNT}/{HARNESS.name}", w.mount, str(s.values),
             f"{s.warmup_budget_s:g}", "--cue"], s.timeout_s, watch=True)
        process = processes[-1] if len(processes) == 1 else None
        outcome = classify(result, s.timeout_s, process.nonce or "" if process else "",
                           self.boxes[impl.id].sandbox.memory)
        if result.left:
            outcome = self.left_behind(impl, outcome, result.left)
        return replace(_proved(outcome, impl), process=process), \
            interference.disturbance([process])

    def left_behind(self, impl: Implementation, outcome: model.Run, left: int) -> model.Run:
        """OUTCOME of a process that left LEFT processes running in IMPL's container: they
        would take CPU time (or the process limit) from every cell after it, so the
        container is restarted, and an ok cell is an error (what it measured competed
        with them)."""
        why = (f"left {left} process{'es' * (left != 1)} running after it ended "
               "(the container was restarted)")
        try:
            self.boxes[impl.id].restart()
        except DockerError as e:
            self.broken[impl.id] = str(e)
            why += f", and the restart failed: {e}"
        if outcome.status == "ok":
            return replace(outcome, status="error", error=why)
        return replace(outcome, error=f"{outcome.error}; {why}")

    # -- start-up and memory of nearly empty programs ------------------------------------------
    def startup(self) -> None:
        s = self.settings
        self.progress.start("startup")
        for impl in self.impls if s.startup_runs else ():
            old = self.run.read_startup(impl.id)
            if impl.id not in self.boxes or _startup_fresh(old, self.images[impl.id], impl, s):
                continue
            programs = {program: self.startup_program(impl, program)
                        for program in STARTUP_PROGRAMS}
            self.run.write_startup(model.Startup(
                implementation=impl.id, image_id=self.images[impl.id].id, tools=_tools(impl),
                runs=s.startup_runs, programs=programs))
            walls = {name: [p.wall_s for p in batch.processes if p.exit == 0]
                     for name, batch in programs.items()}
            line = f"{impl.id:<16} start-up " + ", ".join(
                f"{p} {statistics.median(w) * 1e3:.0f} ms" if w else f"{p} failed"
                for p, w in walls.items())
            self.progress.advance("startup", impl.id, line)
            self.say(line)

    def startup_program(self, impl: Implementation, program: str) -> model.StartupBatch:
        """startup_runs processes of PROGRAM, judged as one batch: a disturbed batch is
        measured again."""
        s = self.settings
        argv = [*impl.command, f"{HARNESS_MOUNT}/startup/{program}.py"]

        def batch() -> tuple[tuple[ExecResult, list[model.Measured]], str]:
            # Unpinned: start-up as users see it (the JVM starts several threads).
            found = self.measured(impl, ["-n", str(s.startup_runs)], argv,
                                  60.0 * s.startup_runs)
            return found, interference.disturbance(found[1])

        (result, found), why, remeasured = self.attempts(batch)
        return model.StartupBatch(
            processes=tuple(model.StartupProcess(**_fields(p), disturbed=why,
                                                 remeasured=remeasured) for p in found),
            returncode=result.returncode, stderr_tail=tail(result.stderr, 500))

    # -- thread and process scaling -------------------------------------------------------
    def scaling(self) -> None:
        """Each implementation's scaling job on 1..N workers (N = the host's CPUs), for
        threads and processes, by the scaling protocol (SCALING_*): rounds of one fresh
        process per point, interleaved so that drift hits all points alike, until every
        efficiency is decided (its interval clear of the claims' thresholds) or the
        preset's time cap is spent. A process measured while the machine did not have N
        free CPUs is measured again, or left out."""
        s = self.settings
        cores = os.cpu_count() or 1
        self.progress.start("scaling")
        for impl in self.impls if s.scaling_cap_s else ():
            if impl.id not in self.boxes or _scaling_fresh(
                    self.run.read_scaling(impl.id), self.images[impl.id], impl, s):
                continue
            points = {(kind, workers): model.ScalingPoint(kind=kind, workers=workers)
                      for kind in scaling_kinds(impl) for workers in range(1, cores + 1)}
            started, rounds, decided = time.monotonic(), 0, False
            while rounds < SCALING_MIN_ROUNDS or (
                    rounds < SCALING_MAX_ROUNDS and time.monotonic() - started < s.scaling_cap_s
                    and not decided):
                rounds += 1
                self.progress.working("scaling", f"{impl.id} round {rounds}")
                for (kind, workers), point in list(points.items()):
                    one = points[kind, 1]  # this round's, as the 1-worker point comes first
                    if not one.available:  # not there at 1 worker: not at 2 either
                        points[kind, workers] = replace(point, available=False,
                                                        reason=one.reason)
                    elif point.available:
                        points[kind, workers] = self.scaling_point(impl, point)
                decided = _scaling_decided(impl, tuple(points.values()))
            scaled = model.Scaling(
                implementation=impl.id, image_id=self.images[impl.id].id, tools=_tools(impl),
                cores=cores, units=s.scaling_units, repeats=SCALING_REPEATS,
                warmup_s=SCALING_WARMUP_S, cap_s=s.scaling_cap_s, rounds=rounds,
                decided=decided, wall_s=round(time.monotonic() - started, 1),
                points=tuple(points.values()))
            self.run.write_scaling(scaled)
            self.progress.advance("scaling", impl.id, f"{impl.id} in {rounds} rounds")
            self.say(f"{impl.id:<16} scaling " + ", ".join(
                f"{kind} " + ("/".join(
                    f"{statistics.median(t for q in p.processes for t in q.times):.2f}"
                    for p in scaled.points
                    if p.kind == kind and any(q.times for q in p.processes)) or "n/a")
                for kind in scaling_kinds(impl)) + f" s ({rounds} rounds)")

    def scaling_point(self, impl: Implementation, point: model.ScalingPoint
                      ) -> model.ScalingPoint:
        """POINT with one more process, or not available if the job cannot run there."""
        (found, process), why, remeasured = self.attempts(
            partial(self.scaling_process, impl, point.kind, point.workers))
        if not found.available:
            return replace(point, available=False, reason=found.reason)
        # as _proved, for what the interpreter runs with (the scaling job is no workload:
        # a compiler's rows run it as it is)
        off = [f for f in impl.features
               if f not in WORKLOAD_FEATURES and found.features.get(f) is not True]
        if off:
            return replace(point, available=False, reason=_without(impl, off, found.features))
        return replace(point, processes=(*point.processes, model.ScalingProcess(
            times=found.times, checksum_ok=found.checksum_ok, warmups=found.warmups,
            steady=found.steady, process=process, disturbed=why, remeasured=remeasured,
            start_s=found.start_s, peak_rss_kb=found.peak_rss_kb, features=found.features)))

    def scaling_process(self, impl: Implementation, kind: str, workers: int
                        ) -> tuple[tuple[model.ScalingRecord, model.Measured | None], str]:
        """One process of the scaling job: its record and measure's, and why it was
        disturbed (or "")."""
        result, processes = self.measured(
            impl, [], [*impl.command, f"{HARNESS_MOUNT}/scaling.py", kind, str(workers),
                       str(self.settings.scaling_units), str(SCALING_REPEATS),
                       f"{SCALING_WARMUP_S:g}"],
            SCALING_WARMUP_S + 120.0 * SCALING_REPEATS)
        try:
            record = model.load(model.ScalingRecord, last_marked(result.stdout))
        except model.ModelError:  # no record, or not the scaling job's
            record = model.ScalingRecord(available=False, reason=_why(result))
        return (record, processes[-1] if processes else None), \
            interference.disturbance(processes)

    # -- compatibility scripts ----------------------------------------------------------------
    def scripts(self, scripts: Sequence[Script]) -> None:
        self.progress.start("scripts")
        for impl in self.impls:
            image = self.images[impl.id]
            todo = [sc for sc in scripts if not _same_script(
                self.run.read_script(impl.id, sc.suite, sc.name), sc, image, impl)]
            self.counts["scripts reused"] += len(scripts) - len(todo)
            if todo and impl.id in self.boxes:
                _run_scripts(self.run, self.boxes[impl.id], impl, image, todo,
                             settings=self.settings, progress=self.progress)

    def todo(self, impl: Implementation, workloads: list[Workload],
             scripts: Sequence[Script]) -> dict[str, int]:
        """What is left of IMPL's work, per phase: timed processes, start-up and scaling
        (one each), compatibility scripts."""
        image = self.images[impl.id]
        s = self.settings
        cells = [self.load_cell(impl, w) for w in workloads]
        return {
            "timed": sum(s.processes - len(c.runs) for c in cells if not self.complete(c)),
            "startup": int(bool(workloads and s.startup_runs) and not _startup_fresh(
                self.run.read_startup(impl.id), image, impl, s)),
            "scaling": int(bool(workloads and s.scaling_cap_s) and not _scaling_fresh(
                self.run.read_scaling(impl.id), image, impl, s)),
            "scripts": sum(not _same_script(self.run.read_script(impl.id, sc.suite, sc.name),
                                            sc, image, impl) for sc in scripts)}


@dataclass(frozen=True)
class Plan:
    """What a run measures: implementations with their images, workloads, compatibility
    scripts, and the host folders mounted into the containers for them."""

    impls: list[Implementation]
    images: dict[str, Image]
    workloads: list[Workload]
    scripts: Sequence[Script] = ()
    mounts: dict[Path, str] = field(default_factory=dict)


def run_matrix(plan: Plan, settings: Settings, *, out: Path, command: str,
               say: Callable[[str], None] = print, force: bool = False,
               progress: Progress | None = None) -> store.RunDir:
    """Run PLAN with SETTINGS (its preset's name included) into a run under OUT, resuming
    the last run if it stopped with the same selection and reusing what an earlier run
    measured where nothing changed (not with FORCE); COMMAND: how it was asked for.
    PROGRESS shows how far it got; without it, plain lines go to SAY."""
    show = progress or Progress(say)
    impls, images, workloads, scripts = plan.impls, plan.images, plan.workloads, plan.scripts
    settings = replace(settings, implementations=tuple(i.id for i in impls),
                       workloads=tuple(w.name for w in workloads),
                       scripts=tuple(f"{s.suite}/{s.name}" for s in scripts))
    run = None if force else _reusable(store.latest(out), settings)
    if run is None:
        run = store.new_run(out)
        meta = model.RunMeta(settings=settings, command=command, started=_now(),
                             host=host_metadata())
        earlier = None if force else _comparable(out, run, settings, meta.host)
        if earlier is not None:
            # Incremental: what an earlier run measured with the same settings on this
            # host is copied; whatever changed since (image, file content) runs again.
            store.copy_measurements(earlier, run, [i.id for i in impls],
                                    [w.name for w in workloads], scripts)
            # What describes the reused implementations (versions, image) comes along;
            # an implementation that runs again describes itself anew.
            before = earlier.meta().implementations
            meta = replace(meta, reused_from=earlier.id, implementations={
                i.id: known for i in impls
                if (known := before.get(i.id)) and known.image_id == images[i.id].id})
            show.say(f"reusing what run {earlier.id} measured where nothing changed "
                     "(--force runs everything)")
        run.write_meta(meta)
        store.point_latest(out, run)
    else:
        meta = run.meta()
        show.say(f"resuming unfinished run {run.id}")
    show.say(f"{len(workloads)} workloads x {settings.processes} processes"
             + (f" and {len(scripts)} compatibility scripts" if scripts else "")
             + f" on {len(impls)} implementations ({settings.preset} preset)")

    m = _Matrix(run, meta, impls, images, settings=settings, progress=show)
    started = time.monotonic()
    phases: dict[str, dict[str, float]] = {}
    todo = {i.id: m.todo(i, workloads, scripts) for i in impls}
    wanted = {i for i, left in todo.items() if any(left.values())}
    full_mounts = {**plan.mounts, HARNESS.parent: HARNESS_MOUNT,
                   measure_tool.ensure(): MEASURE_MOUNT}
    with ExitStack() as stack:
        if wanted:  # the containers see readable copies, removed after the containers
            m.open(stack, stack.enter_context(staged(full_mounts)), wanted)
        for phase, (label, estimate_s) in estimates(settings).items():
            # a broken container's cells fail at once; nothing else of it runs
            show.plan(phase, label, {i: left[phase] for i, left in todo.items()
                                     if i in m.boxes or phase == "timed"}, estimate_s,
                      {i.id: _passes(i) for i in impls} if phase == "scripts" else None)
        phases["timed"] = m.timed_cells(workloads)
        t = time.monotonic()
        if workloads:  # start-up and scaling go with timing, not with compatibility runs
            m.startup()
            m.scaling()
        phases["startup_and_scaling"] = {"wall_s": round(time.monotonic() - t, 2)}
        t = time.monotonic()
        m.scripts(scripts)
        phases["scripts"] = {"wall_s": round(time.monotonic() - t, 2)}
    run.write_meta(replace(
        m.meta, finished=True, ended=_now(),
        wall_s=m.meta.wall_s + round(time.monotonic() - started, 1), phases=phases,
        reused={"cells": m.counts["reused"], "scripts": m.counts["scripts reused"]},
        remeasured=m.remeasure.summary(), broken=m.broken))
    show.say(_summary(len(impls) * len(workloads), m.counts, time.monotonic() - started, run,
                      len(scripts) * len(impls)), always=True)
    return run


def estimates(s: Settings) -> dict[str, tuple[str, float]]:
    """Each phase of a run with S (its name in the display, seconds a unit): what the ETA
    assumes until the phase has units measured, which replace these at once. Rough on
    purpose; the figures are of the 2-core build machine."""
    cores = os.cpu_count() or 1
    # a timed process: about a second to start and load the workload, a quarter of the
    # warm-up budget (most workloads are steady well before it ends), 0.3 s a value (the
    # default preset's 204 processes took 15 minutes on 2026-12-02: 4.4 s each; 6.25 here)
    process = 1.0 + s.warmup_budget_s / 4 + 0.3 * s.values
    # start-up (a unit: an implementation): both programs, startup_runs processes each of
    # about 0.5 s on average (a JVM takes 1-2 s, the others tens of ms)
    startup = len(STARTUP_PROGRAMS) * s.startup_runs * 0.5
    # scaling (a unit: an implementation): the first rounds, a process per point (two
    # kinds x the CPUs) of a warm-up (about 2 s) and the timed jobs (about 0.5 s each),
    # about 30 s on 2 CPUs; an implementation whose claims are still undecided goes on
    # to the cap, which counts half (two of the four default rows need it)
    scaling = (SCALING_MIN_ROUNDS * 2 * cores * (2.0 + SCALING_REPEATS * 0.5)
               + s.scaling_cap_s / 2)
    # a compatibility script on one implementation, batches in parallel: 172 probes took
    # 35-42 s on plain CPython
    return {"timed": ("timed", process), "startup": ("start-up", startup),
            "scaling": ("scaling", scaling), "scripts": ("scripts", 0.25)}


def scaling_protocol(cap_s: float) -> str:
    """How scaling was measured, for the report; CAP_S: the run's scaling_cap_s."""
    return (f"Each process warms the job up on its workers (until its times stop falling, "
            f"at most {SCALING_WARMUP_S:g} s), then times it {SCALING_REPEATS} times; "
            f"processes run in rounds, one per point, at least {SCALING_MIN_ROUNDS}, and "
            "more while an efficiency's interval still straddles a claim's threshold, "
            f"within {cap_s:g} s per implementation (the preset's cap) and "
            f"{SCALING_MAX_ROUNDS} rounds.")


def _startup_fresh(old: model.Startup | None, image: Image, impl: Implementation,
                   s: Settings) -> bool:
    """OLD was measured with this image and tools, and as many runs as S asks for."""
    return _fresh(old, image, impl) and old.runs == s.startup_runs


def _scaling_fresh(old: model.Scaling | None, image: Image, impl: Implementation,
                   s: Settings) -> bool:
    """OLD was measured by this protocol, image, job and cap."""
    return _fresh(old, image, impl) and (old.repeats, old.warmup_s, old.units, old.cap_s) == (
        SCALING_REPEATS, SCALING_WARMUP_S, s.scaling_units, s.scaling_cap_s)


def scaling_kinds(impl: Implementation) -> tuple[str, ...]:
    """The scaling kinds measured on IMPL: the object jobs only where threads run without
    a GIL, the one place where sharing objects can cost what the claims ask about (under
    a GIL, threads are at 1/N with or without sharing: time better spent elsewhere)."""
    return tuple(k for k in SCALING_KINDS
                 if k not in model.OBJECT_KINDS or "free-threading" in impl.features)


def _scaling_decided(impl: Implementation, points: tuple[model.ScalingPoint, ...]) -> bool:
    """Every efficiency a claim judges (the points with the most workers) has an
    interval clear of its thresholds (claims.scaling_thresholds), or is not available."""
    from implmatrix import aggregate, claims

    rows = aggregate.scaling({impl.id: model.Scaling(implementation=impl.id, points=points)},
                             [impl.id])
    top = rows["workers"].max()
    return all(claims.decided(r.low, r.high, claims.scaling_thresholds(
        impl.family, impl.baseline, r.kind, r.workers, impl.features))
        for r in aggregate.each_row(rows) if r.workers == top > 1 and r.available)


def _proved(outcome: model.Run, impl: Implementation) -> model.Run:
    """OUTCOME, or an error if its process did not run with every feature IMPL claims (the
    JIT on, Pyston active, the workload compiled by Cython), as the harness saw from
    inside: such a row would measure something else than it says."""
    record = outcome.record
    if record is None or not impl.features:
        return outcome
    seen = {**(record.implementation.features if record.implementation else {}),
            **record.workload_features}
    # A workload's own features are seen once it is loaded: one that did not load (Cython
    # rejected it) ran nothing to prove.
    off = [f for f in impl.features if seen.get(f) is not True
           and (record.workload_features or f not in WORKLOAD_FEATURES)]
    if not off:
        return outcome
    return replace(outcome, status="error", error=_without(impl, off, seen))


def _without(impl: Implementation, off: list[str], seen: dict[str, bool]) -> str:
    """Why a process of IMPL is no result: it ran without OFF, of what it claims (SEEN:
    what the harness saw from inside)."""
    claimed = {f: seen[f] for f in impl.features if f in seen}
    return (f"{impl.id} claims {', '.join(off)}, but this process ran without it (from "
            f"inside: {claimed or 'not detectable'})")


def _settled(cell: model.Cell) -> model.Cell:
    """CELL with the status of its first failing process, else ok."""
    bad = next((r for r in cell.runs if r.status != "ok"), None)
    return replace(cell, status=bad.status if bad else "ok", error=bad.error if bad else "",
                   finished=_now())


def _fields(record: model.Measured) -> dict[str, Any]:
    """RECORD's fields (not copied deeper), to make a record that extends it."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _why(result: ExecResult) -> str:
    if result.timed_out:
        return "timed out"
    lines = tail(result.stderr, 300).strip().splitlines()
    return lines[-1] if lines else f"exit status {result.returncode}"


def _describe(box: Container, impl: Implementation) -> tuple[str, str]:
    """The interpreter's own version and Python version, as the harness reports them."""
    record = last_marked(box.exec([*impl.command, f"{HARNESS_MOUNT}/{HARNESS.name}",
                                    "--describe"], 120).stdout) or {}
    return str(record.get("version", "")), str(record.get("python_version", ""))


def _tools(impl: Implementation) -> str:
    """The in-container tools and the interpreter's command line (flags, environment)."""
    return hashlib.sha256(json.dumps([TOOLS_SHA, impl.command, impl.timed_env])
                          .encode()).hexdigest()[:16]


def _fresh(old: _Stamped | None, image: Image, impl: Implementation) -> TypeGuard[_Stamped]:
    """Whether OLD was measured with this image, these in-container tools and this
    command line."""
    return old is not None and old.image_id == image.id and old.tools == _tools(impl)


def _same_script(old: model.ScriptCell | None, script: Script, image: Image,
                 impl: Implementation) -> bool:
    return _fresh(old, image, impl) and old.sha256 == script.sha256


def _run_scripts(run: store.RunDir, box: Container, impl: Implementation, image: Image,
                 scripts: list[Script], *, settings: Settings, progress: Progress) -> None:
    started = time.monotonic()

    def done(script: Script, runs: list[compat.Observed]) -> None:
        first = runs[0]
        run.write_script(model.ScriptCell(
            implementation=impl.id, suite=script.suite, script=script.name,
            rc=first.rc, stdout=first.stdout, stderr=first.stderr, killed=first.killed,
            sha256=script.sha256, image_id=image.id, tools=_tools(impl),
            category=script.category, feature=script.feature, since=script.since,
            expected=script.expected,
            source=script.path.read_text("utf-8", "replace")[:SOURCE_CHARS],
            # the baseline runs twice: is its output stable?
            rerun=model.Rerun(rc=runs[1].rc, stdout=runs[1].stdout) if len(runs) > 1
            else None))
        progress.advance("scripts", impl.id, f"{impl.id} {script.suite}/{script.name}")

    compat.run_scripts(box, impl, scripts, timeout_s=settings.script_timeout_s,
                       passes=_passes(impl), done=done)
    progress.say(f"{impl.id:<16} {len(scripts)} compatibility scripts in "
                 f"{time.monotonic() - started:.0f} s")


def _passes(impl: Implementation) -> int:
    """How often IMPL runs each compatibility script: the baseline twice (is its output
    stable?), the others once."""
    return 2 if impl.baseline else 1


def _progress_line(done: int, total: int, p: int, cell: model.Cell, outcome: model.Run
                   ) -> str:
    record = outcome.record
    if outcome.status == "ok" and record and record.values:
        detail = (f"{statistics.median_high(record.values) * 1e3:9.1f} ms after "
                  f"{len(record.warmups)} warmups" + ("" if record.steady else " (not steady)"))
    else:
        detail = outcome.error.splitlines()[0][:80] if outcome.error else ""
    if outcome.remeasured:
        detail += f" (measured {outcome.remeasured + 1} times: the machine was busy)"
    if outcome.disturbed:
        detail += f" [disturbed: {outcome.disturbed}]"
    width = len(str(total))
    return (f"[{done:>{width}}/{total}] {cell.implementation:<16} {cell.workload:<18} "
            f"#{p + 1} {outcome.status:<12} {detail}")


def _summary(total: int, counts: Counter[str], wall: float, run: store.RunDir,
             script_cells: int = 0) -> str:
    parts = [f"{counts[s]} {s}" for s in
             ("ok", "wrong-result", "error", "unsupported", "timeout", "crash") if counts[s]]
    reused = f" ({counts['reused']} reused)" if counts["reused"] else ""
    scripts = f" and {script_cells} script cells" if script_cells else ""
    if counts["scripts reused"]:
        scripts += f" ({counts['scripts reused']} reused)"
    return (f"{total} cells: {', '.join(parts) or 'none'}{reused}{scripts} in {wall:.0f} s "
            f"-> {run.path}")


def with_overrides(settings: Settings, **overrides: Any) -> Settings:
    """SETTINGS with the options a user gave explicitly (None means not given)."""
    return replace(settings, **{k: v for k, v in overrides.items() if v is not None})


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
