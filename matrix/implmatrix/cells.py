"""Turn one `docker exec` of the harness into a cell: status, error, record."""

from __future__ import annotations

import signal
from typing import Any

from implmatrix import model
from implmatrix.container import SIGNAL_EXIT, ExecResult, Sandbox, memory_text
from implmatrix.markers import marked

MARKER = b"@@implmatrix-record@@ "
STATUSES = ("ok", "wrong-result", "error", "unsupported", "timeout", "crash")
_HARNESS_STATUSES = {"ok", "wrong-result", "error", "unsupported"}
TAIL_CHARS = 2000


def last_marked(stdout: bytes) -> dict[str, Any] | None:
    """The JSON object on the last line starting with MARKER, if well-formed."""
    found = marked(stdout, MARKER)
    return found[-1] if found else None


def parse_record(stdout: bytes, nonce: str | None = None) -> model.HarnessRecord | None:
    """The harness's record of a cell, if well-formed (a record with a field of the
    wrong type is none at all).

    With NONCE (what measure gave the harness on stdin before the workload was
    loaded), only the one line carrying it counts: marker-shaped lines printed by
    the workload, before or after the harness's, are ignored, and a nonce seen
    twice (a workload that forked inside run()) is no record at all.
    """
    if nonce is None:
        record = last_marked(stdout)
    else:
        found = marked(stdout, MARKER + nonce.encode() + b" ")
        if len(found) != 1 or not nonce:
            return None
        record = found[0]
    if not record or record.get("status") not in _HARNESS_STATUSES:
        return None
    try:
        return model.load(model.HarnessRecord, record)
    except model.ModelError:
        return None


def tail(output: bytes, limit: int = TAIL_CHARS) -> str:
    return output.decode("utf-8", "replace")[-limit:]


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def killed(number: int, result: ExecResult, memory: str) -> str:
    """Why a process ended by signal NUMBER, in RESULT's exec of a container with the
    MEMORY limit: out of memory only where the container's count of such kills rose
    meanwhile (a SIGKILL is also a kill of its parent, or the kernel's elsewhere)."""
    if number != signal.SIGKILL or not result.oom_kills:
        return f"killed by {signal_name(number)}"
    if result.shared:
        return (f"killed by SIGKILL while the container ran out of memory (its "
                f"{memory_text(memory)} limit), in this process or one running beside it")
    return f"killed: out of memory (the container's {memory_text(memory)} limit)"


def classify(result: ExecResult, timeout_s: float, nonce: str | None = None,
             memory: str = Sandbox.memory) -> model.Run:
    """Status and error of a cell from how its process ended and what it printed
    (the record with NONCE, if given), in a container with the MEMORY limit."""
    record = parse_record(result.stdout, nonce)
    if result.timed_out:
        status, error = "timeout", f"no result within {timeout_s:g} s"
    elif result.returncode > SIGNAL_EXIT:
        # timeout(1) re-raises its child's fatal signal; docker reports 128+N.
        status, error = "crash", killed(result.returncode - SIGNAL_EXIT, result, memory)
    elif record is not None:
        status = record.status
        error = ""
        if status != "ok":
            error = f"{record.error_type}: {record.error}" if record.error_type \
                else record.error
    else:
        status = "error"
        error = f"exit status {result.returncode}, no result: " + (
            tail(result.stderr, 300).strip().splitlines() or ["(no output)"]
        )[-1]
    return model.Run(status=status, error=error, record=record,
                     returncode=result.returncode, wall_s=round(result.wall_s, 4),
                     stderr_tail=tail(result.stderr))
