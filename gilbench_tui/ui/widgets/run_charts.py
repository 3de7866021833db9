"""The charts of one run side by side: median time, and speedup as grouped bars, or, when three
or more worker counts were measured, as lines against the worker count."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render.series import is_sweep
from gilbench_tui.ui.widgets.bar_chart import BarChart
from gilbench_tui.ui.widgets.sweep_chart import SweepChart


class RunCharts(Horizontal):
    def compose(self) -> ComposeResult:
        yield BarChart("time", id="time-chart")
        yield BarChart("speedup", id="speedup-chart")
        yield SweepChart(id="sweep-chart")

    def on_mount(self) -> None:
        self.query_one(SweepChart).display = False

    @property
    def sweep(self) -> bool:
        """True when the speedup is drawn against the worker count."""
        return bool(self.query_one(SweepChart).display)

    def plot(self, document: RunDocument | None) -> None:
        sweep = is_sweep(document)
        self.query_one("#speedup-chart", BarChart).display = not sweep
        self.query_one(SweepChart).display = sweep
        for chart in self.query(BarChart):
            chart.plot(document)
        self.query_one(SweepChart).plot(document)
