"""The implementation registry: implementations.toml as frozen dataclasses."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from implmatrix import DOCKER_DIR, UsageError

REGISTRY_FILE = Path(__file__).with_name("implementations.toml")
_FIELDS = {"id", "family", "suite", "package", "command", "timed_env", "pip", "crate",
           "features", "baseline"}
# What a row may claim; workloads/harness.py proves each: the interpreter's (jit, pyston,
# pyjion, free-threading, pyo3) before the workload loads (free-threading after it ran
# too), cython once it is loaded.
FEATURES = ("jit", "pyston", "pyjion", "free-threading", "cython", "pyo3")
WORKLOAD_FEATURES = ("cython",)  # seen per workload, once it is loaded
# The features of the talk's "Future": the report's future section sets their rows apart.
FUTURE_FEATURES = ("free-threading", "cython", "pyo3")
_CRATE_FROM_REGISTRY = re.compile(r"([A-Za-z0-9_-]+)@(\d+\.\d+\.\d+)")
DEFAULT_SET, ALL_SET = "default", "all"


@dataclass(frozen=True)
class Implementation:
    id: str
    family: str
    suite: str
    package: str
    command: tuple[str, ...]
    timed_env: tuple[tuple[str, str], ...] = ()  # added to the environment of timed cells
    pip: tuple[str, ...] = ()  # requirements from PyPI, installed into the image
    crate: str = ""  # a Rust crate built in the image: NAME@VERSION from the crate registry,
    # or the name of a directory under docker/ holding one (its Cargo.lock pins both)
    features: tuple[str, ...] = ()  # claimed: proved from inside every timed process
    baseline: bool = False

    @property
    def image(self) -> str:
        return f"implmatrix/{self.id}"

    @property
    def dockerfile(self) -> Path:
        return DOCKER_DIR / f"{self.family}.Dockerfile"

    @property
    def crate_dir(self) -> Path | None:
        """The local crate's directory (docker/CRATE), or None for one from the registry."""
        if not self.crate or _CRATE_FROM_REGISTRY.fullmatch(self.crate):
            return None
        return DOCKER_DIR / self.crate

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
                                 "timed_env": tuple(entry.get("timed_env", {}).items()),
                                 "pip": tuple(entry.get("pip", ())),
                                 "features": tuple(entry.get("features", ()))})
        if set(impl.features) - set(FEATURES):
            raise ValueError(f"{path}: {impl.id} claims unknown features "
                             f"{sorted(set(impl.features) - set(FEATURES))}; known: "
                             f"{', '.join(FEATURES)}")
        if impl.crate:
            _check_crate(path, impl)
        if impl.id in impls:
            raise ValueError(f"{path}: duplicate implementation id {impl.id!r}")
        impls[impl.id] = impl
    if sum(i.baseline for i in impls.values()) != 1:
        raise ValueError(f"{path}: exactly one implementation must be the baseline")
    return impls


def _check_crate(path: Path, impl: Implementation) -> None:
    """CRATE is NAME@X.Y.Z, or a directory under docker/ with a Cargo.toml and the
    Cargo.lock that pins its dependencies (they are vendored on the host from it)."""
    if not isinstance(impl.crate, str):
        raise ValueError(f"{path}: {impl.id}: crate must be a string, not {impl.crate!r}")
    where = impl.crate_dir
    if where is None:
        return
    if (not re.fullmatch(r"[A-Za-z0-9_-]+", impl.crate) or not (where / "Cargo.toml").is_file()
            or not (where / "Cargo.lock").is_file()):
        raise ValueError(f"{path}: {impl.id}: crate {impl.crate!r} is neither NAME@X.Y.Z nor "
                         f"a directory of {where.parent} with a Cargo.toml and a Cargo.lock")


def sets(path: Path = REGISTRY_FILE) -> dict[str, tuple[str, ...]]:
    """The named sets of implementations ([sets] in the registry), with `all` (every entry,
    in the file's order) added; each checked against the entries."""
    impls = load(path)
    with open(path, "rb") as f:
        named = tomllib.load(f).get("sets", {})
    found = {name: tuple(ids) for name, ids in named.items()}
    if DEFAULT_SET not in found or ALL_SET in found:
        raise ValueError(f"{path}: [sets] must have `{DEFAULT_SET}` and must not name "
                         f"`{ALL_SET}` (every entry)")
    for name, ids in found.items():
        unknown = [i for i in ids if i not in impls]
        if unknown or len(set(ids)) != len(ids):
            raise ValueError(f"{path}: set {name!r} names unknown or repeated ids: "
                             f"{', '.join(unknown) or 'a repeated one'}")
    if not any(impls[i].baseline for i in found[DEFAULT_SET]):
        raise ValueError(f"{path}: the `{DEFAULT_SET}` set must hold the baseline")
    return {**found, ALL_SET: tuple(impls)}


def baseline(impls: dict[str, Implementation]) -> Implementation:
    return next(i for i in impls.values() if i.baseline)


def select(impls: dict[str, Implementation], ids: list[str] | None,
           set_name: str | None = None, path: Path = REGISTRY_FILE) -> list[Implementation]:
    """The implementations named by --impl, else those of --set SET_NAME (the default set
    when neither is given), or a UsageError."""
    if ids and set_name:
        raise UsageError("give --impl or --set, not both")
    if not ids:
        named = sets(path)
        name = set_name or DEFAULT_SET
        if name not in named:
            raise UsageError(f"unknown set {name}; valid: {', '.join(named)}")
        return [impls[i] for i in named[name]]
    unknown = [i for i in ids if i not in impls]
    if unknown:
        raise UsageError(
            f"unknown implementation {', '.join(unknown)}; valid: {', '.join(impls)}"
        )
    return [impls[i] for i in dict.fromkeys(ids)]


def shard(impls: list[Implementation], k: int, n: int) -> list[Implementation]:
    """The K-th of N round-robin shares of IMPLS (1 <= K <= N: the command line checks)."""
    mine = impls[k - 1::n]
    if not mine:
        raise UsageError(f"--shard {k}/{n}: no implementation falls in this shard "
                         f"(only {len(impls)} selected)")
    return mine
