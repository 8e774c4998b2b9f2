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
from dataclasses import dataclass, replace
from pathlib import Path

from implmatrix import DOCKER_DIR, DockerError
from implmatrix.engine import docker, inspect_image, last_line
from implmatrix.registry import Implementation

RECIPE_LABEL = "org.implmatrix.recipe"
# An interpreter compiled from source (docker/cpython-source.Dockerfile) takes most of it
# on two busy cores.
BUILD_TIMEOUT_S = 3600


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
    twin = None if force else _image_of_recipe(want)
    if twin is not None:  # built for another row of the same recipe: tag it for this one
        docker(["tag", twin, impl.image], timeout=60)
        return Image(impl.image, twin, built=False)
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
                 "--label", f"{RECIPE_LABEL}={want}",
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


def _image_of_recipe(want: str) -> str | None:
    """The id of an image built from recipe WANT, if there is one."""
    proc = docker(["images", "--quiet", "--no-trunc", "--filter",
                   f"label={RECIPE_LABEL}={want}"], timeout=60, check=False)
    ids = proc.stdout.decode().split()
    return ids[0] if proc.returncode == 0 and ids else None


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
    # Rows of one recipe (Dockerfile, package, suite, pip: e.g. cpython3.13-source and
    # cpython3.13t) share one image: the first builds it, the others tag it afterwards.
    def key(i: Implementation) -> tuple[object, ...]:
        return i.dockerfile, i.package, i.suite, i.pip

    first = {key(i): i for i in reversed(impls)}
    # Builds mostly wait on the Debian archive, so a few at once pay off.
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {k: pool.submit(build, i, bases[i.suite], force=force, log=log)
                   for k, i in first.items()}
        built = {k: f.result() for k, f in futures.items()}
    for i in impls:
        if i is not first[key(i)]:
            docker(["tag", built[key(i)].id, i.image], timeout=60)
    return {i.id: replace(built[key(i)], tag=i.image) if i is not first[key(i)]
            else built[key(i)] for i in impls}
