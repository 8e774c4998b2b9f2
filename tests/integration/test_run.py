"""run.run_matrix orchestration on real containers: cells, resuming, reuse, and
an implementation whose container cannot start.

RecordingContainer is the real container; it only notes each argv it runs.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from typing import ClassVar

import pytest

from implmatrix import model, registry, render, run, store, workloads
from implmatrix.container import Container, ExecResult
from implmatrix.images import Image

# Start-up and scaling have tests of their own (test_matrix.py): not measured here.
SETTINGS = model.Settings(values=2, processes=1, warmup_budget_s=0.0, timeout_s=30,
                          startup_runs=0, scaling_cap_s=0)
SOURCES = {
    "good": '"""Good."""\n\ndef run():\n    return 42\n\n\ndef check(v):\n    return v == 42\n',
    "wrong": '"""Wrong."""\n\ndef run():\n    return 41\n\n\ndef check(v):\n    return v == 42\n',
}


class RecordingContainer(Container):
    # what every instance ran; each test starts them empty (monkeypatched in `env`)
    execs: ClassVar[list[list[str]]] = []
    measure_options: ClassVar[list[list[str]]] = []

    def exec(self, argv: list[str], timeout_s: float, input: bytes | None = None,
             watch: bool = False) -> ExecResult:
        # timed cells; the interpreter's argv after "--". The same argv again at once is
        # a process measured again because the machine was busy (a VM's steal time is
        # enough): noted once, so that the tests count cells' processes.
        if argv[0] == run.MEASURE_MOUNT and (not RecordingContainer.execs or argv[
                argv.index("--") + 1:] != RecordingContainer.execs[-1]):
            RecordingContainer.execs.append(argv[argv.index("--") + 1:])
            RecordingContainer.measure_options.append(argv[1:argv.index("--")])
        return super().exec(argv, timeout_s, input, watch)


def workload_of(argv: list[str]) -> str:
    """The workload path in an interpreter argv: the harness's first argument."""
    return argv[argv.index(f"{run.HARNESS_MOUNT}/harness.py") + 1]


@pytest.fixture
def env(tmp_path, monkeypatch, built):
    known = registry.load()
    impls = [known["cpython3.13"], known["micropython1.25"]]
    workload_dir = tmp_path / "workloads"
    workload_dir.mkdir()
    for name, source in SOURCES.items():
        (workload_dir / f"{name}.py").write_text(source)
    monkeypatch.setattr(run, "Container", RecordingContainer)
    monkeypatch.setattr(RecordingContainer, "execs", [])
    monkeypatch.setattr(RecordingContainer, "measure_options", [])
    out = tmp_path / "reports"
    said: list[str] = []

    def go(settings=SETTINGS, images=None, force=False):
        said.clear()
        RecordingContainer.execs.clear()
        found = workloads.discover([workload_dir])
        images = images or {i.id: built[i.id] for i in impls}
        plan = run.Plan(impls, images, found, mounts=workloads.mounts([workload_dir]))
        return run.run_matrix(plan, settings, out=out, command="implmatrix run --test",
                              say=said.append, force=force)

    return go, workload_dir, out, said, {i.id: built[i.id] for i in impls}


def statuses(r: store.RunDir) -> dict[tuple[str, str], str]:
    return {(c.implementation, c.workload): c.status for c in r.cells()}


def test_run_writes_every_cell_meta_and_latest(env):
    go, workload_dir, out, said, images = env
    r = go()
    assert statuses(r) == {
        ("cpython3.13", "good"): "ok", ("cpython3.13", "wrong"): "wrong-result",
        ("micropython1.25", "good"): "ok", ("micropython1.25", "wrong"): "wrong-result"}
    cell = r.read_cell("micropython1.25", "good")
    assert cell is not None and cell.image_id == images["micropython1.25"].id
    assert cell.workload_sha256 == workloads.discover([workload_dir])[0].sha256
    (process,) = cell.runs
    assert process.record and len(process.record.values) == 2
    assert len(process.record.warmups) == 1
    # Peak RSS and wall time measured from outside the interpreter.
    assert process.process and process.process.max_rss_kb > 500 and process.process.exit == 0
    argv = next(a for a in RecordingContainer.execs if a[0] == "micropython")
    assert argv[:3] == ["micropython", "-X", "heapsize=128M"]
    assert argv[3] == f"{run.HARNESS_MOUNT}/harness.py"
    assert argv[4:] in (["/workloads/0/good.py", "2", "0", "--cue"],
                        ["/workloads/0/wrong.py", "2", "0", "--cue"])

    meta = r.meta()
    assert meta.finished is True
    assert meta.settings == replace(SETTINGS, implementations=("cpython3.13", "micropython1.25"),
                                    workloads=("good", "wrong"))
    assert meta.host.kernel and meta.host.timed_cpu == (os.cpu_count() or 1) - 1
    assert meta.host.docker_version
    assert meta.impl("cpython3.13").baseline is True
    assert meta.impl("micropython1.25").package_version.startswith("1.25")
    assert store.latest(out).path == r.path.resolve()
    assert said[-1].startswith("4 cells: 2 ok, 2 wrong-result in ")
    assert meta.phases["timed"]["iterations_s"] > 0
    # a line per notable process (the wrong results; ok ones only if measured on a busy
    # machine), a status line as the phase begins
    assert sum(" #1 wrong-result " in line for line in said) == 2
    assert all("[disturbed: " in line or " times: the machine was busy)" in line
               for line in said if " #1 ok " in line)
    assert any(re.fullmatch(r"\[\d+:\d\d\] timed begins: timed 0/4 \| .*ETA \d+:\d\d", line)
               for line in said), said


