"""Pilot tests of the lab in the app: the interpreter pane (found off the event loop), the options,
the sweep chart, the Amdahl fit, the extra columns and strategies that could not run."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

from textual.widgets import Select, SelectionList

from gilbench_tui.engine.interpreters import InterpreterInfo
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.ui.screens.help import HelpScreen
from gilbench_tui.ui.widgets.interpreter_pane import PAUSED, SEARCHING, InterpreterPane
from gilbench_tui.ui.widgets.options_pane import OptionsPane
from gilbench_tui.ui.widgets.results_table import ResultsTable
from gilbench_tui.ui.widgets.run_charts import RunCharts
from gilbench_tui.ui.widgets.spec_form import SpecForm
from gilbench_tui.ui.widgets.sweep_chart import SweepChart
from gilbench_tui.ui.widgets.unavailable_note import UnavailableNote
from gilbench_tui.ui.widgets.verdict_view import VerdictView
from tests.demo import DemoRunner, demo_interpreters

from .support import SPEC, discovered, harness, wait_until

INTERPRETERS = demo_interpreters()
FREE, LEGACY = INTERPRETERS[2], INTERPRETERS[4]
Found = tuple[list[InterpreterInfo], list[str]]


class BlockingDiscover:
    """A search that waits for `release` (or a cancellation), recording how it was called."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls: list[threading.Thread] = []
        self.cancelled: list[bool] = []

    def __call__(self, cancelled: Callable[[], bool]) -> Found:
        self.calls.append(threading.current_thread())
        while not self.release.wait(0.005):
            if cancelled():
                self.cancelled.append(True)
                return INTERPRETERS[:2], []
        self.cancelled.append(False)
        return list(INTERPRETERS), ["interpreter /usr/bin/python3.6 failed to start: boom"]


def options_of(select: Select[str]) -> list[str]:
    return [str(prompt) for prompt, _ in select._options]


async def test_the_search_runs_off_the_event_loop_and_the_app_stays_responsive() -> None:
    search = BlockingDiscover()
    h = harness(discover=search)
    async with h.app.run_test(size=(100, 30)) as pilot:
        pane = h.app.query_one(InterpreterPane)
        await wait_until(pilot, lambda: bool(search.calls))
        assert search.calls[0] is not threading.main_thread()
        assert pane.searching
        assert SEARCHING in str(pane.query_one(".interpreter-about").render())
        await pilot.press("question_mark")
        assert isinstance(h.app.screen, HelpScreen), "keys work while the search probes"
        await pilot.press("escape")
        search.release.set()
        await discovered(h, pilot)
        labels = options_of(pane.select)
        assert labels == ["3.12.3", "3.13.1", "3.13.1t", "PyPy 3.10.14", "2.7.18 seed only"]
        assert pane.value is None, "the running Python is the default"
        assert "this Python" in str(pane.query_one(".interpreter-about").render())
        assert "did not answer" in str(pane.query_one(".interpreter-about").tooltip)


async def test_choosing_an_interpreter_sets_spec_python() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await discovered(h, pilot)
        pane = h.app.query_one(InterpreterPane)
        pane.select.focus()
        await pilot.press("enter", "down", "down", "enter")
        assert pane.value == FREE.path
        assert str(pane.query_one(".gil-tag").render()) == "GIL off"
        assert "free-threaded" in str(pane.query_one(".interpreter-about").render())
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        assert h.runner.specs[0].python == FREE.path


async def test_a_legacy_interpreter_runs_only_the_seed() -> None:
    h = harness(BenchSpec(workload="sha256", workers=(2,)))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await discovered(h, pilot)
        pane = h.app.query_one(InterpreterPane)
        pane.select.value = LEGACY.path
        await pilot.pause()
        assert str(pane.query_one(".gil-tag").render()) == "seed only"
        await pilot.press("r")
        await pilot.pause()
        assert h.runner.specs == []
        assert "Not run: fix the spec first" in h.note_titles()
        assert "runs only the seed and seed-shared workloads" in h.notes[-1][0]
        assert h.app.focused is pane.select
        about = pane.query_one(".interpreter-about")
        assert "✗" in str(about.render()) and "runs only the seed and seed-shared workloads" in str(
            about.render()
        )
        h.app.query_one("#workload Select", Select).value = "seed"
        await pilot.pause()
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        assert h.runner.specs[0].python == LEGACY.path
        assert not pane.has_class("-invalid")
        assert "✗" not in str(about.render()), "a run that was let in clears the old problem"


