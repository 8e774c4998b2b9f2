"""matrix/implmatrix/images.py: what a crate-built image's recipe and build context hold."""

from __future__ import annotations

import tomllib
from dataclasses import replace

from implmatrix import DOCKER_DIR, images, registry


def test_a_local_crates_files_are_in_its_recipe_and_its_build_output_is_not(tmp_path,
                                                                            monkeypatch):
    kernels = registry.load()["cpython3.13-pyo3"]
    shipped = images._crate_files(kernels)
    assert {"Cargo.toml", "Cargo.lock", "src/lib.rs"} <= set(shipped)
    assert kernels.crate_dir == DOCKER_DIR / "pyo3"

    crate = tmp_path / "k"
    (crate / "src").mkdir(parents=True)
    (crate / "target" / "release").mkdir(parents=True)
    for name in ("Cargo.toml", "Cargo.lock", "src/lib.rs", "target/release/x.so"):
        (crate / name).write_text(name)
    monkeypatch.setattr(registry, "DOCKER_DIR", tmp_path)
    local = replace(kernels, crate="k")
    before = images._crate_files(local)
    assert sorted(before) == ["Cargo.lock", "Cargo.toml", "src/lib.rs"]
    (crate / "target" / "release" / "x.so").write_text("rebuilt")
    assert images._crate_files(local) == before
    (crate / "src" / "lib.rs").write_text("changed")
    assert images._crate_files(local)["src/lib.rs"] != before["src/lib.rs"]


def test_a_registry_crate_is_pinned_by_its_version_alone():
    rustpython = registry.load()["rustpython0.6"]
    assert rustpython.crate_dir is None and images._crate_files(rustpython) == {}


def test_the_cargo_config_replaces_the_registry_by_the_vendored_crates():
    config = tomllib.loads(images.CARGO_OFFLINE_CONFIG)
    assert config["source"]["crates-io"]["replace-with"] == "vendored-sources"
    assert config["source"]["vendored-sources"]["directory"] == "vendor"
    assert config["net"]["offline"] is True
