from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from gilbench_tui.engine.store import Store
from tests.run_schema import FIXTURES, check_tree

# No deadline per example: on a machine busy with other work a fast example can take a second,
# and the properties are about what is accepted, not how fast.
settings.register_profile("gilbench", deadline=None)
settings.load_profile("gilbench")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private history location, also for subprocesses that read GILBENCH_DATA_DIR."""
    path = tmp_path / "data"
    monkeypatch.setenv("GILBENCH_DATA_DIR", str(path))
    return path


@pytest.fixture(autouse=True)
def no_user_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads the config file of whoever runs the tests, nor writes to it."""
    monkeypatch.setenv("GILBENCH_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture
def mixed_history(tmp_path: Path) -> Store:
    """A history of good runs, garbage, a mistyped run, another schema and a torn last line
    (tests/fixtures/history-mixed.jsonl); tests that use it are marked `damaged`."""
    store = Store(tmp_path / "data")
    store.data_dir.mkdir()
    shutil.copy(FIXTURES / "history-mixed.jsonl", store.path)
    return store


@pytest.fixture(autouse=True)
def written_runs_follow_the_schema(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a test that had a tmp_path, every history file and run document it left there follows
    schema/gilbench.run-1.schema.json. A test marked `damaged` writes broken lines on purpose;
    there only the lines the reader accepts are held to the schema."""
    if "tmp_path" not in request.fixturenames:
        yield
        return
    tmp_path: Path = request.getfixturevalue("tmp_path")
    yield
    check_tree(tmp_path, damaged=request.node.get_closest_marker("damaged") is not None)
