"""Pilot tests of `e`: the export dialog on the main screen, in the history and on an opened run;
the file it writes, and what it says when it cannot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gilbench_tui.engine.export import to_csv, to_markdown
from gilbench_tui.engine.formats import FORMATS, file_name
from gilbench_tui.ui.screens.export import ExportScreen
from gilbench_tui.ui.screens.run import RunScreen
from tests.demo import demo_history

from .support import MemoryStore, harness, open_history, wait_until


async def test_e_is_offered_only_once_a_run_is_shown(tmp_path: Path) -> None:
    h = harness(export_dir=tmp_path)
    async with h.app.run_test(size=(100, 30)) as pilot:
        assert h.screen.check_action("export", ()) is False
        await pilot.press("e")
        await pilot.pause()
        assert not isinstance(h.app.screen, ExportScreen)
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert h.screen.check_action("export", ()) is True


@pytest.mark.parametrize("fmt", list(FORMATS))
async def test_e_then_a_format_key_writes_the_shown_run_and_says_where(
    tmp_path: Path, fmt: str
) -> None:
    h = harness(export_dir=tmp_path)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(h.app.screen, ExportScreen)
        await pilot.press(FORMATS[fmt].key)
        run = h.store.runs[0]
        target = tmp_path / file_name(run.id, fmt)
        await wait_until(pilot, lambda: not isinstance(h.app.screen, ExportScreen))
        assert target.exists()
        assert any(str(target) in message for message, _ in h.notes)
        text = target.read_text(encoding="utf-8")
        if fmt == "json":
            assert json.loads(text)["id"] == run.id
        elif fmt == "csv":
            assert text == to_csv(run)
        else:
            assert text == to_markdown(run)


async def test_the_arrows_and_enter_choose_too_and_escape_writes_nothing(tmp_path: Path) -> None:
    h = harness(export_dir=tmp_path)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.press("e", "escape")
        await pilot.pause()
        assert not isinstance(h.app.screen, ExportScreen)
        assert list(tmp_path.iterdir()) == []
        await pilot.press("e", "down", "enter")  # the second choice: CSV
        await wait_until(pilot, lambda: not isinstance(h.app.screen, ExportScreen))
        assert [p.suffix for p in tmp_path.iterdir()] == [".csv"]


async def test_a_folder_that_cannot_be_written_is_said_and_the_dialog_stays(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "gone"
    h = harness(export_dir=missing)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.press("e", "m")
        await wait_until(pilot, lambda: "Not exported" in h.note_titles())
        screen = h.app.screen
        assert isinstance(screen, ExportScreen)
        assert "not written" in str(screen.query_one("#export-problem").render())
        assert not missing.exists()


async def test_e_in_the_history_and_on_an_opened_run_exports_that_run(tmp_path: Path) -> None:
    runs = demo_history()
    h = harness(store=MemoryStore(runs), export_dir=tmp_path)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await open_history(h, pilot)
        newest = runs[-1]
        await pilot.press("e", "m")
        await wait_until(pilot, lambda: (tmp_path / file_name(newest.id, "md")).exists())
        await wait_until(pilot, lambda: not isinstance(h.app.screen, ExportScreen))
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(h.app.screen, RunScreen)
        opened = h.app.screen.document
        await pilot.press("e", "j")
        await wait_until(pilot, lambda: (tmp_path / file_name(opened.id, "json")).exists())
        assert opened.id != newest.id
