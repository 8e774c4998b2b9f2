"""The implementation registry: implementations.toml as frozen dataclasses."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from implmatrix import DOCKER_DIR, UsageError

REGISTRY_FILE = Path(__file__).with_name("implementations.toml")
_FIELDS = {"id", "family", "suite", "package", "command", "timed_env", "baseline"}


@dataclass(frozen=True)
class Implementation:
    id: str
    family: str
    suite: str
    package: str
    command: tuple[str, ...]
    timed_env: tuple[tuple[str, str], ...] = ()  # added to the environment of timed cells
    baseline: bool = False

    @property
    def image(self) -> str:
        return f"implmatrix/{self.id}"

    @property
    def dockerfile(self) -> Path:
        return DOCKER_DIR / f"{self.family}.Dockerfile"

    @property
    def timed_command(self) -> tuple[str, ...]:
        """The command of timed cells: COMMAND with TIMED_ENV, if any."""
        if not self.timed_env:
            return self.command
        return ("env", *(f"{k}={v}" for k, v in self.timed_env), *self.command)


def load(path: Path = REGISTRY_FILE) -> dict[str, Implementation]:
    """Parse and validate the registry; keys keep the file's order."""
    with open(path, "rb") as f:
        entries = tomllib.load(f).get("implementation", [])
    impls: dict[str, Implementation] = {}
    for entry in entries:
        unknown = set(entry) - _FIELDS
        if unknown:
            raise ValueError(f"{path}: unknown field(s) {sorted(unknown)} in {entry.get('id')}")
        missing = {"id", "family", "suite", "package", "command"} - set(entry)
        if missing:
            raise ValueError(f"{path}: {entry.get('id', 'an entry')} lacks {sorted(missing)}")
        impl = Implementation(**{**entry, "command": tuple(entry["command"]),
                                 "timed_env": tuple(entry.get("timed_env", {}).items())})
        if impl.id in impls:
            raise ValueError(f"{path}: duplicate implementation id {impl.id!r}")
        impls[impl.id] = impl
    if sum(i.baseline for i in impls.values()) != 1:
        raise ValueError(f"{path}: exactly one implementation must be the baseline")
    return impls


def baseline(impls: dict[str, Implementation]) -> Implementation:
    return next(i for i in impls.values() if i.baseline)


def select(impls: dict[str, Implementation], ids: list[str] | None) -> list[Implementation]:
    """The implementations named by --impl (all when none), or a UsageError."""
    if not ids:
        return list(impls.values())
    unknown = [i for i in ids if i not in impls]
    if unknown:
        raise UsageError(
            f"unknown implementation {', '.join(unknown)}; valid: {', '.join(impls)}"
        )
    return [impls[i] for i in dict.fromkeys(ids)]


def shard(impls: list[Implementation], spec: str) -> list[Implementation]:
    """The K-th of N round-robin shares of IMPLS, from "K/N" (1-based)."""
    try:
        k, n = (int(part) for part in spec.split("/"))
    except ValueError:
        raise UsageError(f"--shard takes K/N, e.g. 2/5, not {spec!r}") from None
    if not 1 <= k <= n:
        raise UsageError(f"--shard {spec}: K must be between 1 and N")
    mine = impls[k - 1::n]
    if not mine:
        raise UsageError(f"--shard {spec}: no implementation falls in this shard "
                         f"(only {len(impls)} selected)")
    return mine
