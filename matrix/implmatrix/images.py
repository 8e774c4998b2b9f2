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
# An interpreter compiled from source (docker/cpython-source.Dockerfile) takes most of
# it on two busy cores.
BUILD_TIMEOUT_S = 3600
# An image that compiles a Rust crate: RustPython's took 53 minutes to its final link on
# two cores that other builds shared.
CRATE_BUILD_TIMEOUT_S = 3 * 3600


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
        # a registry crate is pinned by NAME@VERSION (and its own Cargo.lock); a local one
        # by its files
        **({"crate": impl.crate, "crate_files": _crate_files(impl)} if impl.crate else {}),
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
        + (f", {' '.join(impl.pip)} from PyPI" if impl.pip else "")
        + (f", crate {impl.crate}" if impl.crate else "") + ")")
    own_context = bool(impl.pip or impl.crate)
    limit = CRATE_BUILD_TIMEOUT_S if impl.crate else BUILD_TIMEOUT_S
    with tempfile.TemporaryDirectory(prefix="implmatrix-build.") as context:
        if impl.pip:
            _download_wheels(impl, Path(context) / "wheels")
        if impl.crate:
            _vendor_crate(impl, Path(context) / "crate")
        try:
            proc = docker(
                ["build", "--quiet", "--file", str(impl.dockerfile),
                 "--build-arg", f"BASE={base}", "--build-arg", f"PACKAGE={impl.package}",
                 "--build-arg", f"PIP={' '.join(impl.pip)}",
                 "--label", f"{RECIPE_LABEL}={want}",
                 "--tag", impl.image, context if own_context else str(DOCKER_DIR)],
                timeout=limit,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise DockerError(f"building {impl.image} took over {limit} s") from None
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


# Cargo's own source replacement: every crate of the registry comes from vendor/ beside
# the crate's Cargo.toml (the path is relative to the parent of .cargo/).
CARGO_OFFLINE_CONFIG = """\
[source.crates-io]
replace-with = "vendored-sources"

[source.vendored-sources]
directory = "vendor"

[net]
offline = true
"""


def _crate_files(impl: Implementation) -> dict[str, str]:
    """A local crate's files (path: sha256), for the recipe; none for a registry crate,
    which NAME@VERSION pins."""
    where = impl.crate_dir
    if where is None:
        return {}
    return {str(f.relative_to(where)): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(where.rglob("*"))
            if f.is_file() and "target" not in f.relative_to(where).parts}


def _vendor_crate(impl: Implementation, into: Path) -> None:
    """IMPL's crate ready for an offline build in the image: its source in INTO, the
    dependencies its Cargo.lock pins in INTO/vendor and a cargo config that makes cargo use
    them. The host's cargo fetches (its registry and certificates); the image needs none."""
    where = impl.crate_dir
    if where is None:
        where = _fetch_crate(impl, into.parent / "fetch")
    shutil.copytree(where, into, ignore=shutil.ignore_patterns("target", ".cargo-ok"))
    _cargo(impl, ["vendor", "--locked", "--manifest-path", str(into / "Cargo.toml"),
                  str(into / "vendor")])
    (into / ".cargo").mkdir(exist_ok=True)
    (into / ".cargo" / "config.toml").write_text(CARGO_OFFLINE_CONFIG)


def _fetch_crate(impl: Implementation, work: Path) -> Path:
    """The source of the registry crate NAME@VERSION, as the crate registry ships it (with
    the Cargo.lock its authors published), fetched by the host's cargo into its cache
    through a throw-away package that depends on exactly that version."""
    name, version = impl.crate.split("@")
    (work / "src").mkdir(parents=True)
    (work / "src" / "lib.rs").write_text("")
    (work / "Cargo.toml").write_text(
        f'[package]\nname = "implmatrix-fetch"\nversion = "0.0.0"\nedition = "2021"\n\n'
        f'[dependencies]\n{name} = "={version}"\n')
    meta = json.loads(_cargo(impl, ["metadata", "--format-version", "1",
                                    "--manifest-path", str(work / "Cargo.toml")]))
    for package in meta["packages"]:
        if (package["name"], package["version"]) == (name, version):
            return Path(package["manifest_path"]).parent
    raise DockerError(f"{impl.id}: cargo resolved no {impl.crate}")


def _cargo(impl: Implementation, args: list[str]) -> str:
    """Run the host's cargo; its standard output, or a DockerError with its last line."""
    if shutil.which("cargo") is None:
        raise DockerError(f"{impl.id}: building crate {impl.crate} needs cargo on the host, "
                          f"to fetch its dependencies (the image build cannot reach the "
                          f"crate registry)")
    try:
        proc = subprocess.run(["cargo", *args], capture_output=True, timeout=BUILD_TIMEOUT_S,
                              check=False)
    except subprocess.TimeoutExpired:
        raise DockerError(f"{impl.id}: cargo {args[0]} took over {BUILD_TIMEOUT_S} s") from None
    if proc.returncode != 0:
        raise DockerError(f"{impl.id}: cargo {args[0]} for {impl.crate} failed: "
                          f"{last_line(proc.stderr)}")
    return proc.stdout.decode()


def _build_error(stderr: bytes) -> str:
    """apt's own error line when there is one: it says more than docker's."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", stderr.decode("utf-8", "replace"))
    for line in text.splitlines():
        if line.startswith("E:"):
            return line
    return last_line(stderr)


def ensure(impls: list[Implementation], *, force: bool = False,
           log: Callable[[str], None] = print,
           done: Callable[[Implementation, Image], None] = lambda i, image: None
           ) -> dict[str, Image]:
    """Every implementation's image, building only what is missing or stale; DONE is
    called as each is ready."""
    bases = {suite: base_image(suite, log) for suite in dict.fromkeys(i.suite for i in impls)}
    # Rows of one recipe (Dockerfile, package, suite, pip, crate: cpython3.13-source and
    # cpython3.13t) share one image: the first builds it, the others tag it afterwards.
    def key(i: Implementation) -> tuple[object, ...]:
        return i.dockerfile, i.package, i.suite, i.pip, i.crate

    first = {key(i): i for i in reversed(impls)}

    def one(i: Implementation) -> Image:
        image = build(i, bases[i.suite], force=force, log=log)
        done(i, image)
        return image

    # Builds mostly wait on the Debian archive, so a few at once pay off.
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {k: pool.submit(one, i) for k, i in first.items()}
        built = {k: f.result() for k, f in futures.items()}
    for i in impls:
        if i is not first[key(i)]:
            docker(["tag", built[key(i)].id, i.image], timeout=60)
            done(i, built[key(i)])
    return {i.id: replace(built[key(i)], tag=i.image) if i is not first[key(i)]
            else built[key(i)] for i in impls}
