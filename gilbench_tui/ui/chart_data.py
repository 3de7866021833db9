"""What the two bar charts show, as plain data: groups (worker counts) and a series per strategy.

Kept apart from the chart widget so it is tested without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gilbench_tui.engine.results import RunDocument

#: Each strategy keeps its colour in both charts and the legend (RGB, readable on dark and light).
STRATEGY_COLOURS: dict[str, tuple[int, int, int]] = {
    "serial": (98, 160, 234),
    "threads": (255, 153, 51),
    "processes": (87, 194, 96),
    "processes-fork": (70, 200, 200),
    "processes-forkserver": (200, 110, 220),
    "processes-spawn": (230, 90, 90),
    "thread-pool": (235, 200, 80),
    "process-pool": (40, 150, 100),
    "asyncio": (160, 160, 245),
    "subinterpreters": (240, 120, 175),
}
OTHER_COLOUR = (180, 180, 180)
SPEEDUP_LABELS = ("{:.2f}", "{:.1f}")
#: Fill characters that tell the series apart when colour is off (NO_COLOR).
PLAIN_MARKERS = ("█", "▒", "░", "▓", "#", "=")


def colour_of(strategy: str) -> tuple[int, int, int]:
    return STRATEGY_COLOURS.get(strategy, OTHER_COLOUR)


def marker_of(strategy: str, order: list[str]) -> str:
    index = order.index(strategy) if strategy in order else len(order)
    return PLAIN_MARKERS[index % len(PLAIN_MARKERS)]


@dataclass(frozen=True)
class Bars:
    title: str
    workers: list[int] = field(default_factory=list)
    series: dict[str, list[float]] = field(default_factory=dict)
    reference: float | None = None
    #: Value label formats, most precise first; the chart uses the first that fits its bars.
    label_formats: tuple[str, ...] = ("{:.2g}",)

    def groups(self, room: int) -> list[str]:
        """Group labels that fit `room` cells each: "4 workers", else "k=4"."""
        long = [f"{k} worker{'s' if k != 1 else ''}" for k in self.workers]
        if all(len(label) + 1 <= room for label in long):
            return long
        return [f"k={k}" for k in self.workers]

    @property
    def empty(self) -> bool:
        return not self.series


def _workers(document: RunDocument) -> list[int]:
    return sorted({r.workers for r in document.results})


def time_bars(document: RunDocument | None) -> Bars:
    """Median wall time per strategy, grouped by worker count; lower is better."""
    title = "median time (s)"
    if document is None or not document.results:
        return Bars(title)
    workers = _workers(document)
    series: dict[str, list[float]] = {}
    for name in document.spec.strategies:
        values = [_value(document, name, k, "median_s") for k in workers]
        if any(values):
            series[name] = values
    return Bars(title, workers, series)


def speedup_bars(document: RunDocument | None) -> Bars:
    """Speedup over serial at the same worker count; the line at 1 is serial."""
    title = "speedup over serial"
    if document is None or not document.results:
        return Bars(title, reference=1.0, label_formats=SPEEDUP_LABELS)
    workers = _workers(document)
    series: dict[str, list[float]] = {}
    for name in document.spec.strategies:
        if name == "serial":
            continue
        values = [_value(document, name, k, "speedup") for k in workers]
        if any(values):
            series[name] = values
    return Bars(title, workers, series, reference=1.0, label_formats=SPEEDUP_LABELS)


def _value(document: RunDocument, strategy: str, workers: int, attribute: str) -> float:
    result = document.result(strategy, workers)
    value = getattr(result, attribute, None) if result is not None else None
    return float(value) if isinstance(value, int | float) else 0.0


#: From this many worker counts on, speedup is drawn against workers as lines (a sweep).
SWEEP_MIN_COUNTS = 3


@dataclass(frozen=True)
class Lines:
    """Speedup against worker count: a line per strategy, and the ideal (min(k, cores))."""

    title: str
    workers: list[int] = field(default_factory=list)
    series: dict[str, list[float | None]] = field(default_factory=dict)
    ideal: list[float] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.series

    def points(self, name: str) -> tuple[list[int], list[float]]:
        """The worker counts where `name` has a speedup, and those speedups."""
        pairs = [(k, v) for k, v in zip(self.workers, self.series[name], strict=True) if v]
        return [k for k, _ in pairs], [v for _, v in pairs]


def is_sweep(document: RunDocument | None) -> bool:
    return document is not None and len(_workers(document)) >= SWEEP_MIN_COUNTS


def sweep_lines(document: RunDocument | None) -> Lines:
    """Speedup over serial by worker count, for runs that measured several counts."""
    title = "speedup by workers · grey: ideal"
    if document is None or not document.results:
        return Lines(title)
    workers = _workers(document)
    series: dict[str, list[float | None]] = {}
    for name in document.spec.strategies:
        if name == "serial":
            continue
        values: list[float | None] = []
        for k in workers:
            result = document.result(name, k)
            values.append(None if result is None else result.speedup)
        if any(values):
            series[name] = values
    cores = max(1, document.machine.logical_cpus)
    return Lines(title, workers, series, [float(min(k, cores)) for k in workers])
