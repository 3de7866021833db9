from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private history location, also for subprocesses that read GILBENCH_DATA_DIR."""
    path = tmp_path / "data"
    monkeypatch.setenv("GILBENCH_DATA_DIR", str(path))
    return path
