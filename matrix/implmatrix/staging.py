"""Copies of the host files the containers read, readable by the containers' user.

The containers run as nobody, and a bind mount shows host files with their own modes
and owners: a suite in a directory made by `mktemp -d` (mode 0700), or files of mode
0600, would be "Permission denied" for every script on every implementation. So each
host folder or file a run mounts is copied into a private staging directory first
(in the user's cache folder, beside the measure tool's binary), folders 0755, files
0644 (0755 when executable on the host, as the measure tool is), and the copy is
what is mounted (read-only, as before). Only the host side of a
mount changes: the paths inside the containers, and the content hashes that results
are reused by, stay as they were. The staging directory itself stays 0700 (no other
host user can change what the containers run) and is removed when the run ends, on
errors and Ctrl-C too.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from implmatrix import DockerError
from implmatrix.measure_tool import CACHE

EXECUTABLE = stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH


@contextmanager
def staged(mounts: dict[Path, str]) -> Iterator[dict[Path, str]]:
    """MOUNTS (host path -> path inside), each host path replaced by a readable copy
    that exists while the context is open."""
    # Beside the measure tool's binary, which the containers already mount: a place the
    # Docker engine sees (one installed as a snap, say, has a /tmp of its own).
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        root = Path(tempfile.mkdtemp(prefix="staged-", dir=CACHE))
    except OSError as e:
        raise DockerError(f"cannot copy files for the containers into {CACHE}: "
                          f"{e.strerror or e}") from None
    try:
        copies = {}
        for number, (host, inside) in enumerate(mounts.items()):
            copy = root / str(number)
            try:
                _copy(host.resolve(), copy)
            except OSError as e:  # the disk is full, the folder is gone, ...
                raise DockerError(f"cannot copy {e.filename or host} for the containers: "
                                  f"{e.strerror or e}") from None
            copies[copy] = inside
        yield copies
    finally:
        try:
            shutil.rmtree(root, ignore_errors=True)
        except BaseException:  # a second Ctrl-C must not leave it behind
            shutil.rmtree(root, ignore_errors=True)
            raise


def _copy(source: Path, target: Path) -> None:
    """SOURCE (a file or a folder tree) as TARGET, readable by everyone. Symbolic links
    to files are followed (the copy holds their content, which a link to a host path
    would not reach inside); links to folders are kept as links, as the mount showed
    them (following them could loop). What is neither a file nor a folder (a FIFO, a
    socket, a dangling link), what the host user cannot read and what vanishes while
    it is copied (a host Python's __pycache__ at work) are left out: no container could
    have read them either. The workloads and scripts themselves were checked readable
    (validate.py)."""
    if source.is_file():
        shutil.copyfile(source, target)
        target.chmod(0o755 if source.stat().st_mode & EXECUTABLE else 0o644)
        return
    target.mkdir()
    target.chmod(0o755)
    for entry in os.scandir(source):
        inner = Path(entry.path)
        try:
            if entry.is_symlink() and inner.is_dir():
                (target / entry.name).symlink_to(os.readlink(inner))
            elif entry.is_dir(follow_symlinks=False) or entry.is_file():
                _copy(inner, target / entry.name)
        except (PermissionError, FileNotFoundError):
            continue
