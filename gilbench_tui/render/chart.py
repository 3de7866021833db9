"""The run's charts for the CLI, drawn by plotext from the series `render.series` builds: median
time and speedup as grouped bars, and for three or more worker counts speedup against workers.

Each bar carries a whisker, a vertical line from its 95% interval's low end to its high end
(`whiskers`, shared with the app's bar charts); an interval narrower than a row of the chart is
left undrawn, since the chart cannot show it. The legend is a line of its own under each chart,
never drawn over the bars. Each chart gets its own plotext figure; the module-global plotext API
is never used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

import plotext
from plotext._figure import _figure_class

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render import series
from gilbench_tui.render.palette import IDEAL_COLOUR, colour_of, marker_of
from gilbench_tui.render.series import Chart

#: Columns plotext spends on the frame and tick labels beside the bars.
FRAME_COLUMNS = 8
#: Rows it spends on the title, the frame and the tick labels under the bars.
FRAME_ROWS = 4
#: plotext's default bar width, as a share of a group's slot.
BAR_WIDTH = 0.8
WHISKER = "│"
#: Room above the tallest bar or whisker, as a share of it.
HEADROOM = 0.05


def bar_x(group: int, index: int, count: int) -> float:
    """Where plotext centres bar `index` of `count` in group `group` (both from 0)."""
    offset = -0.5 + (index + 0.5) / count
    return group + 1 + offset * BAR_WIDTH


def whiskers(
    fig: Any,
    chart: Chart,
    rows: int,
    top: float,
    color: Callable[[str], Any],
    at: Callable[[int, int, int], float] = bar_x,
) -> None:
    """Draw each interval on `fig` (a plotext figure, or textual-plotext's) as a vertical line
    from its low end to its high end, `at` the x of (group, series index, series count): through
    a bar's centre by default; `color` gives each series' colour by name."""
    names = list(chart.series)
    row = top / max(1, rows)
    for index, name in enumerate(names):
        for group, interval in enumerate(chart.series[name].intervals):
            if interval is None or interval[1] - interval[0] < row:
                continue
            x = at(group, index, len(names))
            fig.plot([x, x], list(interval), marker=WHISKER, color=color(name))


def at_workers(chart: Chart) -> Callable[[int, int, int], float]:
    """For lines against the worker count: a whisker stands at its point's count."""
    return lambda group, index, count: float(chart.workers[group])


def legend(names: Sequence[str], order: Sequence[str], color: bool, ideal: bool = False) -> str:
    """`■ serial  ■ threads`, each square in its strategy's colour; without colour, the fill
    character each series is drawn with."""
    parts = []
    if ideal:
        parts.append(_key("•", IDEAL_COLOUR if color else None) + " ideal")
    for name in names:
        glyph = "■" if color else marker_of(name, order) * 2
        parts.append(_key(glyph, colour_of(name) if color else None) + f" {name}")
    return "    " + "  ".join(parts)


def _key(glyph: str, colour: tuple[int, int, int] | None) -> str:
    return glyph if colour is None else str(plotext.colorize(glyph, colour))


def _figure(title: str, width: int, height: int, color: bool) -> _figure_class:
    fig = _figure_class()
    fig.plotsize(width, height)
    fig.title(title)
    if not color:
        fig.theme("clear")
    return fig


def _text(fig: _figure_class, color: bool) -> str:
    text: str = fig.build()
    return text if color else plotext.uncolorize(text)


def bar_chart(chart: Chart, order: list[str], width: int, height: int, color: bool) -> str:
    fig = _figure(f"{chart.title} · {chart.hint}", width, height, color)
    names = list(chart.series)
    room = (width - FRAME_COLUMNS) // max(1, len(chart.workers))
    fig.multiple_bar(
        chart.groups(room),
        [chart.series[name].filled() for name in names],
        # plotext takes a list (one per series) where its stubs say a single value.
        color=cast(Any, [colour_of(name) for name in names] if color else None),
        marker=cast(Any, None if color else [marker_of(name, order) for name in names]),
    )
    if chart.reference is not None:
        fig.hline(chart.reference, "gray" if color else "default")
    top = chart.top * (1 + HEADROOM)
    whiskers(fig, chart, height - FRAME_ROWS, top, lambda name: "default")
    fig.ylim(0, top)
    return _text(fig, color) + "\n" + legend(names, order, color)


def line_chart(chart: Chart, order: list[str], width: int, height: int, color: bool) -> str:
    fig = _figure(f"{chart.title} · the dotted line is ideal", width, height, color)
    ideal_colour = cast(Any, IDEAL_COLOUR if color else "default")
    fig.plot(chart.workers, chart.ideal, marker="dot", color=ideal_colour)
    for name in chart.series:
        x, y = chart.points(name)
        marker = None if color else marker_of(name, order)
        colour = cast(Any, colour_of(name) if color else "default")
        fig.plot(x, y, marker=marker, color=colour)
    top = chart.top * (1 + HEADROOM)
    colours = colour_of if color else (lambda name: "default")
    whiskers(fig, chart, height - FRAME_ROWS, top, colours, at_workers(chart))
    fig.ylim(0, top)
    fig.xticks(chart.workers)
    fig.xlabel("workers")
    return _text(fig, color) + "\n" + legend(list(chart.series), order, color, ideal=True)


def run_charts(run: RunDocument, width: int = 80, color: bool = True) -> list[str]:
    """Time bars, speedup bars when some strategy has a speedup, and the sweep for 3+ counts."""
    order = list(run.spec.strategies)
    charts = [bar_chart(series.time_bars(run), order, width, 16, color)]
    speedups = series.speedup_bars(run)
    if not speedups.empty:
        charts.append(bar_chart(speedups, order, width, 14, color))
    if series.is_sweep(run):
        charts.append(line_chart(series.sweep_lines(run), order, width, 16, color))
    return charts
