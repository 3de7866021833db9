"""Pilot tests of a comparison over several interpreters in the app: `a` in the python pane adds
the shown interpreter, `r` measures the spec on each in turn under one comparison id, `x` keeps
what was measured, a failure on one keeps the others, a loaded spec clears the choice, and `m` (on
the main screen and in the history) shows the matrix and what it concludes."""

from __future__ import annotations

from typing import Any

from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Static

from gilbench_tui.engine.cross_interpreter import conclusion
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.render.matrix import matrix_table
from gilbench_tui.ui.messages import MatrixStep
from gilbench_tui.ui.screens.history import HistoryScreen
from gilbench_tui.ui.screens.main import MainScreen
from gilbench_tui.ui.screens.matrix import MatrixScreen
from gilbench_tui.ui.widgets.comparison_note import ComparisonNote
from gilbench_tui.ui.widgets.history_table import HistoryTable
from gilbench_tui.ui.widgets.interpreter_pane import InterpreterPane
from gilbench_tui.ui.widgets.run_progress import RunProgress
from gilbench_tui.ui.widgets.verdict_view import VerdictView
from tests.demo import DemoRunner, demo_comparison, demo_document, demo_interpreters

from .support import SPEC, Harness, MemoryStore, discovered, harness, open_history, wait_until

INTERPRETERS = demo_interpreters()
RUNNING, FREE, LEGACY = INTERPRETERS[0], INTERPRETERS[2], INTERPRETERS[4]


def text_of(widget: Static) -> str:
    return str(widget.render())


async def add(h: Harness, pilot: Pilot[Any], path: str) -> InterpreterPane:
    """Show the interpreter at `path` in the python pane and press a."""
    pane = h.app.query_one(InterpreterPane)
    pane.select.focus()
    pane.select.value = path
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    return pane


async def compare_with_free_threaded(h: Harness, pilot: Pilot[Any]) -> InterpreterPane:
    """The running Python shown, also on the free-threaded 3.13."""
    await discovered(h, pilot)
    pane = await add(h, pilot, FREE.path)
    pane.select.value = RUNNING.path
    await pilot.pause()
    return pane


async def test_a_adds_the_shown_interpreter_and_the_pane_lists_it() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await discovered(h, pilot)
        pane = h.app.query_one(InterpreterPane)
        hint = pane.query_one(".compare-hint", Static)
        also = pane.query_one(".compare-on", Static)
        assert not hint.display or not pane.has_focus_within
        pane.select.focus()
        await pilot.pause()
        assert "a" in h.screen.active_bindings, "the footer offers a while the pane has focus"
        assert hint.display and text_of(hint) == "a: pin 3.12.3 to compare"
        await add(h, pilot, FREE.path)
        assert pane.compare_on == [FREE.path]
        assert text_of(hint) == "a: unpin 3.13.1t"
        assert str(pane.query_one(".gil-tag").render()) == "GIL off", "the select still shows it"
        pane.select.value = RUNNING.path
        await pilot.pause()
        assert also.display and text_of(also) == "also on: 3.13.1t GIL off"
        await add(h, pilot, INTERPRETERS[1].path)
        pane.select.value = RUNNING.path
        await pilot.pause()
        assert text_of(also) == "also on: 3.13.1t GIL off · 3.13.1"
        assert pane.plan() == [
            ("3.12.3", None),
            ("3.13.1t", FREE.path),
            ("3.13.1", INTERPRETERS[1].path),
        ]
        await add(h, pilot, FREE.path)
        assert pane.compare_on == [INTERPRETERS[1].path], "a again takes it out"


async def test_a_refuses_a_seed_only_interpreter_unless_the_spec_is_the_seed() -> None:
    h = harness(BenchSpec(workload="sha256", workers=(2,)))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await discovered(h, pilot)
        pane = await add(h, pilot, LEGACY.path)
        assert pane.compare_on == []
        about = text_of(pane.query_one(".interpreter-about", Static))
        assert pane.has_class("-invalid")
        assert "cannot compare on it" in about and "seed" in about
        h.app.query_one("#workload Select").value = "seed"  # type: ignore[attr-defined]
        await pilot.pause()
        await add(h, pilot, LEGACY.path)
        assert pane.compare_on == [LEGACY.path]
        assert not pane.has_class("-invalid")
        h.app.query_one("#workload Select").value = "sha256"  # type: ignore[attr-defined]
        pane.select.value = RUNNING.path
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert h.runner.specs == [], "the comparison's old interpreter refuses the new workload"
        assert "also on 2.7.18 seed only" in h.notes[-1][0]


