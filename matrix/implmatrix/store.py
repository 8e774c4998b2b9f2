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
import tempfile
import time
from pathlib import Path
from typing import Any

from implmatrix import UsageError

LATEST = "latest"
# The layout of run.json, stamped in it as "schema". 1: the files written before the stamp
# (read as they are: every field added since is read with a default); 2: stamped. A run
# of a newer schema was written by a newer implmatrix and is refused, not misread.
RUN_SCHEMA = 2
_UMASK = os.umask(0o022)
os.umask(_UMASK)


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


def read_json(path: Path) -> dict[str, Any]:
    """The record write_json wrote at PATH (its reader knows its fields)."""
    record: dict[str, Any] = json.loads(path.read_text())
    return record


class RunDir:
    def __init__(self, path: Path):
        self.path = path
        self.id = path.name

    @property
    def meta_path(self) -> Path:
        return self.path / "run.json"

    def meta(self) -> dict[str, Any]:
        return checked_meta(read_json(self.meta_path), self.meta_path)

    def write_meta(self, meta: dict[str, Any]) -> None:
        write_json(self.meta_path, {**meta, "schema": RUN_SCHEMA})

    def cell_path(self, impl_id: str, workload: str) -> Path:
        return self.path / "raw" / impl_id / f"{workload}.json"

    def write_cell(self, cell: dict[str, Any]) -> None:
        write_json(self.cell_path(cell["implementation"], cell["workload"]), cell)

    def read_cell(self, impl_id: str, workload: str) -> dict[str, Any] | None:
        try:
            return read_json(self.cell_path(impl_id, workload))
        except (OSError, ValueError):
            return None

    def cells(self) -> list[dict[str, Any]]:
        return [json.loads(p.read_text()) for p in sorted(self.path.glob("raw/*/*.json"))]

    # Compatibility scripts: raw-scripts/<impl>/<suite>/<script>.json
    def script_path(self, impl_id: str, suite: str, script: str) -> Path:
        return self.path / "raw-scripts" / impl_id / suite / f"{script}.json"

    def write_script(self, cell: dict[str, Any]) -> None:
        write_json(self.script_path(cell["implementation"], cell["suite"], cell["script"]), cell)

    def read_script(self, impl_id: str, suite: str, script: str) -> dict[str, Any] | None:
        try:
            return read_json(self.script_path(impl_id, suite, script))
        except (OSError, ValueError):
            return None

    def script_cells(self) -> list[dict[str, Any]]:
        return [json.loads(p.read_text())
                for p in sorted(self.path.glob("raw-scripts/*/*/*.json"))]


    # Per-implementation measurements besides cells: raw-<kind>/<impl>.json
    # (kind: startup, scaling).
    def extra_path(self, kind: str, impl_id: str) -> Path:
        return self.path / f"raw-{kind}" / f"{impl_id}.json"

    def write_extra(self, kind: str, impl_id: str, obj: dict[str, Any]) -> None:
        write_json(self.extra_path(kind, impl_id), obj)

    def read_extra(self, kind: str, impl_id: str) -> dict[str, Any] | None:
        try:
            return read_json(self.extra_path(kind, impl_id))
        except (OSError, ValueError):
            return None

    def extras(self, kind: str) -> dict[str, dict[str, Any]]:
        return {p.stem: json.loads(p.read_text())
                for p in sorted(self.path.glob(f"raw-{kind}/*.json"))}


    # A merged run's baseline cells per host (raw-host-baselines/<host id>/<workload>.json),
    # so implementations measured elsewhere are compared with the baseline of their host.
    def write_host_baseline(self, host: dict[str, Any], cell: dict[str, Any]) -> None:
        write_json(self.path / "raw-host-baselines" / host_id(host) / f"{cell['workload']}.json",
                   cell)

    def host_baseline_cells(self, host: dict[str, Any]) -> list[dict[str, Any]]:
        return [json.loads(p.read_text()) for p in
                sorted((self.path / "raw-host-baselines" / host_id(host)).glob("*.json"))]


def copy_measurements(source: RunDir, target: RunDir, impls: list[str], workloads: list[str],
                      scripts: Any) -> None:
    """Copy SOURCE's raw files for these implementations, workloads and scripts."""
    wanted = [source.cell_path(i, w) for i in impls for w in workloads]
    wanted += [source.script_path(i, s.suite, s.name) for i in impls for s in scripts]
    wanted += [source.extra_path(k, i) for k in ("startup", "scaling") for i in impls]
    for path in wanted:
        if path.is_file():
            atomic_write(target.path / path.relative_to(source.path), path.read_bytes())


def host_id(host: dict[str, Any]) -> str:
    """Short stable name of a host: the facts that make timings comparable."""
    key = [host.get(k) for k in ("hostname", "cpu_model_name", "cpu_count", "kernel")]
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


def checked_meta(meta: Any, path: Path) -> dict[str, Any]:
    """META, read from PATH, in this version's layout; UsageError (one line) when it is
    not a run.json this implmatrix can read."""
    schema = meta.get("schema", 1) if isinstance(meta, dict) else None
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise UsageError(f"{path} is not a run.json of implmatrix (no valid schema)")
    if schema > RUN_SCHEMA:
        raise UsageError(f"{path} has schema {schema}, this implmatrix reads up to "
                         f"{RUN_SCHEMA}: a newer implmatrix wrote it")
    return {**meta, "schema": RUN_SCHEMA}  # 1 -> 2: the same fields


def finished_runs(root: Path) -> list[tuple[RunDir, dict[str, Any]]]:
    """The finished runs under ROOT with their run.json, in start order; `latest` and
    broken run directories are skipped."""
    found = []
    for path in root.glob("*/run.json"):
        if path.parent.is_symlink():
            continue
        run = RunDir(path.parent)
        try:
            meta = run.meta()
        except (OSError, ValueError, UsageError):  # broken, or of a newer implmatrix
            continue
        if meta.get("finished"):
            found.append((run, meta))
    return sorted(found, key=lambda found: (str(found[1].get("started", "")), found[0].id))


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
