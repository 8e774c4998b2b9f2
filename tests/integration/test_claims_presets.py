"""The scaling claims by a short and a long time cap, on real containers: the same
verdict or inconclusive, never the opposite. The scaling protocol is the same in every
preset (run.SCALING_*, Settings.scaling_units); a preset only caps its time
(Settings.scaling_cap_s), which is all that differs between the two runs here. The
presets' own caps (45 s and 120 s per implementation) are `make bench claims`'s; here
the job is a fifth of theirs and the caps are short, to keep `make test` short."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from implmatrix import claims, registry, render, run, store, workloads

GOOD = '"""Good."""\n\ndef run():\n    return 42\n\n\ndef check(v):\n    return v == 42\n'
# The baseline answers the GIL claim, Jython its own.
IMPLS = ("cpython3.13", "jython2.7")
GIL, JYTHON = "Threads under a GIL", "Jython has no GIL"
CAPS = {"fast": 1.0, "default": 6.0}  # short: 2 rounds; long: rounds while undecided
UNITS = 20  # of the scaling job: ~0.1 s on one CPython 3.13 thread


def test_presets_differ_in_the_scaling_cap_only() -> None:
    fast, default = run.PRESETS["fast"], run.PRESETS["default"]
    assert fast.scaling_units == default.scaling_units
    assert fast.scaling_cap_s < default.scaling_cap_s


@pytest.fixture(scope="module")
def by_preset(built: Any, tmp_path_factory: pytest.TempPathFactory
              ) -> dict[str, store.RunDir]:
    workload_dir = tmp_path_factory.mktemp("workloads")
    (workload_dir / "good.py").write_text(GOOD)
    known = registry.load()
    runs = {}
    for preset, cap in CAPS.items():
        # Only the scaling protocol matters here: the least of everything else.
        settings = replace(run.PRESETS[preset], values=1, processes=1, warmup_budget_s=0.0,
                           startup_runs=0, scaling_units=UNITS, scaling_cap_s=cap)
        plan = run.Plan([known[i] for i in IMPLS], built, workloads.discover([workload_dir]),
                        mounts=workloads.mounts([workload_dir]))
        runs[preset] = run.run_matrix(plan, settings, out=tmp_path_factory.mktemp(preset),
                                      command=f"test {preset}", say=lambda _: None)
    return runs


def verdicts(r: store.RunDir) -> dict[str, str]:
    return {row["claim"]: claims.word(row["verdict"]) for row in render.view(r).context["claims"]}


def test_no_scaling_verdict_is_the_opposite_with_the_other_cap(
        by_preset: dict[str, store.RunDir]) -> None:
    fast, default = (verdicts(by_preset[p]) for p in ("fast", "default"))
    for start in (GIL, JYTHON):
        claim = next(c for c in fast if c.startswith(start))
        pair = {fast[claim], default[claim]}
        assert claims.NOT_MEASURED not in pair, (claim, pair)
        assert not {claims.HOLDS, claims.DOES_NOT_HOLD} <= pair, (claim, pair)


def test_the_protocol_warms_up_and_measures_until_decided_or_capped(
        by_preset: dict[str, store.RunDir]) -> None:
    for preset, r in by_preset.items():
        cap = CAPS[preset]
        for impl, extra in r.scaling().items():
            assert (extra.repeats, extra.cap_s, extra.units) == (run.SCALING_REPEATS, cap, UNITS)
            rounds = extra.rounds
            assert run.SCALING_MIN_ROUNDS <= rounds <= run.SCALING_MAX_ROUNDS
            # More than the minimum only while undecided; stopped by a decision, the
            # cap (checked before each round) or the most rounds.
            assert extra.decided or extra.wall_s >= cap \
                or rounds == run.SCALING_MAX_ROUNDS, (preset, impl, extra.wall_s)
            for point in extra.points:
                if not point.available:
                    continue
                assert len(point.processes) == rounds
                for process in point.processes:
                    assert process.warmups and len(process.times) == run.SCALING_REPEATS


def test_the_report_states_the_protocol(by_preset: dict[str, store.RunDir]) -> None:
    md = Path(by_preset["fast"].path / "report.md")
    render.write(by_preset["fast"])
    text = md.read_text()
    assert run.scaling_protocol(CAPS["fast"]) in text
