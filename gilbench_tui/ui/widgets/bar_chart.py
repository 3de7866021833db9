"""A grouped bar chart of one run, drawn with the widget's own plotext figure.

The figure is rebuilt only when `plot()` is given new results or the widget is resized; the
meters' ticks never touch it, so a run pays for chart drawing once, when it ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from rich.text import Text
from textual.app import RenderResult
from textual.color import Color
from textual_plotext import PlotextPlot

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.ui.chart_data import Bars, colour_of, marker_of, speedup_bars, time_bars

#: Rows and columns plotext spends on the title, frame and tick labels around the bars.
PLOT_FRAME_ROWS = 4
PLOT_FRAME_COLUMNS = 8
#: Room above the tallest bar for its label, in rows.
LABEL_ROWS = 1.5
#: plotext's default bar width, as a share of a group's slot.
BAR_WIDTH = 0.8

KINDS: dict[str, Callable[[RunDocument | None], Bars]] = {
    "time": time_bars,
    "speedup": speedup_bars,
}


class BarChart(PlotextPlot):
    """`kind` is "time" (median seconds) or "speedup" (over serial)."""

    DEFAULT_CSS = """
    BarChart {
        min-height: 8;
        min-width: 24;
        text-align: center;
    }
    """

    def __init__(self, kind: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        if kind not in KINDS:
            raise ValueError(f"unknown chart kind {kind!r}")
        self.kind = kind
        self.bars = KINDS[kind](None)
        #: The strategies in legend order, so plain markers match the legend's.
        self.order: list[str] = []
        self._drawn_for: tuple[int, int] | None = None

    def plot(self, document: RunDocument | None) -> None:
        self.bars = KINDS[self.kind](document)
        self.order = list(document.spec.strategies) if document is not None else []
        self._drawn_for = None
        self.refresh()

    def render(self) -> RenderResult:
        if self.bars.empty:
            return Text(f"{self.bars.title}\n\nno results yet", justify="center", style="dim")
        size = (self.size.width, self.size.height)
        if size != self._drawn_for:
            self._draw(*size)
            self._drawn_for = size
        return super().render()

    def _draw(self, width: int, height: int) -> None:
        """Rebuild the figure for this size; value labels only when every bar has room for one."""
        plt = self.plt
        plt.clear_figure()
        bars = self.bars
        plt.title(bars.title)
        names = list(bars.series)
        plain = self.app.no_color
        slot = (width - PLOT_FRAME_COLUMNS) / max(1, len(bars.workers))
        plt.multiple_bar(
            bars.groups(int(slot)),
            [bars.series[name] for name in names],
            # plotext takes a list (one per series) where its stubs say a single value.
            color=cast(Any, None if plain else [colour_of(name) for name in names]),
            marker=cast(Any, [marker_of(name, self.order) for name in names] if plain else "hd"),
        )
        top = max(max(values) for values in bars.series.values())
        if bars.reference is not None:
            plt.hline(bars.reference, "gray")
            top = max(top, bars.reference)
        rows = max(1, height - PLOT_FRAME_ROWS)
        top *= 1 + LABEL_ROWS / rows
        plt.ylim(0, top)
        labels = self._labels(bars, int(slot * BAR_WIDTH / len(names)))
        if labels is None:
            return
        background = Color.parse(self.app.theme_variables.get("surface", "black")).rgb
        for index, name in enumerate(names):
            offset = -0.5 + (index + 0.5) / len(names)
            for group, value in enumerate(bars.series[name]):
                if value <= 0:
                    continue
                plt.text(
                    labels[name][group],
                    x=group + 1 + offset * BAR_WIDTH,
                    y=value + top / rows,
                    alignment="center",
                    color="default" if plain else colour_of(name),
                    background="default" if plain else background,
                )

    @staticmethod
    def _labels(bars: Bars, room: int) -> dict[str, list[str]] | None:
        """Every bar's value in the most precise format that fits above every bar, or None."""
        for precision in bars.label_formats:
            labels = {
                name: [precision.format(v) for v in values] for name, values in bars.series.items()
            }
            if max(len(label) for row in labels.values() for label in row) < room:
                return labels
        return None
