"""The command line: exit codes and one-line messages.

The cases the user meets first run as real `python -m implmatrix` subprocesses
(started all at once, they are mostly interpreter start-up); variations of
them call cli.main() in-process. Nothing here reaches a Docker engine: every
case fails (or finishes) before that, or points DOCKER_HOST at a socket that
does not exist.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from implmatrix import BUILTIN_WORKLOADS, cli, registry
from tests import ROOT

NO_DOCKER = {"DOCKER_HOST": "unix:///nonexistent.sock", "DOCKER_CONTEXT": "default"}
IDS = list(registry.load())
HAS_DOCKER_CLI = shutil.which("docker") is not None


@pytest.fixture(scope="module")
def empty_dirs(tmp_path_factory) -> SimpleNamespace:
    return SimpleNamespace(run=tmp_path_factory.mktemp("notarun"),
                           out=tmp_path_factory.mktemp("noruns"),
                           path=tmp_path_factory.mktemp("nodocker"))


@pytest.fixture(scope="module")
def cli_runs(empty_dirs) -> dict[str, SimpleNamespace]:
    """`python -m implmatrix ...` for every case, run concurrently."""
    cases = {
        "impl": (["run", "--impl", "nope"], {}),
        "workloads": (["run", "--workloads", "/nonexistent"], {}),
        "select": (["run", "--select", "zzz"], {}),
        "report_dir": (["report", str(empty_dirs.run)], {}),
        "report_out": (["report", "--out", str(empty_dirs.out)], {}),
        "option": (["list", "--bogus"], {}),
        "sub_option": (["run", "--bogus"], {}),
        "images": (["images"], NO_DOCKER),
        "images_no_cli": (["images"], {"PATH": str(empty_dirs.path)}),
        "help": (["--help"], {}),
        "list": (["list"], NO_DOCKER),
    }
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-m", "implmatrix", *args], cwd=ROOT, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **env})
        for name, (args, env) in cases.items()
    }
    results = {}
    for name, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=60)
        results[name] = SimpleNamespace(returncode=proc.returncode, stdout=stdout,
                                        stderr=stderr)
    return results


def one_error_line(proc) -> str:
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("implmatrix") and " error: " in lines[0], lines[0]
    return lines[0]


def test_run_unknown_impl_names_the_valid_ids(cli_runs):
    proc = cli_runs["impl"]
    assert proc.returncode == 2
    line = one_error_line(proc)
    assert "nope" in line
    assert all(i in line for i in IDS)
    assert proc.stdout == ""


def test_run_nonexistent_workload_dir(cli_runs):
    proc = cli_runs["workloads"]
    assert proc.returncode == 2
    assert "/nonexistent" in one_error_line(proc)


def test_run_select_matching_nothing(cli_runs):
    proc = cli_runs["select"]
    assert proc.returncode == 2
    line = one_error_line(proc)
    assert "zzz" in line
    assert "sieve" in line  # the valid names are listed


def test_report_of_a_dir_that_is_not_a_run(cli_runs, empty_dirs):
    proc = cli_runs["report_dir"]
    assert proc.returncode == 2
    line = one_error_line(proc)
    assert str(empty_dirs.run) in line and "run.json" in line


def test_report_with_no_runs_under_out(cli_runs, empty_dirs):
    proc = cli_runs["report_out"]
    assert proc.returncode == 2
    assert str(empty_dirs.out) in one_error_line(proc)


@pytest.mark.parametrize("case", ["option", "sub_option"])
def test_unknown_option_is_one_line(cli_runs, case):
    proc = cli_runs[case]
    assert proc.returncode == 2
    assert "--bogus" in one_error_line(proc)


@pytest.mark.skipif(not HAS_DOCKER_CLI, reason="needs the docker CLI (not an engine)")
def test_images_without_a_reachable_engine(cli_runs):
    proc = cli_runs["images"]
    assert proc.returncode == 1
    assert "Docker is not reachable" in one_error_line(proc)
    assert proc.stdout == ""


def test_images_without_the_docker_command(cli_runs):
    proc = cli_runs["images_no_cli"]
    assert proc.returncode == 1
    assert "docker" in one_error_line(proc)


def test_help_exits_zero(cli_runs):
    proc = cli_runs["help"]
    assert proc.returncode == 0
    for command in ("list", "images", "run", "report"):
        assert command in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_list_prints_implementations_and_workloads(cli_runs):
    proc = cli_runs["list"]
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    for impl_id in IDS:
        assert impl_id in proc.stdout
    baseline_line = next(line for line in proc.stdout.splitlines() if "cpython3.13" in line)
    assert "(baseline)" in baseline_line
    names = [p.stem for p in BUILTIN_WORKLOADS.glob("*.py") if not p.name.startswith("_")]
    listed = {line.split()[0] for line in proc.stdout.splitlines() if line.startswith("  ")}
    assert set(names) <= listed


# In-process variations ---------------------------------------------------------------

def main(capsys, *args: str | Path) -> tuple[int, str, str]:
    try:
        code = cli.main([str(a) for a in args])
    except SystemExit as e:  # argparse
        code = e.code
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def no_docker(monkeypatch):
    for key, value in NO_DOCKER.items():
        monkeypatch.setenv(key, value)


@pytest.mark.parametrize("args", [("--values", "0"), ("--values", "-3"), ("--timeout", "0"),
                                  ("--timeout", "-1"), ("--processes", "0")])
def test_run_non_positive_settings(capsys, no_docker, args):
    code, _, err = main(capsys, "run", "--impl", "cpython3.13", *args)
    assert code == 2
    assert "positive" in err and len(err.splitlines()) == 1


def test_run_nan_timeout_is_a_usage_error(capsys, no_docker):
    code, _, _ = main(capsys, "run", "--impl", "cpython3.13", "--timeout", "nan")
    assert code == 2


@pytest.mark.parametrize("args", [("run", "--values", "many"), ("run", "--timeout", "soon"),
                                  ("run", "--fast", "--rigorous"), ("run", "--processes", "x"),
                                  ("frobnicate",), (), ("--bogus",)])
def test_bad_arguments_are_one_line(capsys, args):
    code, _, err = main(capsys, *args)
    assert code == 2
    assert len(err.splitlines()) == 1
    assert err.startswith("implmatrix") and " error: " in err and "(see --help)" in err


def test_images_checks_impl_ids_before_docker(capsys, no_docker):
    code, _, err = main(capsys, "images", "--impl", "nope")
    assert code == 2 and "nope" in err


def test_run_repeated_impls_and_workload_dirs_are_validated(capsys, tmp_path):
    code, _, err = main(capsys, "run", "--impl", "cpython3.13", "--impl", "jython3",
                        "--workloads", tmp_path)
    assert code == 2 and "jython3" in err


def test_list_with_own_workloads_and_select(capsys, tmp_path):
    (tmp_path / "good.py").write_text('"""Good one.\n\nMore."""\ndef run(): pass\n')
    (tmp_path / "broken.py").write_text("def run(:\n")
    (tmp_path / "other.py").write_text("")
    code, out, _ = main(capsys, "list", "--workloads", tmp_path,
                        "--select", "good", "--select", "broken")
    assert code == 0
    lines = out.splitlines()
    workloads = lines[lines.index("workloads:") + 1:]
    assert [w.split()[0] for w in workloads] == ["broken", "good"]
    assert "Good one." in workloads[1] and "More" not in workloads[1]
    assert "does not parse" in workloads[0]


def test_report_rebuilds_the_latest_run(capsys, make_run):
    from tests.unit.conftest import make_cell, make_record

    run = make_run([make_cell("cpython3.13", "w", record=make_record())])
    code, out, _ = main(capsys, "report", "--out", run.path.parent)
    assert code == 0
    *paths, summary = out.splitlines()
    assert {Path(p).name for p in paths} == {"results.csv", "report.md", "index.html"}
    assert summary.startswith("no comparable earlier run")
    assert (run.path / "index.html").is_file()
    code, out, _ = main(capsys, "report", run.path)
    assert code == 0 and "report.md" in out
