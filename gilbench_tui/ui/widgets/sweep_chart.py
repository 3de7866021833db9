"""Speedup against worker count, a line per strategy beside the ideal, for runs that swept several
worker counts: where a strategy bends away from the ideal is where it stops scaling.

Drawn with the widget's own plotext figure, rebuilt only for new results or a new size.
"""

from __future__ import annotations

from typing import Any, cast

from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.ui.chart_data import Lines, colour_of, marker_of, sweep_lines

#: Worker counts labelled on the x axis at most; more are left to plotext's own ticks.
MAX_X_TICKS = 8
IDEAL_COLOUR = (128, 128, 128)


class SweepChart(PlotextPlot):
    DEFAULT_CSS = """
    SweepChart {
        min-height: 8;
        min-width: 24;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines = sweep_lines(None)
        self.order: list[str] = []
        self._drawn_for: tuple[int, int] | None = None

    def plot(self, document: RunDocument | None) -> None:
        self.lines = sweep_lines(document)
        self.order = list(document.spec.strategies) if document is not None else []
        self._drawn_for = None
        self.refresh()

    def render(self) -> RenderResult:
        if self.lines.empty:
            return Text(f"{self.lines.title}\n\nno results yet", justify="center", style="dim")
        size = (self.size.width, self.size.height)
        if size != self._drawn_for:
            self._draw(self.lines)
            self._drawn_for = size
        return super().render()

    def _draw(self, lines: Lines) -> None:
        plt = self.plt
        plt.clear_figure()
        plt.title(lines.title)
        plain = self.app.no_color
        plt.plot(
            lines.workers,
            lines.ideal,
            color=cast(Any, "default" if plain else IDEAL_COLOUR),
            marker="·" if plain else "braille",
        )
        for name in lines.series:
            x, y = lines.points(name)
            plt.plot(
                x,
                y,
                color=cast(Any, "default" if plain else colour_of(name)),
                marker=marker_of(name, self.order) if plain else "braille",
            )
        if len(lines.workers) <= MAX_X_TICKS:
            plt.xticks([float(k) for k in lines.workers], [str(k) for k in lines.workers])
        top = max([*lines.ideal, *(v for values in lines.series.values() for v in values if v)])
        plt.ylim(0, top * 1.05)
