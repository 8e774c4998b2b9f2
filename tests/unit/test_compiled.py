"""workloads/compiled.py's pure parts, the harness's per-workload proof and the host's
check of a row that claims compiled code (tests/integration/test_cython.py compiles
for real, in the container)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from types import ModuleType

import pytest

from implmatrix import HARNESS, compat, model, registry, run
from implmatrix.cells import last_marked
from tests.unit.conftest import run_harness

COMPILED = HARNESS.with_name("compiled.py")

CYTHON_REJECTS = """
Error compiling Cython file:
------------------------------------------------------------
...
type Pair = tuple[int, int]
     ^
------------------------------------------------------------
warning: /w/x.py:1:0: an earlier warning, not the error
/w/x.py:2:5: Syntax error in simple statement list
/w/x.py:9:1: a later error
"""
GCC_REJECTS = """
module.c: In function 'f':
module.c:12:5: warning: unused variable 'x' [-Wunused-variable]
module.c:40:9: error: 'y' undeclared (first use in this function)
"""


@pytest.fixture(scope="module")
def compiled() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compiled", COMPILED)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("output", "first"), [
    (CYTHON_REJECTS, "/w/x.py:2:5: Syntax error in simple statement list"),
    (GCC_REJECTS, "module.c:40:9: error: 'y' undeclared (first use in this function)"),
    ("cc1: fatal\nno place named\n", "no place named"),  # no FILE:LINE: the last line
    ("", "the compiler failed without a message"),
])
def test_a_rejection_is_the_compilers_first_error_with_its_place(compiled, output, first):
    assert compiled.first_error(output) == first


def test_the_cache_key_changes_with_everything_a_module_depends_on(compiled):
    key = compiled.cache_key(b"x = 1\n", "__main__", "cython")
    assert key == compiled.cache_key(b"x = 1\n", "__main__", "cython")
    assert len({key, compiled.cache_key(b"x = 2\n", "__main__", "cython"),
                compiled.cache_key(b"x = 1\n", "__workload__", "cython"),
                compiled.cache_key(b"x = 1\n", "__main__", "mypyc")}) == 4


@pytest.mark.parametrize("args", [[], ["cython"], ["nuitka", "x.py"], ["cython", "--build"],
                                  ["cython", "--build", "nothing", "x.py"]])
def test_a_bad_command_line_is_one_usage_message(args):
    proc = subprocess.run([sys.executable, str(COMPILED), *args], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 2 and proc.stderr.startswith("usage: compiled.py COMPILER")


def test_the_tools_run_as_they_are_through_it():
    # Here without Cython: the harness itself is never compiled.
    proc = subprocess.run([sys.executable, str(COMPILED), "cython", str(HARNESS),
                           "--describe"], capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr
    record = last_marked(proc.stdout)
    assert record is not None and record["name"] == "cpython"


def test_the_harness_records_what_the_workloads_code_runs_as(tmp_path):
    workload = tmp_path / "w.py"
    workload.write_text('"""One."""\n\ndef run():\n    return 1\n\n\n'
                        'def check(value):\n    return value == 1\n')
    record = last_marked(run_harness(workload).stdout)
    assert record is not None and record["status"] == "ok"
    assert record["workload_features"] == {"cython": False}  # Python bytecode
    assert "compiled" not in record  # not loaded by compiled.py


def outcome(workload_features: dict[str, bool], status: str = "ok") -> model.Run:
    return model.Run(status=status, record=model.HarnessRecord(
        status=status, values=(1.0,), implementation=model.Interpreter(name="cpython"),
        workload_features=workload_features))


@pytest.mark.parametrize(("seen", "status"), [
    ({"cython": True}, "ok"), ({"cython": False}, "error")])
def test_a_row_that_claims_cython_must_prove_it_per_workload(seen, status):
    cython = registry.load()["cython3.13"]
    proved = run._proved(outcome(seen), cython)
    assert proved.status == status
    if status == "error":
        assert proved.error == ("cython3.13 claims cython, but this process ran without it "
                                "(from inside: {'cython': False})")
    plain = registry.load()["cpython3.13"]  # claims nothing: nothing to prove
    assert run._proved(outcome(seen), plain).status == "ok"


def test_a_workload_that_did_not_load_has_nothing_to_prove():
    cython = registry.load()["cython3.13"]
    assert run._proved(outcome({}, "unsupported"), cython).status == "unsupported"
    # the interpreter's own features are read before the workload loads: still checked
    jit = registry.load()["cpython3.14-jit"]
    assert run._proved(outcome({}, "unsupported"), jit).status == "error"


def test_the_row_runs_everything_through_the_compiling_runner():
    assert compat.COMPILED in registry.load()["cython3.13"].command
    assert not any(compat.COMPILED in i.command for i in registry.load().values()
                   if "cython" not in i.features)


def test_a_script_cython_rejects_is_unsupported_in_the_compatibility_matrix():
    cell = model.ScriptCell(implementation="cython3.13", suite="s", script="x.py", rc=1,
                            stderr="CompileError: /suites/0/x.py:2:5: Syntax error\n")
    assert compat.classify(cell, "", False) == (
        "unsupported", "CompileError: /suites/0/x.py:2:5: Syntax error")
