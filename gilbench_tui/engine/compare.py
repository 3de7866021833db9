"""Two runs side by side: per strategy and worker count, both medians and the ratio, pyperf style."""

from __future__ import annotations

from dataclasses import dataclass

from gilbench_tui.engine.results import RunDocument, StrategyResult

MIN_DIFFERENCE = 0.02


@dataclass(frozen=True)
class Comparison:
    strategy: str
    workers: int
    before_s: float
    after_s: float
    significant: bool

    @property
    def ratio(self) -> float:
        """after ÷ before: above 1 the second run is slower."""
        return self.after_s / self.before_s if self.before_s > 0 else float("inf")

    def describe(self) -> str:
        if self.ratio == 1:
            return "same speed"
        words = f"{self.ratio:.2f}× slower" if self.ratio > 1 else f"{1 / self.ratio:.2f}× faster"
        return words if self.significant else f"{words} (within the noise)"


def within_noise(a: StrategyResult, b: StrategyResult) -> bool:
    """A difference smaller than the spread of either run, or under 2%, is not a difference."""
    gap = abs(a.median_s - b.median_s)
    return gap <= max(a.iqr_s, b.iqr_s) or gap <= MIN_DIFFERENCE * min(a.median_s, b.median_s)


def compare(before: RunDocument, after: RunDocument) -> list[Comparison]:
    rows = []
    for a in before.results:
        b = after.result(a.strategy, a.workers)
        if b is None:
            continue
        rows.append(
            Comparison(a.strategy, a.workers, a.median_s, b.median_s, not within_noise(a, b))
        )
    return rows