async def test_a_run_pauses_the_search_and_it_starts_again_after() -> None:
    search = BlockingDiscover()
    runner = DemoRunner(hold_at=1)
    h = harness(discover=search, runner=runner)
    async with h.app.run_test(size=(100, 30)) as pilot:
        pane = h.app.query_one(InterpreterPane)
        await wait_until(pilot, lambda: bool(search.calls))
        await pilot.press("r")
        await wait_until(pilot, lambda: search.cancelled == [True])
        assert PAUSED in str(pane.query_one(".interpreter-about").render())
        assert len(search.calls) == 1, "no probing while the run measures"
        search.release.set()
        runner.release.set()
        await wait_until(pilot, lambda: len(search.calls) == 2)
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert not pane.searching and len(pane.found) == len(INTERPRETERS)
        assert len(h.runner.specs) == 1


async def test_a_preset_python_the_search_did_not_find_is_kept() -> None:
    custom = "/opt/custom/bin/python3.12"
    h = harness(BenchSpec(workers=(2,), python=custom))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await discovered(h, pilot)
        pane = h.app.query_one(InterpreterPane)
        assert options_of(pane.select)[0] == "python3.12"
        assert pane.value == custom
        assert h.app.query_one(SpecForm).read().python == custom


async def test_a_failing_search_is_reported_in_the_pane() -> None:
    def broken(cancelled: Callable[[], bool]) -> Found:
        raise RuntimeError("no PATH")

    h = harness(discover=broken)
    async with h.app.run_test(size=(100, 30)) as pilot:
        pane = h.app.query_one(InterpreterPane)
        await wait_until(pilot, lambda: not pane.searching)
        about = str(pane.query_one(".interpreter-about").render())
        assert "interpreter search failed: RuntimeError: no PATH" in about
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        assert h.runner.specs[0].python is None


async def test_options_unfold_toggle_and_reach_the_spec() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        options = h.app.query_one(OptionsPane)
        assert options.collapsed
        options.query_one("CollapsibleTitle").focus()
        await pilot.press("enter")
        assert not options.collapsed
        await pilot.press("tab", "space", "down", "space", "tab", *"0.5", "tab")
        assert str(options.title) == "options: 3 on"
        await pilot.press("tab")  # past the Dask scheduler, left empty: a local cluster
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        spec = h.runner.specs[0]
        assert (spec.return_data, spec.latency_probe) == (True, True)
        assert spec.switch_interval_s == 0.0005


async def test_a_bad_switch_interval_is_refused_and_unfolds_the_options() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        options = h.app.query_one(OptionsPane)
        options.switch_pane.set_text("5000")
        await pilot.press("r")
        await pilot.pause()
        assert h.runner.specs == []
        assert "between 0.001 and 1000 ms" in h.notes[-1][0]
        assert not options.collapsed
        assert h.app.focused is options.switch_pane.input


async def test_a_preset_with_options_shows_them_folded() -> None:
    spec = SPEC.with_changes(latency_probe=True, switch_interval_s=0.001)
    h = harness(spec)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await discovered(h, pilot)
        options = h.app.query_one(OptionsPane)
        assert options.collapsed and str(options.title) == "options: 2 on"
        assert h.app.query_one(SpecForm).read() == spec
        await pilot.press("s")
        assert str(options.title) == "options", "the seed preset turns the options off"


async def test_three_worker_counts_draw_the_sweep_chart() -> None:
    h = harness(BenchSpec(workers=(1, 2, 4, 8)))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        charts = h.app.query_one(RunCharts)
        assert charts.sweep
        sweep = h.app.query_one(SweepChart)
        assert sweep.region.area and not h.app.query_one("#speedup-chart").region.area
        assert sweep.data.workers == [1, 2, 4, 8]
        assert sweep.data.ideal == [1.0, 2.0, 4.0, 8.0]
        assert set(sweep.data.series) == {"threads", "processes"}
        verdict = str(h.app.query_one(VerdictView).render())
        assert "Amdahl serial fraction: processes" in verdict


