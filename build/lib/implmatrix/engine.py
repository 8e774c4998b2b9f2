"""Thin wrapper over the docker CLI: the one place that spawns `docker`."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from typing import Any

from implmatrix import DockerError


def docker(
    args: Sequence[str],
    *,
    input: bytes | None = None,
    timeout: float | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[bytes]:
    try:
        proc = subprocess.run(
            ["docker", *args], input=input, capture_output=True, timeout=timeout, check=False
        )
    except FileNotFoundError:
        raise DockerError("the docker command is not installed") from None
    if check and proc.returncode != 0:
        raise DockerError(f"docker {args[0]} failed: {last_line(proc.stderr)}")
    return proc


def last_line(output: bytes) -> str:
    lines = output.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else "(no output)"


def ensure_available() -> str:
    """The engine's version, or a DockerError saying why it is unreachable."""
    try:
        proc = docker(["version", "--format", "{{.Server.Version}}"], timeout=30, check=False)
    except subprocess.TimeoutExpired:
        raise DockerError("Docker is not reachable: `docker version` timed out") from None
    if proc.returncode != 0:
        raise DockerError(f"Docker is not reachable: {last_line(proc.stderr)}")
    return proc.stdout.decode().strip()


def inspect_image(tag: str) -> dict[str, Any] | None:
    """`docker image inspect` of one image, or None when it does not exist."""
    proc = docker(["image", "inspect", tag], check=False)
    if proc.returncode != 0:
        return None
    found: list[dict[str, Any]] = json.loads(proc.stdout)
    return found[0]
