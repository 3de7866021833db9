"""The CLI's charts: whiskers for the 95% intervals, and the legend on a line of its own, off the
bars. Drawn without colour, so the text can be read back."""

from __future__ import annotations

from dataclasses import replace

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render import chart, series
from tests.factories import run_document

RUN = run_document()
ORDER = ["serial", "threads", "processes"]


def widened(run: RunDocument, share: float) -> RunDocument:
    """Every speedup but serial's with an interval `share` of it wide each side."""
    results = [
        r
        if r.strategy == "serial" or r.speedup is None
        else replace(r, speedup_ci95=(r.speedup * (1 - share), r.speedup * (1 + share)))
        for r in run.results
    ]
    return replace(run, results=results)


def plot_area(text: str) -> list[str]:
    """The rows inside the frame, without the frame itself."""
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if "┌" in line)
    bottom = next(i for i, line in enumerate(lines) if "└" in line)
    left, right = lines[top].index("┌"), lines[top].index("┐")
    return [line[left + 1 : right] for line in lines[top + 1 : bottom]]


def test_the_legend_is_a_line_under_the_chart_not_over_the_bars() -> None:
    text = chart.bar_chart(series.speedup_bars(RUN), ORDER, 60, 14, color=False)
    *drawn, legend = text.splitlines()
    assert legend == "    ▒▒ threads  ░░ processes"
    assert not any("threads" in row or "processes" in row for row in drawn)


def test_wide_intervals_draw_whiskers_and_narrow_ones_do_not() -> None:
    speedups = series.speedup_bars(widened(RUN, 0.3))
    wide = plot_area(chart.bar_chart(speedups, ORDER, 60, 14, color=False))
    assert sum(row.count(chart.WHISKER) for row in wide) >= 4
    narrow = plot_area(
        chart.bar_chart(series.speedup_bars(widened(RUN, 0.01)), ORDER, 60, 14, color=False)
    )
    assert not any(chart.WHISKER in row for row in narrow)


def test_the_axis_reaches_the_top_of_the_highest_whisker() -> None:
    speedups = series.speedup_bars(widened(RUN, 0.3))
    assert speedups.top == 1.96 * 1.3
    text = chart.bar_chart(speedups, ORDER, 60, 14, color=False)
    top_tick = float(text.splitlines()[2].split("┤")[0])
    assert top_tick >= 1.96 * 1.3 * 0.99


def test_whiskers_stand_in_their_bars() -> None:
    assert chart.bar_x(0, 0, 1) == 1.0
    assert chart.bar_x(1, 0, 2) == 2 - 0.25 * chart.BAR_WIDTH
    assert chart.bar_x(1, 1, 2) == 2 + 0.25 * chart.BAR_WIDTH


def test_every_chart_of_a_sweep_has_its_legend_line() -> None:
    sweep = run_document(
        [r for k in (2, 4, 8) for r in (replace(x, workers=k) for x in RUN.results)]
    )
    drawn = chart.run_charts(sweep, width=80, color=False)
    assert [text.splitlines()[-1].split()[1] for text in drawn] == ["serial", "threads", "ideal"]
