"""Workloads and scripts are checked on the host before anything reaches Docker
(matrix/implmatrix/validate.py): `implmatrix run` refuses bad ones with one line each,
`FILE:LINE: what`, and exit status 2.

The command-line cases run as real `python -m implmatrix run` subprocesses (all at
once) with DOCKER_HOST pointing at a socket that does not exist: a run that got as far
as Docker would say "Docker is not reachable" and exit 1 instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from implmatrix import BUILTIN_PROBES, scripts, validate, workloads
from tests import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "invalid"
NO_DOCKER = {"DOCKER_HOST": "unix:///nonexistent.sock", "DOCKER_CONTEXT": "default"}
GOOD = '"""A workload."""\n\ndef run():\n    return 1\n\ndef check(value):\n    return value == 1\n'
SYNTAX = '"""Line 3 is broken."""\n\ndef run(:\n    return 1\n'  # the error is on line 3
NO_RUN = '"""Only a check."""\n\n\ndef check(value):\n    return True\n'
NO_CHECK = '"""Only a run."""\n\n\ndef run():\n    return 1\n'


def write(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text)
    return directory


def unreadable(directory: Path, kind: str) -> Path:
    """A workload file DIRECTORY/x.py that cannot be read, made the KIND way."""
    path = directory / "x.py"
    if kind == "dangling symlink":
        path.symlink_to(directory / "gone.py")
    elif kind == "directory":
        path.mkdir()
    else:  # mode 000: root reads it anyway
        path.write_text(GOOD)
        path.chmod(0)
        if os.access(path, os.R_OK):
            pytest.skip("running as root: a mode-000 file is readable")
    return path


UNREADABLE = {"dangling symlink": "cannot be read: No such file or directory",
              "directory": "is not a regular file",
              "mode 000": "cannot be read: Permission denied"}


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> dict[str, SimpleNamespace]:
    """`implmatrix run` on each bad input, run concurrently: its directory, exit status,
    stdout and stderr lines."""
    base = tmp_path_factory.mktemp("validate")
    dirs = {
        "syntax": write(base / "syntax", {"good.py": GOOD, "broken.py": SYNTAX}),
        "no_run": write(base / "no_run", {"good.py": GOOD, "w.py": NO_RUN}),
        "no_check": write(base / "no_check", {"w.py": NO_CHECK}),
        "several": write(base / "several", {"a.py": SYNTAX, "b.py": NO_RUN, "c.py": GOOD,
                                            "d.py": NO_CHECK}),
    }
    (dirs["several"] / "e.py").symlink_to(base / "gone.py")
    args = {name: ["--workloads", str(d)] for name, d in dirs.items()}
    # A script that does not parse is a result (unsupported somewhere), not refused: that
    # run gets as far as Docker. One that cannot be read is refused.
    suite = write(base / "suite", {"new_syntax.py": "match 1:\n    case 1: print(1)\n",
                                   "bad.py": "print(\n", "ok.py": "print(1)\n"})
    args["script_syntax"] = ["--suite", str(suite)]
    broken = write(base / "broken_suite", {"ok.py": "print(1)\n", "ok.py.exp": "1\n"})
    (broken / "gone.py").symlink_to(base / "gone.py")
    (broken / "exp.py").write_text("print(2)\n")
    (broken / "exp.py.exp").mkdir()
    args["script_unreadable"] = ["--suite", str(broken)]
    dirs.update(script_syntax=suite, script_unreadable=broken, fixture=FIXTURES)
    args["fixture"] = ["--workloads", str(FIXTURES)]
    procs = {name: subprocess.Popen(
        [sys.executable, "-m", "implmatrix", "run", "--impl", "cpython3.13", *a],
        cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, **NO_DOCKER}) for name, a in args.items()}
    found = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=60)
        found[name] = SimpleNamespace(dir=dirs[name], returncode=proc.returncode, stdout=out,
                                      lines=err.splitlines())
    return found


def refused(case: SimpleNamespace) -> list[str]:
    """The problem lines of a refused run: exit 2, nothing else said, no traceback."""
    assert case.returncode == 2, case.lines
    assert case.stdout == ""
    assert not any("Traceback" in line or "Docker" in line for line in case.lines), case.lines
    return case.lines


def test_a_syntax_error_is_refused_with_its_line(cases):
    case = cases["syntax"]
    (line,) = refused(case)
    assert line.startswith(f"{case.dir / 'broken.py'}:3: does not parse as Python 3: "), line


def test_a_workload_without_run_is_refused(cases):
    case = cases["no_run"]
    assert refused(case) == [f"{case.dir / 'w.py'}:1: defines no run() at the top level"]


def test_a_workload_without_check_is_refused(cases):
    case = cases["no_check"]
    assert refused(case) == [f"{case.dir / 'w.py'}:1: defines no check(value) at the top level"]


def test_the_fixture_that_is_no_workload_is_refused(cases):
    assert refused(cases["fixture"]) == [
        f"{FIXTURES / 'not_a_workload.py'}:1: defines no {call} at the top level"
        for call in ("run()", "check(value)")]


def test_several_problems_make_several_lines_in_file_order(cases):
    case = cases["several"]
    lines = refused(case)
    d = case.dir
    assert len(lines) == 4, lines
    assert lines[0].startswith(f"{d / 'a.py'}:3: does not parse as Python 3: ")
    assert lines[1:] == [f"{d / 'b.py'}:1: defines no run() at the top level",
                         f"{d / 'd.py'}:1: defines no check(value) at the top level",
                         f"{d / 'e.py'}:1: cannot be read: No such file or directory"]


@pytest.mark.skipif(shutil.which("docker") is None, reason="needs the docker CLI")
def test_a_script_that_does_not_parse_is_not_refused(cases):
    case = cases["script_syntax"]
    assert case.returncode == 1, case.lines
    assert len(case.lines) == 1 and "Docker is not reachable" in case.lines[0], case.lines


def test_an_unreadable_script_or_expected_output_is_refused(cases):
    case = cases["script_unreadable"]
    d = case.dir
    assert refused(case) == [f"{d / 'exp.py.exp'}:1: is not a regular file",
                             f"{d / 'gone.py'}:1: cannot be read: No such file or directory"]


@pytest.mark.parametrize("kind", UNREADABLE)
def test_an_unreadable_workload_is_refused(tmp_path, kind):
    path = unreadable(tmp_path, kind)
    (tmp_path / "good.py").write_text(GOOD)
    found = workloads.discover([tmp_path])
    assert [w.name for w in found] == ["good", "x"]
    assert [str(p) for p in validate.problems(found, [])] == [f"{path}:1: {UNREADABLE[kind]}"]


def test_discovery_of_unreadable_scripts_does_not_fail(tmp_path):
    (tmp_path / "gone.py").symlink_to(tmp_path / "nothing")
    (tmp_path / "ok.py").write_text("# feature: printing\nprint(1)\n")
    found = scripts.discover([tmp_path])
    assert [(s.name, s.feature) for s in found] == [("gone", "gone"), ("ok", "printing")]
    assert [p.what for p in validate.problems([], found)] == [
        "cannot be read: No such file or directory"]


@pytest.mark.parametrize("source", [
    # run and check bound in every way a module can bind a name
    GOOD,
    "from helpers import run\ncheck = lambda value: True\n",
    "import sys\nif sys.version_info[0] > 2:\n    def run():\n        return 1\nelse:\n"
    "    run = None\ntry:\n    from x import check\nexcept ImportError:\n"
    "    def check(value):\n        return True\n",
    "run, (check, other) = (lambda: 1), (lambda v: True, 0)\n",
    "class run:\n    pass\n\nfor check in [len]:\n    pass\n",
])
def test_run_and_check_bound_at_the_top_level_are_accepted(tmp_path, source):
    path = tmp_path / "w.py"
    path.write_text(source)
    assert validate.workload(path) == []


@pytest.mark.parametrize("source, missing", [
    # bound only inside a function or a class: not the module's
    ("def make():\n    def run():\n        return 1\n    check = 1\n", ["run()", "check(value)"]),
    ("class W:\n    def run(self):\n        return 1\n\ndef check(v):\n    return v\n",
     ["run()"]),
    ("", ["run()", "check(value)"]),
])
def test_names_bound_elsewhere_do_not_count(tmp_path, source, missing):
    path = tmp_path / "w.py"
    path.write_text(source)
    assert [p.what for p in validate.workload(path)] == [
        f"defines no {m} at the top level" for m in missing]


@pytest.mark.parametrize("data, line, what", [
    (b'"""ok"""\nx = 1\ny = "\xe9"\n', 3, "is not UTF-8 text: invalid continuation byte"),
    # the harness decodes UTF-8 whatever the coding line says
    (b'# -*- coding: latin-1 -*-\nx = "\xe9"\n', 2, "is not UTF-8 text"),
    (b"x = 1\0\n", 1, "does not parse as Python 3"),
    (b"\xef\xbb\xbfdef run(): pass\n", 1, "does not parse as Python 3"),  # as the harness
    (b"x = 1\n    y = 2\n", 2, "does not parse as Python 3: unexpected indent"),
])
def test_what_the_harness_could_not_load_is_a_problem(tmp_path, data, line, what):
    path = tmp_path / "w.py"
    path.write_bytes(data)
    (problem,) = validate.workload(path)
    assert problem.line == line and problem.what.startswith(what), problem


def test_the_builtin_workloads_and_probes_pass():
    assert validate.problems(workloads.discover(), scripts.discover([BUILTIN_PROBES])) == []


def test_list_shows_the_same_problem(tmp_path, capsys):
    from implmatrix import cli

    (tmp_path / "broken.py").write_text(textwrap.dedent(SYNTAX))
    (tmp_path / "gone.py").symlink_to(tmp_path / "nothing")
    assert cli.main(["list", "--workloads", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    listed = {line.split()[0]: line for line in out[out.index("workloads:") + 1:]}
    assert "(does not parse as Python 3: " in listed["broken"]
    assert "(cannot be read: No such file or directory)" in listed["gone"]
