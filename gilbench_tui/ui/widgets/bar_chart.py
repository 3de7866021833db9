"""A grouped bar chart of one run: median time or speedup over serial, by worker count, each bar
with its 95% interval as a whisker (drawn as the CLI draws it, render.chart.whiskers) and, where
every bar has room, its value above it."""

from __future__ import annotations

from typing import Any, cast

from textual.color import Color

from gilbench_tui.render.chart import BAR_WIDTH, bar_x, whiskers
from gilbench_tui.render.palette import colour_of, marker_of
from gilbench_tui.render.series import Chart, speedup_bars, time_bars
from gilbench_tui.ui.widgets.run_plot import Build, RunPlot

#: Rows and columns plotext spends on the title, frame and tick labels around the bars.
PLOT_FRAME_ROWS = 4
PLOT_FRAME_COLUMNS = 8
#: Room above the tallest bar for its label, in rows.
LABEL_ROWS = 1.5

KINDS: dict[str, Build] = {"time": time_bars, "speedup": speedup_bars}


class BarChart(RunPlot):
    """`kind` is "time" (median seconds) or "speedup" (over serial)."""

    DEFAULT_CSS = """
    BarChart {
        text-align: center;
    }
    """

    def __init__(self, kind: str, *, id: str | None = None) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown chart kind {kind!r}")
        super().__init__(KINDS[kind], id=id)
        self.kind = kind

    def _draw(self, width: int, height: int) -> None:
        """Bars for this size; value labels only when every bar has room for one."""
        plt = self.plt
        bars = self.data
        plt.title(bars.title)
        names = list(bars.series)
        plain = self.app.no_color
        slot = (width - PLOT_FRAME_COLUMNS) / max(1, len(bars.workers))
        plt.multiple_bar(
            bars.groups(int(slot)),
            [bars.series[name].filled() for name in names],
            # plotext takes a list (one per series) where its stubs say a single value.
            color=cast(Any, None if plain else [colour_of(name) for name in names]),
            marker=cast(Any, [marker_of(name, self.order) for name in names] if plain else "hd"),
        )
        if bars.reference is not None:
            plt.hline(bars.reference, "gray")
        rows = max(1, height - PLOT_FRAME_ROWS)
        top = bars.top * (1 + LABEL_ROWS / rows)
        plt.ylim(0, top)
        whiskers(plt, bars, rows, top, lambda name: "default")
        labels = self._labels(bars, int(slot * BAR_WIDTH / len(names)))
        if labels is None:
            return
        background = Color.parse(self.app.theme_variables.get("surface", "black")).rgb
        for index, name in enumerate(names):
            series = bars.series[name]
            for group, value in enumerate(series.filled()):
                if value <= 0:
                    continue
                interval = series.intervals[group] if series.intervals else None
                plt.text(
                    labels[name][group],
                    x=bar_x(group, index, len(names)),
                    y=max(value, interval[1] if interval else value) + top / rows,
                    alignment="center",
                    color="default" if plain else colour_of(name),
                    background="default" if plain else background,
                )

    @staticmethod
    def _labels(bars: Chart, room: int) -> dict[str, list[str]] | None:
        """Every bar's value in the most precise format that fits above every bar, or None."""
        for precision in bars.label_formats:
            labels = {
                name: [precision.format(v) for v in series.filled()]
                for name, series in bars.series.items()
            }
            if max(len(label) for row in labels.values() for label in row) < room:
                return labels
        return None
