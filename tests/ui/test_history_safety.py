"""Pilot tests: no data the app reads can end it, and what it measured reaches the history.

A real history file with garbage, a mistyped run, another schema and a torn line is listed
without them, and says so; a run that cannot be drawn shows why in its place while the app goes
on; the history is written in a thread (test_run_keys checks that quitting mid-run saves what
was measured).
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

import pytest

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.store import Store
from gilbench_tui.ui.screens.compare import CompareScreen
from gilbench_tui.ui.screens.help import HelpScreen
from gilbench_tui.ui.screens.metadata import MetadataScreen
from gilbench_tui.ui.screens.run import RunScreen
from gilbench_tui.ui.widgets.history_table import HistoryTable
from gilbench_tui.ui.widgets.results_table import ResultsTable
from gilbench_tui.ui.widgets.run_problem import RunProblem
from gilbench_tui.ui.widgets.run_progress import RunProgress
from gilbench_tui.ui.widgets.verdict_view import VerdictView
from tests.demo import DemoRunner, demo_history

from .support import MemoryStore, harness, open_history, wait_until

READABLE_NEWEST_FIRST = [
    "20270301-090000-next01", "20260105-120000-full01", "20250110-083000-min001",
]  # fmt: skip


def rendered(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector).render())


@pytest.mark.damaged
async def test_a_mistyped_line_is_skipped_and_named_and_every_good_run_opens(
    mixed_history: Store,
) -> None:
    h = harness(store=mixed_history)  # type: ignore[arg-type]
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(h, pilot)
        table = screen.query_one(HistoryTable)
        assert [str(key.value) for key in table.rows] == READABLE_NEWEST_FIRST
        problems = rendered(screen, "#history-problems")
        assert "skipped 4 unreadable lines in the history" in problems
        mistyped = "line 3 (run 20250111-090000-bad001): results[0].median_s: expected a number"
        assert mistyped in problems
        for index, run_id in enumerate(READABLE_NEWEST_FIRST):
            await pilot.press("enter")
            await pilot.pause()
            opened = h.app.screen
            assert isinstance(opened, RunScreen) and opened.document.id == run_id
            assert not opened.query_one(RunProblem).display
            assert opened.query_one(ResultsTable).row_count == len(opened.document.results)
            await pilot.press("i")
            assert isinstance(h.app.screen, MetadataScreen)
            await pilot.press("escape", "escape")
            assert h.app.screen is screen
            if index < len(READABLE_NEWEST_FIRST) - 1:
                await pilot.press("down")
        await pilot.press("space", "up", "space", "c")
        await pilot.pause()
        compare = h.app.screen
        assert isinstance(compare, CompareScreen)
        assert not compare.query_one(RunProblem).display
        assert h.app.is_running


def broken_runs() -> list[RunDocument]:
    """Runs no reader would let through, as a bug or another tool might hand them to the app:
    a time that is not a number, and a size that is not a count."""
    runs = demo_history()
    first = runs[0]
    no_time = replace(first.results[0], median_s="fast")
    runs[0] = replace(first, results=[no_time, *first.results[1:]])
    runs[1] = replace(runs[1], spec=replace(runs[1].spec, size="lots"))
    return runs


async def test_a_run_that_cannot_be_drawn_says_why_in_its_place_and_the_app_goes_on() -> None:
    runs = broken_runs()
    h = harness(store=MemoryStore(runs))
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(h, pilot)
        listed = [str(key.value) for key in screen.query_one(HistoryTable).rows]
        assert runs[1].id not in listed, "a run whose row cannot be drawn is left out"
        problems = rendered(screen, "#history-problems")
        assert f"run {runs[1].id} cannot be shown: TypeError" in problems
        await pilot.press(*["down"] * (len(listed) - 1), "enter")
        await pilot.pause()
        opened = h.app.screen
        assert isinstance(opened, RunScreen) and opened.document.id == runs[0].id
        problem = opened.query_one(RunProblem)
        assert problem.display and not opened.query_one("#run-main").display
        assert f"run {runs[0].id} cannot be shown: " in str(problem.render())
        await pilot.press("escape", "space", "up", "space", "c")
        await pilot.pause()
        compare = h.app.screen
        assert isinstance(compare, CompareScreen)
        assert compare.query_one(RunProblem).display
        assert not compare.query_one("#compare-table").display
        await pilot.press("s", "escape", "escape")
        assert h.app.is_running


async def test_a_fresh_run_that_cannot_be_drawn_says_so_in_the_verdict() -> None:
    class BrokenResults(DemoRunner):
        def document(self, spec: Any) -> RunDocument:
            document = super().document(spec)
            broken = replace(document.results[0], median_s="fast")
            return replace(document, results=[broken])

    h = harness(runner=BrokenResults())
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert "cannot be shown: " in str(h.app.query_one(VerdictView).render())
        assert len(h.store.runs) == 1, "what was measured is saved even if it cannot be drawn"
        assert h.app.is_running


class SlowDisk(MemoryStore):
    """A store whose appends wait until the test lets them finish."""

    def __init__(self) -> None:
        super().__init__()
        self.writing = threading.Event()
        self.finish = threading.Event()

    def append(self, run: RunDocument) -> None:
        self.writing.set()
        assert self.finish.wait(timeout=30), "the test never let the write finish"
        super().append(run)


async def test_the_history_is_written_off_the_event_loop() -> None:
    store = SlowDisk()
    h = harness(store=store)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await wait_until(pilot, store.writing.is_set)
        await pilot.press("question_mark")  # the app answers keys while the write waits
        assert isinstance(h.app.screen, HelpScreen)
        assert h.screen.running and store.runs == []
        await pilot.press("escape")
        store.finish.set()
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert len(store.runs) == 1
        assert "saved to history" in h.app.query_one(RunProgress).label


async def test_a_cancelled_run_that_cannot_be_saved_says_so() -> None:
    store = MemoryStore(error=PermissionError("cannot write history: permission denied"))
    h = harness(runner=DemoRunner(hold_at=3), store=store)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await wait_until(pilot, lambda: h.screen.watched_pid is not None)
        await pilot.press("x")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert h.runner.cancelled and not h.screen.running
        assert "Could not save to history" in h.note_titles()
