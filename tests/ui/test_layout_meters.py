"""Pilot tests of the layout at 100×30, 80×24 and too small, the meters, help, themes, NO_COLOR."""

from __future__ import annotations

import time

import pytest
from textual.geometry import Region
from textual.widget import Widget

from gilbench_tui.monitor import CoreSample
from gilbench_tui.ui.screens.help import HelpScreen
from gilbench_tui.ui.widgets.bar_chart import BarChart
from gilbench_tui.ui.widgets.chart_legend import ChartLegend
from gilbench_tui.ui.widgets.core_meter import CoreMeter
from tests.demo import DemoRunner, DemoSampler

from .support import harness, wait_until

# The seed preset measures 2, 3 and 4 workers: speedup is drawn against workers (the sweep chart).
SECTIONS = ("#spec", "#verdict", "#meter", "#progress", "#results", "#time-chart", "#sweep-chart")


def on_screen(widget: Widget, width: int, height: int) -> bool:
    region = widget.region
    return bool(region.area) and Region(0, 0, width, height - 1).contains_region(region)


async def test_everything_fits_one_screen_at_100x30_with_128_cores() -> None:
    h = harness(sampler=DemoSampler(cores=128))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "r")
        await h.app.workers.wait_for_complete()
        h.screen.sample_cores()
        await pilot.pause()
        for selector in SECTIONS:
            widget = h.app.query_one(selector)
            assert on_screen(widget, 100, 30), f"{selector} is not fully on screen: {widget.region}"
        assert h.app.query_one(CoreMeter).region.height <= 4


async def test_at_80x24_everything_is_reachable_by_scrolling() -> None:
    h = harness()
    async with h.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "r")
        await h.app.workers.wait_for_complete()
        right = h.app.query_one("#right")
        right.focus()
        await pilot.press("end")
        await pilot.pause()
        chart = h.app.query_one("#sweep-chart")
        assert right.region.overlaps(chart.region)
        h.app.query_one("#verdict").focus()
        await pilot.pause()
        verdict = h.app.query_one("#verdict")
        assert h.app.query_one("#left").region.overlaps(verdict.region)


@pytest.mark.parametrize("size", [(50, 14), (59, 30), (100, 15), (20, 5), (1, 1)])
async def test_too_small_terminal_shows_a_note_not_a_crash(size: tuple[int, int]) -> None:
    h = harness()
    async with h.app.run_test(size=size) as pilot:
        await pilot.pause()
        assert h.app.query_one("#too-small").display
        assert not h.app.query_one("#main").display
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not h.app.query_one("#too-small").display
        assert h.app.query_one("#main").display


async def test_meters_sample_the_worker_tree_while_a_run_is_on() -> None:
    pids: list[int | None] = []

    class Recording(DemoSampler):
        def sample(self, root_pid: int | None = None) -> CoreSample:
            pids.append(root_pid)
            return super().sample(root_pid)

    sampler = Recording(cores=4)
    runner = DemoRunner(hold_at=2, pid=4242)
    h = harness(runner=runner, sampler=sampler)
    async with h.app.run_test(size=(100, 30)) as pilot:
        h.screen.sample_cores()
        await pilot.press("r")
        await wait_until(pilot, lambda: h.screen.watched_pid == 4242)
        h.screen.sample_cores()
        meter = h.app.query_one(CoreMeter)
        assert meter.sample is not None and meter.sample.tree_percent is not None
        assert "worker tree" in str(meter.render())
        runner.release.set()
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        h.screen.sample_cores()
        assert pids == [None, 4242, None]
        assert len(h.screen.tree_history) == 3


async def test_meter_timer_ticks_at_most_twice_a_second_and_never_redraws_charts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draws: list[str] = []
    original = BarChart._draw

    def counting(self: BarChart, width: int, height: int) -> None:
        draws.append(self.kind)
        original(self, width, height)

    monkeypatch.setattr(BarChart, "_draw", counting)
    sampler = DemoSampler(cores=8)
    h = harness(sampler=sampler, ticks=0.01)
    assert h.app.services.meter_interval_s == 0.5
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        drawn = len(draws)
        assert drawn >= 2
        before, began = sampler.calls, time.monotonic()
        await wait_until(pilot, lambda: sampler.calls >= before + 2, steps=3000)
        elapsed = time.monotonic() - began
        # An upper bound only: a busy machine may tick less often, never more.
        assert sampler.calls - before <= elapsed / 0.5 + 1
        assert len(draws) == drawn, "meter ticks must not redraw the charts"


async def test_question_mark_opens_help_and_closes_it() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(h.app.screen, HelpScreen)
        text = h.app.screen.query_one("#help-text").source  # type: ignore[attr-defined]
        for needle in ("processes-spawn", "global interpreter lock", "releases the GIL", "hashlib"):
            assert needle in text
        await pilot.press("question_mark")
        assert h.app.screen is h.screen
        await pilot.press("question_mark", "escape")
        assert h.app.screen is h.screen


async def test_themes_switch_without_trouble() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        for theme in ("textual-light", "nord", "textual-dark"):
            h.app.theme = theme
            await pilot.pause()
        assert h.app.query_one("#time-chart").region.area


async def test_no_color_tells_series_apart_by_fill(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    h = harness()
    assert h.app.no_color
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        legend = str(h.app.query_one(ChartLegend).content)
        assert "█ serial" in legend and "▒ threads" in legend


async def test_others_load_and_unusable_cores_are_shown_apart_from_ours() -> None:
    """Someone else's load gets a number of its own; cores outside the affinity are crossed."""

    class Shared(DemoSampler):
        def sample(self, root_pid: int | None = None) -> CoreSample:
            # Both cores full: the worker tree uses one, another program the other.
            return CoreSample(
                (100.0, 90.0), tree_percent=100.0, tree_processes=2, own_percent=2.0,
                unusable=frozenset({1}),
            )  # fmt: skip

    h = harness(sampler=Shared(cores=2))
    async with h.app.run_test(size=(100, 30)) as pilot:
        h.screen.sample_cores()
        await pilot.pause()
        text = str(h.app.query_one(CoreMeter).render())
        assert "others 0.9" in text
        assert "(1 usable)" in text
        assert " 1×" in text, "the core outside the affinity mask is marked"


def test_others_are_what_the_worker_tree_and_the_app_do_not_use() -> None:
    idle_machine = CoreSample((3.0, 2.0), own_percent=1.0)
    assert idle_machine.others_cores == 0.04
    busy = CoreSample((100.0, 100.0), tree_percent=120.0, own_percent=5.0)
    assert abs(busy.others_cores - 0.75) < 1e-9
    assert CoreSample((50.0,), tree_percent=90.0).others_cores == 0.0
