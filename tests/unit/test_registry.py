"""matrix/implmatrix/registry.py: the shipped registry and validation of broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from implmatrix import DOCKER_DIR, UsageError, registry

IDS = ["cpython3.13", "cpython3.14", "pypy3.11", "micropython1.25", "jython2.7"]  # default
TIMELINE = ["cpython2.7", "cpython3.9", "cpython3.11", "cpython3.15", "cpython3.14-jit",
            "pyston-lite3.9", "pyjion3.9", "pypy7.3.5", "pypy7.3.11", "pypy8.0", "micropython1.26",
            "jython2.7.2", "cpython3.13-source", "cpython3.13t", "cython3.13"]
FUTURE = ["rustpython0.6", "cpython3.13-pyo3", "pypy3.11-pyo3"]  # built from Rust crates

ENTRY = """
[[implementation]]
id = "{id}"
family = "cpython"
suite = "trixie"
package = "python3"
command = ["python3"]
{extra}
"""


def write_registry(tmp_path: Path, *entries: str) -> Path:
    path = tmp_path / "implementations.toml"
    path.write_text("".join(entries))
    return path


def entry(id: str, extra: str = "") -> str:
    return ENTRY.format(id=id, extra=extra)


@pytest.fixture(scope="module")
def impls() -> dict[str, registry.Implementation]:
    return registry.load()


def test_shipped_registry_has_todays_five_then_the_timeline_then_the_future(impls):
    assert list(impls) == IDS + TIMELINE + FUTURE
    assert all(impls[i].id == i for i in impls)
    found = registry.sets()
    assert found["default"] == tuple(IDS) and found["all"] == tuple(IDS + TIMELINE + FUTURE)
    # every release, today's among them; not the rows with something switched on
    assert set(found["timeline"]) == set(IDS + TIMELINE) - {
        "cpython3.14-jit", "pyston-lite3.9", "pyjion3.9", "cpython3.13-source", "cpython3.13t",
        "cython3.13"}
    assert found["future"] == ("cpython3.13", "cpython3.14", "cpython3.13-source",
                               "cpython3.13t", "cython3.13", *FUTURE)
    # claimed features: the JIT row, Pyston, Pyjion, the free-threaded build, Cython and
    # the Rust kernels
    assert {i.id: i.features for i in impls.values() if i.features} == {
        "cpython3.14-jit": ("jit",), "pyston-lite3.9": ("pyston",), "pyjion3.9": ("pyjion",),
        "cpython3.13t": ("free-threading",), "cython3.13": ("cython",),
        "cpython3.13-pyo3": ("pyo3",), "pypy3.11-pyo3": ("pyo3",)}
    # the crates: RustPython's release from the registry, the kernels from docker/pyo3
    assert {i.id: (i.crate, i.crate_dir) for i in impls.values() if i.crate} == {
        "rustpython0.6": ("rustpython@0.6.0", None),
        "cpython3.13-pyo3": ("pyo3", DOCKER_DIR / "pyo3"),
        "pypy3.11-pyo3": ("pyo3", DOCKER_DIR / "pyo3")}


@pytest.mark.parametrize("crate, why", [
    ("rustpython@0.6", "neither NAME@X.Y.Z nor a directory"),
    ("rust python@0.6.0", "neither NAME@X.Y.Z nor a directory"),
    ("no-such-dir", "neither NAME@X.Y.Z nor a directory"),
    ("../docker", "neither NAME@X.Y.Z nor a directory"),
    ("base-image.sh", "neither NAME@X.Y.Z nor a directory"),
])
def test_a_bad_crate_is_rejected(tmp_path, crate, why):
    path = write_registry(tmp_path, entry("a", f'baseline = true\ncrate = "{crate}"'))
    with pytest.raises(ValueError, match=why):
        registry.load(path)
    path = write_registry(tmp_path, entry("a", 'baseline = true\ncrate = ["pyo3"]'))
    with pytest.raises(ValueError, match="crate must be a string"):
        registry.load(path)


def test_a_local_crate_needs_its_cargo_lock(tmp_path, monkeypatch):
    crate = tmp_path / "docker" / "k"
    (crate / "src").mkdir(parents=True)
    (crate / "Cargo.toml").write_text("[package]\n")
    monkeypatch.setattr(registry, "DOCKER_DIR", tmp_path / "docker")
    path = write_registry(tmp_path, entry("a", 'baseline = true\ncrate = "k"'))
    with pytest.raises(ValueError, match=r"with a Cargo\.toml and a Cargo\.lock"):
        registry.load(path)
    (crate / "Cargo.lock").write_text("version = 4\n")
    assert registry.load(path)["a"].crate_dir == crate


def test_sets_are_checked(tmp_path):
    one = entry("a", "baseline = true") + entry("b")
    for sets, why in (('default = ["b"]', "must hold the baseline"),
                      ('default = ["a", "c"]', "unknown or repeated ids: c"),
                      ('default = ["a"]\nall = ["a"]', "must not name `all`"),
                      ('other = ["a"]', "must have `default`")):
        path = write_registry(tmp_path, f"[sets]\n{sets}\n" + one)
        with pytest.raises(ValueError, match=why):
            registry.sets(path)


def test_select_by_set(tmp_path):
    path = write_registry(tmp_path, '[sets]\ndefault = ["b", "a"]\nsmall = ["a"]\n'
                          + entry("a", "baseline = true") + entry("b") + entry("c"))
    impls = registry.load(path)
    assert [i.id for i in registry.select(impls, None, path=path)] == ["b", "a"]
    assert [i.id for i in registry.select(impls, None, "small", path)] == ["a"]
    assert [i.id for i in registry.select(impls, None, "all", path)] == ["a", "b", "c"]
    with pytest.raises(UsageError, match="unknown set nope; valid: default, small, all"):
        registry.select(impls, None, "nope", path)
    with pytest.raises(UsageError, match="give --impl or --set, not both"):
        registry.select(impls, ["a"], "small", path)


def test_an_unknown_feature_is_rejected(tmp_path):
    path = write_registry(tmp_path, entry("a", 'baseline = true\nfeatures = ["turbo"]'))
    with pytest.raises(ValueError, match="unknown features"):
        registry.load(path)


def test_cpython313_is_the_one_baseline(impls):
    assert [i.id for i in impls.values() if i.baseline] == ["cpython3.13"]
    assert registry.baseline(impls).id == "cpython3.13"


@pytest.mark.parametrize("impl_id", IDS + TIMELINE + FUTURE)
def test_every_dockerfile_exists(impls, impl_id):
    impl = impls[impl_id]
    assert impl.dockerfile.is_file(), impl.dockerfile
    assert impl.dockerfile.name == f"{impl.family}.Dockerfile"
    assert impl.image == f"implmatrix/{impl_id}"


def test_micropython_command_sets_a_heap_size(impls):
    command = impls["micropython1.25"].command
    assert isinstance(command, tuple)
    assert command[0] == "micropython"
    flags = [command[k + 1] for k, arg in enumerate(command[:-1]) if arg == "-X"]
    assert any(f.startswith("heapsize=") and len(f) > len("heapsize=") for f in flags)


def test_minimal_registry_loads_with_defaults(tmp_path):
    impls = registry.load(write_registry(tmp_path, entry("a", "baseline = true"), entry("b")))
    assert list(impls) == ["a", "b"]
    assert impls["b"].baseline is False
    assert impls["a"].command == ("python3",)
    assert impls["a"].timed_command == ("python3",)


def test_timed_env_prefixes_only_the_timed_command(tmp_path):
    impls = registry.load(write_registry(tmp_path, entry(
        "a", 'baseline = true\ntimed_env = { A = "1 2", B = "x" }')))
    assert impls["a"].command == ("python3",)
    assert impls["a"].timed_command == ("env", "A=1 2", "B=x", "python3")


def test_duplicate_id_is_rejected(tmp_path):
    path = write_registry(tmp_path, entry("a", "baseline = true"), entry("a"))
    with pytest.raises(ValueError, match="duplicate"):
        registry.load(path)


def test_unknown_field_is_rejected(tmp_path):
    path = write_registry(tmp_path, entry("a", 'baseline = true\nflavour = "x"'))
    with pytest.raises(ValueError, match="flavour"):
        registry.load(path)


def test_no_baseline_is_rejected(tmp_path):
    with pytest.raises(ValueError, match="baseline"):
        registry.load(write_registry(tmp_path, entry("a"), entry("b")))


def test_two_baselines_are_rejected(tmp_path):
    path = write_registry(tmp_path, entry("a", "baseline = true"), entry("b", "baseline = true"))
    with pytest.raises(ValueError, match="baseline"):
        registry.load(path)


def test_empty_registry_is_rejected(tmp_path):
    with pytest.raises(ValueError):
        registry.load(write_registry(tmp_path, "# nothing here\n"))


def test_missing_required_field_is_a_value_error(tmp_path):
    path = write_registry(tmp_path, """
