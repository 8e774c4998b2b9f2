"""The scheduled CI workflow: actionlint accepts it, and it runs what the registry lists."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from implmatrix import registry
from tests import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "matrix.yml"


def actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert exe, "actionlint is a test dependency (pyproject.toml [test])"
    return subprocess.run([exe, "-no-color", str(path)], capture_output=True, text=True,
                          timeout=120, check=False)


def test_actionlint_accepts_the_workflow():
    proc = actionlint(WORKFLOW)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(("old", "new"), [
    ("needs: run", "needs: no-such-job"),
    ("needs.plan.outputs.impls", "needs.plan.outputs.nothing"),
    ("matrix.impl }}", "matrix.implementation }}"),
])
def test_actionlint_would_catch_a_broken_workflow(tmp_path, old, new):
    broken = tmp_path / "matrix.yml"
    text = WORKFLOW.read_text()
    assert old in text
    broken.write_text(text.replace(old, new))
    assert actionlint(broken).returncode != 0


def test_workflow_shape():
    text = WORKFLOW.read_text()
    assert re.search(r"^  schedule:\n    - cron: ", text, re.M)
    assert re.search(r"^  workflow_dispatch:", text, re.M)
    assert "fail-fast: false" in text
    # one job per implementation of the set the plan job lists: default daily, all weekly
    assert "impl: ${{ fromJSON(needs.plan.outputs.impls) }}" in text
    crons = re.findall(r'- cron: "([^"]+)"', text)
    assert len(crons) == 2 and crons[0].endswith("* * *") and not crons[1].endswith("* * *")
    assert f"github.event.schedule == '{crons[1]}' && 'all' || inputs.set || 'default'" in text
    assert {"default", "all"} <= set(registry.sets())
    assert "name: raw-${{ matrix.impl }}" in text  # distinctly named artifacts
    report = text.split("\n  report:\n", 1)[1]
    assert "needs: run" in report and "if: always()" in report
    assert 'report.md >> "$GITHUB_STEP_SUMMARY"' in report
    assert "implmatrix merge" in report
