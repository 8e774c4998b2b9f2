"""The command line: exit codes and one-line messages.

The cases the user meets first run as real `python -m implmatrix` subprocesses
(started all at once, they are mostly interpreter start-up); variations of
them call cli.main() in-process. Nothing here reaches a Docker engine: every
case fails (or finishes) before that, or points DOCKER_HOST at a socket that
does not exist.
"""

from __future__ import annotations

import csv
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from implmatrix import BUILTIN_WORKLOADS, cli, model, registry, store
from tests import ROOT
from tests.unit.conftest import make_cell, make_record, run_in

NO_DOCKER = {"DOCKER_HOST": "unix:///nonexistent.sock", "DOCKER_CONTEXT": "default"}
IDS = list(registry.load())
HAS_DOCKER_CLI = shutil.which("docker") is not None


@pytest.fixture(scope="module")
def empty_dirs(tmp_path_factory) -> SimpleNamespace:
    return SimpleNamespace(run=tmp_path_factory.mktemp("notarun"),
                           out=tmp_path_factory.mktemp("noruns"),
                           path=tmp_path_factory.mktemp("nodocker"))


def good_cells() -> list[model.Cell]:
    return [make_cell("cpython3.13", "w", record=make_record()),
            make_cell("pypy3.11", "w", record=make_record("pypy3.11"))]


def broken_run(root: Path, path: str, content: str | None = None) -> store.RunDir:
    """A finished run under ROOT whose file PATH then holds CONTENT (run.json: of a newer
    schema when CONTENT is None)."""
    run = run_in(root, good_cells())
    if content is None:
        content = json.dumps({**json.loads(run.meta_path.read_text()),
                              "schema": model.RUN_SCHEMA + 1})
    (run.path / path).write_text(content)
    return run


# Each broken run: the file, what it holds, what the error line says of it.
BROKEN = {
    "not_json": ("run.json", "not json", "is not a run.json of implmatrix: Expecting value"),
    "empty": ("run.json", "{}", "is not a run.json of implmatrix: it lacks settings, "
              "started, host, implementations"),
    "future": ("run.json", None, f"has schema {model.RUN_SCHEMA + 1}, this implmatrix "
               f"reads up to {model.RUN_SCHEMA}"),
    "cell": ("raw/pypy3.11/w.json", "not json", "is not a Cell record of implmatrix"),
    "cell_record": ("raw/pypy3.11/w.json", '{"workload": "w"}',
                    "is not a Cell record of implmatrix: w.json: implementation is missing"),
}


def mixed_root(root: Path) -> SimpleNamespace:
    """A runs root: a good run, a run with a broken cell, a run with a broken run.json,
    then the good latest run (all with one start time: ordered by id)."""
    first = run_in(root, good_cells())
    cell = broken_run(root, "raw/pypy3.11/w.json", "not json")
    meta = broken_run(root, "run.json", "not json")
    return SimpleNamespace(root=root, first=first, broken=[cell, meta],
                           latest=run_in(root, good_cells()))


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> SimpleNamespace:
    base = tmp_path_factory.mktemp("badinputs")
    (base / "bench.py").write_text('"""A workload given as a file."""\ndef run(): pass\n')
    two = base / "two"
    return SimpleNamespace(
        base=base, file=base / "bench.py",
        broken={kind: broken_run(base / kind, path, content)
                for kind, (path, content, _) in BROKEN.items()},
        mixed=mixed_root(base / "mixed"), mixed_out=mixed_root(base / "mixed_out"),
        two=[run_in(two, good_cells()), run_in(two, good_cells())])


# Numeric options: each bad value, and what the line says the option takes.
BAD_NUMBERS = {
    "--timeout": (["inf", "nan", "0", "-5", "soon"], "a finite number of seconds > 0"),
    "--script-timeout": (["inf", "0"], "a finite number of seconds > 0"),
    "--values": (["0", "1e3", "2.5"], "a whole number >= 1"),
    "--processes": (["-1", "x"], "a whole number >= 1"),
    "--scaling-cap": (["-1", "nan", "inf"], "a finite number of seconds >= 0"),
    "--shard": (["3/2", "0/2", "x", "1/2/3", "2"], "K/N with 1 <= K <= N"),
}
SUBCOMMANDS = ["list", "images", "run", "report", "merge"]


