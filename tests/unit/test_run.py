"""The per-process progress line."""

from dataclasses import replace

from implmatrix import model, run


def test_progress_line():
    ok = model.Run(status="ok", record=model.HarnessRecord(
        status="ok", values=(0.3, 0.1, 0.2), warmups=(1.0,) * 7, steady=True))
    cell = model.Cell(implementation="pypy3.11", workload="nbody")
    line = run._progress_line(3, 12, 1, cell, ok)
    assert line.startswith("[ 3/12] pypy3.11")
    assert " #2 ok " in line
    assert line.endswith("200.0 ms after 7 warmups")
    assert ok.record is not None
    cold = replace(ok, record=replace(ok.record, steady=False))
    assert run._progress_line(3, 12, 0, cell, cold).endswith("(not steady)")
    err = model.Run(status="error", error="E: " + "x" * 200 + "\nsecond")
    line = run._progress_line(12, 12, 0, cell, err)
    assert "second" not in line and line.endswith("x" * 77)


def test_presets_grow_in_rigour():
    fast, default, rigorous = (run.PRESETS[k] for k in ("fast", "default", "rigorous"))
    assert fast.processes < default.processes < rigorous.processes
    assert fast.values < default.values < rigorous.values
    assert run.with_overrides(fast, values=7, processes=None).values == 7
    assert run.with_overrides(fast, values=7, processes=None).processes == fast.processes
