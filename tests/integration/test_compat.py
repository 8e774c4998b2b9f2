"""Compatibility scripts on every implementation (the shared run's suites): statuses,
reports, JUnit XML, and a generated corpus checked against running each script by hand."""

from __future__ import annotations

import csv
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from implmatrix import engine, registry, scripts, store
from implmatrix.container import Container
from tests.integration.conftest import (
    ALONE,
    CORPUS_SIZE,
    FIXTURES,
    SCRIPT_TIMEOUT_S,
    SharedRun,
    implmatrix,
)

# The JUnit schema pytest's own tests validate against (testing/example_scripts/junit-10.xsd
# in pytest's source distribution), kept here so that no test needs the network.
JUNIT_SCHEMA = Path(__file__).parent / "junit-10.xsd"

EVERYWHERE = {
    "prints": "pass", "missing_module": "unsupported", "raises": "error", "hangs": "timeout",
    "kills_itself": "crash", "skip": "skipped", "random_output": "nondeterministic",
    "control_bytes": "error",
}
# Where Jython 2.7 (Python 2 semantics) is the odd one out.
JYTHON_ONLY = {
    "division": "differs", "fstring": "unsupported", "bigrepr": "differs",
    "binary_output": "error",
}


def compat_rows(run_dir: Path, suite: str) -> list[dict[str, str]]:
    with open(run_dir / "compat.csv", newline="") as f:
        return [row for row in csv.DictReader(f) if row["suite"] == suite]


def test_fixture_script_statuses(shared_run: SharedRun, impls):
    rows = compat_rows(shared_run.path, "scripts")
    got = {(r["implementation"], r["script"]): r["status"] for r in rows}
    want = {}
    for impl in impls:
        for script, status in EVERYWHERE.items():
            want[impl, script] = status
        for script, status in JYTHON_ONLY.items():
            want[impl, script] = status if impl == "jython2.7" else "pass"
    assert got == want


def test_compat_csv_has_metadata_and_detail(shared_run: SharedRun):
    rows = {(r["implementation"], r["script"]): r
            for r in compat_rows(shared_run.path, "scripts")}
    assert list(next(iter(rows.values())))[:7] == [
        "implementation", "suite", "script", "category", "feature", "since", "status"]
    division = rows["jython2.7", "division"]
    assert (division["category"], division["feature"], division["since"]) == (
        "fixture", "true division", "3.0 (PEP 238)")
    assert "-3.5" in division["detail"] and "+3" in division["detail"]
    assert rows["cpython3.13", "raises"]["detail"] == "KeyError: 'fixture <b>'"


def test_differences_page_escapes_output(shared_run: SharedRun):
    html = (shared_run.path / "index.html").read_text()
    assert 'id="differences"' in html
    assert "KeyError: &#39;fixture &lt;b&gt;&#39;" in html
    assert "fixture <b>" not in html
    assert "Compatibility scripts" in (shared_run.path / "report.md").read_text()


def test_junit_xml_validates_and_lists_failing_cells(shared_run: SharedRun, impls):
    import xmlschema

    junit = shared_run.path / "junit.xml"
    xmlschema.XMLSchema(str(JUNIT_SCHEMA)).validate(str(junit))
    text = junit.read_text()
    total = len(EVERYWHERE) + len(JYTHON_ONLY) + CORPUS_SIZE + len(list(ALONE.glob("*.py")))
    assert text.count("<testcase ") == len(impls) * total
    assert 'classname="jython2.7.scripts" name="division"' in text
    assert '<failure type="differs"' in text and '<skipped message="skipped"' in text


def by_hand(impl: registry.Implementation, image: str, corpus: Path,
            names: list[str], timeout_s: int) -> dict[str, tuple[int, str, str]]:
    """Each script run directly, one fresh process each, with a plain shell loop."""
    command = " ".join(impl.command)
    loop = (f"for f in \"$@\"; do timeout -k 2 {timeout_s} {command} /c/$f > /tmp/out "
            "2> /tmp/err; echo \"@@ $f $?\"; head -c 65536 /tmp/out | od -An -tx1 | "
            "tr -d ' \\n'; echo; tail -n 1 /tmp/err; echo; done")
    proc = subprocess.run(
        ["docker", "run", "--rm", "--network", "none", "--user", "65534:65534",
         "--read-only", "--tmpfs", "/tmp", "-w", "/tmp", "-v", f"{corpus}:/c:ro",
         image, "sh", "-c", loop, "sh", *names],
        capture_output=True, text=True, timeout=3600, check=False)
    results = {}
    chunks = proc.stdout.split("@@ ")[1:]
    for chunk in chunks:
        head, hexout, err = ([*chunk.split("\n"), "", "", ""])[:3]
        name, rc = head.split()
        results[name] = (int(rc), bytes.fromhex(hexout).decode("utf-8", "replace"), err.strip())
    return results


