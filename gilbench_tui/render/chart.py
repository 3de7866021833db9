"""The run's charts for the CLI, drawn by plotext from the series `render.series` builds: median
time and speedup as grouped bars, and for three or more worker counts speedup against workers.

Each chart gets its own plotext figure; the module-global plotext API is never used.
"""

from __future__ import annotations

from typing import Any, cast

import plotext
from plotext._figure import _figure_class

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render import series
from gilbench_tui.render.palette import IDEAL_COLOUR, colour_of, marker_of
from gilbench_tui.render.series import Chart

#: Columns plotext spends on the frame and tick labels beside the bars.
FRAME_COLUMNS = 8


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
        labels=names,
        # plotext takes a list (one per series) where its stubs say a single value.
        color=cast(Any, [colour_of(name) for name in names] if color else None),
        marker=cast(Any, None if color else [marker_of(name, order) for name in names]),
    )
    if chart.reference is not None:
        fig.hline(chart.reference, "gray" if color else "default")
    return _text(fig, color)


def line_chart(chart: Chart, order: list[str], width: int, height: int, color: bool) -> str:
    fig = _figure(f"{chart.title} · the dotted line is ideal", width, height, color)
    ideal_colour = cast(Any, IDEAL_COLOUR if color else "default")
    fig.plot(chart.workers, chart.ideal, label="ideal", marker="dot", color=ideal_colour)
    for name in chart.series:
        x, y = chart.points(name)
        marker = None if color else marker_of(name, order)
        colour = cast(Any, colour_of(name) if color else "default")
        fig.plot(x, y, label=name, marker=marker, color=colour)
    fig.xticks(chart.workers)
    fig.xlabel("workers")
    return _text(fig, color)


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