async def test_a_pin_the_next_search_does_not_find_is_dropped_and_said() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        pane = await compare_with_free_threaded(h, pilot)
        assert pane.compare_on == [FREE.path]
        pane.set_found([info for info in INTERPRETERS if info.path != FREE.path], [])
        await pilot.pause()
        assert pane.compare_on == []
        assert "Comparison changed" in h.note_titles()


def test_a_pin_without_dask_is_refused_when_the_spec_runs_only_dask() -> None:
    """As for the shown interpreter: refused when nothing else could run there; beside another
    strategy, the worker names dask's as unavailable instead."""
    from dataclasses import replace

    from gilbench_tui.ui.widgets.spec_form import _python_problems

    only = BenchSpec(workload="seed", workers=(2,), strategies=("dask-processes",))
    assert any("dask" in m for m in _python_problems(only, replace(FREE, dask=False)))
    assert _python_problems(only, replace(FREE, dask=True)) == []
    beside = only.with_changes(strategies=("serial", "dask-processes"))
    assert _python_problems(beside, replace(FREE, dask=False)) == []


async def test_r_measures_each_interpreter_in_turn_under_one_comparison() -> None:
    seen: list[Message] = []
    h = harness()
    async with h.app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        await compare_with_free_threaded(h, pilot)
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert [s.python for s in h.runner.specs] == [None, FREE.path]
        assert all(s.with_changes(python=None) == SPEC for s in h.runner.specs)
        steps = {id(m): m for m in seen if isinstance(m, MatrixStep)}  # seen again as it bubbles
        stages = [m.stage for m in steps.values()]
        assert stages == ["1/2 · 3.12.3", "2/2 · 3.13.1t"]
        runs = h.store.runs
        assert len(runs) == 2 and len({r.id for r in runs}) == 2
        assert runs[0].comparison is not None and runs[0].comparison.startswith("cmp-")
        assert runs[1].comparison == runs[0].comparison
        assert h.screen.document == runs[1], "the last run's results are shown as for one run"
        verdict = text_of(h.app.query_one(VerdictView))
        assert runs[1].verdict_detail is not None
        assert runs[1].verdict_detail.headline in verdict
        note = text_of(h.app.query_one(ComparisonNote))
        lines = conclusion(runs)
        assert lines and all(line in note for line in lines)
        assert "comparison done" in h.app.query_one(RunProgress).label
        assert h.screen.check_action("matrix", ()) is True


async def test_m_shows_the_matrix_and_escape_goes_back() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await compare_with_free_threaded(h, pilot)
        assert h.screen.check_action("matrix", ()) is False
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        screen = h.app.screen
        assert isinstance(screen, MatrixScreen)
        assert screen.runs == h.store.runs
        table = text_of(screen.query_one("#matrix-table", Static))
        assert table == matrix_table(h.store.runs, width=screen.size.width - 4)
        said = text_of(screen.query_one("#matrix-conclusion", Static))
        assert all(line in said for line in conclusion(h.store.runs))
        await pilot.press("escape")
        assert isinstance(h.app.screen, MainScreen)


