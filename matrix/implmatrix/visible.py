"""Control characters of untrusted text shown, not carried, in the files a report writes.

Workloads and scripts print anything: NULs, escape sequences, bytes that were not
UTF-8 (already U+FFFD when decoded). Written raw into compat.csv, grep calls the file
binary and some CSV readers refuse it; XML 1.0 cannot hold most of them at all. Every
writer of a report's text files (CSV, Markdown, HTML, JUnit XML) passes its whole text
through visible(): the files' own syntax needs no control character but newline and
tab, so escaping the finished text leaves it intact and misses no field.
"""

from __future__ import annotations

import re
from pathlib import Path

from implmatrix.store import atomic_write

# C0 controls but tab and newline, DEL, the C1 controls (U+0085 ends a line for some
# readers, U+009B starts a terminal escape), lone surrogates (not encodable as UTF-8),
# and U+FFFE/U+FFFF (not characters; XML cannot hold them).
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]  # \x00, \r, \x85, \ud800: no quote to drop but its own


def visible(text: str) -> str:
    """TEXT with each control character written as Python's repr() writes it (NUL as
    \\x00, CR as \\r): no byte of it is then a control character but newline and tab."""
    return _HIDDEN.sub(_escape, text)


def one_line(text: str) -> str:
    """TEXT for one line of a terminal or a log: every character that is not printable
    (newline and tab included, an escape sequence that could move a terminal's cursor)
    written as repr() writes it."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def write(path: Path, text: str) -> None:
    """Write TEXT, made visible(), as UTF-8 (atomically: store.atomic_write)."""
    atomic_write(path, visible(text).encode())
