"""The run model: what one run measured, as frozen typed records.

A run (run.json: RunMeta) holds settings, its host and implementations; its raw files
hold timed cells (Cell), compatibility scripts (ScriptCell), start-up batches (Startup)
and scaling points (Scaling). The words are pyperf's where they overlap: a *run* is one
process (Cell.runs), with the harness's record of its values (HarnessRecord) and the
outside measure's record of the process (Measured, with its interference Window).

Records are read from JSON by `load` and written by `dump`, only through store.py.
Reading checks every field's type: a file (or a harness record) with a field of the
wrong type is refused as a whole (ModelError), a missing field takes its default (files
of older versions lack newer fields), and fields this version does not know are ignored.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass, replace
from functools import cache
from typing import Any, TypeVar, Union

# The layout of run.json, stamped in it as "schema". 1: the files written before the stamp
# (read as they are: every field added since has a default); 2: stamped. A run of a newer
# schema was written by a newer implmatrix and is refused, not misread.
RUN_SCHEMA = 2


class ModelError(ValueError):
    """A JSON value that is not the record it should be."""


# -- settings and the run ---------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """How a run measures (a preset, with the user's overrides), and what it selected."""

    values: int = 5  # timed iterations per process, after warmup
    processes: int = 3  # fresh processes per cell
    warmup_budget_s: float = 15.0  # per process: warm up until steady, at most this long
    timeout_s: float = 120.0  # per process, warmups included
    script_timeout_s: float = 10.0  # per compatibility script
    startup_runs: int = 10  # per start-up program (0: not measured)
    scaling_cap_s: float = 120.0  # per implementation, for the scaling protocol (0: not measured)
    scaling_units: int = 100  # of the scaling job: ~0.5 s on one CPython 3.13 thread here
    # what is selected (not what a measurement means)
    preset: str = "default"
    implementations: tuple[str, ...] = ()
    workloads: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()  # "<suite>/<script>"

    def measuring(self) -> Settings:
        """These settings without the selection: what decides what a figure means."""
        return replace(self, implementations=(), workloads=(), scripts=())


@dataclass(frozen=True)
class Host:
    hostname: str = ""
    cpu_model_name: str = ""
    cpu_count: int | None = None
    kernel: str = ""
    platform: str = ""
    docker_version: str = ""
    timed_cpu: int | None = None


@dataclass(frozen=True)
class ImplMeta:
    """An implementation as a run measured it: its image and what it says of itself."""

    family: str = ""
    image: str = ""
    image_id: str = ""
    package: str = ""
    package_version: str = ""
    suite: str = ""
    command: tuple[str, ...] = ()
    timed_command: tuple[str, ...] = ()
    version: str = ""
    python_version: str = ""
    features: tuple[str, ...] = ()  # claimed (registry): proved in every timed process
    baseline: bool = False
    host: Host | None = None  # a merged run: the host it was measured on

    @property
    def timed_argv(self) -> tuple[str, ...]:
        return self.timed_command or self.command


@dataclass(frozen=True)
class Remeasured:
    """What re-measuring cost a run: attempts thrown away, their wall time, waiting."""

    attempts: int = 0
    wall_s: float = 0.0
    waited_s: float = 0.0


@dataclass(frozen=True)
class RunMeta:
    """run.json."""

    settings: Settings = Settings()
    command: str = ""
    started: str = ""
    ended: str = ""
    finished: bool = False
    host: Host = Host()
    implementations: dict[str, ImplMeta] = field(default_factory=dict)
    wall_s: float = 0.0
    phases: dict[str, dict[str, float]] = field(default_factory=dict)
    reused: dict[str, int] = field(default_factory=dict)  # cells, scripts
    reused_from: str = ""
    remeasured: Remeasured | None = None
    merged_from: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()  # a merged run: the hosts' names
    # implementation -> why its container could not start (its cells are errors)
    broken: dict[str, str] = field(default_factory=dict)
    schema: int = RUN_SCHEMA

    def impl(self, impl_id: str) -> ImplMeta:
        return self.implementations.get(impl_id) or ImplMeta()

    def baseline(self, *, marked_only: bool = False) -> str:
        """The implementation marked as the baseline; when none is (a run without the
        baseline), the first implementation of the run, or "" with MARKED_ONLY."""
        marked = next((i for i, m in self.implementations.items() if m.baseline), "")
        if marked or marked_only:
            return marked
        return self.settings.implementations[0] if self.settings.implementations else ""

    def host_of(self, impl_id: str) -> Host:
        """The host IMPL_ID was measured on (a merged run keeps each one's)."""
        return self.impl(impl_id).host or self.host


# -- one process, measured from outside and from inside -----------------------------------


@dataclass(frozen=True)
class Window:
    """What the whole machine ran while one process was measured (workloads/measure.c)."""

    window_s: float = 0.0
    cpus: int = 0
    cpu: int = -1  # the pinned CPU, -1: not pinned
    own_cpu_s: float = 0.0
    busy_s: float = 0.0
    cpu_busy_s: float | None = None
    steal_s: float = 0.0
    psi_some_s: float | None = None


@dataclass(frozen=True)
class Measured:
    """measure's record of one process, which the process cannot forge."""

    wall_s: float = 0.0
    max_rss_kb: int = 0
    user_s: float = 0.0
    sys_s: float = 0.0
    exit: int | None = None
    signal: int | None = None
    nonce: str | None = None
    interference: Window | None = None


@dataclass(frozen=True)
class Interpreter:
    """The interpreter as the harness describes it from inside."""

    name: str = ""
    version: str = ""
    python_version: str = ""
    sys_version: str = ""
    features: dict[str, bool] = field(default_factory=dict)  # jit, pyston: on or off


@dataclass(frozen=True)
class Compiled:
    """How workloads/compiled.py gave the harness its workload, on rows that compile."""

    compiler: str = ""  # and its version: "cython 3.3.1"
    cached: bool = False  # compiled ahead, or by an earlier process of the cell
    seconds: float = 0.0  # compiling in this process (0 when cached)


@dataclass(frozen=True)
class HarnessRecord:
    """What workloads/harness.py reports of one timed process."""

    status: str = "error"
    clock: str = ""
    implementation: Interpreter | None = None
    # What the workload's code ran as, seen once it was loaded (cython: compiled)
    workload_features: dict[str, bool] = field(default_factory=dict)
    compiled: Compiled | None = None
    warmups: tuple[float, ...] = ()
    values: tuple[float, ...] = ()
    steady: bool = False
    doc: str = ""
    error: str = ""
    error_type: str = ""


@dataclass(frozen=True)
class Run:
    """One process of a timed cell (pyperf's "run"): how it ended and what it measured."""

    status: str = "error"
    error: str = ""
    record: HarnessRecord | None = None
    returncode: int | None = None
    wall_s: float = 0.0
    stderr_tail: str = ""
    process: Measured | None = None
    disturbed: str = ""  # why the machine was too busy while it ran ("": it was not)
    remeasured: int = 0  # attempts thrown away before this one

    @property
    def values(self) -> tuple[float, ...]:
        return self.record.values if self.record else ()


@dataclass(frozen=True)
class Cell:
    """One implementation × workload: its processes."""

    implementation: str
    workload: str
    workload_sha256: str = ""
    image_id: str = ""
    tools: str = ""  # run._tools: the in-container tools and the command line
    status: str = "ok"  # the first failing process's, else ok
    error: str = ""
    runs: tuple[Run, ...] = ()
    finished: str = ""

    @property
    def records(self) -> list[HarnessRecord]:
        """The harness records of the processes that ran."""
        return [r.record for r in self.runs if r.record]


# -- compatibility scripts ---------------------------------------------------------------


@dataclass(frozen=True)
class Rerun:
    rc: int
    stdout: str


@dataclass(frozen=True)
class ScriptCell:
    """One implementation × compatibility script: what it printed, and how it ended."""

    implementation: str
    suite: str
    script: str
    rc: int
    stdout: str = ""
    stderr: str = ""
    killed: str = ""  # why it was killed, as the host saw (out of memory), if it was
    sha256: str = ""
    image_id: str = ""
    tools: str = ""
    category: str = ""
    feature: str = ""
    since: str = ""
    expected: str | None = None  # the script's own expected output, if it has one
    source: str = ""
    rerun: Rerun | None = None  # the baseline runs twice: is its output stable?


# -- start-up and scaling ------------------------------------------------------------------


@dataclass(frozen=True)
class StartupProcess(Measured):
    disturbed: str = ""  # of the whole batch
    remeasured: int = 0


@dataclass(frozen=True)
class StartupBatch:
    """Settings.startup_runs processes of one start-up program, judged as one window."""

    processes: tuple[StartupProcess, ...] = ()
    returncode: int | None = None
    stderr_tail: str = ""


@dataclass(frozen=True)
class Startup:
    """raw-startup/<impl>.json."""

    implementation: str
    image_id: str = ""
    tools: str = ""
    runs: int = 0
    programs: dict[str, StartupBatch] = field(default_factory=dict)


@dataclass(frozen=True)
class ScalingProcess:
    """One process of the scaling job at one point: its repeats' times."""

    times: tuple[float, ...] = ()
    checksum_ok: bool = False
    warmups: tuple[float, ...] = ()
    steady: bool | None = None
    process: Measured | None = None
    disturbed: str = ""
    remeasured: int = 0
    start_s: float | None = None  # median time to start one more worker and see it end
    peak_rss_kb: int | None = None  # of the process and its forked workers, summed
    features: dict[str, bool] = field(default_factory=dict)  # read after the workers ran


# How the scaling job's workers run: threads, forked processes, subinterpreters (3.14+);
# threads on a job of reads from objects of their own or shared by all (OBJECT_KINDS:
# measured where threads run without a GIL, see run.scaling_kinds).
OBJECT_KINDS = ("objects", "shared-objects")
SCALING_KINDS = ("threads", "processes", "interpreters", *OBJECT_KINDS)


@dataclass(frozen=True)
class ScalingPoint:
    """The scaling job on WORKERS threads or processes: its processes."""

    kind: str  # one of SCALING_KINDS
    workers: int
    available: bool = True
    reason: str = ""
    processes: tuple[ScalingProcess, ...] = ()


@dataclass(frozen=True)
class Scaling:
    """raw-scaling/<impl>.json: the scaling protocol's points, and how it was run."""

    implementation: str
    image_id: str = ""
    tools: str = ""
    cores: int = 0
    units: int = 0
    repeats: int = 0
    warmup_s: float = 0.0
    cap_s: float = 0.0
    rounds: int = 0
    decided: bool = False
    wall_s: float = 0.0
    points: tuple[ScalingPoint, ...] = ()


@dataclass(frozen=True)
class ScalingRecord:
    """What workloads/scaling.py reports of one process."""

    available: bool = False
    reason: str = ""
    times: tuple[float, ...] = ()
    checksum_ok: bool = False
    warmups: tuple[float, ...] = ()
    steady: bool | None = None
    start_s: float | None = None
    peak_rss_kb: int | None = None
    features: dict[str, bool] = field(default_factory=dict)


# -- reading and writing ---------------------------------------------------------------------

R = TypeVar("R")


def load(cls: type[R], obj: Any, where: str = "") -> R:
    """The record CLS that the JSON value OBJ holds; ModelError when it does not."""
    return typing.cast(R, _load(cls, obj, where or cls.__name__))


def dump(record: Any) -> Any:
    """RECORD as a JSON value (what load reads back)."""
    if is_dataclass(record) and not isinstance(record, type):
        return {f.name: dump(getattr(record, f.name)) for f in fields(record)}
    if isinstance(record, tuple | list):
        return [dump(v) for v in record]
    if isinstance(record, dict):
        return {k: dump(v) for k, v in record.items()}
    return record


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _point_of_schema_1(obj: dict[str, Any]) -> dict[str, Any]:
    """A scaling point of runs before the scaling protocol kept its times on the point
    itself: one undisturbed process."""
    if "processes" in obj or not obj.get("times"):
        return obj
    return {**obj, "processes": [{"times": obj["times"],
                                  "checksum_ok": obj.get("checksum_ok", False)}]}


# Records whose older layout is not just missing fields: the JSON object, upgraded.
_MIGRATIONS: dict[type, Callable[[dict[str, Any]], dict[str, Any]]] = {
    ScalingPoint: _point_of_schema_1,
}


def _record(cls: type, obj: Any, where: str) -> Any:
    if not isinstance(obj, dict):
        raise ModelError(f"{where}: expected an object, found {type(obj).__name__}")
    if cls in _MIGRATIONS:
        obj = _MIGRATIONS[cls](obj)
    hints = _hints(cls)
    given = {}
    for f in fields(cls):
        if f.name in obj:
            given[f.name] = _load(hints[f.name], obj[f.name], f"{where}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ModelError(f"{where}: {f.name} is missing")
    return typing.cast(Callable[..., Any], cls)(**given)


def _load(tp: Any, obj: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    if is_dataclass(tp):
        return _record(typing.cast(type, tp), obj, where)
    if origin in (Union, types.UnionType):
        args = typing.get_args(tp)
        if obj is None and type(None) in args:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return _load(inner, obj, where)
    if origin is tuple:
        if not isinstance(obj, list):
            raise ModelError(f"{where}: expected a list, found {type(obj).__name__}")
        return tuple(_load(typing.get_args(tp)[0], v, f"{where}[{n}]")
                     for n, v in enumerate(obj))
    if origin is dict:
        if not isinstance(obj, dict):
            raise ModelError(f"{where}: expected an object, found {type(obj).__name__}")
        inner = typing.get_args(tp)[1]
        return {str(k): _load(inner, v, f"{where}.{k}") for k, v in obj.items()}
    if tp is float and isinstance(obj, int | float) and not isinstance(obj, bool):
        return float(obj)
    if tp in (int, str, bool) and type(obj) is tp:
        return obj
    raise ModelError(f"{where}: expected {getattr(tp, '__name__', tp)}, "
                     f"found {type(obj).__name__}")