[[implementation]]
id = "a"
family = "cpython"
suite = "trixie"
package = "python3"
baseline = true
""")
    with pytest.raises(ValueError):
        registry.load(path)


def test_select_none_or_empty_returns_the_default_set(impls):
    assert [i.id for i in registry.select(impls, None)] == IDS
    assert [i.id for i in registry.select(impls, [])] == IDS


def test_select_keeps_the_order_given_and_dedups(impls):
    chosen = registry.select(impls, ["pypy3.11", "cpython3.13", "pypy3.11"])
    assert [i.id for i in chosen] == ["pypy3.11", "cpython3.13"]


def test_select_unknown_id_lists_the_valid_ids(impls):
    with pytest.raises(UsageError) as info:
        registry.select(impls, ["cpython3.13", "nope"])
    message = str(info.value)
    assert "nope" in message
    assert all(i in message for i in IDS)
    assert "\n" not in message


def test_shards_split_the_implementations_round_robin(impls):
    chosen = registry.select(impls, None)
    shares = [registry.shard(chosen, k, 3) for k in (1, 2, 3)]
    assert sorted(i.id for share in shares for i in share) == sorted(IDS)
    assert [i.id for i in shares[0]] == [chosen[0].id, chosen[3].id]


def test_an_empty_shard_is_a_usage_error(impls):
    chosen = registry.select(impls, None)
    with pytest.raises(UsageError, match=fr"--shard 6/6: .* \(only {len(chosen)} selected\)"):
        registry.shard(chosen, 6, 6)
