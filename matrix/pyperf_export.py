"""Write pyperf BenchmarkSuite files, one per implementation.

pyperf cannot run inside MicroPython or Jython, so its files are built from
the values the harness measured, with metadata describing the measured
interpreter rather than the host Python that writes them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyperf


def write(
    cells: list[dict[str, Any]], df: pd.DataFrame, meta: dict[str, Any], out: Path
) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    host = meta.get("host", {})
    written = []
    for impl_id, rows in df[df["status"] == "ok"].groupby("implementation", observed=True):
        by_workload = {c["workload"]: c for c in cells if c["implementation"] == impl_id}
        impl = meta.get("implementations", {}).get(impl_id, {})
        benchmarks = []
        for row in rows.itertuples():
            record = by_workload[row.workload]["record"]
            metadata = {
                "name": row.workload,
                "description": row.description or row.workload,
                "unit": "second",
                "loops": 1,
                "python_implementation": row.family,
                "python_version": row.python_version,
                "implementation_version": row.version,
                "implmatrix_id": impl_id,
                "package_version": impl.get("package_version", ""),
                "image_id": impl.get("image_id", ""),
                "timer": record.get("clock", ""),
                "hostname": host.get("hostname", ""),
                "cpu_model_name": host.get("cpu_model_name", ""),
                "platform": host.get("platform", ""),
                "date": by_workload[row.workload].get("finished", ""),
            }
            # pyperf refuses empty metadata values.
            metadata = {k: v for k, v in metadata.items() if v not in ("", None)}
            if host.get("cpu_count"):
                metadata["cpu_count"] = host["cpu_count"]
            if row.max_rss_kb and row.max_rss_kb == row.max_rss_kb:
                metadata["mem_max_rss"] = int(row.max_rss_kb) * 1024
            values = [v for v in record["values"] if v > 0]
            if not values:
                continue
            warmups = [(1, w) for w in record.get("warmups", []) if w > 0]
            run = pyperf.Run(values, warmups=warmups, metadata=metadata, collect_metadata=False)
            benchmarks.append(pyperf.Benchmark([run]))
        if benchmarks:
            path = out / f"{impl_id}.json"
            tmp = path.with_suffix(".json.tmp")
            tmp.unlink(missing_ok=True)
            pyperf.BenchmarkSuite(benchmarks).dump(str(tmp))
            tmp.replace(path)
            written.append(path)
    return written
