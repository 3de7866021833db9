"""Pilot tests of the history (h): the list, opening a run, marking and comparing two, deleting one
after a y/n question, metadata on demand (i), and what the screen says about an unreadable file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gilbench_tui.engine.doctor import Check
from gilbench_tui.render.metadata import metadata_lines
from gilbench_tui.ui.screens.compare import CompareScreen
from gilbench_tui.ui.screens.confirm import ConfirmScreen
from gilbench_tui.ui.screens.history import EMPTY, HistoryScreen
from gilbench_tui.ui.screens.main import MainScreen
from gilbench_tui.ui.screens.metadata import MetadataScreen
from gilbench_tui.ui.screens.run import RunScreen
from gilbench_tui.ui.widgets.compare_table import CompareTable
from gilbench_tui.ui.widgets.history_table import MARK, HistoryTable
from gilbench_tui.ui.widgets.results_table import ResultsTable
from gilbench_tui.ui.widgets.run_charts import RunCharts
from gilbench_tui.ui.widgets.unavailable_note import UnavailableNote
from gilbench_tui.ui.widgets.verdict_view import VerdictView
from tests.demo import DemoRunner, demo_history

from .support import Harness, MemoryStore, harness, open_history, wait_until

RUNS = demo_history()
NEWEST_FIRST = [run.id for run in reversed(RUNS)]


def history_harness(**store: Any) -> Harness:
    return harness(store=MemoryStore(demo_history(), **store))


def text_of(screen: HistoryScreen, selector: str) -> str:
    return str(screen.query_one(selector).render())


def bindings(h: Harness) -> dict[str, bool]:
    """The footer's keys on the current screen, and whether each is enabled."""
    active = h.app.screen.active_bindings.items()
    return {key: b.enabled for key, b in active if b.binding.show}


async def test_h_lists_the_runs_newest_first_and_escape_goes_back() -> None:
    h = history_harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(h, pilot)
        table = screen.query_one(HistoryTable)
        assert [str(key.value) for key in table.rows] == NEWEST_FIRST
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[1:6] == ["fe3a9d", "2025-01-07 08:15", "seed", "2M",
                              "CPython 3.13.1t"]  # fmt: skip
        assert first[6].startswith("At 8 workers")
        assert table.border_subtitle == "5 runs"
        assert not screen.query_one("#history-problems").display
        assert "the GIL is off" in text_of(screen, "#history-detail")
        await pilot.press("escape")
        assert isinstance(h.app.screen, MainScreen)


async def test_a_finished_run_is_listed_first() -> None:
    h = history_harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        screen = await open_history(h, pilot)
        table = screen.query_one(HistoryTable)
        assert table.row_count == len(RUNS) + 1
        assert table.current is h.store.runs[-1]


@pytest.mark.parametrize(
    ("store", "said"),
    [
        ({"skipped": ["line 4: not valid JSON"]},
         "skipped 1 unreadable line in the history (line 4: not valid JSON)"),
        ({"moved_to": Path("/data/runs.jsonl.unreadable-20250101")},
         "could not be read; it was moved to /data/runs.jsonl.unreadable-20250101"),
        ({"read_error": PermissionError("cannot read history runs.jsonl: permission denied")},
         "permission denied"),
    ],
)  # fmt: skip
async def test_the_screen_says_what_could_not_be_read(store: dict[str, Any], said: str) -> None:
    h = history_harness(**store)
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(h, pilot)
        problems = screen.query_one("#history-problems")
        assert problems.display
        assert said in text_of(screen, "#history-problems")
        expected = 0 if "read_error" in store else len(RUNS)
        assert screen.query_one(HistoryTable).row_count == expected


async def test_an_empty_history_says_how_to_fill_it_and_hides_the_run_keys() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(h, pilot)
        assert EMPTY in text_of(screen, "#history-detail")
        keys = bindings(h)
        for key in ("enter", "space", "c", "d", "i"):
            assert key not in keys, f"{key} is shown with nothing to act on"
        assert keys["escape"]
        await pilot.press("enter", "space", "d")
        assert h.app.screen is screen