def test_run_then_report(env):
    go, _, _, _, _ = env
    r = go()
    paths = render.write(r)
    assert "wrong-result" in paths["md"].read_text()
    context = render.view(r).context
    assert context["baseline"] == "cpython3.13"


def test_finished_run_is_reused_not_resumed(env):
    go, workload_dir, _, said, _images = env
    first = go()
    second = go()
    assert second.path != first.path  # a new run in the history...
    assert RecordingContainer.execs == []  # ...that measured nothing again
    assert not any("resuming" in line for line in said)
    assert said[0] == f"reusing what run {first.id} measured where nothing changed " \
        "(--force runs everything)"
    assert "(4 reused)" in said[-1]
    assert statuses(second) == statuses(first)
    assert second.meta().reused_from == first.id
    assert second.meta().implementations == first.meta().implementations

    (workload_dir / "good.py").write_text(SOURCES["good"].replace("42", "43"))
    third = go()
    assert sorted(a[0] for a in RecordingContainer.execs) == ["micropython", "python3.13"]
    assert "(2 reused)" in said[-1] and third.meta().reused_from == second.id

    go(force=True)
    assert len(RecordingContainer.execs) == 4 and not any("reusing" in x for x in said)


def test_a_changed_harness_is_not_reused(env, monkeypatch):
    go, _, _, _, _ = env
    go()
    monkeypatch.setattr(run, "TOOLS_SHA", "another-harness")
    go()
    assert len(RecordingContainer.execs) == 4


def test_unfinished_run_is_resumed_and_only_missing_cells_run(env):
    go, _, _out, said, _images = env
    first = go()
    first.write_meta(replace(first.meta(), finished=False))
    first.cell_path("micropython1.25", "wrong").unlink()

    second = go()
    assert second.path == first.path.resolve()
    assert said[0] == f"resuming unfinished run {first.id}"
    assert [workload_of(a) for a in RecordingContainer.execs] == ["/workloads/0/wrong.py"]
    assert statuses(second)[("micropython1.25", "wrong")] == "wrong-result"
    assert "(3 reused)" in said[-1]
    assert second.meta().finished is True


def test_resume_reruns_changed_workloads_and_rebuilt_images(env):
    go, workload_dir, _, _, images = env
    first = go()
    first.write_meta(replace(first.meta(), finished=False))
    (workload_dir / "good.py").write_text(SOURCES["good"].replace("42", "43"))
    # As if micropython1.25's image had been rebuilt: same tag, another id.
    images = {**images, "micropython1.25": Image(images["micropython1.25"].tag,
                                                 "sha256:rebuilt", True)}

    second = go(images=images)
    assert second.path == first.path.resolve()
    # good.py changed: both rerun; micropython1.25's image changed: its wrong.py reruns too.
    ran = sorted((a[0], workload_of(a)) for a in RecordingContainer.execs)
    assert ran == [("micropython", "/workloads/0/good.py"),
                   ("micropython", "/workloads/0/wrong.py"),
                   ("python3.13", "/workloads/0/good.py")]
    assert second.read_cell("micropython1.25", "wrong").image_id == "sha256:rebuilt"


def test_other_settings_start_a_new_run(env):
    go, _, _, _said, _images = env
    first = go()
    first.write_meta(replace(first.meta(), finished=False))
    second = go(settings=replace(SETTINGS, values=3))
    assert second.path != first.path.resolve()
    assert len(RecordingContainer.execs) == 4


