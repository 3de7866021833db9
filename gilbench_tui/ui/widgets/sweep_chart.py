"""Speedup against worker count, a line per strategy beside the ideal, for runs that swept several
worker counts: where a strategy bends away from the ideal is where it stops scaling. Each point
wide enough to show has its 95% interval as a whisker in its line's colour."""

from __future__ import annotations

from typing import Any, cast

from gilbench_tui.render.chart import at_workers, whiskers
from gilbench_tui.render.palette import IDEAL_COLOUR, colour_of, marker_of
from gilbench_tui.render.series import sweep_lines
from gilbench_tui.ui.widgets.run_plot import RunPlot

#: Worker counts labelled on the x axis at most; more are left to plotext's own ticks.
MAX_X_TICKS = 8
#: Rows plotext spends on the title, frame and tick labels around the lines.
FRAME_ROWS = 4


class SweepChart(RunPlot):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(sweep_lines, id=id)

    def _draw(self, width: int, height: int) -> None:
        plt = self.plt
        lines = self.data
        plt.title(f"{lines.title} · grey: ideal")
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
        top = lines.top * 1.05
        colour = (lambda name: "default") if plain else colour_of
        whiskers(plt, lines, height - FRAME_ROWS, top, colour, at_workers(lines))
        if len(lines.workers) <= MAX_X_TICKS:
            plt.xticks([float(k) for k in lines.workers], [str(k) for k in lines.workers])
        plt.ylim(0, top)
