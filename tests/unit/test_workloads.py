"""matrix/implmatrix/workloads.py: discovering workload files."""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

import pytest

from implmatrix import BUILTIN_WORKLOADS, UsageError
from implmatrix.workloads import MOUNT_ROOT, discover, mounts

BUILTIN_FILES = sorted(p for p in BUILTIN_WORKLOADS.glob("*.py") if not p.name.startswith("_"))


def make_dir(base: Path, name: str, files: list[str]) -> Path:
    d = base / name
    d.mkdir()
    for f in files:
        (d / f).write_text(f'"""{f}"""\n\ndef run():\n    return 1\n\n\ndef check(v):\n'
                           f'    return v == 1\n')
    return d


def test_builtin_suite_has_at_least_12_workloads():
    found = discover()
    assert len(found) >= 12
    assert [w.name for w in found] == [p.stem for p in BUILTIN_FILES]
    assert discover(None) == discover([BUILTIN_WORKLOADS])


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda p: p.stem)
def test_builtin_workload_has_one_line_docstring_run_and_check(path):
    tree = ast.parse(path.read_bytes(), filename=str(path))
    doc = ast.get_docstring(tree)
    assert doc and doc.strip(), "no module docstring"
    assert "\n" not in doc.strip(), "docstring is not one line"
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    assert "run" in functions and not functions["run"].args.args
    assert "check" in functions and len(functions["check"].args.args) == 1


def test_workload_fields(tmp_path):
    d = make_dir(tmp_path, "d", ["b.py", "a.py"])
    found = discover([d])
    assert [w.name for w in found] == ["a", "b"]
    a = found[0]
    assert a.path == d / "a.py"
    assert a.mount == f"{MOUNT_ROOT}/0/a.py"
    assert a.sha256 == hashlib.sha256((d / "a.py").read_bytes()).hexdigest()


def test_sha_changes_with_content(tmp_path):
    d = make_dir(tmp_path, "d", ["a.py"])
    before = discover([d])[0].sha256
    (d / "a.py").write_text("# changed\n")
    assert discover([d])[0].sha256 != before


def test_nonexistent_dir_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        discover([tmp_path / "nope"])


def test_a_file_is_not_a_workload_dir(tmp_path):
    f = tmp_path / "a.py"
    f.write_text("")
    with pytest.raises(UsageError):
        discover([f])


def test_dir_without_py_files_is_a_usage_error(tmp_path):
    d = tmp_path / "empty"
    d.mkdir()
    (d / "notes.txt").write_text("x")
    with pytest.raises(UsageError, match=r"no \.py files"):
        discover([d])


def test_underscore_files_are_ignored(tmp_path):
    d = make_dir(tmp_path, "d", ["_helper.py", "__init__.py", "real.py"])
    assert [w.name for w in discover([d])] == ["real"]


def test_only_underscore_files_is_a_usage_error(tmp_path):
    d = make_dir(tmp_path, "d", ["_helper.py"])
    with pytest.raises(UsageError):
        discover([d])


def test_same_stem_in_two_dirs_is_a_usage_error(tmp_path):
    d1 = make_dir(tmp_path, "one", ["x.py", "a.py"])
    d2 = make_dir(tmp_path, "two", ["x.py"])
    with pytest.raises(UsageError) as info:
        discover([d1, d2])
    assert "'x'" in str(info.value)
    assert str(d1) in str(info.value) and str(d2) in str(info.value)


def test_several_dirs_and_mount_numbering(tmp_path):
    d1 = make_dir(tmp_path, "one", ["a.py", "b.py"])
    d2 = make_dir(tmp_path, "two", ["c.py"])
    found = discover([d1, d2])
    assert [w.name for w in found] == ["a", "b", "c"]
    m = mounts([d1, d2])
    assert m == {d1: f"{MOUNT_ROOT}/0", d2: f"{MOUNT_ROOT}/1"}
    for w in found:
        assert w.mount == f"{m[w.path.parent]}/{w.path.name}"
    # Distinct mount points, so workloads from different dirs never collide.
    assert len(set(m.values())) == len(m)


def test_mounts_default_is_the_builtin_suite():
    m = mounts(None)
    assert m == {BUILTIN_WORKLOADS: f"{MOUNT_ROOT}/0"}
    for w in discover():
        assert w.mount == f"{m[w.path.parent]}/{w.path.name}"


def test_select_glob_filters(tmp_path):
    d = make_dir(tmp_path, "d", ["nbody.py", "nqueens.py", "sieve.py", "bigint.py"])
    assert [w.name for w in discover([d], ["n*"])] == ["nbody", "nqueens"]
    assert [w.name for w in discover([d], ["sieve"])] == ["sieve"]
    assert [w.name for w in discover([d], ["s*", "b*", "sieve"])] == ["bigint", "sieve"]
    assert [w.name for w in discover([d], ["?ieve"])] == ["sieve"]


def test_select_is_case_sensitive(tmp_path):
    d = make_dir(tmp_path, "d", ["sieve.py"])
    with pytest.raises(UsageError):
        discover([d], ["SIEVE"])


def test_select_matching_nothing_lists_valid_names(tmp_path):
    d = make_dir(tmp_path, "d", ["alpha.py", "beta.py"])
    with pytest.raises(UsageError) as info:
        discover([d], ["alpha", "zzz*"])
    message = str(info.value)
    assert "zzz*" in message
    assert "alpha" in message and "beta" in message


def test_select_on_builtin_suite():
    names = [p.stem for p in BUILTIN_FILES]
    first = names[0]
    assert [w.name for w in discover(None, [first])] == [first]
