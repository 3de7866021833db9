"""plotext bar charts of a run for the CLI: median time by worker count, and speedup over serial.

Each chart gets its own plotext figure; the module-global plotext API is never used.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotext
from plotext._figure import _figure_class

from gilbench_tui.engine.results import RunDocument

PLAIN_MARKERS = ("█", "▒", "░", "#", "=", "+", "o", "x")


def _figure(width: int, height: int, title: str, color: bool) -> _figure_class:
    fig = _figure_class()
    fig.plotsize(width, height)
    fig.title(title)
    if not color:
        fig.theme("clear")
    return fig


def _grouped(
    groups: Sequence[str],
    series: dict[str, list[float]],
    title: str,
    width: int,
    height: int,
    color: bool,
) -> str:
    fig = _figure(width, height, title, color)
    names = list(series)
    markers = None if color else [PLAIN_MARKERS[i % len(PLAIN_MARKERS)] for i in range(len(names))]
    fig.multiple_bar(list(groups), [series[n] for n in names], labels=names, marker=markers)
    text: str = fig.build()
    return text if color else plotext.uncolorize(text)


def time_chart(run: RunDocument, width: int = 80, height: int = 16, color: bool = True) -> str:
    workers = sorted({r.workers for r in run.results})
    slowest = max((r.median_s for r in run.results), default=0.0)
    unit, scale = ("ms", 1e3) if slowest < 1 else ("s", 1.0)
    series: dict[str, list[float]] = {}
    for name in run.spec.strategies:
        values = [getattr(run.result(name, k), "median_s", 0.0) * scale for k in workers]
        if any(values):
            series[name] = values
    groups = [f"{k} worker{'s' if k > 1 else ''}" for k in workers]
    title = f"median time ({unit}) · lower is better"
    return _grouped(groups, series, title, width, height, color)


def speedup_chart(run: RunDocument, width: int = 80, height: int = 14, color: bool = True) -> str:
    workers = sorted({r.workers for r in run.results})
    series: dict[str, list[float]] = {}
    for name in run.spec.strategies:
        if name == "serial":
            continue
        values = [(getattr(run.result(name, k), "speedup", None) or 0.0) for k in workers]
        if any(values):
            series[name] = values
    if not series:
        return ""
    groups = [f"{k} worker{'s' if k > 1 else ''}" for k in workers]
    return _grouped(groups, series, "speedup over serial · higher is better", width, height, color)


def sweep_chart(run: RunDocument, width: int = 80, height: int = 16, color: bool = True) -> str:
    """Speedup against worker count, one line per strategy, beside the ideal; for 3+ counts."""
    workers = sorted({r.workers for r in run.results})
    if len(workers) < 3:
        return ""
    fig = _figure(width, height, "speedup by workers · the dotted line is ideal", color)
    cores = run.machine.logical_cpus
    fig.plot(workers, [float(min(k, cores)) for k in workers], label="ideal", marker="dot")
    for i, name in enumerate(s for s in run.spec.strategies if s != "serial"):
        points = [(k, r.speedup) for k in workers if (r := run.result(name, k)) and r.speedup]
        if points:
            marker = None if color else PLAIN_MARKERS[(i + 3) % len(PLAIN_MARKERS)]
            fig.plot([k for k, _ in points], [s for _, s in points], label=name, marker=marker)
    fig.xticks(workers)
    fig.xlabel("workers")
    text: str = fig.build()
    return text if color else plotext.uncolorize(text)
