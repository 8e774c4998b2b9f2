"""Turn one `docker exec` of the harness into a cell: status, error, record."""

from __future__ import annotations

import json
import signal
from typing import Any

from matrix.container import ExecResult

MARKER = b"@@implmatrix-record@@ "
STATUSES = ("ok", "wrong-result", "error", "unsupported", "timeout", "crash")
_HARNESS_STATUSES = {"ok", "wrong-result", "error", "unsupported"}
TAIL_CHARS = 2000


def last_marked(stdout: bytes) -> dict[str, Any] | None:
    """The JSON object on the last line starting with MARKER, if well-formed."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(MARKER):
            try:
                found = json.loads(line[len(MARKER):].decode("utf-8", "replace"))
            except ValueError:
                return None
            return found if isinstance(found, dict) else None
    return None


def parse_record(stdout: bytes) -> dict[str, Any] | None:
    """The harness's record of a cell, if well-formed."""
    record = last_marked(stdout)
    return record if record and record.get("status") in _HARNESS_STATUSES else None


def tail(output: bytes, limit: int = TAIL_CHARS) -> str:
    return output.decode("utf-8", "replace")[-limit:]


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def classify(result: ExecResult, timeout_s: float) -> dict[str, Any]:
    """Status and error of a cell from how its process ended and what it printed."""
    record = parse_record(result.stdout)
    if result.timed_out:
        status, error = "timeout", f"no result within {timeout_s:g} s"
    elif result.returncode > 128:
        # timeout(1) re-raises its child's fatal signal; docker reports 128+N.
        number = result.returncode - 128
        status, error = "crash", f"killed by {signal_name(number)}"
        if number == signal.SIGKILL:
            error += " (out of memory?)"
    elif record is not None:
        status = record["status"]
        error = ""
        if status != "ok":
            error = record.get("error", "")
            if record.get("error_type"):
                error = f"{record['error_type']}: {error}"
    else:
        status = "error"
        error = f"exit status {result.returncode}, no result: " + (
            tail(result.stderr, 300).strip().splitlines() or ["(no output)"]
        )[-1]
    return {
        "status": status,
        "error": error,
        "record": record,
        "returncode": result.returncode,
        "wall_s": round(result.wall_s, 4),
        "stderr_tail": tail(result.stderr),
    }
