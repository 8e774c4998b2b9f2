"""The scaling claims by the fast and the default preset, on real containers: the
same verdict or inconclusive, never the opposite. The scaling protocol is the same in
every preset; a preset only caps its time (run.SCALING_*, Settings.scaling_cap_s)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from matrix import claims, registry, render, run, store, workloads

GOOD = '"""Good."""\n\ndef run():\n    return 42\n\n\ndef check(v):\n    return v == 42\n'
# The baseline answers the GIL claim, Jython its own.
IMPLS = ("cpython3.13", "jython2.7")
GIL, JYTHON = "Threads under a GIL", "Jython has no GIL"


@pytest.fixture(scope="module")
def by_preset(built: Any, tmp_path_factory: pytest.TempPathFactory
              ) -> dict[str, store.RunDir]:
    suite = tmp_path_factory.mktemp("suite")
    (suite / "good.py").write_text(GOOD)
    known = registry.load()
    runs = {}
    for preset in ("fast", "default"):
        # Only the scaling protocol matters here: the least of everything else.
        settings = replace(run.PRESETS[preset], values=1, processes=1, warmup_budget_s=0.0,
                           startup_runs=0)
        runs[preset] = run.run_matrix(
            [known[i] for i in IMPLS], workloads.discover([suite]), built,
            workloads.mounts([suite]), settings, tmp_path_factory.mktemp(preset),
            f"test {preset}", say=lambda _: None, preset=preset)
    return runs


def verdicts(r: store.RunDir) -> dict[str, str]:
    return {row["claim"]: claims.word(row["verdict"]) for row in render.view(r)[0]["claims"]}


def test_no_scaling_verdict_is_the_opposite_in_the_other_preset(
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
        cap = run.PRESETS[preset].scaling_cap_s
        for impl, extra in r.extras("scaling").items():
            assert (extra["repeats"], extra["cap_s"]) == (run.SCALING_REPEATS, cap)
            rounds = extra["rounds"]
            assert run.SCALING_MIN_ROUNDS <= rounds <= run.SCALING_MAX_ROUNDS
            # More than the minimum only while undecided; stopped by a decision, the
            # cap (checked before each round) or the most rounds.
            assert extra["decided"] or extra["wall_s"] >= cap \
                or rounds == run.SCALING_MAX_ROUNDS, (preset, impl, extra["wall_s"])
            for point in extra["points"]:
                if not point["available"]:
                    continue
                assert len(point["processes"]) == rounds
                for process in point["processes"]:
                    assert process["warmups"] and len(process["times"]) == run.SCALING_REPEATS


def test_the_report_states_the_protocol(by_preset: dict[str, store.RunDir]) -> None:
    md = Path(by_preset["fast"].path / "report.md")
    render.write(by_preset["fast"])
    text = md.read_text()
    assert run.scaling_protocol(run.PRESETS["fast"].scaling_cap_s) in text
