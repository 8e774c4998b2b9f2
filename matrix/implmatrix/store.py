"""Where runs live: reports/<run-id>/ with raw cells written atomically.

    reports/<run-id>/run.json                 settings, hosts, finished or not
    reports/<run-id>/raw/<impl>/<workload>.json  one file per cell, rewritten per process
    reports/<run-id>/raw-scripts/<impl>/<suite>/<script>.json  compatibility scripts
    reports/<run-id>/raw-startup/<impl>.json, raw-scaling/<impl>.json
    reports/latest -> <run-id>
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from implmatrix import UsageError, model

LATEST = "latest"
# What a run.json has always held (schema 1 too): without them it is no run.json of ours.
_RUN_KEYS = ("settings", "started", "host", "implementations")
_UMASK = os.umask(0o022)
os.umask(_UMASK)
R = TypeVar("R")


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; reports are for reading
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_json(path: Path, obj: Any) -> None:
    atomic_write(path, json.dumps(obj, indent=1, sort_keys=True).encode())


def read_record(cls: type[R], path: Path) -> R:
    """The record of class CLS that PATH holds; UsageError (one line) when it does not."""
    try:
        return model.load(cls, json.loads(path.read_bytes()), path.name)
    except (OSError, ValueError) as e:  # ModelError is a ValueError, as is bad JSON
        raise UsageError(f"{path} is not a {cls.__name__} record of implmatrix: {e}") from None


def _maybe(cls: type[R], path: Path) -> R | None:
    """The record at PATH, or None when it is missing or broken (measured again)."""
    try:
        return read_record(cls, path)
    except UsageError:
        return None


def _write(path: Path, record: Any) -> None:
    write_json(path, model.dump(record))


class RunDir:
    """A run's folder: each raw file read and written as its record (model.py)."""

    def __init__(self, path: Path):
        self.path = path
        self.id = path.name

    @property
    def meta_path(self) -> Path:
        return self.path / "run.json"

    def meta(self) -> model.RunMeta:
        return checked_meta(self.meta_path)

    def write_meta(self, meta: model.RunMeta) -> None:
        _write(self.meta_path, replace(meta, schema=model.RUN_SCHEMA))

    # Timed cells: raw/<impl>/<workload>.json
    def cell_path(self, impl_id: str, workload: str) -> Path:
        return self.path / "raw" / impl_id / f"{workload}.json"

    def write_cell(self, cell: model.Cell) -> None:
        _write(self.cell_path(cell.implementation, cell.workload), cell)

    def read_cell(self, impl_id: str, workload: str) -> model.Cell | None:
        return _maybe(model.Cell, self.cell_path(impl_id, workload))

    def cells(self) -> list[model.Cell]:
        return [read_record(model.Cell, p) for p in sorted(self.path.glob("raw/*/*.json"))]

    # Compatibility scripts: raw-scripts/<impl>/<suite>/<script>.json
    def script_path(self, impl_id: str, suite: str, script: str) -> Path:
        return self.path / "raw-scripts" / impl_id / suite / f"{script}.json"

    def write_script(self, cell: model.ScriptCell) -> None:
        _write(self.script_path(cell.implementation, cell.suite, cell.script), cell)

    def read_script(self, impl_id: str, suite: str, script: str) -> model.ScriptCell | None:
        return _maybe(model.ScriptCell, self.script_path(impl_id, suite, script))

    def script_cells(self) -> list[model.ScriptCell]:
        return [read_record(model.ScriptCell, p)
                for p in sorted(self.path.glob("raw-scripts/*/*/*.json"))]

    # Start-up and scaling, per implementation: raw-startup/<impl>.json, raw-scaling/<impl>.json
    def startup_path(self, impl_id: str) -> Path:
        return self.path / "raw-startup" / f"{impl_id}.json"

    def write_startup(self, startup: model.Startup) -> None:
        _write(self.startup_path(startup.implementation), startup)

    def read_startup(self, impl_id: str) -> model.Startup | None:
        return _maybe(model.Startup, self.startup_path(impl_id))

    def startup(self) -> dict[str, model.Startup]:
        return {p.stem: read_record(model.Startup, p)
                for p in sorted(self.path.glob("raw-startup/*.json"))}

    def scaling_path(self, impl_id: str) -> Path:
        return self.path / "raw-scaling" / f"{impl_id}.json"

    def write_scaling(self, scaling: model.Scaling) -> None:
        _write(self.scaling_path(scaling.implementation), scaling)

    def read_scaling(self, impl_id: str) -> model.Scaling | None:
        return _maybe(model.Scaling, self.scaling_path(impl_id))

    def scaling(self) -> dict[str, model.Scaling]:
        return {p.stem: read_record(model.Scaling, p)
                for p in sorted(self.path.glob("raw-scaling/*.json"))}

    # A merged run's baseline cells per host (raw-host-baselines/<host id>/<workload>.json),
    # so implementations measured elsewhere are compared with the baseline of their host.
    def write_host_baseline(self, host: model.Host, cell: model.Cell) -> None:
        _write(self.path / "raw-host-baselines" / host_id(host) / f"{cell.workload}.json", cell)

    def host_baseline_cells(self, host: model.Host) -> list[model.Cell]:
        return [read_record(model.Cell, p) for p in
                sorted((self.path / "raw-host-baselines" / host_id(host)).glob("*.json"))]