async def test_enter_opens_a_run_with_its_table_charts_and_verdict() -> None:
    h = history_harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await open_history(h, pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = h.app.screen
        assert isinstance(screen, RunScreen)
        lab = RUNS[3]
        assert screen.document == lab
        table = screen.query_one(ResultsTable)
        assert table.row_count == len(lab.results)
        labels = [str(column.label) for column in table.columns.values()]
        assert {"pool", "wake p99"} <= set(labels) and "eff" not in labels
        assert "subinterpreters did not run" in str(screen.query_one(UnavailableNote).render())
        assert not screen.query_one(RunCharts).sweep
        assert lab.verdict_detail is not None
        shown = str(screen.query_one(VerdictView).render())
        assert lab.verdict_detail.headline in shown
        assert f"[{lab.verdict_detail.confidence}]" in shown
        assert lab.id in str(screen.query_one("#run-header").render())
        await pilot.press("escape")
        assert isinstance(h.app.screen, HistoryScreen)


async def test_i_shows_the_metadata_of_an_opened_run_and_of_the_highlighted_one() -> None:
    h = history_harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await open_history(h, pilot)
        await pilot.press("i")
        modal = h.app.screen
        assert isinstance(modal, MetadataScreen)
        assert modal.document.id == NEWEST_FIRST[0]
        shown = str(modal.query_one("#metadata-text").render())
        for line in metadata_lines(modal.document):
            assert line.split(" ", 1)[1].strip() in shown
        await pilot.press("escape", "enter", "i")
        assert isinstance(h.app.screen, MetadataScreen)
        await pilot.press("i")
        assert isinstance(h.app.screen, RunScreen)


async def test_space_marks_two_runs_and_c_compares_them_oldest_first() -> None:
    h = history_harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(h, pilot)
        table = screen.query_one(HistoryTable)
        assert bindings(h)["c"] is False, "c is shown, disabled, until two runs are marked"
        await pilot.press("space")
        assert screen.marked == [NEWEST_FIRST[0]]
        assert table.current_id == NEWEST_FIRST[1], "space moves on to the next run"
        assert str(table.get_cell(NEWEST_FIRST[0], "mark")) == MARK
        await pilot.press("down", "down", "down", "space")
        assert bindings(h)["c"] is True
        assert "c compares them" in text_of(screen, "#history-detail")
        await pilot.press("c")
        await pilot.pause()
        compare = h.app.screen
        assert isinstance(compare, CompareScreen)
        assert (compare.before.id, compare.after.id) == (RUNS[0].id, RUNS[4].id)
        rows = compare.query_one(CompareTable).rows_compared
        assert len(rows) == 9
        threads = next(r for r in rows if (r.strategy, r.workers) == ("threads", 8))
        assert threads.describe() == "3.23× faster (not significant, p=0.10)"
        processes = next(r for r in rows if (r.strategy, r.workers) == ("processes", 8))
        assert processes.describe() == "1.01× slower (not significant, p=0.70)"
        assert "too few repeats" in text_of(compare, "#compare-note")
        cells = [str(c) for c in compare.query_one(CompareTable).get_row_at(0)]
        assert cells[:4] == ["serial", "2", "360ms", "389ms"]
        assert "CPython 3.13.1t" in str(compare.query_one("#compare-header").render())
        await pilot.press("s")
        assert (compare.before.id, compare.after.id) == (RUNS[4].id, RUNS[0].id)
        await pilot.press("escape")
        assert h.app.screen is screen


async def test_a_third_mark_replaces_the_first_and_space_unmarks() -> None:
    h = history_harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(h, pilot)
        await pilot.press("space", "space", "space")
        assert screen.marked == NEWEST_FIRST[1:3]
        table = screen.query_one(HistoryTable)
        assert str(table.get_cell(NEWEST_FIRST[0], "mark")).strip() == ""
        await pilot.press("up", "space")
        assert screen.marked == [NEWEST_FIRST[1]]


async def test_compare_of_different_workloads_says_so() -> None:
    h = history_harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await open_history(h, pilot)
        await pilot.press("down", "space", "down", "space", "c")
        await pilot.pause()
        note = str(h.app.screen.query_one("#compare-note").render())
        assert "different workloads: sha256 vs pidigits" in note
        assert "only before: processes ×2, processes ×4" in note
        assert "only after: thread-pool ×2" in note


async def test_d_asks_first_and_n_keeps_the_run() -> None:
    h = history_harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(h, pilot)
        await pilot.press("d")
        dialog = h.app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert NEWEST_FIRST[0] in dialog.question
        await pilot.press("n")
        await h.app.workers.wait_for_complete()
        assert h.app.screen is screen
        assert h.store.deleted == []
        await pilot.press("d", "escape")
        await h.app.workers.wait_for_complete()
        assert h.store.deleted == []
        assert screen.query_one(HistoryTable).row_count == len(RUNS)


async def test_d_then_y_deletes_the_run_and_its_mark() -> None:
    h = history_harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(h, pilot)
        await pilot.press("space", "up", "d", "y")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert h.store.deleted == [NEWEST_FIRST[0]]
        table = screen.query_one(HistoryTable)
        assert [str(key.value) for key in table.rows] == NEWEST_FIRST[1:]
        assert screen.marked == []
        assert table.border_subtitle == "4 runs"
        assert "History" in h.note_titles()


async def test_a_failed_delete_is_reported_and_the_run_stays() -> None:
    h = history_harness(delete_error=PermissionError("cannot write runs.jsonl"))
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(h, pilot)
        await pilot.press("d", "y")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert "Could not delete the run" in h.note_titles()
        assert screen.query_one(HistoryTable).row_count == len(RUNS)


async def test_i_on_the_main_screen_checks_the_machine_and_shows_the_last_run() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        assert bindings(h)["i"], "the machine can be checked before any run"
        await pilot.press("i")
        modal = h.app.screen
        assert isinstance(modal, MetadataScreen)
        await modal.workers.wait_for_complete()
        await pilot.pause()
        now = str(modal.query_one("#machine-now").render())
        assert "capacity now" in now and "! another process (backup, pid 4242)" in now
        assert not modal.query("#metadata-text"), "no run yet: only the machine"
        await pilot.press("escape", "r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("i")
        modal = h.app.screen
        assert isinstance(modal, MetadataScreen)
        assert modal.document is h.store.runs[0]
        assert "Demo CPU 3.0 GHz" in str(modal.query_one("#metadata-text").render())
        await pilot.press("escape")
        assert h.app.screen is h.screen


async def test_the_machine_is_not_checked_while_a_run_measures() -> None:
    calls: list[int] = []

    def examine() -> list[Check]:
        calls.append(1)
        return []

    h = harness(runner=DemoRunner(hold_at=2), examine=examine)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await wait_until(pilot, lambda: h.screen.watched_pid is not None)
        await pilot.press("i")
        modal = h.app.screen
        assert isinstance(modal, MetadataScreen)
        assert "not checked while a run measures" in str(modal.query_one("#machine-now").render())
        assert calls == []
        await pilot.press("escape")
        h.runner.release.set()
        await h.app.workers.wait_for_complete()


async def test_a_failed_machine_check_is_shown_in_its_place() -> None:
    def broken() -> list[Check]:
        raise OSError("no /proc here")

    h = harness(examine=broken)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        modal = h.app.screen
        await modal.workers.wait_for_complete()
        await pilot.pause()
        assert "the check failed: no /proc here" in str(modal.query_one("#machine-now").render())


async def test_q_quits_from_the_history() -> None:
    h = history_harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await open_history(h, pilot)
        await pilot.press("q")
        await pilot.pause()
    assert h.app.return_code == 0


@pytest.mark.parametrize("size", [(1, 1), (40, 12), (59, 15), (80, 24), (160, 50)])
async def test_the_history_screens_survive_any_terminal_size(size: tuple[int, int]) -> None:
    h = history_harness(skipped=["line 4: not valid JSON"])
    async with h.app.run_test(size=(100, 30)) as pilot:
        await open_history(h, pilot)
        for keys in (("space", "space", "c"), ("escape", "enter"), ("i",)):
            await pilot.press(*keys)
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.resize_terminal(100, 30)
            await pilot.pause()
        assert isinstance(h.app.screen, MetadataScreen)
        assert h.app.is_running
