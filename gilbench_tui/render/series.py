"""What a run's charts show, as plain data built once: median time and speedup per strategy,
grouped by worker count, and speedup against worker count beside the ideal. The CLI draws them
with plotext on the terminal, the app with its chart widgets; neither builds series of its own.

A series carries a (lo, hi) interval per value where a result has one (the 95% intervals of a
later schema, `median_ci95_s` and `speedup_ci95`), so renderers can draw error whiskers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from gilbench_tui.engine.results import RunDocument, StrategyResult

Interval = tuple[float, float]
#: From this many worker counts on, speedup is drawn against workers as lines (a sweep).
SWEEP_MIN_COUNTS = 3
TIME_LABELS = ("{:.2g}",)
SPEEDUP_LABELS = ("{:.2f}", "{:.1f}")


@dataclass(frozen=True)
class Series:
    """One strategy's values, one per worker count: None where it has none."""

    values: list[float | None]
    intervals: list[Interval | None] = field(default_factory=list)

    def filled(self) -> list[float]:
        """The values as bar heights: no bar where there is no value."""
        return [0.0 if v is None else v for v in self.values]

    @property
    def has_intervals(self) -> bool:
        return any(i is not None for i in self.intervals)


@dataclass(frozen=True)
class Chart:
    title: str
    #: How to read it ("lower is better"), for renderers with room to say so.
    hint: str = ""
    workers: list[int] = field(default_factory=list)
    series: dict[str, Series] = field(default_factory=dict)
    #: A horizontal line to read the bars against (serial's speedup, 1).
    reference: float | None = None
    #: For a sweep, the ideal speedup at each worker count: min(k, cores).
    ideal: list[float] = field(default_factory=list)
    #: Value label formats, most precise first; a chart uses the first that fits its bars.
    label_formats: tuple[str, ...] = TIME_LABELS

    @property
    def empty(self) -> bool:
        return not self.series

    def groups(self, room: int) -> list[str]:
        """Group labels that fit `room` cells each: "4 workers", else "k=4"."""
        long = [f"{k} worker{'s' if k != 1 else ''}" for k in self.workers]
        if all(len(label) + 1 <= room for label in long):
            return long
        return [f"k={k}" for k in self.workers]

    def points(self, name: str) -> tuple[list[int], list[float]]:
        """The worker counts where `name` has a value, and those values."""
        pairs = [(k, v) for k, v in zip(self.workers, self.series[name].values, strict=True) if v]
        return [k for k, _ in pairs], [v for _, v in pairs]

    @property
    def top(self) -> float:
        """The highest value, interval end, reference or ideal: where the y axis must reach."""
        tops = [*self.ideal, *([self.reference] if self.reference is not None else [])]
        for series in self.series.values():
            tops += [v for v in series.values if v is not None]
            tops += [interval[1] for interval in series.intervals if interval is not None]
        return max(tops, default=1.0)


def workers_of(run: RunDocument) -> list[int]:
    return sorted({r.workers for r in run.results})


def _series(
    run: RunDocument, names: Sequence[str], value: str, interval: str, scale: float = 1.0
) -> dict[str, Series]:
    """Per strategy, `value` of its result at each worker count, and its `interval` where the
    result has one; strategies with no value at all are left out."""
    workers = workers_of(run)
    out: dict[str, Series] = {}
    for name in names:
        found = [run.result(name, k) for k in workers]
        values = [_scaled(_figure(r, value), scale) for r in found]
        if not any(values):
            continue
        intervals = [_interval(_figure(r, interval), scale) for r in found]
        out[name] = Series(values, intervals if any(intervals) else [])
    return out


def _figure(result: StrategyResult | None, name: str) -> object:
    return None if result is None else getattr(result, name, None)


def _scaled(value: object, scale: float) -> float | None:
    return float(value) * scale if isinstance(value, int | float) else None


def _interval(value: object, scale: float) -> Interval | None:
    if isinstance(value, list | tuple) and len(value) == 2:
        lo, hi = (_scaled(v, scale) for v in value)
        if lo is not None and hi is not None:
            return (lo, hi)
    return None


def time_bars(run: RunDocument | None) -> Chart:
    """Median wall time per strategy, grouped by worker count, in ms when all are under 1 s."""
    if run is None or not run.results:
        return Chart("median time", "lower is better")
    slowest = max(r.median_s for r in run.results)
    unit, scale = ("ms", 1e3) if slowest < 1 else ("s", 1.0)
    series = _series(run, run.spec.strategies, "median_s", "median_ci95_s", scale)
    return Chart(f"median time ({unit})", "lower is better", workers_of(run), series)


def _speedups(run: RunDocument) -> dict[str, Series]:
    names = [name for name in run.spec.strategies if name != "serial"]
    return _series(run, names, "speedup", "speedup_ci95")


def speedup_bars(run: RunDocument | None) -> Chart:
    """Speedup over serial at the same worker count; the reference line at 1 is serial."""
    title, hint = "speedup over serial", "higher is better"
    if run is None or not run.results:
        return Chart(title, hint, reference=1.0, label_formats=SPEEDUP_LABELS)
    return Chart(title, hint, workers_of(run), _speedups(run), 1.0, label_formats=SPEEDUP_LABELS)


def is_sweep(run: RunDocument | None) -> bool:
    return run is not None and len(workers_of(run)) >= SWEEP_MIN_COUNTS


def sweep_lines(run: RunDocument | None) -> Chart:
    """Speedup by worker count beside the ideal, min(k, cores): where a line bends away from the
    ideal is where that strategy stops scaling."""
    title = "speedup by workers"
    if run is None or not run.results:
        return Chart(title)
    workers = workers_of(run)
    cores = max(1.0, run.machine.parallel_capacity)
    ideal = [float(min(k, cores)) for k in workers]
    return Chart(title, workers=workers, series=_speedups(run), ideal=ideal)
