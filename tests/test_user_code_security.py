"""User code runs only when the user names it: nothing read from the history or an export ever
imports or runs it. The file below leaves a mark on disk the moment anything imports it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from gilbench_tui.engine import export
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.store import Store
from gilbench_tui.ui.screens.history import HistoryScreen
from gilbench_tui.ui.screens.run import RunScreen
from gilbench_tui.ui.widgets.workload_pane import WorkloadPane
from tests.factories import run_document
from tests.test_cli import gilbench
from tests.ui.support import MemoryStore, harness

TRAP = """\
from pathlib import Path
Path(__file__).with_name("imported").write_text("imported")


def work(size, index):
    Path(__file__).with_name("ran").write_text("ran")
    return 1
"""


@pytest.fixture
def trap(tmp_path: Path) -> Path:
    path = tmp_path / "trap.py"
    path.write_text(TRAP)
    return path


def stored_runs(trap: Path) -> list[RunDocument]:
    spec = BenchSpec(workload=f"{trap}:work", workers=(2,), workload_sha256="0" * 64)
    first = dataclasses.replace(run_document(), spec=spec)
    second = dataclasses.replace(first, id="20261130-101600-def456")
    return [first, second]


def untouched(trap: Path) -> bool:
    return not (trap.parent / "imported").exists() and not (trap.parent / "ran").exists()


def test_the_history_commands_never_import_stored_code(trap: Path, data_dir: Path) -> None:
    store = Store(str(data_dir))
    for run in stored_runs(trap):
        store.append(run)
    first, second = (run.id for run in stored_runs(trap))
    for args in (
        ["history"],
        ["show", first],
        ["compare", first, second],
        ["export", first, "--format", "json"],
        ["export", first, "--format", "csv"],
        ["export", first, "--format", "md"],
    ):
        done = gilbench(*args)
        assert done.returncode == 0, (args, done.stderr)
        assert untouched(trap), args
    assert f"{trap}:work" in gilbench("export", first, "--format", "json").stdout
    assert "work() in trap.py" in gilbench("history").stdout, "the list shows it short"


def test_exports_keep_the_reference_without_running_it(trap: Path) -> None:
    run = stored_runs(trap)[0]
    for name in ("json", "csv", "md"):
        export.render(run, name)
    back = RunDocument.from_json(run.to_json())
    assert back.spec.workload == f"{trap}:work"
    assert back.spec.workload_sha256 == "0" * 64
    assert untouched(trap)


async def test_the_apps_history_never_imports_stored_code(trap: Path) -> None:
    h = harness(store=MemoryStore(stored_runs(trap)))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(h.app.screen, HistoryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(h.app.screen, RunScreen)
        await pilot.press("i", "escape", "escape", "escape")
        await pilot.pause()
        assert untouched(trap)
        assert h.app.query_one(WorkloadPane).value != f"{trap}:work", "nothing loaded by itself"
