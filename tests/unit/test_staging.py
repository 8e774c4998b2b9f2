"""matrix/implmatrix/staging.py: the copies of host files that the containers mount."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from implmatrix import HARNESS, DockerError, measure_tool
from implmatrix.staging import staged


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def private(tmp_path: Path) -> Path:
    """A suite as `mktemp -d` and a cautious umask leave it: a 0700 folder of 0600 files,
    a 0700 subfolder, an executable, links, a FIFO."""
    d = tmp_path / "suite"
    (d / "data").mkdir(parents=True)
    (d / "a.py").write_text("print(1)\n")
    (d / "a.py.exp").write_text("1\n")
    (d / "data" / "table.txt").write_text("x\n")
    (d / "tool").write_bytes(b"#!/bin/sh\n")
    (d / "tool").chmod(0o700)
    (tmp_path / "elsewhere.py").write_text("print(2)\n")
    (d / "linked.py").symlink_to(tmp_path / "elsewhere.py")  # absolute: not there inside
    (d / "same_data").symlink_to("data")
    (d / "dangling.py").symlink_to(tmp_path / "gone")
    os.mkfifo(d / "pipe")
    for p in (d / "a.py", d / "a.py.exp", d / "data" / "table.txt"):
        p.chmod(0o600)
    (d / "data").chmod(0o700)
    d.chmod(0o700)
    return d


def test_copies_are_readable_by_everyone_and_keep_what_runs(private, tmp_path):
    with staged({private: "/suites/0"}) as copies:
        ((copy, inside),) = copies.items()
        assert inside == "/suites/0"
        assert copy != private and not copy.is_relative_to(private)
        assert (mode(copy), mode(copy / "data")) == (0o755, 0o755)
        assert {p.name: mode(p) for p in copy.iterdir() if not p.is_symlink()} == {
            "a.py": 0o644, "a.py.exp": 0o644, "data": 0o755, "tool": 0o755, "linked.py": 0o644}
        assert (copy / "a.py").read_text() == "print(1)\n"
        assert (copy / "data" / "table.txt").read_text() == "x\n"
        # a link to a file: its content; to a folder: kept as the link it was
        assert not (copy / "linked.py").is_symlink()
        assert (copy / "linked.py").read_text() == "print(2)\n"
        assert os.readlink(copy / "same_data") == "data"
        assert (copy / "same_data" / "table.txt").read_text() == "x\n"
        # what no container could read is left out: a dangling link, a FIFO
        assert not (copy / "dangling.py").exists() and not (copy / "pipe").exists()
        # nobody else on the host can change what the containers run; where the Docker
        # engine already sees the measure tool
        assert mode(copy.parent) == 0o700 and copy.parent.parent == measure_tool.CACHE
    assert not copy.parent.exists()


def test_the_harness_and_the_measure_tool_as_the_run_mounts_them():
    binary = measure_tool.ensure()  # as run_matrix builds it (once per source)
    with staged({HARNESS.parent: "/opt/implmatrix", binary: "/opt/implmatrix-measure"}) \
            as copies:
        harness, measure = copies
        assert (harness / HARNESS.name).read_bytes() == HARNESS.read_bytes()
        assert mode(measure) == 0o755 and measure.read_bytes() == binary.read_bytes()
        assert list(copies.values()) == ["/opt/implmatrix", "/opt/implmatrix-measure"]


@pytest.mark.parametrize("error", [KeyboardInterrupt, RuntimeError])
def test_the_copies_are_removed_on_errors_and_ctrl_c(private, error):
    with pytest.raises(error), staged({private: "/suites/0"}) as copies:
        root = next(iter(copies)).parent
        raise error
    assert not root.exists()
    assert private.is_dir() and (private / "a.py").read_text() == "print(1)\n"


def test_a_mount_that_cannot_be_copied_is_one_line(tmp_path):
    gone = tmp_path / "gone"
    with pytest.raises(DockerError, match=f"cannot copy {gone} for the containers: No such "
                                          "file or directory"), staged({gone: "/x"}):
        pass
