"""Combine the cells of several runs (e.g. one per tox env) into one new run."""

from __future__ import annotations

import shlex
import sys
from dataclasses import replace
from pathlib import Path

from implmatrix import UsageError, model, registry, store


def find_runs(sources: list[Path]) -> list[store.RunDir]:
    """Each source is a run directory, a runs root with `latest`, or a folder of those."""
    runs: list[store.RunDir] = []
    for source in sources:
        if not source.is_dir():
            raise UsageError(f"{source} {'is a file' if source.exists() else 'does not exist'}"
                             ": give a run directory, a runs root or a folder of those")
        if (source / "run.json").is_file():
            runs.append(store.RunDir(source.resolve()))
        elif (latest := store.latest(source)) is not None:
            runs.append(latest)
        else:
            found = [r for d in sorted(source.glob("*/")) if (r := store.latest(d))]
            if not found:
                raise UsageError(f"{source} holds no runs")
            runs.extend(found)
    return runs


def merge(sources: list[Path], out: Path) -> store.RunDir:
    runs = find_runs(sources)
    known = list(registry.load())
    metas = [r.meta() for r in runs]
    # Every source read before the merged run is made: a broken file is a UsageError
    # that leaves no half-made run behind.
    read = [(r.cells(), r.script_cells(), r.startup(), r.scaling()) for r in runs]
    impls = {i for m in metas for i in m.settings.implementations}
    merged = store.new_run(out)
    meta = model.RunMeta(
        settings=replace(
            metas[0].settings,
            implementations=tuple(sorted(impls, key=lambda i: (
                i not in known, known.index(i) if i in known else i))),
            workloads=tuple(sorted({w for m in metas for w in m.settings.workloads})),
            scripts=tuple(sorted({s for m in metas for s in m.settings.scripts}))),
        command=shlex.join(["implmatrix", *sys.argv[1:]]),
        started=min(m.started for m in metas),
        host=metas[0].host,
        hosts=tuple(sorted({m.host.hostname for m in metas})),
        # Each implementation keeps the host it ran on: its speed is compared with
        # the baseline measured on that same host.
        implementations={k: replace(v, host=m.host) for m in metas
                         for k, v in m.implementations.items()},
        merged_from=tuple(str(r.path) for r in runs),
        finished=all(m.finished for m in metas),
    )
    baseline = meta.baseline(marked_only=True)  # "": none marked, no host baselines
    for source, (cells, scripts, startups, scalings) in zip(metas, read, strict=True):
        for cell in cells:  # a later source wins for a cell
            merged.write_cell(cell)
            if cell.implementation == baseline:
                merged.write_host_baseline(source.host, cell)
        for script in scripts:
            merged.write_script(script)
        for startup in startups.values():
            merged.write_startup(startup)
        for scaling in scalings.values():
            merged.write_scaling(scaling)
    merged.write_meta(meta)
    store.point_latest(out, merged)
    return merged
