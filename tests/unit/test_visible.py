"""matrix/implmatrix/visible.py: control characters shown, not carried, in report files."""

from __future__ import annotations

import csv
import io

import pandas as pd

from implmatrix.junit import write_junit
from implmatrix.render import md
from implmatrix.visible import visible, write

EVERY_CONTROL = "".join(map(chr, [*range(32), 127]))


def hidden(text: str) -> list[str]:
    """The control characters of TEXT but newline and tab."""
    return [c for c in text if (ord(c) < 32 and c not in "\n\t") or 127 <= ord(c) < 160]


def test_every_control_but_newline_and_tab_is_escaped_as_python_writes_it():
    shown = visible(EVERY_CONTROL)
    assert hidden(shown) == []
    assert shown.startswith("\\x00\\x01\\x02") and "\\x1b" in shown and shown.endswith("\\x7f")
    assert "\n" in shown and "\t" in shown and "\\x0a" not in shown and "\\x09" not in shown
    assert visible("\r\x85\x9b") == "\\r\\x85\\x9b"


def test_text_without_controls_is_unchanged():
    text = 'caf\u00e9 \ufffd "quoted", \\x00 as typed, \U0001f600\n\tindented'
    assert visible(text) == text


def test_lone_surrogates_and_noncharacters_are_escaped():
    assert visible("a\ud800b\udfffc\ufffe\uffff") == "a\\ud800b\\udfffc\\ufffe\\uffff"
    visible("\udc80").encode()  # now encodable


def test_write_keeps_csv_readable_with_the_escaped_detail(tmp_path):
    path = tmp_path / "compat.csv"
    detail = "KeyError: " + EVERY_CONTROL
    write(path, pd.DataFrame({"script": ["s"], "detail": [detail]}).to_csv(index=False))
    data = path.read_bytes()
    assert not [b for b in data if (b < 32 and b not in b"\n\t") or b == 127]
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    assert rows == [{"script": "s", "detail": visible(detail)}]
    assert "\\x00" in rows[0]["detail"]


def test_markdown_shows_controls_that_are_not_whitespace():
    assert md("a\x1fb\x00c\x1bd\r\n") == "a b\\\\x00c\\\\x1bd"


def test_junit_text_carries_every_control_once_written(tmp_path):
    import xml.etree.ElementTree as ET

    df = pd.DataFrame([{"implementation": "x", "suite": "s", "script": "n\x01",
                        "status": "error", "detail": "boom " + EVERY_CONTROL}])
    path = tmp_path / "junit.xml"
    write(path, write_junit(df, "run"))
    root = ET.parse(path).getroot()  # well-formed XML 1.0
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and "\\x00" in (failure.text or "")
    assert root.find("testsuite/testcase").get("name") == "n\\x01"  # type: ignore[union-attr]


def test_an_error_detail_is_stderrs_last_line_controls_included():
    from implmatrix import compat, model

    stderr = "Traceback\nfirst\x1csecond\x00third\r\n"  # splitlines() would end at \x1c
    cell = model.ScriptCell(implementation="x", suite="s", script="n", rc=1, stderr=stderr)
    assert compat.classify(cell, "", False) == ("error", "first\x1csecond\x00third")
