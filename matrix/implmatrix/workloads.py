"""Find workload files: any directory of `.py` files, the built-in workloads by default."""

from __future__ import annotations

import fnmatch
import hashlib
from dataclasses import dataclass
from pathlib import Path

from implmatrix import BUILTIN_WORKLOADS, UsageError, validate

MOUNT_ROOT = "/workloads"


@dataclass(frozen=True)
class Workload:
    name: str
    path: Path  # on the host
    mount: str  # the same file inside the container
    sha256: str


def discover(dirs: list[Path] | None = None, select: list[str] | None = None) -> list[Workload]:
    """Workloads in DIRS (each file's stem is its name), filtered by --select patterns."""
    found: dict[str, Workload] = {}
    for index, directory in enumerate(dirs or [BUILTIN_WORKLOADS]):
        if not directory.is_dir():
            raise UsageError(f"workload directory {directory} does not exist")
        files = sorted(p for p in directory.glob("*.py") if not p.name.startswith("_"))
        if not files:
            raise UsageError(f"workload directory {directory} holds no .py files")
        for path in files:
            if path.stem in found:
                raise UsageError(
                    f"workload {path.stem!r} is in both {found[path.stem].path.parent} "
                    f"and {directory}"
                )
            source = validate.read(path)  # unreadable: validate.problems() refuses it
            found[path.stem] = Workload(
                path.stem, path, f"{MOUNT_ROOT}/{index}/{path.name}",
                hashlib.sha256(source).hexdigest() if isinstance(source, bytes) else "",
            )
    if not select:
        return list(found.values())
    chosen: dict[str, Workload] = {}
    for pattern in select:
        hits = [w for name, w in found.items() if fnmatch.fnmatchcase(name, pattern)]
        if not hits:
            raise UsageError(f"no workload matches {pattern!r}; valid: {', '.join(found)}")
        chosen.update((w.name, w) for w in hits)
    return sorted(chosen.values(), key=lambda w: w.name)


def mounts(dirs: list[Path] | None) -> dict[Path, str]:
    """Host directory → read-only mount point, in discover()'s numbering."""
    return {d: f"{MOUNT_ROOT}/{i}" for i, d in enumerate(dirs or [BUILTIN_WORKLOADS])}
