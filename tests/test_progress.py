from __future__ import annotations

from gilbench_tui.engine.events import PlanItem
from gilbench_tui.engine.progress import Progress, format_eta
from tests.factories import sample

PLAN = tuple(
    PlanItem("warmup" if r == 0 else "measure", max(0, r - 1), s, 2)
    for r in range(3)
    for s in ("serial", "threads")
)


def test_eta_uses_what_each_pair_took_last() -> None:
    progress = Progress(PLAN)
    assert progress.eta() is None
    progress.update(sample("serial", 2, 1.0, index=0, phase="warmup"))
    progress.update(sample("threads", 2, 2.0, index=1, phase="warmup"))
    assert progress.eta() == 2 * (1.0 + 2.0)
    view = progress.view(elapsed_s=3.0)
    assert (view.done, view.total) == (2, 6)
    assert view.fraction == 2 / 6
    assert view.describe() == "serial ×2 · repeat 1"
    progress.update(sample("threads", 2, 2.0, index=5))
    assert progress.view(1.0).describe() == "done"


def test_eta_of_unseen_pairs_is_scaled_from_the_mean_task_time() -> None:
    plan = (PlanItem("measure", 0, "serial", 1), PlanItem("measure", 0, "serial", 4))
    progress = Progress(plan)
    progress.update(sample("serial", 1, 0.5, index=0))
    assert progress.eta() == 0.5 * 4


def test_format_eta() -> None:
    assert format_eta(None) == "ETA –"
    assert format_eta(4.4) == "ETA 4s"
    assert format_eta(75) == "ETA 1m15s"
    assert format_eta(3725) == "ETA 1h02m"
