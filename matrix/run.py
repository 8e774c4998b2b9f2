"""Run the matrix: every implementation × workload, one cell at a time.

Each finished cell is written at once (atomically), so an interrupted run
loses nothing: running the same command again resumes it.
"""

from __future__ import annotations

import json
import os
import platform
import socket
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from matrix import HARNESS, DockerError, compat, store
from matrix.cells import MARKER, classify
from matrix.container import Container
from matrix.engine import ensure_available
from matrix.images import Image
from matrix.registry import Implementation
from matrix.scripts import Script
from matrix.workloads import Workload

HARNESS_MOUNT = compat.HARNESS_MOUNT
SOURCE_CHARS = 8000  # of each script, for the differences page


@dataclass(frozen=True)
class Settings:
    values: int = 5  # timed iterations per cell; equal everywhere for pyperf's t-test
    timeout_s: float = 120.0  # per cell, warmups included
    script_timeout_s: float = 10.0  # per compatibility script


def host_metadata() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "hostname": socket.gethostname(),
        "cpu_model_name": cpu,
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "docker_version": ensure_available(),
    }


def _reusable(previous: store.RunDir | None, settings: dict[str, Any]) -> store.RunDir | None:
    """The last run, if it stopped before finishing with these same settings."""
    if previous is None:
        return None
    meta = previous.meta()
    return previous if not meta.get("finished") and meta.get("settings") == settings else None


def run_matrix(
    impls: list[Implementation],
    workloads: list[Workload],
    images: dict[str, Image],
    mounts: dict[Path, str],
    settings: Settings,
    out: Path,
    command: str,
    say: Callable[[str], None] = print,
    scripts: Sequence[Script] = (),
) -> store.RunDir:
    described = {
        **asdict(settings),
        "implementations": [i.id for i in impls],
        "workloads": [w.name for w in workloads],
        "scripts": [f"{s.suite}/{s.name}" for s in scripts],
    }
    run = _reusable(store.latest(out), described)
    if run is None:
        run = store.new_run(out)
        meta = {"settings": described, "command": command, "started": _now(),
                "host": host_metadata(), "implementations": {}, "finished": False}
        run.write_meta(meta)
        store.point_latest(out, run)
    else:
        meta = run.meta()
        say(f"resuming unfinished run {run.id}")

    total = len(impls) * len(workloads)
    if scripts:
        say(f"{len(workloads)} workloads and {len(scripts)} compatibility scripts on "
            f"{len(impls)} implementations")
    counts: Counter[str] = Counter()
    done = 0
    started = time.monotonic()
    for impl in impls:
        image = images[impl.id]
        todo = []
        for w in workloads:
            old = run.read_cell(impl.id, w.name)
            if old and old.get("image_id") == image.id and old.get("workload_sha256") == w.sha256:
                counts[old["status"]] += 1
                counts["reused"] += 1
                done += 1
            else:
                todo.append(w)
        scripts_todo = [s for s in scripts if not _same_script(
            run.read_script(impl.id, s.suite, s.name), s, image)]
        if not todo and not scripts_todo:
            continue
        try:
            with Container(image.tag, {**mounts, HARNESS.parent: HARNESS_MOUNT}) as box:
                meta["implementations"][impl.id] = {
                    "family": impl.family, "image": image.tag, "image_id": image.id,
                    "package": impl.package, "suite": impl.suite,
                    "package_version": box.read("/etc/implmatrix/package-version"),
                    "baseline": impl.baseline,
                    **_describe(box, impl),
                }
                run.write_meta(meta)
                for w in todo:
                    argv = [*impl.command, f"{HARNESS_MOUNT}/{HARNESS.name}", w.mount,
                            str(impl.warmups), str(settings.values)]
                    cell = _cell(impl, w, image, classify(box.exec(argv, settings.timeout_s),
                                                          settings.timeout_s))
                    run.write_cell(cell)
                    done += 1
                    counts[cell["status"]] += 1
                    say(_progress_line(done, total, cell))
                if scripts_todo:
                    _run_scripts(run, box, impl, image, scripts_todo, settings, say)
        except DockerError as e:
            # One broken implementation must not stop the others.
            for w in todo:
                if run.read_cell(impl.id, w.name) is None:
                    run.write_cell(_cell(impl, w, image, {
                        "status": "error", "error": f"container: {e}", "record": None,
                        "returncode": None, "wall_s": 0.0, "stderr_tail": ""}))
                    counts["error"] += 1
                    done += 1
            say(f"{impl.id}: {e}")
    meta["finished"] = True
    meta["ended"] = _now()
    meta["wall_s"] = meta.get("wall_s", 0) + round(time.monotonic() - started, 1)
    run.write_meta(meta)
    say(_summary(total, counts, time.monotonic() - started, run, len(scripts) * len(impls)))
    return run


