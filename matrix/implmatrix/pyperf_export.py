"""Write pyperf BenchmarkSuite files, one per implementation.

pyperf cannot run inside MicroPython or Jython, so its files are built from
the values the harness measured, with metadata describing the measured
interpreter rather than the host Python that writes them.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import pyperf

from implmatrix.aggregate import each_row
from implmatrix.model import Cell, RunMeta
from implmatrix.store import atomic_write


def write(cells: list[Cell], df: pd.DataFrame, meta: RunMeta, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for impl_id, rows in df[df["status"] == "ok"].groupby("implementation", observed=True):
        by_workload = {c.workload: c for c in cells if c.implementation == impl_id}
        impl = meta.impl(str(impl_id))
        host = meta.host_of(str(impl_id))
        benchmarks = []
        for row in each_row(rows):
            cell = by_workload[row.workload]
            metadata: dict[str, Any] = {
                "name": row.workload,
                "description": row.description or row.workload,
                "unit": "second",
                "loops": 1,
                "python_implementation": row.family,
                "python_version": row.python_version,
                "implementation_version": row.version,
                "implmatrix_id": impl_id,
                "package_version": impl.package_version,
                "image_id": impl.image_id,
                "hostname": host.hostname,
                "cpu_model_name": host.cpu_model_name,
                "platform": host.platform,
                "date": cell.finished,
            }
            if host.cpu_count:
                metadata["cpu_count"] = host.cpu_count
            if host.timed_cpu is not None:
                metadata["cpu_affinity"] = str(host.timed_cpu)
            runs = []
            for outcome in cell.runs:  # one pyperf run per process
                record = outcome.record
                values = [v for v in record.values if v > 0] if record else []
                if not record or not values:
                    continue
                run_meta = {**metadata, "timer": record.clock}
                if outcome.process and outcome.process.max_rss_kb:
                    run_meta["mem_max_rss"] = outcome.process.max_rss_kb * 1024
                # pyperf refuses empty metadata values.
                run_meta = {k: v for k, v in run_meta.items() if v not in ("", None)}
                warmups = [(1, w) for w in record.warmups if w > 0]
                runs.append(pyperf.Run(values, warmups=warmups, metadata=run_meta,
                                       collect_metadata=False))
            if runs:
                benchmarks.append(pyperf.Benchmark(runs))
        if benchmarks:
            path = out / f"{impl_id}.json"
            text = io.StringIO()
            pyperf.BenchmarkSuite(benchmarks).dump(text)  # a file object: pyperf's layout
            atomic_write(path, text.getvalue().encode())
            written.append(path)
    return written
