"""Run history on real containers: two runs into one --out, the second with one
workload doing 5x the work; the report flags it, and only it."""

from __future__ import annotations

import csv

from tests.integration.conftest import implmatrix

SOURCE = '''"""Sums {n} numbers modulo 7."""

N = {n}


def run():
    total = 0
    for i in range(N):
        total += i % 7
    return total


def check(value):
    return value == sum([i % 7 for i in range(N)])
'''
N = 1000000  # ~25 ms an iteration on cpython3.13 here (5x: ~125 ms)
STEADY = ("steady", "steady2", "steady3")


def test_a_slower_workload_is_flagged_and_an_unchanged_one_is_not(built, tmp_path):
    workload_dir, out = tmp_path / "workloads", tmp_path / "reports"
    workload_dir.mkdir()
    # Three unchanged workloads: what moves them is the machine; they are never flagged, and
    # their median move is a term of the floor.
    for name in STEADY:
        (workload_dir / f"{name}.py").write_text(SOURCE.format(n=N))
    (workload_dir / "slower.py").write_text(SOURCE.format(n=N))
    args = ["run", "--impl", "cpython3.13", "--workloads", workload_dir, "--fast",
            "--scaling-cap", "0", "--out", out]
    first = implmatrix(*args)
    assert first.returncode == 0, first.stderr
    assert "no comparable earlier run" in first.stdout
    (workload_dir / "slower.py").write_text(SOURCE.format(n=5 * N))
    # --force: the unchanged workload is measured again too, not copied from the first run
    second = implmatrix(*args, "--force")
    assert second.returncode == 0, second.stderr
    runs = sorted(p.name for p in out.iterdir() if p.is_dir() and not p.is_symlink())
    assert len(runs) == 2

    report = implmatrix("report", "--out", out)
    assert report.returncode == 0, report.stderr
    summary = report.stdout.splitlines()[-1]
    assert summary.startswith(f"compared with {runs[0]} (same host): 1 regression, "
                              "0 improvements, 3 unchanged"), summary

    latest = out / "latest"
    with open(latest / "regressions.csv", newline="") as f:
        rows = {r["workload"]: r for r in csv.DictReader(f)}
    assert rows["slower"]["verdict"] == "regression"
    assert rows["slower"]["what_changed"] == "workload file"
    # 5x the work; the machine's drift between the runs has made it 9.6x (fast preset)
    assert 2.5 < float(rows["slower"]["new_s"]) / float(rows["slower"]["old_s"]) < 20
    for name in STEADY:
        assert (rows[name]["verdict"], rows[name]["reused"]) == ("unchanged", "False")
    # The floor covers the machine's drift: twice the median change of the steady ones.
    drift = sorted(abs(float(rows[n]["change"])) for n in STEADY)[1]
    assert float(rows["slower"]["floor"]) >= 2 * drift - 1e-5  # regressions.csv: 6 digits
    md = (latest / "report.md").read_text()
    assert f"## Regressions since {runs[0]}" in md and "| slower | **regression** |" in md
    assert "the median change of the 3 cells where nothing changed" in md

    index = (out / "index.html").read_text()
    for run_id in runs:
        assert f'href="./{run_id}/index.html"' in index
    assert "<svg" in index  # the trend chart: one implementation over two runs
    with open(out / "runs.csv", newline="") as f:
        assert [r["run"] for r in csv.DictReader(f)] == runs
