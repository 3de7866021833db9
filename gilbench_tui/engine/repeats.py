"""Enough repeats, automatically: measure rounds until every speedup is known to ±5%.

`--repeat auto` runs interleaved rounds (every strategy at every task count, then the next
round) and, after each round, asks `precision()` how wide the widest interval still is: the 95%
interval of each speedup (paired by round), or of each median when serial was not measured. At
least MIN_ROUNDS rounds run; then the run stops when the widest is within TARGET, or when the
time budget (`--max-time`) is spent, whichever comes first.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from gilbench_tui.engine import intervals
from gilbench_tui.engine.events import Sample

TARGET = 0.05
MIN_ROUNDS = 3


@dataclass(frozen=True)
class Precision:
    """After some rounds: how many, and the widest interval's half-width as a share (0.05 = ±5%)."""

    rounds: int
    widest: float | None

    def enough(self, target: float = TARGET, min_rounds: int = MIN_ROUNDS) -> bool:
        return self.rounds >= min_rounds and self.widest is not None and self.widest <= target

    def describe(self, target: float = TARGET) -> str:
        if self.widest is None:
            return f"round {self.rounds}"
        return f"round {self.rounds} · widest interval ±{self.widest:.1%} (aim ±{target:.0%})"


def by_round(samples: Sequence[Sample], strategy: str, workers: int) -> dict[int, float]:
    """Measured wall times of one strategy at one task count, keyed by round."""
    return {
        s.repeat: s.wall_s
        for s in samples
        if s.phase == "measure" and s.strategy == strategy and s.workers == workers
    }


def paired(serial: dict[int, float], other: dict[int, float]) -> tuple[list[float], list[float]]:
    """The two strategies' times in the rounds both completed, in round order."""
    rounds = sorted(set(serial) & set(other))
    return [serial[r] for r in rounds], [other[r] for r in rounds]


def precision(
    samples: Sequence[Sample], strategies: Sequence[str], workers: Sequence[int]
) -> Precision:
    """The rounds every (strategy, k) has completed, and the widest relative interval so far."""
    widest: float | None = None
    rounds: int | None = None
    for k in workers:
        serial = by_round(samples, "serial", k) if "serial" in strategies else {}
        for name in strategies:
            times = by_round(samples, name, k)
            rounds = len(times) if rounds is None else min(rounds, len(times))
            if not times:
                continue
            if serial and name != "serial":
                a, b = paired(serial, times)
                if not a:
                    continue
                point = statistics.median(a) / statistics.median(b)
                width = intervals.relative_half_width(intervals.ratio_interval(a, b), point)
            elif not serial:
                values = list(times.values())
                point = statistics.median(values)
                width = intervals.relative_half_width(intervals.median_interval(values), point)
            else:
                continue
            if width is not None:
                widest = width if widest is None else max(widest, width)
    return Precision(rounds or 0, widest)
