"""Compatibility runs: every script on an implementation, compared with a reference.

Scripts run in batches inside the implementation's container (workloads/
batch.sh: one fresh process each), several batches at once since timing is
not measured. Jython instead runs a batch in one JVM with a fresh interpreter
state per script (workloads/jython_batch.py), because a JVM start costs about
a second. What is stored per script is only what was observed (exit status,
stdout, stderr); statuses are derived later against the reference, so the
reference can be the baseline's output from the same run.
"""

from __future__ import annotations

import difflib
import os
import re
import signal
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from implmatrix.cells import signal_name
from implmatrix.container import SIGNAL_EXIT, TIMEOUT_EXIT, Container
from implmatrix.model import ScriptCell
from implmatrix.registry import Implementation
from implmatrix.scripts import Script

HARNESS_MOUNT = "/opt/implmatrix"
# Rows that measure compiled code start every program through this (its command names
# it); it compiles what it runs, and ahead with --build (workloads/compiled.py).
COMPILED = f"{HARNESS_MOUNT}/compiled.py"
COMPILE_TIMEOUT_S = 120.0  # per file compiled ahead
# Families that run a batch in one process with a fresh interpreter state per script.
SHARED_PROCESS_DRIVERS = {"jython": "jython_batch.py"}
STATUSES = ("pass", "differs", "error", "unsupported", "timeout", "crash", "skipped",
            "nondeterministic")
DETAIL_CHARS = 2000
_UNSUPPORTED = re.compile(r"^(\w+\.)*(SyntaxError|IndentationError|ImportError|"
                          r"ModuleNotFoundError|CompileError)\b")


@dataclass(frozen=True)
class Observed:
    """What one run of a script did (its exit status and output), before it is judged."""

    rc: int
    stdout: str
    stderr: str


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def compile_ahead(box: Container, impl: Implementation, role: str, paths: list[str]) -> None:
    """Where IMPL runs compiled code, compile PATHS (inside the container, as ROLE:
    "scripts" or "workloads") into the container's cache before they run, so that
    compiling counts neither against their time limits nor in their peak RSS. What
    fails to compile is reported when it runs."""
    if COMPILED in impl.command:
        box.exec([*impl.command, "--build", role, *paths], COMPILE_TIMEOUT_S * len(paths))


def run_batch(box: Container, impl: Implementation, scripts: list[Script],
              timeout_s: float) -> list[Observed]:
    """Observations of each script, in order; restarts the batch past a fatal one."""
    observed: list[Observed] = []
    remaining = list(scripts)
    compile_ahead(box, impl, "scripts", [s.mount for s in scripts])
    driver = SHARED_PROCESS_DRIVERS.get(impl.family)
    while remaining:
        out_dir = f"/tmp/batch.{uuid.uuid4().hex[:12]}"
        if driver:
            argv = [*impl.command, f"{HARNESS_MOUNT}/{driver}", out_dir, f"{timeout_s:g}"]
        else:
            argv = ["sh", f"{HARNESS_MOUNT}/batch.sh", out_dir, f"{timeout_s:g}", *impl.command]
        paths = "".join(s.mount + "\n" for s in remaining).encode()
        result = box.exec(argv, timeout_s * len(remaining) + 120, input=paths)
        files = box.fetch(out_dir)
        for n in range(1, len(remaining) + 1):
            rc_text = files.get(f"{n}.rc", b"").strip()
            if rc_text:
                observed.append(Observed(int(rc_text), _decode(files.get(f"{n}.out", b"")),
                                         _decode(files.get(f"{n}.err", b""))))
                continue
            if n > 1 and observed[-1].rc == TIMEOUT_EXIT:
                # The batch ended after a script that overran (a shared process ends
                # there, jython_batch.py): this one did not run yet.
                remaining = remaining[n - 1:]
                break
            # The batch process itself died while running this script.
            rc = TIMEOUT_EXIT if result.timed_out else result.returncode
            observed.append(Observed(
                rc if rc > SIGNAL_EXIT or rc == TIMEOUT_EXIT else SIGNAL_EXIT + signal.SIGKILL,
                _decode(files.get(f"{n}.out", b"")), _decode(result.stderr[-DETAIL_CHARS:])))
            remaining = remaining[n:]
            break
        else:
            remaining = []
    return observed


def run_scripts(box: Container, impl: Implementation, scripts: list[Script], *,
                timeout_s: float, passes: int,
                done: Callable[[Script, list[Observed]], None]) -> None:
    """Run every script PASSES times (the baseline twice), batches in parallel.

    DONE is called once per script with its observations, as soon as they exist.
    """
    workers = max(1, os.cpu_count() or 1)
    # Small batches so finished results are written early and work spreads evenly.
    size = max(1, min(25, len(scripts) // workers or 1))
    chunks = [scripts[i:i + size] for i in range(0, len(scripts), size)]

    def one_chunk(chunk: list[Script]) -> None:
        runs = [run_batch(box, impl, chunk, timeout_s) for _ in range(passes)]
        for i, script in enumerate(chunk):
            done(script, [r[i] for r in runs])

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(one_chunk, c) for c in chunks]:
            future.result()


def reference_for(script: ScriptCell, baseline: ScriptCell | None) -> str | None:
    if script.expected is not None:
        return script.expected
    return baseline.stdout if baseline else None


def nondeterministic(baseline: ScriptCell | None) -> bool:
    if not baseline or not baseline.rerun:
        return False
    again = baseline.rerun
    return (again.stdout, again.rc == 0) != (baseline.stdout, baseline.rc == 0)


def classify(cell: ScriptCell, reference: str | None, unstable: bool) -> tuple[str, str]:
    """(status, detail) of one implementation × script."""
    rc, out = cell.rc, cell.stdout
    if rc == TIMEOUT_EXIT:
        return "timeout", "no result within the time limit"
    if rc > SIGNAL_EXIT:
        return "crash", f"killed by {signal_name(rc - SIGNAL_EXIT)}"
    if rc != 0:
        # Lines end at newlines only: other control characters are shown in the detail
        # (visible.py), not taken for line ends as splitlines() would.
        lines = [line.strip() for line in cell.stderr.split("\n") if line.strip()]
        last = lines[-1] if lines else f"exit status {rc}"
        status = "unsupported" if _UNSUPPORTED.match(last) else "error"
        return status, last[:DETAIL_CHARS]
    if out.strip() == "SKIP":
        return "skipped", ""
    if unstable:
        return "nondeterministic", "the baseline's output changed between two runs"
    if reference is None:
        return "error", "no reference output (the baseline did not run)"
    if out == reference:
        return "pass", ""
    diff = difflib.unified_diff(reference.splitlines(), out.splitlines(),
                                "reference", cell.implementation, lineterm="", n=1)
    return "differs", "\n".join(diff)[:DETAIL_CHARS]
