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
from dataclasses import dataclass, replace

from implmatrix import store
from implmatrix.cells import killed, signal_name
from implmatrix.container import SIGNAL_EXIT, TIMEOUT_EXIT, Container, ExecResult
from implmatrix.model import ScriptCell
from implmatrix.registry import Implementation
from implmatrix.scripts import Script
from implmatrix.visible import one_line

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
    killed: str = ""  # why the host says it was killed, if it was (cells.killed)


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
        result = box.exec(argv, timeout_s * len(remaining) + 120, input=paths,
                          watch=True)
        files = box.fetch(out_dir)
        batch: list[Observed] = []
        for n in range(1, len(remaining) + 1):
            rc_text = files.get(f"{n}.rc", b"").strip()
            if rc_text:
                batch.append(Observed(int(rc_text), _decode(files.get(f"{n}.out", b"")),
                                      _decode(files.get(f"{n}.err", b""))))
                continue
            if n > 1 and batch[-1].rc == TIMEOUT_EXIT:
                # The batch ended after a script that overran (a shared process ends
                # there, jython_batch.py): this one did not run yet.
                remaining = remaining[n - 1:]
                break
            # The batch process itself died while running this script.
            rc = TIMEOUT_EXIT if result.timed_out else result.returncode
            batch.append(Observed(
                rc if rc > SIGNAL_EXIT or rc == TIMEOUT_EXIT else SIGNAL_EXIT + signal.SIGKILL,
                _decode(files.get(f"{n}.out", b"")), _decode(result.stderr[-DETAIL_CHARS:])))
            remaining = remaining[n:]
            break
        else:
            remaining = []
        observed += _why_killed(batch, result, box.sandbox.memory)
    return observed


def _why_killed(batch: list[Observed], result: ExecResult, memory: str) -> list[Observed]:
    """BATCH, each killed script with why (cells.killed). The container's count of
    out-of-memory kills is read around the whole batch: a script is told apart as out of
    memory only when no other batch overlapped and the kills counted cover every script
    of the batch that got SIGKILL; otherwise the kill is only said to coincide."""
    sigkilled = sum(o.rc == SIGNAL_EXIT + signal.SIGKILL for o in batch)
    exact = not result.shared and (result.oom_kills or 0) >= sigkilled
    judged = replace(result, shared=not exact)
    return [replace(o, killed=killed(o.rc - SIGNAL_EXIT, judged, memory))
            if o.rc > SIGNAL_EXIT else o for o in batch]


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
        return "crash", cell.killed or f"killed by {signal_name(rc - SIGNAL_EXIT)}"
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


def baseline_failure(run: store.RunDir, baseline: str) -> str:
    """Why RUN is no result, or "": the container of its BASELINE broke, or none of a
    suite's scripts ran there (none exited 0, printed anything, crashed or timed out: each
    one could not be opened, failed to compile or raised). A crash or a timeout is a run:
    a suite of hostile scripts is a finding. Every other implementation is judged
    against the baseline's output, so such a suite would be a column of errors or
    differences on every row, not a finding."""
    meta = run.meta()
    if not baseline:  # a run without the baseline judges nothing against it
        return ""
    if baseline in meta.broken:
        return f"the baseline {baseline} could not run: {meta.broken[baseline]}"
    suites: dict[str, list[str]] = {}
    for name in meta.settings.scripts:  # "suite/script", in the run's order
        suite, _, script = name.partition("/")
        suites.setdefault(suite, []).append(script)
    for suite, names in suites.items():
        why = []
        for name in names:
            cell = run.read_script(baseline, suite, name)
            if cell is not None and (cell.rc in (0, TIMEOUT_EXIT) or cell.rc > SIGNAL_EXIT
                                     or cell.stdout):
                break
            detail = classify(cell, None, unstable=False)[1] if cell else "not run"
            # the script's own words, on one line, control characters escaped
            why.append(f"{name}: " + one_line(detail.splitlines()[0][:200]))
        else:
            return (f"suite {suite!r}: none of its {len(names)} scripts ran on the baseline "
                    f"{baseline} (first: {why[0]})")
    return ""
