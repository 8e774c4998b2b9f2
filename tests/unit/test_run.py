"""The per-cell progress line."""

from matrix import run


def test_progress_line():
    ok = {"implementation": "pypy3.11", "workload": "nbody", "status": "ok", "error": "",
          "record": {"values": [0.3, 0.1, 0.2]}}
    line = run._progress_line(3, 12, ok)
    assert line.startswith("[ 3/12] pypy3.11")
    assert line.rstrip().endswith("200.0 ms")
    err = {**ok, "status": "error", "record": None, "error": "E: " + "x" * 200 + "\nsecond"}
    line = run._progress_line(12, 12, err)
    assert "second" not in line and line.endswith("x" * 77)
