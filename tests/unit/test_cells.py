"""matrix/implmatrix/cells.py: finding the harness's record and classifying a cell."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from implmatrix import model
from implmatrix.cells import MARKER, STATUSES, classify, parse_record, signal_name, tail
from implmatrix.container import ExecResult


def line(obj) -> bytes:
    return MARKER + json.dumps(obj).encode()


def result(returncode=0, stdout=b"", stderr=b"", wall_s=1.23456, timed_out=False):
    return ExecResult(returncode, stdout, stderr, wall_s, timed_out)


OK = {"status": "ok", "values": [0.1, 0.2], "warmups": [0.3]}


def as_record(obj: dict) -> model.HarnessRecord:
    return model.load(model.HarnessRecord, obj)


def test_parse_record_takes_the_last_marker_line():
    stdout = b"\n".join([
        b"workload chatter",
        line({"status": "error", "error": "fake"}),
        b"more chatter",
        line(OK),
        b"",
    ])
    assert parse_record(stdout) == as_record(OK)


def test_parse_record_ignores_text_without_marker():
    assert parse_record(b"hello\nworld\n") is None
    assert parse_record(b"") is None
    # The marker must start the line.
    assert parse_record(b"say " + line(OK)) is None


def test_parse_record_handles_crlf_and_no_trailing_newline():
    assert parse_record(b"text\r\n" + line(OK) + b"\r\n") == as_record(OK)
    assert parse_record(line(OK)) == as_record(OK)


def test_malformed_json_after_marker_is_none():
    assert parse_record(b"x\n" + MARKER + b'{"status": "ok", ') is None


def test_malformed_last_record_is_none_even_after_a_good_one():
    assert parse_record(line(OK) + b"\n" + MARKER + b"{not json") is None


@pytest.mark.parametrize("obj", [
    {"status": "timeout"}, {"status": "crash"}, {"status": "bogus"}, {"values": []},
    ["ok"], "ok", 3, None,
])
def test_record_without_a_harness_status_is_none(obj):
    assert parse_record(line(obj)) is None


@pytest.mark.parametrize("field", [{"values": ["0.1"]}, {"values": 0.1}, {"steady": 1},
                                   {"implementation": "cpython"}, {"warmups": [True]}])
def test_record_with_a_field_of_the_wrong_type_is_none(field):
    # One bad field makes the whole record none: the cell is an error, not half-read.
    assert parse_record(line({**OK, **field})) is None
    assert classify(result(0, stdout=line({**OK, **field})), 10).status == "error"


@pytest.mark.parametrize("status", ["ok", "wrong-result", "error", "unsupported"])
def test_every_harness_status_is_accepted(status):
    assert parse_record(line({"status": status})).status == status


def test_invalid_utf8_in_record_does_not_raise():
    record = parse_record(MARKER + b'{"status": "error", "error": "\xff\xfe"}')
    assert record is not None and record.status == "error"


def test_classify_timeout_wins():
    cell = classify(result(124, stdout=line(OK), timed_out=True), 8)
    assert cell.status == "timeout"
    assert cell.error == "no result within 8 s"
    assert cell.record == as_record(OK)  # kept for the curious


def test_classify_timeout_formats_fractional_limits():
    assert classify(result(124, timed_out=True), 0.5).error == "no result within 0.5 s"


def test_classify_segfault_is_a_crash():
    cell = classify(result(139, stderr=b"Segmentation fault\n"), 10)
    assert cell.status == "crash"
    assert "SIGSEGV" in cell.error
    assert cell.returncode == 139


def test_classify_sigkill_is_a_crash_without_a_guess():
    # Not watched (oom_kills None) or no out-of-memory kill counted: just the signal.
    for oom_kills in (None, 0):
        cell = classify(replace(result(137), oom_kills=oom_kills), 10)
        assert (cell.status, cell.error) == ("crash", "killed by SIGKILL")


def test_classify_sigkill_with_an_out_of_memory_kill_counted():
    cell = classify(replace(result(137), oom_kills=1), 10, memory="512m")
    assert (cell.status, cell.error) == (
        "crash", "killed: out of memory (the container's 512 MiB limit)")


def test_an_out_of_memory_kill_beside_other_processes_is_not_pinned_on_this_one():
    error = classify(replace(result(137), oom_kills=2, shared=True), 10).error
    assert error == ("killed by SIGKILL while the container ran out of memory (its 2 GiB "
                     "limit), in this process or one running beside it")


def test_only_sigkill_can_be_out_of_memory():
    assert classify(replace(result(139), oom_kills=1), 10).error == "killed by SIGSEGV"


def test_classify_crash_even_if_a_record_was_printed():
    # The harness printed an ok record, then the interpreter died on the way out.
    assert classify(result(134, stdout=line(OK)), 10).status == "crash"


def test_classify_unknown_signal_number():
    cell = classify(result(128 + 99), 10)
    assert cell.status == "crash"
    assert "99" in cell.error
    assert signal_name(99) == "signal 99"
    assert signal_name(11) == "SIGSEGV"


def test_classify_error_record_has_type_and_message():
    rec = {"status": "error", "error_type": "ZeroDivisionError", "error": "division by zero"}
    cell = classify(result(0, stdout=b"noise\n" + line(rec)), 10)
    assert cell.status == "error"
    assert cell.error == "ZeroDivisionError: division by zero"
    assert cell.record == as_record(rec)


def test_classify_wrong_result_without_type_keeps_plain_message():
    rec = {"status": "wrong-result", "error": "check() rejected 41"}
    cell = classify(result(0, stdout=line(rec)), 10)
    assert (cell.status, cell.error) == ("wrong-result", "check() rejected 41")


def test_classify_unsupported_record():
    rec = {"status": "unsupported", "error_type": "SyntaxError", "error": "invalid syntax"}
    cell = classify(result(0, stdout=line(rec)), 10)
    assert (cell.status, cell.error) == ("unsupported", "SyntaxError: invalid syntax")


def test_classify_no_record_is_an_error_with_stderrs_last_line():
    stderr = b"Traceback (most recent call last):\n  File x\nMemoryError: out of heap\n\n"
    cell = classify(result(1, stdout=b"partial output", stderr=stderr), 10)
    assert cell.status == "error"
    assert cell.record is None
    assert "MemoryError: out of heap" in cell.error
    assert "exit status 1" in cell.error
    assert "\n" not in cell.error


def test_classify_no_record_and_no_output():
    cell = classify(result(1), 10)
    assert cell.status == "error"
    assert "(no output)" in cell.error


def test_classify_ok_record():
    cell = classify(result(0, stdout=b"hi\n" + line(OK) + b"\n", stderr=b"warning"), 10)
    assert cell.status == "ok"
    assert cell.error == ""
    assert cell.record == as_record(OK)
    assert cell.returncode == 0
    assert cell.wall_s == 1.2346
    assert cell.stderr_tail == "warning"


def test_classify_status_is_always_known():
    for res in (result(0), result(1), result(139), result(124, timed_out=True),
                result(0, stdout=line(OK))):
        assert classify(res, 1).status in STATUSES


def test_stderr_tail_is_bounded():
    cell = classify(result(1, stderr=b"x" * 10000 + b"END"), 10)
    assert len(cell.stderr_tail) == 2000
    assert cell.stderr_tail.endswith("END")
    assert tail(b"\xffabc") == "\ufffdabc"