async def test_x_mid_comparison_keeps_the_first_run_and_what_the_second_measured() -> None:
    runner = DemoRunner(hold_at=3, hold_in=2)
    h = harness(runner=runner)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await compare_with_free_threaded(h, pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: len(runner.specs) == 2 and h.screen.watched_pid is not None)
        assert h.app.query_one(RunProgress).label.startswith("2/2 · 3.13.1t · ")
        subtitle = str(h.app.query_one("#monitor").border_subtitle)
        assert subtitle.startswith("2/2 · CPython 3.13.1"), "the step, then the interpreter once"
        await pilot.press("x")
        await wait_until(pilot, lambda: not h.screen.running)
        assert runner.cancelled
        runs = h.store.runs
        assert len(runs) == 2, "the finished run and the cancelled one's partial are kept"
        assert runs[0].interpreter.version == "3.12.3" and runs[0].comparison is not None
        assert runs[1].comparison == runs[0].comparison
        assert "Comparison cancelled" in h.note_titles()
        assert "cancelled" in h.app.query_one(RunProgress).label
        assert "Comparison cancelled" in text_of(h.app.query_one(ComparisonNote))
        assert h.screen.check_action("matrix", ()) is True


async def test_a_failure_on_one_interpreter_keeps_the_others() -> None:
    runner = DemoRunner(fail="worker crashed: boom [exit 1]", partial=False, fail_on=FREE.path)
    h = harness(runner=runner)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await discovered(h, pilot)
        pane = await add(h, pilot, RUNNING.path)
        pane.select.value = FREE.path  # the failing one first: the next one still runs
        await pilot.pause()
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert [s.python for s in runner.specs] == [FREE.path, None]
        assert [r.interpreter.version for r in h.store.runs] == ["3.12.3"]
        assert h.store.runs[0].comparison is not None
        assert "Run failed" in h.note_titles()
        note = text_of(h.app.query_one(ComparisonNote))
        assert "✗ 3.13.1t: worker crashed: boom [exit 1]" in note
        assert "1 failed" in h.app.query_one(RunProgress).label


async def test_an_unexpected_error_ends_the_comparison_with_what_was_kept() -> None:
    """Not a failed run but a bug: the job stops, the first run stays shown and `m` works."""
    runner = DemoRunner()
    measure = runner.run

    async def second_breaks(spec: BenchSpec, *args: Any, **kwargs: Any) -> Any:
        if runner.specs:
            runner.specs.append(spec)
            raise RuntimeError("engine bug")
        return await measure(spec, *args, **kwargs)

    runner.run = second_breaks  # type: ignore[method-assign]
    h = harness(runner=runner)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await compare_with_free_threaded(h, pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: not h.screen.running)
        await pilot.pause()
        assert len(h.store.runs) == 1 and h.store.runs[0].comparison is not None
        note = text_of(h.app.query_one(ComparisonNote))
        assert "RuntimeError: engine bug" in note
        assert "The run stopped" in h.note_titles()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(h.app.screen, MatrixScreen)


async def test_a_loaded_spec_clears_the_comparison_and_says_so() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        pane = await compare_with_free_threaded(h, pilot)
        h.screen.set_focus(None)
        await pilot.press("s")
        await pilot.pause()
        assert pane.compare_on == []
        assert not pane.query_one(".compare-on").display
        assert "Comparison cleared" in h.note_titles()
        assert "3.13.1t" in h.notes[-2][0] or "3.13.1t" in h.notes[-1][0]
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        assert len(h.runner.specs) == 1 and h.store.runs[0].comparison is None


async def test_the_history_reopens_a_stored_comparison() -> None:
    kept = demo_comparison()
    other = demo_document(
        SPEC, run_id="20250108-090000-0ther1", started_at="2025-01-08T09:00:00+00:00"
    )
    h = harness(store=MemoryStore([*kept, other]))
    async with h.app.run_test(size=(100, 30)) as pilot:
        history = await open_history(h, pilot)
        assert isinstance(history, HistoryScreen)
        assert history.check_action("matrix", ()) is False, "the newest run is in no comparison"
        history.query_one(HistoryTable).move_cursor(row=2)
        await pilot.pause()
        detail = text_of(history.query_one("#history-detail", Static))
        assert "One of 2 runs of comparison cmp-20250107-081530-ab12" in detail
        await pilot.press("m")
        await pilot.pause()
        screen = h.app.screen
        assert isinstance(screen, MatrixScreen)
        assert [r.id for r in screen.runs] == [r.id for r in kept], "oldest first"
        said = text_of(screen.query_one("#matrix-conclusion", Static))
        assert all(line in said for line in conclusion(kept))
        await pilot.press("escape")
        assert h.app.screen is history