def _describe(box: Container, impl: Implementation) -> dict[str, str]:
    """The interpreter's own version, as the harness reports it."""
    result = box.exec([*impl.command, f"{HARNESS_MOUNT}/{HARNESS.name}", "--describe"], 120)
    for line in reversed(result.stdout.splitlines()):
        if line.startswith(MARKER):
            info = json.loads(line[len(MARKER):])
            return {"version": str(info.get("version", "")),
                    "python_version": str(info.get("python_version", ""))}
    return {}


def _same_script(old: dict[str, Any] | None, script: Script, image: Image) -> bool:
    return bool(old) and old["sha256"] == script.sha256 and old["image_id"] == image.id


def _run_scripts(run: store.RunDir, box: Container, impl: Implementation, image: Image,
                 scripts: list[Script], settings: Settings, say: Callable[[str], None]) -> None:
    started = time.monotonic()

    def done(script: Script, runs: list[dict[str, Any]]) -> None:
        cell = {"implementation": impl.id, "suite": script.suite, "script": script.name,
                "sha256": script.sha256, "image_id": image.id, "category": script.category,
                "feature": script.feature, "since": script.since, "expected": script.expected,
                "source": script.path.read_text("utf-8", "replace")[:SOURCE_CHARS], **runs[0]}
        if len(runs) > 1:  # the baseline runs twice: is its output stable?
            cell["rerun"] = {"rc": runs[1]["rc"], "stdout": runs[1]["stdout"]}
        run.write_script(cell)

    compat.run_scripts(box, impl, scripts, settings.script_timeout_s,
                       2 if impl.baseline else 1, done)
    say(f"{impl.id:<16} {len(scripts)} compatibility scripts in "
        f"{time.monotonic() - started:.0f} s")


def _cell(impl: Implementation, w: Workload, image: Image, outcome: dict[str, Any]) -> dict:
    return {"implementation": impl.id, "workload": w.name, "workload_sha256": w.sha256,
            "image_id": image.id, "finished": _now(), **outcome}


def _progress_line(done: int, total: int, cell: dict[str, Any]) -> str:
    values = (cell["record"] or {}).get("values") or []
    detail = f"{sorted(values)[len(values) // 2] * 1e3:9.1f} ms" if cell["status"] == "ok" \
        else cell["error"].splitlines()[0][:80] if cell["error"] else ""
    width = len(str(total))
    return (f"[{done:>{width}}/{total}] {cell['implementation']:<16} {cell['workload']:<18} "
            f"{cell['status']:<12} {detail}")


def _summary(total: int, counts: Counter[str], wall: float, run: store.RunDir,
             script_cells: int = 0) -> str:
    parts = [f"{counts[s]} {s}" for s in
             ("ok", "wrong-result", "error", "unsupported", "timeout", "crash") if counts[s]]
    reused = f" ({counts['reused']} reused from the unfinished run)" if counts["reused"] else ""
    scripts = f" and {script_cells} script cells" if script_cells else ""
    return (f"{total} cells: {', '.join(parts) or 'none'}{reused}{scripts} in {wall:.0f} s "
            f"-> {run.path}")


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