def hand_status(rc: int, out: str, err: str, reference: str) -> str:
    if rc == 124:
        return "timeout"
    if rc > 128:
        return "crash"
    if rc != 0:
        kind = err.split(":", maxsplit=1)[0].rsplit(".", maxsplit=1)[-1]
        return "unsupported" if kind in (
            "SyntaxError", "IndentationError", "ImportError", "ModuleNotFoundError") \
            else "error"
    if out.strip() == "SKIP":
        return "skipped"
    return "pass" if out == reference else "differs"


def test_generated_corpus_agrees_with_running_by_hand(shared_run: SharedRun, built, impls):
    """The generated scripts of the shared run (one hangs, one prints SKIP): the tool's
    status for every cell equals the by-hand one.

    By hand means a plain `timeout CMD script` loop in a fresh container, one per
    implementation, as many at once as there are CPUs. For Jython (a JVM start each,
    ~1 s) every 10th script is run by hand.
    """
    corpus = shared_run.corpus
    rows = compat_rows(shared_run.path, corpus.name)
    tool = {(r["implementation"], r["script"]): r["status"] for r in rows}
    assert len(tool) == CORPUS_SIZE * len(impls)

    names = sorted(p.name for p in corpus.glob("*.py"))
    chosen = {i.id: names[::10] if i.family == "jython" else names for i in impls.values()}

    def hand(impl: registry.Implementation) -> dict[str, tuple[int, str, str]]:
        # By hand, Jython's limit must also cover a JVM start (seconds on a loaded
        # machine); the tool's shared JVM pays that once. Its sample has no hanging script.
        limit = 30 if impl.family == "jython" else SCRIPT_TIMEOUT_S
        return by_hand(impl, built[impl.id].tag, corpus, chosen[impl.id], limit)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        ran = dict(zip(impls, pool.map(hand, impls.values()), strict=True))
    baseline = next(i for i in impls.values() if i.baseline)
    reference = {n[:-3]: out for n, (_, out, _) in ran[baseline.id].items()}
    mismatches = []
    for impl_id, runs in ran.items():
        assert len(runs) == len(chosen[impl_id]), impl_id
        for name, (rc, out, err) in runs.items():
            want = hand_status(rc, out, err, reference[name[:-3]])
            if tool[impl_id, name[:-3]] != want:
                mismatches.append((impl_id, name, tool[impl_id, name[:-3]], want, err))
    assert mismatches == []
    statuses = {s for s in tool.values()}
    assert {"pass", "differs", "unsupported", "error", "timeout", "skipped"} <= statuses


# What control_bytes.py leaves on stderr's last line, as every report file must show it.
# Tab stays: the files' own syntax needs no control character but newline and tab.
CONTROL_DETAIL = ("control bytes:" + "".join("\t" if b == 9 else repr(chr(b))[1:-1]
                                             for b in range(32) if b != 10)
                  + "\\x7f not UTF-8:\ufffd\ufffd\ufffd( end")


def test_report_files_carry_no_control_bytes(shared_run: SharedRun, impls):
    """control_bytes.py prints every C0 control, DEL and bytes that are not UTF-8 to
    stdout and stderr and fails: no file of the report carries one raw (but newline and
    tab), and the detail shows them escaped in compat.csv, junit.xml and index.html."""
    files = [*sorted(shared_run.path.glob("*.csv")),
             *(shared_run.path / name for name in ("report.md", "index.html", "junit.xml"))]
    assert shared_run.path / "compat.csv" in files
    raw = {f.name: sorted({b for b in f.read_bytes() if (b < 32 and b not in b"\n\t") or b == 127})
           for f in files}
    assert raw == {f.name: [] for f in files}
    rows = {r["implementation"]: r for r in compat_rows(shared_run.path, "scripts")
            if r["script"] == "control_bytes"}
    assert {i: r["detail"] for i, r in rows.items()} == dict.fromkeys(impls, CONTROL_DETAIL)
    assert CONTROL_DETAIL in (shared_run.path / "junit.xml").read_text()
    # HTML escapes markup only: ( and the backslashes are as in the CSV file
    assert CONTROL_DETAIL in (shared_run.path / "index.html").read_text()


