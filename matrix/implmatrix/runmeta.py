"""What a run's run.json says, read one way everywhere: its baseline implementation and
its settings with the defaults of newer settings filled in."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from implmatrix.run import Settings

_DEFAULTS = asdict(Settings())


def settings(meta: dict[str, Any]) -> dict[str, Any]:
    """META's settings; runs from older versions lack newer settings: their defaults."""
    return {**_DEFAULTS, **meta.get("settings", {})}


def baseline(meta: dict[str, Any], *, marked_only: bool = False) -> str:
    """The implementation META marks as the baseline; when none is marked (a run without
    it), the first implementation of the run, or "" with MARKED_ONLY (or none at all)."""
    marked = next((i for i, m in meta.get("implementations", {}).items()
                   if (m or {}).get("baseline")), "")
    if marked or marked_only:
        return marked
    order = meta.get("settings", {}).get("implementations", [])
    return str(order[0]) if order else ""