def copy_measurements(source: RunDir, target: RunDir, impls: list[str], workloads: list[str],
                      scripts: Any) -> None:
    """Copy SOURCE's raw files for these implementations, workloads and scripts."""
    wanted = [source.cell_path(i, w) for i in impls for w in workloads]
    wanted += [source.script_path(i, s.suite, s.name) for i in impls for s in scripts]
    wanted += [p for i in impls for p in (source.startup_path(i), source.scaling_path(i))]
    for path in wanted:
        if path.is_file():
            atomic_write(target.path / path.relative_to(source.path), path.read_bytes())


def host_id(host: model.Host) -> str:
    """Short stable name of a host: the facts that make timings comparable."""
    key = [host.hostname, host.cpu_model_name, host.cpu_count, host.kernel]
    return hashlib.sha256(json.dumps(key).encode()).hexdigest()[:12]


def new_run(root: Path) -> RunDir:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    for suffix in [""] + [f"-{n}" for n in range(2, 100)]:
        path = root / f"{stamp}{suffix}"
        try:
            path.mkdir(parents=True)
        except FileExistsError:
            continue
        return RunDir(path)
    raise RuntimeError(f"cannot make a run directory under {root}")


def checked_meta(path: Path) -> model.RunMeta:
    """The run.json at PATH in this version's layout; UsageError (one line) when it is
    not a run.json this implmatrix can read."""
    try:
        found = json.loads(path.read_bytes())
    except (OSError, ValueError) as e:
        raise UsageError(f"{path} is not a run.json of implmatrix: {e}") from None
    schema = found.get("schema", 1) if isinstance(found, dict) else None
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise UsageError(f"{path} is not a run.json of implmatrix (no valid schema)")
    if schema > model.RUN_SCHEMA:
        raise UsageError(f"{path} has schema {schema}, this implmatrix reads up to "
                         f"{model.RUN_SCHEMA}: a newer implmatrix wrote it")
    if missing := [k for k in _RUN_KEYS if k not in found]:
        raise UsageError(f"{path} is not a run.json of implmatrix: it lacks "
                         f"{', '.join(missing)}")
    meta = read_record(model.RunMeta, path)  # 1 -> 2: the same fields, fewer of them
    return replace(meta, schema=model.RUN_SCHEMA)


_skipped: set[Path] = set()  # the runs skip() has warned of, in this process


def skip(run: RunDir, why: UsageError) -> None:
    """Warn, once per command, that RUN is left out of what is built from the runs around
    it (comparisons, trend, runs index): one line on stderr saying WHY."""
    if run.path not in _skipped:
        _skipped.add(run.path)
        print(f"implmatrix: warning: skipping run {run.id}: {why}", file=sys.stderr)


def finished_runs(root: Path) -> list[tuple[RunDir, model.RunMeta]]:
    """The finished runs under ROOT with their run.json, in start order; `latest` is
    skipped, and so are broken run directories (with a warning)."""
    found = []
    for path in root.glob("*/run.json"):
        if path.parent.is_symlink():
            continue
        run = RunDir(path.parent)
        try:
            meta = run.meta()
        except UsageError as e:  # broken, or of a newer implmatrix
            skip(run, e)
            continue
        if meta.finished:
            found.append((run, meta))
    return sorted(found, key=lambda found: (found[1].started, found[0].id))


def latest(root: Path) -> RunDir | None:
    link = root / LATEST
    if not (link / "run.json").is_file():
        return None
    return RunDir(link.resolve())


def point_latest(root: Path, run: RunDir) -> None:
    tmp = root / f".{LATEST}.tmp"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(run.path.name)
    os.replace(tmp, root / LATEST)
