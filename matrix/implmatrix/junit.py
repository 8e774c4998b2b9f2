"""junit.xml: one testcase per implementation × script, so CI shows failing cells.

Script output may hold characters XML 1.0 cannot: the caller writes the text through
visible.write(), which escapes them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd

from implmatrix.aggregate import each_row

_SKIPPED = {"skipped", "nondeterministic"}


def write_junit(df: pd.DataFrame, run_id: str) -> str:
    root = ET.Element("testsuites", name=f"implmatrix {run_id}")
    for impl, rows in df.groupby("implementation", observed=True):
        failures = int((~rows["status"].isin(["pass", *_SKIPPED])).sum())
        skipped = int(rows["status"].isin(_SKIPPED).sum())
        suite = ET.SubElement(root, "testsuite", name=str(impl), tests=str(len(rows)),
                              failures=str(failures), errors="0", skipped=str(skipped))
        for row in each_row(rows):
            case = ET.SubElement(suite, "testcase", classname=f"{impl}.{row.suite}",
                                 name=row.script)
            if row.status in _SKIPPED:
                ET.SubElement(case, "skipped", message=row.status)
            elif row.status != "pass":
                lines = (row.detail or row.status).splitlines() or [row.status]
                failure = ET.SubElement(case, "failure", type=row.status,
                                        message=lines[0][:200])
                failure.text = row.detail
    ET.indent(root)
    # Serialized as text (a lone surrogate cannot be encoded before visible() escapes
    # it), declared as the UTF-8 visible.write() writes.
    return "<?xml version='1.0' encoding='utf-8'?>\n" + ET.tostring(root, encoding="unicode")
