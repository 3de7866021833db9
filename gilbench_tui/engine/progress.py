"""Progress and ETA over the worker's plan, for the CLI's stderr line and the app's progress bar."""

from __future__ import annotations

from dataclasses import dataclass

from gilbench_tui.engine import repeats
from gilbench_tui.engine.events import PlanItem, Round, Sample


@dataclass(frozen=True)
class ProgressView:
    done: int
    total: int
    current: PlanItem | None
    eta_s: float | None
    elapsed_s: float
    #: Auto repeats: the widest interval so far (0.05 = ±5%), and the run's time budget.
    widest: float | None = None
    budget_s: float | None = None

    @property
    def fraction(self) -> float:
        if self.budget_s:
            return min(0.99, self.elapsed_s / self.budget_s) if self.current else 1.0
        return self.done / self.total if self.total else 0.0

    def describe(self) -> str:
        if self.current is None:
            return "done"
        item = self.current
        what = "warm-up" if item.phase == "warmup" else f"repeat {item.repeat + 1}"
        if self.budget_s and self.widest is not None and item.phase == "measure":
            what += f" · ±{self.widest:.1%} → ±{repeats.TARGET:.0%}"
        return f"{item.strategy} ×{item.workers} · {what}"


class Progress:
    """Estimates what is left from what each (strategy, workers) pair took last time.

    A pair not seen yet is estimated from the mean time per task of the runs so far, scaled by its
    worker count, which is close for serial and threads and pessimistic for processes.
    """

    def __init__(self, plan: tuple[PlanItem, ...], budget_s: float | None = None) -> None:
        """`budget_s` for auto repeats: the plan is then only the most rounds that may run."""
        self.plan = plan
        self.done = 0
        self.budget_s = budget_s
        self.widest: float | None = None
        self._last: dict[tuple[str, int], float] = {}
        self._elapsed = 0.0

    def update_round(self, event: Round) -> None:
        """An auto-repeat round ended: the interval narrowed to `event.widest`."""
        self.widest = event.widest

    def update(self, sample: Sample) -> None:
        self.done = max(self.done, sample.index + 1)
        self._last[(sample.strategy, sample.workers)] = sample.wall_s
        self._elapsed += sample.wall_s

    def view(self, elapsed_s: float) -> ProgressView:
        current = self.plan[self.done] if self.done < len(self.plan) else None
        eta = self.eta()
        if self.budget_s is not None:
            left = max(0.0, self.budget_s - elapsed_s)
            eta = left if eta is None else min(eta, left)
        return ProgressView(
            self.done, len(self.plan), current, eta, elapsed_s, self.widest, self.budget_s
        )

    def eta(self) -> float | None:
        """Seconds left at the pace so far; for auto repeats at most the time budget left."""
        if not self._last:
            return None
        tasks = sum(self.plan[i].workers for i in range(self.done)) or 1
        per_task = self._elapsed / tasks
        remaining = 0.0
        for item in self.plan[self.done :]:
            guess = self._last.get((item.strategy, item.workers))
            remaining += guess if guess is not None else per_task * item.workers
        return remaining


def format_eta(seconds: float | None) -> str:
    if seconds is None:
        return "ETA –"
    seconds = max(0, round(seconds))
    if seconds >= 3600:
        return f"ETA {seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"ETA {seconds // 60}m{seconds % 60:02d}s"
    return f"ETA {seconds}s"
