"""--repeat auto: when the rounds measured so far are enough."""

from __future__ import annotations

from gilbench_tui.engine.events import Sample
from gilbench_tui.engine.repeats import Precision, precision


def sample(strategy: str, repeat: int, wall_s: float, workers: int = 2) -> Sample:
    return Sample(
        index=0, phase="measure", repeat=repeat, strategy=strategy, workers=workers,
        wall_s=wall_s, startup_s=0.0, cpu_s=wall_s, transfer_s=None, checksums=(1,),
    )  # fmt: skip


def rounds(pairs: list[tuple[float, float]]) -> list[Sample]:
    out = []
    for r, (serial, threads) in enumerate(pairs):
        out += [sample("serial", r, serial), sample("threads", r, threads)]
    return out


def test_steady_rounds_are_enough_after_the_minimum() -> None:
    steady = rounds([(1.0, 0.50), (1.0, 0.505), (1.0, 0.498)])
    found = precision(steady, ["serial", "threads"], [2])
    assert found.rounds == 3
    assert found.widest is not None and found.widest < 0.05
    assert found.enough()
    assert not precision(steady[:4], ["serial", "threads"], [2]).enough(), "two rounds are too few"


def test_noisy_rounds_ask_for_more() -> None:
    noisy = rounds([(1.0, 0.5), (1.0, 0.8), (1.0, 0.6)])
    found = precision(noisy, ["serial", "threads"], [2])
    assert not found.enough()
    assert "widest interval" in found.describe()


def test_warmups_and_unfinished_rounds_do_not_count() -> None:
    warm = [Sample(0, "warmup", 0, "serial", 2, 1.0, 0.0, 1.0, None, (1,))]
    partial = [*rounds([(1.0, 0.5)]), sample("serial", 1, 1.0)]
    assert precision(warm + partial, ["serial", "threads"], [2]).rounds == 1


def test_without_serial_the_medians_must_be_precise() -> None:
    only = [sample("threads", r, 0.5 + r * 0.001) for r in range(4)]
    assert precision(only, ["threads"], [2]).enough()


def test_precision_with_nothing_measured() -> None:
    assert precision([], ["serial"], [2]) == Precision(0, None)
    assert not Precision(0, None).enough()
