"""compat.baseline_failure: when a run is no result because its baseline could not run
(the rule; tests/integration/test_user_files.py runs it through the command line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from implmatrix import compat, model, store
from implmatrix.container import TIMEOUT_EXIT

BASE, OTHER = "cpython3.13", "pypy3.11"


def run_with(root: Path, cells: dict[str, list[model.ScriptCell]],
             broken: dict[str, str] | None = None) -> store.RunDir:
    """A run of the scripts CELLS (suite -> its cells), in that order."""
    run = store.new_run(root)
    names = tuple(dict.fromkeys(f"{c.suite}/{c.script}" for cs in cells.values() for c in cs))
    run.write_meta(model.RunMeta(settings=model.Settings(
        implementations=(BASE, OTHER), scripts=names), broken=broken or {}))
    for found in cells.values():
        for cell in found:
            run.write_script(cell)
    return run


def cell(suite: str, script: str, rc: int = 0, stdout: str = "", *, stderr: str = "",
         impl: str = BASE) -> model.ScriptCell:
    return model.ScriptCell(implementation=impl, suite=suite, script=script, rc=rc,
                            stdout=stdout, stderr=stderr)


def test_a_suite_with_failing_scripts_that_ran_is_a_result(tmp_path):
    run = run_with(tmp_path, {"mixed": [
        cell("mixed", "raises", 1, stderr="Traceback...\nValueError: no\n"),
        cell("mixed", "hangs", TIMEOUT_EXIT),
        cell("mixed", "prints_then_fails", 1, stdout="half\n"),  # printed: it ran
    ]})
    assert compat.baseline_failure(run, BASE) == ""


@pytest.mark.parametrize("ok", [cell("s", "z", 0), cell("s", "z", 3, stdout="x"),
                                cell("s", "z", TIMEOUT_EXIT), cell("s", "z", 137)],
                         ids=["exits 0 silently", "prints, then fails", "times out",
                              "is killed"])
def test_one_script_that_ran_is_enough(tmp_path, ok):
    run = run_with(tmp_path, {"s": [cell("s", "a", 2, stderr="SyntaxError: x\n"), ok]})
    assert compat.baseline_failure(run, BASE) == ""


def test_a_suite_where_no_script_ran_names_the_suite_and_the_first_reason(tmp_path):
    run = run_with(tmp_path, {
        "good": [cell("good", "a", 0, "1\n")],
        "dead": [cell("dead", "b", 2, stderr="python3.13: can't open file 'b.py': "
                                              "[Errno 13] Permission denied\n"),
                 cell("dead", "c", 1, stderr="ImportError: no\n"),
                 cell("dead", "d", 1, stderr="SyntaxError: x\n")],
    })
    assert compat.baseline_failure(run, BASE) == (
        "suite 'dead': none of its 3 scripts ran on the baseline cpython3.13 (first: b: "
        "python3.13: can't open file 'b.py': [Errno 13] Permission denied)")


def test_only_the_baseline_counts(tmp_path):
    """Other implementations failing everything is what the matrix is there to show."""
    run = run_with(tmp_path, {"s": [cell("s", "a", 0, "1\n"),
                                    cell("s", "a", 1, impl=OTHER)]})
    assert compat.baseline_failure(run, BASE) == ""
    assert compat.baseline_failure(run, "") == ""  # a run without the baseline


def test_scripts_the_baseline_never_ran_and_its_own_words_on_one_line(tmp_path):
    # b has no cell on the baseline: it did not run there either
    run = run_with(tmp_path, {"s": [cell("s", "a", 1, stderr="one\n\x1b[31mred\x07\n"),
                                    cell("s", "b", 0, "1\n", impl=OTHER)]})
    assert compat.baseline_failure(run, BASE) == (
        "suite 's': none of its 2 scripts ran on the baseline cpython3.13 "
        "(first: a: \\x1b[31mred\\x07)")


def test_a_broken_baseline_container_fails_the_run(tmp_path):
    run = run_with(tmp_path, {"s": [cell("s", "a", 0, "1\n")]},
                   broken={BASE: "docker create failed: no such image"})
    assert compat.baseline_failure(run, BASE) == (
        "the baseline cpython3.13 could not run: docker create failed: no such image")
    assert compat.baseline_failure(run_with(tmp_path / "2", {}, {OTHER: "gone"}), BASE) == ""
