"""Find compatibility scripts: any directory of `.py` files, the probes by default.

A script's metadata comes from leading `# key: value` comment lines (read as
text, so a script that does not compile somewhere still has them):
`category`, `feature`, `since`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from implmatrix import UsageError, validate

SUITE_MOUNT_ROOT = "/suites"
_META = re.compile(rb"^#\s*(category|feature|since):\s*(.*?)\s*$")


@dataclass(frozen=True)
class Script:
    suite: str  # the directory's name
    name: str  # file stem
    path: Path
    mount: str
    sha256: str
    expected: str | None  # NAME.py.exp beside the script, when present
    category: str
    feature: str
    since: str


def metadata(source: bytes) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in source.splitlines()[:20]:
        m = _META.match(line)
        if m:
            found[m.group(1).decode()] = m.group(2).decode("utf-8", "replace")
    return found


def _bytes(path: Path) -> bytes:
    """PATH's content; nothing when it cannot be read (validate.problems() refuses it)."""
    source = validate.read(path)
    return source if isinstance(source, bytes) else b""


def discover(dirs: list[Path]) -> list[Script]:
    scripts: list[Script] = []
    names: dict[str, Path] = {}
    for index, directory in enumerate(dirs):
        if not directory.is_dir():
            raise UsageError(f"suite directory {directory} does not exist")
        # Every *.py entry, files or not: one that cannot be read is refused
        # (validate.problems()), not left out unseen.
        files = sorted(directory.glob("*.py"))
        if not files:
            raise UsageError(f"suite directory {directory} holds no .py scripts")
        suite = directory.resolve().name
        if suite in names:
            raise UsageError(f"two suites are named {suite!r}: {names[suite]} and {directory}")
        names[suite] = directory
        for path in files:
            source, exp = _bytes(path), path.with_name(path.name + ".exp")
            expected = _bytes(exp) if exp.is_file() else None
            meta = metadata(source)
            scripts.append(Script(
                suite=suite, name=path.stem, path=path,
                mount=f"{SUITE_MOUNT_ROOT}/{index}/{path.name}",
                sha256=hashlib.sha256(source + (expected or b"")).hexdigest(),
                expected=expected.decode("utf-8", "replace") if expected is not None else None,
                category=meta.get("category", suite),
                feature=meta.get("feature", path.stem),
                since=meta.get("since", ""),
            ))
    return scripts


def mounts(dirs: list[Path]) -> dict[Path, str]:
    return {d: f"{SUITE_MOUNT_ROOT}/{i}" for i, d in enumerate(dirs)}