@pytest.fixture(scope="module")
def cli_runs(empty_dirs, bad_inputs) -> dict[str, SimpleNamespace]:
    """`python -m implmatrix ...` for every case, run concurrently."""
    bad = bad_inputs
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
        "set": (["run", "--set", "nope"], NO_DOCKER),
        "images_set": (["images", "--set", "nope"], NO_DOCKER),
        "against": (["report", bad.two[1].path, "--against", "nope"], {}),
        "workloads_file": (["run", "--workloads", bad.file], NO_DOCKER),
        "suite_file": (["run", "--suite", bad.file], NO_DOCKER),
        "out_file_run": (["run", "--out", bad.file], NO_DOCKER),
        "out_file_report": (["report", "--out", bad.file], {}),
        "out_file_merge": (["merge", bad.two[1].path, "--out", bad.file], {}),
        "report_file": (["report", bad.file], {}),
        "merge_file": (["merge", bad.file], {}),
        "merge_missing": (["merge", bad.base / "nonexistent"], {}),
        "mixed_report": (["report", bad.mixed.latest.path], {}),
        "mixed_out": (["report", "--out", bad.mixed_out.root], {}),
        **{f"{flag} {value}": (["run", flag, value], NO_DOCKER)
           for flag, (values, _) in BAD_NUMBERS.items() for value in values},
        **{f"report_{kind}": (["report", run.path], {}) for kind, run in bad.broken.items()},
        **{f"merge_{kind}": (["merge", run.path, "--out", bad.base / f"merged_{kind}"], {})
           for kind, run in bad.broken.items()},
        **{f"help_{sub}": ([sub, "--help"], {}) for sub in SUBCOMMANDS},
    }
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-m", "implmatrix", *map(str, args)], cwd=ROOT, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **env})
        for name, (args, env) in cases.items()
    }
    results = {}
    for name, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=120)
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


@pytest.mark.parametrize("flag,value", [(flag, value) for flag, (values, _)
                                        in BAD_NUMBERS.items() for value in values])
def test_a_bad_number_names_its_option(cli_runs, flag, value):
    proc = cli_runs[f"{flag} {value}"]
    assert proc.returncode == 2
    line = one_error_line(proc)
    assert f" error: {flag} must be {BAD_NUMBERS[flag][1]}" in line
    assert line.endswith(f"not {value!r} (see --help)")
    assert proc.stdout == ""


def test_good_numbers_parse():
    args = cli._parser().parse_args(["run", "--timeout", "1e3", "--script-timeout", "0.5",
                                     "--values", "3", "--processes", "1",
                                     "--scaling-cap", "0", "--shard", "2/5"])
    assert (args.timeout, args.script_timeout, args.values, args.processes,
            args.scaling_cap, args.shard) == (1000.0, 0.5, 3, 1, 0.0, (2, 5))


@pytest.mark.parametrize("case", ["set", "images_set"])
def test_an_unknown_set_lists_the_valid_ones(cli_runs, case):
    proc = cli_runs[case]
    assert proc.returncode == 2
    line = one_error_line(proc)
    assert "unknown set nope; valid: " + ", ".join(registry.sets()) in line


def test_an_unknown_against_lists_the_run_ids(cli_runs, bad_inputs):
    proc = cli_runs["against"]
    assert proc.returncode == 2
    older, newer = bad_inputs.two
    assert one_error_line(proc).endswith(f"--against nope: no other finished run of that "
                                         f"id under {older.path.parent}; valid: {older.id}")
    assert not (newer.path / "report.md").exists()


def test_a_file_for_a_directory_of_workloads_or_scripts(cli_runs, bad_inputs):
    line = one_error_line(cli_runs["workloads_file"])
    assert cli_runs["workloads_file"].returncode == 2
    assert f"--workloads must be a directory of workloads: {bad_inputs.file} is a file " \
           "(give its directory, with --select bench to run only it)" in line
    line = one_error_line(cli_runs["suite_file"])
    assert cli_runs["suite_file"].returncode == 2
    assert f"--suite must be a directory of scripts: {bad_inputs.file} is a file" in line


