"""Where installed Pythons are found besides PATH: pyenv's versions (3.13t, 3.14t), uv's managed
Pythons (+freethreaded) and the free-threaded build in the user cache dir, on fake trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from gilbench_tui.engine import python_installs as installs
from gilbench_tui.engine.interpreters import resolve_python


def executable(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return str(path)


@pytest.fixture
def trees(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path / "pyenv"))
    monkeypatch.setenv("UV_PYTHON_INSTALL_DIR", str(tmp_path / "uv"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    pyenv, uv = tmp_path / "pyenv" / "versions", tmp_path / "uv"
    built = tmp_path / "cache" / "gilbench" / "free-threaded" / "prefix" / "bin"
    return {
        "pyenv 3.13.1": executable(pyenv / "3.13.1" / "bin" / "python3"),
        # pyenv's free-threaded install has python3.13t and no plain python3
        "pyenv 3.13.1t": executable(pyenv / "3.13.1t" / "bin" / "python3.13t"),
        "uv 3.14.0": executable(uv / "cpython-3.14.0-linux-x86_64-gnu" / "bin" / "python3"),
        "uv 3.14.0t": executable(
            uv / "cpython-3.14.0+freethreaded-linux-x86_64-gnu" / "bin" / "python3.14t"
        ),
        "built": executable(built / "python3.13t"),
        "built plain": executable(built / "python3.13"),  # a hard link of python3.13t there
    }


def test_every_install_is_found_once_free_threaded_ones_included(trees: dict[str, str]) -> None:
    found = installs.installed()
    for key in ("pyenv 3.13.1", "pyenv 3.13.1t", "uv 3.14.0", "uv 3.14.0t", "built"):
        assert trees[key] in found, key
    assert trees["built plain"] not in found, "the build's python3.13 is its python3.13t"
    assert len(found) == len(set(found))


def test_a_name_ending_in_t_asks_for_a_free_threaded_build(trees: dict[str, str]) -> None:
    assert installs.by_name("3.14t") == trees["uv 3.14.0t"]
    assert installs.by_name("python3.14t") == trees["uv 3.14.0t"]
    assert installs.by_name("3.13t") in (trees["pyenv 3.13.1t"], trees["built"])
    assert installs.by_name("3.13") == trees["pyenv 3.13.1"], "never a free-threaded one"
    assert installs.by_name("3.13.1") == trees["pyenv 3.13.1"]
    assert installs.by_name("3.15t") is None
    assert resolve_python("3.14t") == trees["uv 3.14.0t"]


def test_only_the_build_answers_when_it_is_the_one_free_threaded_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path / "none"))
    monkeypatch.setenv("UV_PYTHON_INSTALL_DIR", str(tmp_path / "none"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    built = executable(tmp_path / "cache/gilbench/free-threaded/prefix/bin/python3.13t")
    assert installs.built_free_threaded() == [built]
    assert installs.by_name("3.13t") == built
