"""SVG snapshots of the main states on fixed fake data (pytest-textual-snapshot).

Update the baselines with `pytest tests/ui/test_snapshots.py --snapshot-update` after looking at
the differences in the report; the demo runner, sampler, interpreters and history keep the pictures
machine-independent. Every picture waits for the interpreter search first, so the python pane
shows the same thing each time.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.ui.widgets.field_input import FieldInput
from gilbench_tui.ui.widgets.results_table import ResultsTable
from tests.demo import DemoRunner, DemoSampler, demo_comparison, demo_history
from tests.ui.busy import BusyRunner

from .support import Harness, MemoryStore, discovered, harness, table_settled, wait_until

SCALING = BenchSpec(
    workload="seed",
    size=2_000_000,
    workers=(2, 4, 8),
    strategies=("serial", "threads", "processes"),
)


def meters(h: Harness, samples: int = 8) -> None:
    for _ in range(samples):
        h.screen.sample_cores()


async def settle(h: Harness, pilot: Pilot[Any]) -> None:
    meters(h)
    table = h.app.query_one(ResultsTable)
    await wait_until(pilot, lambda: table.row_count > 0 and table_settled(table))
    await pilot.pause()


async def finish_run(h: Harness, pilot: Pilot[Any]) -> None:
    await discovered(h, pilot)
    await pilot.press("r")
    await h.app.workers.wait_for_complete()
    h.app.clear_notifications()
    await settle(h, pilot)


def test_idle(snap_compare: Any) -> None:
    h = harness(SCALING)

    async def before(pilot: Pilot[Any]) -> None:
        await discovered(h, pilot)
        meters(h, 1)

    assert snap_compare(h.app, terminal_size=(100, 30), run_before=before)


def test_mid_run_on_a_128_core_server(snap_compare: Any) -> None:
    h = harness(SCALING, runner=DemoRunner(cores=128, hold_at=8), sampler=DemoSampler(cores=128))

    async def before(pilot: Pilot[Any]) -> None:
        await discovered(h, pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: h.screen.watched_pid is not None)
        await pilot.pause()
        meters(h)

    assert snap_compare(h.app, terminal_size=(100, 30), run_before=before)


def test_results_with_both_charts(snap_compare: Any) -> None:
    h = harness(SCALING)

    async def before(pilot: Pilot[Any]) -> None:
        await finish_run(h, pilot)

    assert snap_compare(h.app, terminal_size=(100, 30), run_before=before)


def test_seed_preset_beside_the_article(snap_compare: Any) -> None:
    h = harness()

    async def before(pilot: Pilot[Any]) -> None:
        await discovered(h, pilot)
        await pilot.press("s")
        await finish_run(h, pilot)

    assert snap_compare(h.app, terminal_size=(100, 30), run_before=before)


def test_results_at_80x24(snap_compare: Any) -> None:
    h = harness(SCALING)

    async def before(pilot: Pilot[Any]) -> None:
        await finish_run(h, pilot)

    assert snap_compare(h.app, terminal_size=(80, 24), run_before=before)


def test_bad_size_inline_error(snap_compare: Any) -> None:
    h = harness(SCALING)

    async def before(pilot: Pilot[Any]) -> None:
        await discovered(h, pilot)
        meters(h, 1)
        field = h.app.query_one("#size FieldInput", FieldInput)
        field.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        field.focus()
        await pilot.pause()
        await pilot.press(*"2x", "r")

    assert snap_compare(h.app, terminal_size=(100, 30), run_before=before)


def test_help(snap_compare: Any) -> None:
    h = harness()

    async def before(pilot: Pilot[Any]) -> None:
        await discovered(h, pilot)
        await pilot.press("question_mark")

    assert snap_compare(h.app, terminal_size=(100, 30), run_before=before)


def test_too_small(snap_compare: Any) -> None:
    h = harness()

    async def before(pilot: Pilot[Any]) -> None:
        await discovered(h, pilot)

    assert snap_compare(h.app, terminal_size=(50, 14), run_before=before)


def test_light_theme(snap_compare: Any) -> None:
    h = harness(SCALING)

    async def before(pilot: Pilot[Any]) -> None:
        h.app.theme = "textual-light"
        await finish_run(h, pilot)

    assert snap_compare(h.app, terminal_size=(100, 30), run_before=before)


def test_failed_run_keeps_partial_results(snap_compare: Any) -> None:
    failing = DemoRunner(fail="the worker process was killed by SIGKILL", partial=True)
    h = harness(SCALING, runner=failing)

    async def before(pilot: Pilot[Any]) -> None:
        await discovered(h, pilot)
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await settle(h, pilot)

    assert snap_compare(h.app, terminal_size=(100, 30), run_before=before)


def history_harness() -> Harness:
    return harness(SCALING, store=MemoryStore(demo_history(), skipped=["line 4: not valid JSON"]))


async def open_history(h: Harness, pilot: Pilot[Any]) -> None:
    await discovered(h, pilot)
    await pilot.press("h")
    await h.app.workers.wait_for_complete()
    await pilot.pause()


def test_history_list_with_a_skipped_line_and_two_marks(snap_compare: Any) -> None:
    h = history_harness()

    async def before(pilot: Pilot[Any]) -> None:
        await open_history(h, pilot)
        await pilot.press("space", "down", "down", "down", "space", "up")
        await pilot.pause()

    assert snap_compare(h.app, terminal_size=(100, 30), run_before=before)


def test_compare_view(snap_compare: Any) -> None:
    h = history_harness()

    async def before(pilot: Pilot[Any]) -> None:
        await open_history(h, pilot)
        await pilot.press("space", "down", "down", "down", "space", "c")
        await pilot.pause()

    assert snap_compare(h.app, terminal_size=(100, 30), run_before=before)


def test_lab_run_from_history_with_extra_columns_and_an_unavailable_strategy(
    snap_compare: Any,
) -> None:
    h = history_harness()

    async def before(pilot: Pilot[Any]) -> None:
        await open_history(h, pilot)
        await pilot.press("down", "enter")
        table = h.app.screen.query_one(ResultsTable)
        await wait_until(pilot, lambda: table.row_count > 0 and table_settled(table))
        await pilot.pause()

    assert snap_compare(h.app, terminal_size=(100, 30), run_before=before)


def test_a_busy_machine_keeps_its_warnings_in_view(snap_compare: Any) -> None:
    h = harness(runner=BusyRunner(), sampler=DemoSampler(cores=2))

    async def before(pilot: Pilot[Any]) -> None:
        await finish_run(h, pilot)

    assert snap_compare(h.app, terminal_size=(100, 30), run_before=before)


def test_a_stored_comparison_reopened_from_the_history(snap_compare: Any) -> None:
    h = harness(SCALING, store=MemoryStore(demo_comparison()))

    async def before(pilot: Pilot[Any]) -> None:
        await open_history(h, pilot)
        await pilot.press("m")
        await pilot.pause()

    assert snap_compare(h.app, terminal_size=(100, 30), run_before=before)
