"""junit.xml: one testcase per implementation × script, so CI shows failing cells."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pandas as pd

from implmatrix.aggregate import each_row

_SKIPPED = {"skipped", "nondeterministic"}
# Characters XML 1.0 cannot hold at all; script output may contain them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def write_junit(df: pd.DataFrame, run_id: str) -> bytes:
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
                                        message=_safe(lines[0][:200]))
                failure.text = _safe(row.detail)
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml
