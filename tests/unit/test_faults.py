"""Telling an out-of-memory kill from other kills: the container's cgroup counters
(container.parse_counts) and how a compatibility batch's kills are judged
(compat._why_killed)."""

from __future__ import annotations

import pytest

from implmatrix import compat
from implmatrix.container import Counts, ExecResult, memory_text, parse_counts
from implmatrix.model import ScriptCell

V1 = ("/sys/fs/cgroup/memory/memory.oom_control:oom_kill_disable 0\n"
      "/sys/fs/cgroup/memory/memory.oom_control:under_oom 0\n"
      "/sys/fs/cgroup/memory/memory.oom_control:oom_kill 3\n"
      "/sys/fs/cgroup/pids/pids.current:4\n")
V2 = ("/sys/fs/cgroup/memory.events:low 0\n/sys/fs/cgroup/memory.events:high 0\n"
      "/sys/fs/cgroup/memory.events:max 12\n/sys/fs/cgroup/memory.events:oom 2\n"
      "/sys/fs/cgroup/memory.events:oom_kill 1\n"
      "/sys/fs/cgroup/memory.events:oom_group_kill 0\n"
      "/sys/fs/cgroup/pids.current:7\n")


@pytest.mark.parametrize("grepped, counts", [
    (V1, Counts(3, 4)),
    (V2, Counts(1, 7)),  # "oom" (the limit reached) and "oom_group_kill" are not kills
    ("", Counts(None, None)),  # nothing shown (a host cgroup namespace on v2)
    ("/etc/passwd:oom_kill 9\n/proc/x/pids.current:5\n", Counts(None, None)),
])
def test_parse_counts(grepped, counts):
    assert parse_counts(grepped) == counts


def test_memory_text():
    assert [memory_text(m) for m in ("2g", "512m", "64k", "1000b", "2G", "lots")] == [
        "2 GiB", "512 MiB", "64 KiB", "1000 bytes", "2 GiB", "lots"]


def batch(oom_kills: int | None, shared: bool = False) -> ExecResult:
    return ExecResult(0, b"", b"", 1.0, False, oom_kills=oom_kills, shared=shared)


def observed(*rcs: int) -> list[compat.Observed]:
    return [compat.Observed(rc, "", "") for rc in rcs]


def test_a_batch_alone_whose_kills_are_all_counted_is_out_of_memory():
    judged = compat._why_killed(observed(0, 137, 1), batch(1), "2g")
    assert [o.killed for o in judged] == [
        "", "killed: out of memory (the container's 2 GiB limit)", ""]


def test_more_sigkills_than_counted_kills_are_only_said_to_coincide():
    judged = compat._why_killed(observed(137, 137), batch(1), "2g")
    assert all(o.killed.startswith("killed by SIGKILL while the container ran out of memory")
               for o in judged)


def test_a_batch_beside_another_is_only_said_to_coincide():
    (judged,) = compat._why_killed(observed(137), batch(1, shared=True), "2g")
    assert judged.killed.startswith("killed by SIGKILL while")


@pytest.mark.parametrize("oom_kills", [0, None])
def test_no_counted_kill_is_a_plain_sigkill(oom_kills):
    judged = compat._why_killed(observed(137, 139), batch(oom_kills), "2g")
    assert [o.killed for o in judged] == ["killed by SIGKILL", "killed by SIGSEGV"]


def test_classify_takes_the_hosts_word_for_a_kill():
    cell = ScriptCell(implementation="x", suite="s", script="a", rc=137,
                      killed="killed: out of memory (the container's 2 GiB limit)")
    assert compat.classify(cell, "", False) == ("crash", cell.killed)
    older = ScriptCell(implementation="x", suite="s", script="a", rc=137)  # stored before
    assert compat.classify(older, "", False) == ("crash", "killed by SIGKILL")