async def test_two_worker_counts_keep_the_grouped_bars() -> None:
    h = harness(BenchSpec(workers=(2, 4)))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert not h.app.query_one(RunCharts).sweep
        assert h.app.query_one("#speedup-chart").region.area


async def test_unavailable_strategies_are_named_with_their_reason() -> None:
    runner = DemoRunner(unavailable={"subinterpreters": "needs Python 3.12 or newer"})
    spec = SPEC.with_changes(strategies=("serial", "threads", "subinterpreters"))
    h = harness(spec, runner=runner)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        note = h.app.query_one(UnavailableNote)
        assert note.display and note.region.area
        assert "subinterpreters did not run: needs Python 3.12 or newer" in str(note.render())
        assert h.app.query_one(ResultsTable).row_count == 2
        assert "did not run" not in str(h.app.query_one(VerdictView).render()), "said once"
        legend = str(h.app.query_one("#legend").render())
        assert "subinterpreters" not in legend


async def test_pool_transfer_and_wake_columns_appear_when_measured() -> None:
    spec = SPEC.with_changes(
        workload="pidigits",
        strategies=("serial", "threads", "process-pool"),
        return_data=True,
        latency_probe=True,
    )
    h = harness(spec)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        table = h.app.query_one(ResultsTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert labels[-3:] == ["pool", "transfer", "wake p99"]
        assert "eff" not in labels
        pool_row = [str(cell) for cell in table.get_row_at(2)]
        assert pool_row[0] == "process-pool" and pool_row[-3:] == ["21ms", "8.0ms", "120µs"]
        threads_row = [str(cell) for cell in table.get_row_at(1)]
        assert threads_row[-3:] == ["–", "–", "5.1ms"]
        assert not h.app.query_one(UnavailableNote).display


async def test_running_python_is_none_in_the_spec_even_when_chosen_again() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await discovered(h, pilot)
        pane = h.app.query_one(InterpreterPane)
        pane.select.value = FREE.path
        pane.select.value = sys.executable
        await pilot.pause()
        assert pane.value is None


async def test_strategies_list_still_toggles_beside_the_option_toggles() -> None:
    h = harness(BenchSpec(strategies=("serial",), workers=(2,)))
    async with h.app.run_test(size=(100, 30)) as pilot:
        strategies = h.app.query_one("#strategies SelectionList", SelectionList)
        strategies.focus()
        await pilot.press("down", "space", "r")
        await h.app.workers.wait_for_complete()
        spec = h.runner.specs[0]
        assert spec.strategies == ("serial", "threads")
        assert (spec.return_data, spec.latency_probe) == (False, False)


async def test_a_free_threaded_build_offers_x_gil_and_hides_the_switch_interval() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await discovered(h, pilot)
        options = h.app.query_one(OptionsPane)
        assert not options.gil_choices.display and options.switch_pane.display
        pane = h.app.query_one(InterpreterPane)
        pane.select.focus()
        await pilot.press("enter", "down", "down", "enter")
        await pilot.pause()
        assert pane.value == FREE.path
        assert "free-threaded (experimental)" in str(pane.query_one(".interpreter-about").render())
        assert options.gil_choices.display, "-X gil=0/1 is offered on a free-threaded build"
        assert not options.switch_pane.display, "no GIL, nothing to switch"
        options.query_one("CollapsibleTitle").focus()
        await pilot.press("enter", "tab", "tab", "down", "space")  # -X gil=1
        await pilot.pause()
        assert options.gil == 1 and options.switch_pane.display
        await pilot.press("up", "space")  # -X gil=0 replaces it
        await pilot.pause()
        assert options.gil_choices.selected == [0] and not options.switch_pane.display
        assert "-X gil=0" in str(options.title)
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        assert h.runner.specs[-1].gil == 0 and h.runner.specs[-1].switch_interval_s is None
        pane.select.focus()
        await pilot.press("enter", "up", "up", "enter")  # back to a GIL build
        await pilot.pause()
        assert not options.gil_choices.display and options.gil is None
        assert options.switch_pane.display
