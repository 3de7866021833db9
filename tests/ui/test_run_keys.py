"""Pilot tests: r runs, x cancels, q quits mid-run, failures keep what was measured."""

from __future__ import annotations

import time

from textual.message import Message

from gilbench_tui.engine.seed import ARTICLE_SECONDS
from gilbench_tui.ui.messages import BenchFinished, BenchProgress, BenchStarted
from gilbench_tui.ui.widgets.bar_chart import BarChart
from gilbench_tui.ui.widgets.results_table import ARTICLE_COLUMNS, ResultsTable
from gilbench_tui.ui.widgets.run_progress import RunProgress
from gilbench_tui.ui.widgets.verdict_view import VerdictView
from tests.demo import DemoRunner

from .support import SPEC, MemoryStore, harness, wait_until

#: A guard against hangs, not a timing claim: a busy machine may be slow, never stuck.
HANG_S = 10.0


async def test_r_runs_the_spec_and_shows_results_and_charts() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert h.runner.specs == [SPEC]
        assert len(h.store.runs) == 1
        table = h.app.query_one(ResultsTable)
        assert table.row_count == len(SPEC.strategies) * len(SPEC.workers)
        charts = list(h.app.query(BarChart))
        assert {c.kind for c in charts} == {"time", "speedup"}
        assert all(not chart.data.empty for chart in charts)
        assert "done" in h.app.query_one(RunProgress).label
        detail = h.store.runs[0].verdict_detail
        assert detail is not None
        shown = str(h.app.query_one(VerdictView).content)
        assert detail.headline in shown and all(reason in shown for reason in detail.reasons)
        assert h.screen.running is False


async def test_runner_events_become_messages() -> None:
    seen: list[Message] = []
    h = harness()
    async with h.app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
    kinds = [type(m) for m in seen if isinstance(m, BenchStarted | BenchProgress | BenchFinished)]
    assert kinds[0] is BenchStarted
    assert kinds[-1] is BenchFinished
    assert BenchProgress in kinds
    assert BenchProgress(None, 0.0).can_replace(BenchProgress(None, 1.0))  # type: ignore[arg-type]


async def test_x_cancels_a_run_and_the_ui_is_ready_again() -> None:
    h = harness(runner=DemoRunner(hold_at=3))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await wait_until(pilot, lambda: h.screen.watched_pid is not None)
        assert h.screen.running
        assert h.screen.check_action("cancel", ()) is True
        assert h.screen.check_action("run", ()) is None
        began = time.monotonic()
        await pilot.press("x")
        await wait_until(pilot, lambda: not h.screen.running)
        assert time.monotonic() - began < HANG_S
        assert h.runner.cancelled
        assert len(h.store.runs) == 1, "what the cancelled run measured is kept in history"
        assert "cancelled" in h.app.query_one(RunProgress).label
        assert h.screen.check_action("cancel", ()) is False
        assert h.screen.check_action("run", ()) is True


async def test_q_mid_run_cancels_the_run_before_quitting() -> None:
    h = harness(runner=DemoRunner(hold_at=2))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await wait_until(pilot, lambda: h.screen.watched_pid is not None)
        await pilot.press("q")
        await pilot.pause()
    assert h.runner.cancelled
    assert h.app.return_code == 0
    assert len(h.store.runs) == 1, "what was measured is saved before the app ends"


async def test_r_while_running_does_not_start_a_second_run() -> None:
    h = harness(runner=DemoRunner(hold_at=1))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await wait_until(pilot, lambda: h.screen.watched_pid is not None)
        await pilot.press("r")
        await pilot.pause()
        assert len(h.runner.specs) == 1
        h.runner.release.set()
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert len(h.store.runs) == 1


async def test_failed_run_keeps_the_partial_results_and_says_why() -> None:
    h = harness(runner=DemoRunner(fail="worker crashed: boom [exit 1]", partial=True))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert len(h.store.runs) == 1, "the partial run is appended to the history"
        assert h.app.query_one(ResultsTable).row_count == 3
        assert "Run failed" in h.note_titles()
        assert "boom" in str(h.app.query_one(VerdictView).content)
        assert not h.screen.running


async def test_failed_run_without_results_saves_nothing() -> None:
    h = harness(runner=DemoRunner(fail="the worker process exited with code 1", partial=False))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert h.store.runs == []
        assert "nothing was saved" in str(h.app.query_one(VerdictView).content)
        assert "failed" in h.app.query_one(RunProgress).label


async def test_history_write_error_is_shown_and_results_stay() -> None:
    store = MemoryStore(error=PermissionError("cannot write history: permission denied"))
    h = harness(store=store)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert "Could not save to history" in h.note_titles()
        assert h.app.query_one(ResultsTable).row_count == 3
        assert "NOT saved" in h.app.query_one(RunProgress).label


async def test_unexpected_runner_error_is_reported_not_fatal() -> None:
    class BrokenRunner(DemoRunner):
        async def run(self, spec, on_event=None):  # type: ignore[no-untyped-def]
            raise RuntimeError("interpreter not found")

    h = harness(runner=BrokenRunner())
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await wait_until(pilot, lambda: "The run stopped" in h.note_titles())
        assert h.app.is_running
        assert not h.screen.running
        await pilot.press("r")
        await pilot.pause()
        assert "The run stopped" in h.note_titles()


async def test_worker_warning_becomes_a_notification() -> None:
    h = harness(runner=DemoRunner(warning="processes-fork is deprecated here"))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert "Worker process warning" in h.note_titles()


async def test_s_loads_the_seed_preset_and_results_show_the_article() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        spec = h.runner.specs[0]
        assert (spec.workload, spec.workers) == ("seed", (2, 3, 4))
        assert spec.strategies == ("serial", "threads", "processes")
        assert spec.size == 1_000_000
        table = h.app.query_one(ResultsTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert labels[-2:] == list(ARTICLE_COLUMNS)
        assert table.row_count == 9
        first = [str(cell) for cell in table.get_row_at(0)]
        assert f"{ARTICLE_SECONDS['serial'][2]:.2f}s" in first


async def test_seed_preset_size_stays_editable() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        size = h.screen.query_one("#size FieldInput")
        size.focus()
        await pilot.pause()
        await pilot.press(*"300k", "r")
        await h.app.workers.wait_for_complete()
        assert h.runner.specs[0].size == 300_000
