"""Shard-and-merge of the default matrix (one of its workloads, all its probes) gives the
same compatibility table as one run."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.integration.conftest import implmatrix

WORKLOAD = "sieve"  # one workload: the probes are the bulk of the compatibility table


def statuses(run_dir: Path) -> dict[str, set[tuple[str, str, str]]]:
    """The compatibility table of a run: status per implementation × workload (results.csv)
    and per implementation × script (compat.csv)."""
    with open(run_dir / "results.csv", newline="") as f:
        cells = {(r["implementation"], r["workload"], r["status"]) for r in csv.DictReader(f)}
    with open(run_dir / "compat.csv", newline="") as f:
        scripts = {(r["implementation"], r["script"], r["status"]) for r in csv.DictReader(f)}
    return {"workloads": cells, "scripts": scripts}


def test_two_shards_merged_equal_one_run(default_run, impls, tmp_path):
    # The default run's command on one of its workloads (and all its probes), split in two:
    # each shard a separate runs root, as two CI jobs (or hosts) would have them.
    for k in (1, 2):
        proc = implmatrix("run", "--fast", "--scaling-cap", "0", "--select", WORKLOAD,
                          "--shard", f"{k}/2", "--out", tmp_path / f"shard{k}")
        assert proc.returncode == 0, proc.stderr
    shard_impls = [set(p.name for p in (tmp_path / f"shard{k}" / "latest" / "raw").iterdir())
                   for k in (1, 2)]
    assert shard_impls[0].isdisjoint(shard_impls[1])
    assert shard_impls[0] | shard_impls[1] == set(impls)

    proc = implmatrix("merge", tmp_path / "shard1", tmp_path / "shard2",
                      "--out", tmp_path / "merged")
    assert proc.returncode == 0, proc.stderr
    merged, whole = statuses(tmp_path / "merged" / "latest"), statuses(default_run)
    assert len(whole["scripts"]) >= 80 * len(impls)
    assert merged["workloads"] == {c for c in whole["workloads"] if c[1] == WORKLOAD}
    assert len(merged["workloads"]) == len(impls)
    assert merged["scripts"] == whole["scripts"]
