"""The per-process progress line."""

from implmatrix import run


def test_progress_line():
    ok = {"status": "ok", "error": "", "record": {"values": [0.3, 0.1, 0.2],
                                                   "warmups": [1.0] * 7, "steady": True}}
    cell = {"implementation": "pypy3.11", "workload": "nbody"}
    line = run._progress_line(3, 12, 1, cell, ok)
    assert line.startswith("[ 3/12] pypy3.11")
    assert " #2 ok " in line
    assert line.endswith("200.0 ms after 7 warmups")
    cold = {**ok, "record": {**ok["record"], "steady": False}}
    assert run._progress_line(3, 12, 0, cell, cold).endswith("(not steady)")
    err = {"status": "error", "record": None, "error": "E: " + "x" * 200 + "\nsecond"}
    line = run._progress_line(12, 12, 0, cell, err)
    assert "second" not in line and line.endswith("x" * 77)


def test_presets_grow_in_rigour():
    fast, default, rigorous = (run.PRESETS[k] for k in ("fast", "default", "rigorous"))
    assert fast.processes < default.processes < rigorous.processes
    assert fast.values < default.values < rigorous.values
    assert run.with_overrides(fast, values=7, processes=None).values == 7
    assert run.with_overrides(fast, values=7, processes=None).processes == fast.processes