def alone(box: Container, impl: registry.Implementation, path: str,
          timeout_s: float) -> tuple[int, str, str]:
    """PATH run alone as `docker exec BOX COMMAND PATH`, in a fresh empty directory."""
    work = engine.docker(["exec", box.name, "mktemp", "-d"], timeout=60).stdout.decode().strip()
    proc = engine.docker(["exec", "--workdir", work, box.name, "timeout", "-k", "2",
                          f"{timeout_s:g}", *impl.command, path], timeout=timeout_s + 60,
                         check=False)
    return (proc.returncode, proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"))


def test_a_script_in_a_batch_sees_what_it_sees_alone(shared_run: SharedRun, built, impls):
    """The ALONE scripts (sys.path[0], __file__, __name__, argv, a sibling module, stdin,
    the working directory, the environment, exit statuses, SystemExit's message, a
    traceback, a thread that outlives the main program) in the shared run's batches,
    against each run alone with `docker exec` in a container of the same image, sandbox
    and mounts: same exit status, stdout and stderr, so the same status."""
    mounts = scripts.mounts(list(shared_run.suites))
    names = sorted(p.stem for p in ALONE.glob("*.py"))
    cells = {(c.implementation, c.script): c for c in store.RunDir(shared_run.path).script_cells()
             if c.suite == ALONE.name}
    assert set(cells) == {(i, n) for i in impls for n in names}

    def by_hand(impl: registry.Implementation) -> dict[str, tuple[int, str, str]]:
        # A JVM start each: Jython's limit covers it on a loaded machine.
        limit = 60 if impl.family == "jython" else 20
        with Container(built[impl.id].tag, mounts) as box:
            return {n: alone(box, impl, f"{mounts[ALONE]}/{n}.py", limit) for n in names}

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        ran = dict(zip(impls, pool.map(by_hand, impls.values()), strict=True))
    differing = {(i, n): {"batch": (c.rc, c.stdout, c.stderr), "alone": ran[i][n]}
                 for (i, n), c in cells.items() if (c.rc, c.stdout, c.stderr) != ran[i][n]}
    assert differing == {}
    rows = {(r["implementation"], r["script"]): r["status"]
            for r in compat_rows(shared_run.path, ALONE.name)}
    # (facts.py's output differs between implementations: its status is not checked)
    assert {rows[i, "raises"] for i in impls} == {"error"}
    assert {rows[i, "exit_message"] for i in impls} == {"error"}
    # What both ways show is what running alone means.
    for impl in impls:
        facts = cells[impl, "facts"].stdout
        for line in ("__name__ __main__", f"__file__ {mounts[ALONE]}/facts.py",
                     f"argv ['{mounts[ALONE]}/facts.py']", f"path[0] {mounts[ALONE]}",
                     "sibling module 42", "cwd under /tmp True, empty True", "stdin ''",
                     "env PWD=None", "env OLDPWD=None"):
            assert line in facts.splitlines(), (impl, line, facts)
        assert cells[impl, "exit_negative"].rc == 255


def test_the_script_after_one_that_overran_runs(built, tmp_path: Path):
    """Jython's batch (one JVM) ends when a script overruns its limit; the script after
    it runs in the next batch, rather than being counted as a crash of its own."""
    suite = tmp_path / "overrun"
    suite.mkdir()
    (suite / "a_hangs.py").write_text("while True:\n    pass\n")
    (suite / "b_after.py").write_text("print('ran')\n")
    # Enough scripts that the first two share a batch (run_scripts: size N // workers)
    fillers = [f"c_{i:03d}" for i in range(2 * (os.cpu_count() or 1) - 2)]
    for name in fillers:
        (suite / f"{name}.py").write_text(f"print({name!r})\n")
    proc = implmatrix("run", "--impl", "cpython3.13", "--impl", "jython2.7",
                      "--debug-single-value", "--workloads", FIXTURES / "cells",
                      "--select", "passes", "--suite", suite, "--script-timeout", "2",
                      "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    rows = compat_rows(tmp_path / "out" / "latest", suite.name)
    assert {(r["implementation"], r["script"]): r["status"] for r in rows} == {
        (impl, script): status for impl in ("cpython3.13", "jython2.7")
        for script, status in (("a_hangs", "timeout"), ("b_after", "pass"),
                               *((name, "pass") for name in fillers))}
