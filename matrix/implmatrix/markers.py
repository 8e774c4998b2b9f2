"""Marker lines: how the in-container tools hand the host a record on stdout.

The harness, the scaling job and `measure` each print a JSON object on a line of its
own after a marker of their own (cells.MARKER, measure_tool.MARKER), possibly followed by
a nonce or key that the measured program cannot know. Everything else on stdout is the
program's, and untrusted.
"""

from __future__ import annotations

import json
from typing import Any


def marked(stdout: bytes, prefix: bytes) -> list[dict[str, Any] | None]:
    """What follows PREFIX on each line of STDOUT that starts with it, in order, as a JSON
    object (None where it is not one)."""
    found: list[dict[str, Any] | None] = []
    for line in stdout.splitlines():
        if line.startswith(prefix):
            try:
                obj = json.loads(line[len(prefix):].decode("utf-8", "replace"))
            except ValueError:
                obj = None
            found.append(obj if isinstance(obj, dict) else None)
    return found