def test_a_broken_implementation_does_not_stop_the_others(env):
    go, _, _, said, images = env
    missing = Image("implmatrix/no-such-image", "sha256:none", False)
    r = go(images={**images, "cpython3.13": missing})
    cells = {(c.implementation, c.workload): c for c in r.cells()}
    assert len(cells) == 4
    for w in ("good", "wrong"):
        assert cells["cpython3.13", w].status == "error"
        assert cells["cpython3.13", w].error.startswith("container: docker create failed: ")
        assert cells["cpython3.13", w].runs[0].record is None
    assert cells["micropython1.25", "good"].status == "ok"
    assert r.meta().finished is True
    assert "cpython3.13" not in r.meta().implementations
    assert any(line.startswith("cpython3.13: docker create failed") for line in said)
    assert said[-1].startswith("4 cells: 1 ok, 1 wrong-result, 2 error")
    render.write(r)  # a report is still made




def test_processes_interleave_implementations_and_pin_one_cpu(env):
    go, _, _, _, _ = env
    r = go(settings=replace(SETTINGS, processes=2))
    order = [(a[0], workload_of(a).rsplit("/", 1)[1]) for a in RecordingContainer.execs]
    # good and wrong are final after one process (wrong-result); good runs twice,
    # and each round visits every implementation before the next workload.
    assert order == [("python3.13", "good.py"), ("micropython", "good.py"),
                     ("python3.13", "wrong.py"), ("micropython", "wrong.py"),
                     ("python3.13", "good.py"), ("micropython", "good.py")]
    # pinned (-c) once the harness gives its cue (-r, --cue)
    assert {tuple(o) for o in RecordingContainer.measure_options} == {
        ("-k", "-c", str(run.timed_cpu()), "-r")}
    assert all(a[-1] == "--cue" for a in RecordingContainer.execs)
    good = r.read_cell("cpython3.13", "good")
    assert good is not None and len(good.runs) == 2 and good.status == "ok"
    wrong = r.read_cell("cpython3.13", "wrong")
    assert wrong is not None and len(wrong.runs) == 1


def test_unfinished_process_rounds_resume(env):
    go, _, _, _, _ = env
    first = go(settings=replace(SETTINGS, processes=2))
    first.write_meta(replace(first.meta(), finished=False))
    cell = first.read_cell("micropython1.25", "good")
    assert cell is not None
    first.write_cell(replace(cell, runs=cell.runs[:1]))  # as if interrupted before process 2
    second = go(settings=replace(SETTINGS, processes=2))
    assert second.path == first.path.resolve()
    assert [(a[0], workload_of(a)) for a in RecordingContainer.execs] == [
        ("micropython", "/workloads/0/good.py")]
    again = second.read_cell("micropython1.25", "good")
    assert again is not None and len(again.runs) == 2


def test_a_process_disturbed_on_its_cpu_is_measured_again_once_calm(env, monkeypatch):
    """A busy loop pinned to the timed CPU while the first timed process runs (and only
    then): that process shares its CPU, is found disturbed, and is measured again once
    the loop has ended."""
    import subprocess
    import sys

    go, workload_dir, _, said, _ = env
    # about 20 ms an iteration on CPython: a window long enough to see another process
    (workload_dir / "good.py").write_text(SOURCES["good"].replace(
        "    return 42", "    return 42 + sum(range(3000000)) * 0"))
    cpu = run.timed_cpu()
    # says when it spins on the timed CPU: the timed process starts only then
    loop = (f"import os\nos.sched_setaffinity(0, {{{cpu}}})\nprint('spinning', flush=True)\n"
            "while True: pass")
    plain_exec = RecordingContainer.exec
    hogged: list[bool] = []

    def exec_beside_a_hog(self, argv, timeout_s, input=None, watch=False):
        if argv[0] != run.MEASURE_MOUNT or hogged:
            return plain_exec(self, argv, timeout_s, input, watch)
        hogged.append(True)
        hog = subprocess.Popen([sys.executable, "-c", loop], stdout=subprocess.PIPE, text=True)
        try:
            assert hog.stdout is not None and hog.stdout.readline() == "spinning\n"
            return plain_exec(self, argv, timeout_s, input, watch)
        finally:
            hog.kill()
            hog.wait()

    monkeypatch.setattr(RecordingContainer, "exec", exec_beside_a_hog)
    r = go(settings=replace(SETTINGS, values=20))
    cell = r.read_cell("cpython3.13", "good")
    assert cell is not None
    first = cell.runs[0]
    # measured again; what it kept is not the loop's doing (a VM's hypervisor may still
    # steal from the later attempts: that is the machine's, and is said as such)
    assert first.remeasured >= 1
    assert first.disturbed == "" or first.disturbed.startswith("the hypervisor stole"), \
        first.disturbed
    assert first.process and first.process.interference
    assert first.process.interference.cpu == cpu
    remeasured = r.meta().remeasured
    assert remeasured and remeasured.attempts >= 1 and remeasured.waited_s > 0
    assert any("the machine was busy" in line for line in said)
    context = render.view(r).context
    assert context["interference"]["remeasured"] >= 1
