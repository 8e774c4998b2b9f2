"""matrix/implmatrix/registry.py: the shipped registry and validation of broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from implmatrix import UsageError, registry

IDS = ["cpython3.13", "cpython3.14", "pypy3.11", "micropython1.25", "jython2.7"]

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


def test_shipped_registry_has_the_five_implementations_in_order(impls):
    assert list(impls) == IDS
    assert all(impls[i].id == i for i in IDS)


def test_cpython313_is_the_one_baseline(impls):
    assert [i.id for i in impls.values() if i.baseline] == ["cpython3.13"]
    assert registry.baseline(impls).id == "cpython3.13"


@pytest.mark.parametrize("impl_id", IDS)
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


def test_select_none_or_empty_returns_all_in_file_order(impls):
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
    chosen = list(impls.values())
    shares = [registry.shard(chosen, f"{k}/3") for k in (1, 2, 3)]
    assert sorted(i.id for share in shares for i in share) == sorted(impls)
    assert [i.id for i in shares[0]] == [chosen[0].id, chosen[3].id]


@pytest.mark.parametrize("spec", ["0/3", "4/3", "a/b", "1", "1/2/3", "6/6"])
def test_bad_shards_are_usage_errors(impls, spec):
    with pytest.raises(UsageError):
        registry.shard(list(impls.values()), spec)