@pytest.mark.parametrize("sub", ["run", "report", "merge"])
def test_out_that_is_a_file(cli_runs, bad_inputs, sub):
    proc = cli_runs[f"out_file_{sub}"]
    assert proc.returncode == 2
    assert f"implmatrix {sub}: error: --out must be a directory: {bad_inputs.file} is a " \
           "file" in one_error_line(proc)
    assert "Docker" not in proc.stderr  # checked before Docker is asked


@pytest.mark.parametrize("case,says", [
    ("report_file", "is a file, not a run directory (give the directory that holds run.json)"),
    ("merge_file", "is a file: give a run directory, a runs root or a folder of those"),
    ("merge_missing", "does not exist: give a run directory, a runs root or a folder")])
def test_a_file_or_nothing_for_a_run_directory(cli_runs, case, says):
    proc = cli_runs[case]
    assert proc.returncode == 2
    assert says in one_error_line(proc)


@pytest.mark.parametrize("kind", BROKEN)
@pytest.mark.parametrize("sub", ["report", "merge"])
def test_a_broken_run_is_one_line_naming_the_file(cli_runs, bad_inputs, sub, kind):
    proc = cli_runs[f"{sub}_{kind}"]
    run = bad_inputs.broken[kind]
    path, _, says = BROKEN[kind]
    assert proc.returncode == 2
    line = one_error_line(proc)
    assert line.startswith(f"implmatrix: error: {run.path / path} ")
    assert says in line
    assert proc.stdout == ""
    assert not (run.path / "report.md").exists()
    assert not (bad_inputs.base / f"merged_{kind}").exists()  # no half-made merged run


@pytest.mark.parametrize("case,mixed", [("mixed_report", "mixed"), ("mixed_out", "mixed_out")])
def test_broken_runs_beside_the_reported_one_are_skipped(cli_runs, bad_inputs, case, mixed):
    proc = cli_runs[case]
    runs = getattr(bad_inputs, mixed)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    cell, meta = runs.broken
    assert sorted(proc.stderr.splitlines()) == sorted([
        f"implmatrix: warning: skipping run {cell.id}: {cell.path}/raw/pypy3.11/w.json is "
        "not a Cell record of implmatrix: Expecting value: line 1 column 1 (char 0)",
        f"implmatrix: warning: skipping run {meta.id}: {meta.path}/run.json is not a "
        "run.json of implmatrix: Expecting value: line 1 column 1 (char 0)"])
    # Compared with the good run before the broken ones; only good runs are indexed.
    assert proc.stdout.splitlines()[-1].startswith(f"compared with {runs.first.id} ")
    assert (runs.latest.path / "index.html").is_file()
    with (runs.root / "runs.csv").open() as f:
        assert {row["run"] for row in csv.DictReader(f)} == {runs.first.id, runs.latest.id}


def test_help_of_each_subcommand(cli_runs):
    top = cli_runs["help"].stdout
    for sub in SUBCOMMANDS:
        proc = cli_runs[f"help_{sub}"]
        assert proc.returncode == 0 and proc.stderr == ""
        # Its one-line summary: in `implmatrix --help`, and atop its own help.
        summary = next(line.split(None, 1)[1] for line in top.splitlines()
                       if line.startswith(f"    {sub} "))
        assert f"\n{summary[0].upper()}{summary[1:]}.\n" in proc.stdout
        examples = proc.stdout.split("\nexamples:\n")[1].splitlines()
        assert 2 <= len(examples) <= 4
        for example in examples:  # each a real command line: it parses
            argv = shlex.split(example)
            assert argv[:2] == ["implmatrix", sub]
            assert cli._parser().parse_args(argv[1:]).command == sub
    assert "\nexamples:\n  implmatrix " in top


def test_help_imports_nothing_heavy():
    code = ("import sys\nfrom implmatrix import cli\n"
            "for argv in (['--help'], *([s, '--help'] for s in cli._parser()._subparsers"
            "._group_actions[0].choices)):\n"
            "    try: cli.main(argv)\n    except SystemExit: pass\n"
            "print('HEAVY', sorted({'pandas', 'numpy', 'jinja2', 'pyperf'} & set(sys.modules)))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=True)
    assert proc.stdout.splitlines()[-1] == "HEAVY []"


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
