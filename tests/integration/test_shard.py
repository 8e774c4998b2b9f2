"""Shard-and-merge: two shards of a run, merged, give the compatibility table the shared
run (one run of every implementation) gave for the same cells."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.integration.conftest import FIXTURES, SharedRun, implmatrix

# Two implementations, one per shard; the baseline's shard alone has the reference output.
# The scripts' limit is short (their `hangs` costs it three times); statuses do not depend
# on it.
IMPLS = ("cpython3.13", "micropython1.25")
WORKLOAD = "passes"


def statuses(run_dir: Path, impls: tuple[str, ...]) -> dict[str, set[tuple[str, str, str]]]:
    """The compatibility table of a run, for IMPLS, the fixture cell WORKLOAD and the
    fixture scripts: status per implementation × workload (results.csv) and per
    implementation × script (compat.csv)."""
    with open(run_dir / "results.csv", newline="") as f:
        cells = {(r["implementation"], r["workload"], r["status"]) for r in csv.DictReader(f)
                 if r["implementation"] in impls and r["workload"] == WORKLOAD}
    with open(run_dir / "compat.csv", newline="") as f:
        scripts = {(r["implementation"], r["script"], r["status"]) for r in csv.DictReader(f)
                   if r["implementation"] in impls and r["suite"] == "scripts"}
    return {"workloads": cells, "scripts": scripts}


def test_two_shards_merged_equal_one_run(shared_run: SharedRun, tmp_path: Path) -> None:
    # Each shard a separate runs root, as two CI jobs (or hosts) would have them.
    args = [arg for impl in IMPLS for arg in ("--impl", impl)]
    for k in (1, 2):
        proc = implmatrix("run", *args, "--debug-single-value", "--workloads",
                          FIXTURES / "cells", "--select", WORKLOAD, "--suite",
                          FIXTURES / "scripts", "--script-timeout", "1",
                          "--shard", f"{k}/2", "--out", tmp_path / f"shard{k}")
        assert proc.returncode == 0, proc.stderr
    shard_impls = [{p.name for p in (tmp_path / f"shard{k}" / "latest" / "raw").iterdir()}
                   for k in (1, 2)]
    assert shard_impls == [{IMPLS[0]}, {IMPLS[1]}]

    proc = implmatrix("merge", tmp_path / "shard1", tmp_path / "shard2",
                      "--out", tmp_path / "merged")
    assert proc.returncode == 0, proc.stderr
    merged = statuses(tmp_path / "merged" / "latest", IMPLS)
    whole = statuses(shared_run.path, IMPLS)
    assert len(whole["workloads"]) == len(IMPLS) and len(whole["scripts"]) >= 10 * len(IMPLS)
    assert merged == whole
    # micropython1.25's statuses rest on the reference output of the other shard
    assert any(s != "pass" for i, _, s in merged["scripts"] if i == IMPLS[1])
