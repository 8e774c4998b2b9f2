"""workloads/harness.py, run on the host Python as a subprocess.

The harness is written in the common subset of Python 2.7, MicroPython and
Python 3, so it runs unmodified on the host too.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from implmatrix.cells import MARKER, classify, last_marked, parse_record
from implmatrix.container import ExecResult
from tests.unit.conftest import run_harness

GOOD = '''\
"""Sums a range, then checks it.

More text that is not part of the one-line description.
"""

TAGS = ("int", "loops")


def run():
    total = 0
    for i in range(2000):
        total += i
    return total


def check(value):
    return value == 1999000
'''


def workload(tmp_path: Path, name: str, source: str) -> Path:
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(source))
    return path


def record_of(path: Path, values: int = 3, warmup_budget_s: float = 0.2) -> dict:
    proc = run_harness(path, values, warmup_budget_s)
    assert proc.returncode == 0, proc.stderr.decode()
    record = last_marked(proc.stdout)  # the record as printed, every field
    assert record is not None, proc.stdout
    assert parse_record(proc.stdout) is not None  # and one the host reads, typed
    return record


def test_good_workload_is_ok_with_the_requested_iterations(tmp_path):
    rec = record_of(workload(tmp_path, "good", GOOD), values=4)
    assert rec["status"] == "ok"
    assert len(rec["warmups"]) >= 1
    assert len(rec["values"]) == 4
    assert all(isinstance(v, float) and v > 0 for v in rec["values"] + rec["warmups"])
    assert rec["doc"] == "Sums a range, then checks it."
    assert rec["tags"] == ["int", "loops"]
    assert rec["schema"] == 2
    assert "error" not in rec and "error_type" not in rec


def test_record_describes_the_running_interpreter(tmp_path):
    import platform
    import sys

    rec = record_of(workload(tmp_path, "good", GOOD))
    info = rec["implementation"]
    assert info["name"] == sys.implementation.name
    assert info["python_version"] == platform.python_version()
    assert rec["clock"] == "time.perf_counter"


def test_no_warmup_budget_means_one_warmup_and_not_steady(tmp_path):
    rec = record_of(workload(tmp_path, "good", GOOD), values=2, warmup_budget_s=0)
    assert rec["status"] == "ok"
    assert (len(rec["warmups"]), len(rec["values"]), rec["steady"]) == (1, 2, False)


SPEEDS_UP = '''
"""Faster on each of its first 7 calls, like a JIT compiling, then steady."""
import time
CALLS = [0]


def run():
    CALLS[0] += 1
    time.sleep(max(0.002, 0.03 - 0.004 * CALLS[0]))
    return 1


def check(value):
    return value == 1
'''


def test_warmup_lasts_until_the_times_stop_falling(tmp_path):
    rec = record_of(workload(tmp_path, "jit", SPEEDS_UP), values=3, warmup_budget_s=30)
    assert rec["steady"] is True
    # Not before the times stop falling (call 7), and soon after.
    assert 8 <= len(rec["warmups"]) <= 7 + 2 * 3, rec["warmups"]
    # Timed after the warmup: each value a 2 ms sleep (seen up to 4.3 ms on a busy VM), none
    # of the warming calls' (6 ms at the least).
    assert max(rec["values"]) < 0.006


def test_warmup_stops_at_its_budget(tmp_path):
    rec = record_of(workload(tmp_path, "jit", SPEEDS_UP), values=2, warmup_budget_s=0.05)
    assert rec["steady"] is False
    assert 2 <= len(rec["warmups"]) <= 4


@pytest.mark.parametrize(("times", "steady"), [
    ([1.0] * 5, False),  # too few to tell
    ([1.0] * 6, True),
    ([3.0, 2.0, 1.5, 1.2, 1.0, 1.0], False),  # still falling
    ([3.0, 1.0, 1.0, 1.0, 1.0, 1.0], True),
    ([1.0, 1.0, 1.0, 1.0, 1.1, 1.2], True),  # slower is not warming up
    ([1.0, 1.0, 1.0, 0.9, 0.9, 0.9], False),  # 10% faster: not yet
])
def test_warmed_up_rule(times, steady):
    import importlib.util

    from implmatrix import HARNESS

    spec = importlib.util.spec_from_file_location("harness", HARNESS)
    harness = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(harness)
    assert harness.warmed_up(times) is steady


def test_no_docstring_and_no_tags(tmp_path):
    rec = record_of(workload(tmp_path, "bare", """
        def run():
            return 1

        def check(value):
            return value == 1
        """))
    assert rec["status"] == "ok"
    assert rec["doc"] == ""
    assert rec["tags"] == []


def test_failing_check_is_wrong_result(tmp_path):
    rec = record_of(workload(tmp_path, "wrong", """
        def run():
            return 41

        def check(value):
            return value == 42
        """))
    assert rec["status"] == "wrong-result"
    assert "41" in rec["error"]


def test_result_of_the_last_iteration_is_checked_too(tmp_path):
    # Right on the first call, wrong from the third: caught at the last iteration.
    rec = record_of(workload(tmp_path, "drifts", """
        CALLS = [0]

        def run():
            CALLS[0] += 1
            return CALLS[0]

        def check(value):
            return value < 3
        """), values=3)
    assert rec["status"] == "wrong-result"
    assert "rejected" in rec["error"]


def test_raising_workload_is_error_with_type(tmp_path):
    rec = record_of(workload(tmp_path, "raises", """
        class Kaboom(Exception):
            pass

        def run():
            raise Kaboom("it <b>broke</b>")

        def check(value):
            return True
        """))
    assert rec["status"] == "error"
    assert rec["error_type"] == "Kaboom"
    assert rec["error"] == "it <b>broke</b>"
    assert "Traceback" in rec["traceback"]


def test_raising_check_is_error(tmp_path):
    rec = record_of(workload(tmp_path, "badcheck", """
        def run():
            return 1

        def check(value):
            return value["key"]
        """))
    assert (rec["status"], rec["error_type"]) == ("error", "TypeError")


def test_raising_at_import_is_error(tmp_path):
    rec = record_of(workload(tmp_path, "importboom", """
        x = 1 / 0

        def run():
            return 1

        def check(value):
            return True
        """))
    assert (rec["status"], rec["error_type"]) == ("error", "ZeroDivisionError")


def test_sys_exit_in_workload_still_yields_a_record(tmp_path):
    rec = record_of(workload(tmp_path, "exits", """
        import sys

        def run():
            sys.exit(3)

        def check(value):
            return True
        """))
    assert (rec["status"], rec["error_type"]) == ("error", "SystemExit")


def test_syntax_error_is_unsupported(tmp_path):
    rec = record_of(workload(tmp_path, "syntax", """
        def run(:
            return 1
        """))
    assert rec["status"] == "unsupported"
    assert rec["error_type"] == "SyntaxError"


def test_missing_module_is_unsupported(tmp_path):
    rec = record_of(workload(tmp_path, "noimport", """
        import implmatrix_no_such_module_xyz

        def run():
            return 1

        def check(value):
            return True
        """))
    assert rec["status"] == "unsupported"
    assert rec["error_type"] in ("ImportError", "ModuleNotFoundError")
    assert "implmatrix_no_such_module_xyz" in rec["error"]


@pytest.mark.parametrize("source", [
    '"""Only a check."""\n\ndef check(value):\n    return True\n',
    '"""Only a run."""\n\ndef run():\n    return 1\n',
    '"""run is not callable."""\n\nrun = 3\n\ndef check(value):\n    return True\n',
])
def test_file_without_run_or_check_is_not_a_workload(tmp_path, source):
    rec = record_of(workload(tmp_path, "notone", source))
    assert rec["status"] == "error"
    assert rec["error_type"] == "NotAWorkload"
    assert rec["values"] == [] and rec["warmups"] == []


def test_printed_text_and_a_fake_marker_line_do_not_fool_the_host(tmp_path):
    fake = MARKER.decode() + '{"status": "error", "error": "forged"}'
    path = workload(tmp_path, "chatty", f'''
        """Prints a lot."""
        import sys

        def run():
            print("some output")
            print({fake!r})
            sys.stdout.write("no newline at the end")
            return 7

        def check(value):
            return value == 7
        ''')
    proc = run_harness(path, 2)
    assert proc.returncode == 0
    rec = parse_record(proc.stdout)
    assert rec is not None
    # One forged line per iteration, and the real one.
    assert proc.stdout.count(MARKER) == len(rec.warmups) + len(rec.values) + 1
    assert rec.status == "ok"
    assert len(rec.values) == 2
    cell = classify(ExecResult(proc.returncode, proc.stdout, proc.stderr, 0.1, False), 10)
    assert (cell.status, cell.error) == ("ok", "")


def test_error_record_classifies_as_type_and_message(tmp_path):
    path = workload(tmp_path, "raises", """
        def run():
            raise ValueError("nope | <script>")

        def check(value):
            return True
        """)
    proc = run_harness(path)
    cell = classify(ExecResult(proc.returncode, proc.stdout, proc.stderr, 0.1, False), 10)
    assert cell.status == "error"
    assert cell.error == "ValueError: nope | <script>"


@pytest.mark.parametrize("args", [(), ("only_one.py",), ("w.py", "1"), ("w.py", "1", "2", "3")])
def test_wrong_usage_exits_2(tmp_path, args):
    import subprocess
    import sys

    from implmatrix import HARNESS

    proc = subprocess.run([sys.executable, str(HARNESS), *args],
                          capture_output=True, timeout=30, cwd=tmp_path, check=False)
    assert proc.returncode == 2
    assert b"usage" in proc.stderr
    assert MARKER not in proc.stdout


def test_cue_reads_the_nonce_then_waits_after_loading_until_a_line_arrives(tmp_path):
    import subprocess
    import sys

    from implmatrix import HARNESS

    path = workload(tmp_path, "good", 'print("loaded")\n' + GOOD)
    proc = subprocess.Popen([sys.executable, str(HARNESS), str(path), "2", "0", "--cue"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=tmp_path)
    assert proc.stdout is not None and proc.stdin is not None
    try:
        proc.stdin.write(b"n0nce\n")  # the first line, read before the workload loads
        proc.stdin.flush()
        seen = [proc.stdout.readline() for _ in range(3)]
        assert seen == [b"loaded\n", b"\n", b"@@implmatrix-ready@@\n"]
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=0.5)  # no iteration before the cue
        out, _ = proc.communicate(b"\n", timeout=30)
    finally:
        proc.kill()
    assert MARKER + b"n0nce {" in out  # the record carries the nonce
    assert parse_record(out, "other") is None
    record = parse_record(out, "n0nce")
    assert record is not None and record.status == "ok" and len(record.values) == 2


@pytest.mark.parametrize("module, seen", [
    (None, None),  # not installed: nothing looked at, nothing said
    ("implmatrix_kernels.py", None),  # Python, not an extension: not the kernels
    ("implmatrix_kernels.so", False),  # an extension that does not load: not proved
])
def test_the_rust_kernels_are_proved_only_by_loading_an_extension(tmp_path, module, seen):
    import os
    import subprocess
    import sys

    from tests.unit.conftest import HARNESS

    site = tmp_path / "site"
    site.mkdir()
    if module:
        (site / module).write_text("def nbody_advance(*args):\n    pass\n")
    path = workload(tmp_path, "good", GOOD)
    proc = subprocess.run([sys.executable, str(HARNESS), str(path), "1", "0"],
                          capture_output=True, timeout=60, check=False,
                          env={**os.environ, "PYTHONPATH": str(site)})
    rec = last_marked(proc.stdout)
    assert rec is not None and rec["status"] == "ok", proc.stderr.decode()
    assert rec["implementation"]["features"].get("pyo3") is seen
