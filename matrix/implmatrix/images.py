"""Build the interpreter images, reusing any whose recipe is unchanged."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from implmatrix import DOCKER_DIR, DockerError
from implmatrix.engine import docker, inspect_image, last_line
from implmatrix.registry import Implementation

RECIPE_LABEL = "org.implmatrix.recipe"
BUILD_TIMEOUT_S = 1800


@dataclass(frozen=True)
class Image:
    tag: str
    id: str
    built: bool  # False when an existing image was reused


def base_image(suite: str, log: Callable[[str], None] = print) -> str:
    """A Debian base image for SUITE that exists locally, making one if need be.

    Where no registry is reachable, debootstrap + `docker import` make it; on a
    machine without debootstrap, fall back to letting `docker build` pull
    debian:<suite>-slim as usual.
    """
    public, local = f"debian:{suite}-slim", f"implmatrix/base:{suite}"
    for tag in (public, local):
        if inspect_image(tag) is not None:
            return tag
    if shutil.which("debootstrap") is None or os.geteuid() != 0:
        return public
    log(f"making base image {local} with debootstrap")
    proc = subprocess.run(
        ["sh", str(DOCKER_DIR / "base-image.sh"), suite, local],
        capture_output=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    if proc.returncode != 0:
        raise DockerError(f"could not make base image {local}: {last_line(proc.stderr)}")
    return local


def recipe(impl: Implementation, base: str) -> str:
    """Hash of everything an image is built from: rebuild when it changes."""
    base_info = inspect_image(base)
    parts = {
        "dockerfile": impl.dockerfile.read_text(),
        "package": impl.package,
        "base": base_info["Id"] if base_info else base,
        # only when there are any: images without them keep the recipe they had
        **({"pip": list(impl.pip)} if impl.pip else {}),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def build(impl: Implementation, base: str, *, force: bool = False,
          log: Callable[[str], None] = print) -> Image:
    want = recipe(impl, base)
    info = inspect_image(impl.image)
    labels = (info or {}).get("Config", {}).get("Labels") or {}
    if info is not None and not force and labels.get(RECIPE_LABEL) == want:
        return Image(impl.image, info["Id"], built=False)
    log(f"building {impl.image} ({impl.package} from Debian {impl.suite}"
        + (f", {' '.join(impl.pip)} from PyPI)" if impl.pip else ")"))
    with tempfile.TemporaryDirectory(prefix="implmatrix-build.") as context:
        if impl.pip:
            _download_wheels(impl, Path(context) / "wheels")
        try:
            proc = docker(
                ["build", "--quiet", "--file", str(impl.dockerfile),
                 "--build-arg", f"BASE={base}", "--build-arg", f"PACKAGE={impl.package}",
                 "--build-arg", f"PIP={' '.join(impl.pip)}",
                 "--label", f"{RECIPE_LABEL}={want}", "--label", f"org.implmatrix.id={impl.id}",
                 "--tag", impl.image, context if impl.pip else str(DOCKER_DIR)],
                timeout=BUILD_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise DockerError(f"building {impl.image} took over {BUILD_TIMEOUT_S} s") from None
    if proc.returncode != 0:
        raise DockerError(f"building {impl.image} failed: {_build_error(proc.stderr)}")
    info = inspect_image(impl.image)
    assert info is not None
    return Image(impl.image, info["Id"], built=True)


def _download_wheels(impl: Implementation, into: Path) -> None:
    """IMPL's requirements from PyPI, as wheels for its interpreter (python3.X of its
    package) on this machine's architecture, downloaded by the host's pip (the host's
    index and certificates; the image build then needs no network for them)."""
    version = re.fullmatch(r"python(\d)\.(\d+)", impl.package)
    if version is None:
        raise DockerError(f"{impl.id}: pip packages need a python3.X package, not "
                          f"{impl.package}")
    major, minor = version.groups()
    arch = platform.machine()
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--dest", str(into),
               "--only-binary=:all:", "--python-version", f"{major}.{minor}",
               "--implementation", "cp", "--abi", f"cp{major}{minor}",
               "--platform", f"manylinux2014_{arch}", "--platform", f"manylinux_2_17_{arch}",
               *impl.pip]
    try:
        proc = subprocess.run(command, capture_output=True, timeout=BUILD_TIMEOUT_S,
                              check=False)
    except subprocess.TimeoutExpired:
        raise DockerError(f"{impl.id}: downloading {' '.join(impl.pip)} took over "
                          f"{BUILD_TIMEOUT_S} s") from None
    if proc.returncode != 0:
        raise DockerError(f"{impl.id}: cannot download {' '.join(impl.pip)} from PyPI: "
                          f"{last_line(proc.stderr)}")


def _build_error(stderr: bytes) -> str:
    """apt's own error line when there is one: it says more than docker's."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", stderr.decode("utf-8", "replace"))
    for line in text.splitlines():
        if line.startswith("E:"):
            return line
    return last_line(stderr)


def ensure(impls: list[Implementation], *, force: bool = False,
           log: Callable[[str], None] = print) -> dict[str, Image]:
    """Every implementation's image, building only what is missing or stale."""
    bases = {suite: base_image(suite, log) for suite in dict.fromkeys(i.suite for i in impls)}
    # Builds mostly wait on the Debian archive, so a few at once pay off.
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {
            i.id: pool.submit(build, i, bases[i.suite], force=force, log=log) for i in impls
        }
        return {impl_id: f.result() for impl_id, f in futures.items()}
