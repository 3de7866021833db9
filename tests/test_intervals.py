"""Confidence intervals and the rank test: rules that hold for any data, and known values."""

from __future__ import annotations

import math
import random
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gilbench_tui.engine import intervals

times = st.lists(st.floats(min_value=1e-4, max_value=100), min_size=1, max_size=40)


@given(times)
def test_a_median_interval_holds_the_median(values: list[float]) -> None:
    lo, hi = intervals.median_interval(values)
    middle = sorted(values)[len(values) // 2]
    assert lo <= hi
    assert lo <= middle * (1 + 1e-12) and middle <= hi * (1 + 1e-12)


@given(st.lists(st.tuples(st.floats(1e-3, 10), st.floats(1e-3, 10)), min_size=1, max_size=30))
def test_a_speedup_interval_always_holds_the_speedup(pairs: list[tuple[float, float]]) -> None:
    serial = [a for a, _ in pairs]
    other = [b for _, b in pairs]
    lo, hi = intervals.ratio_interval(serial, other)
    speedup = statistics.median(serial) / statistics.median(other)
    assert lo <= speedup <= hi


def test_order_statistics_from_six_values() -> None:
    values = [float(v) for v in range(1, 7)]
    assert intervals.median_interval(values) == (1.0, 6.0)
    values = [float(v) for v in range(1, 21)]
    # n = 20: ranks 6 and 15 cover 95.9%; ranks 7 and 14 only 88.5%.
    assert intervals.median_interval(values) == (6.0, 15.0)


def test_few_values_give_a_wide_interval_not_a_false_certainty() -> None:
    lo, hi = intervals.median_interval([1.0, 1.1, 0.9])
    assert lo < 0.9 and hi > 1.1
    assert intervals.median_interval([2.0]) == (2.0, 2.0)


def test_the_interval_narrows_as_repeats_agree() -> None:
    rng = random.Random(1)
    few = [1 + rng.gauss(0, 0.02) for _ in range(5)]
    many = few + [1 + rng.gauss(0, 0.02) for _ in range(35)]
    assert intervals.relative_half_width(intervals.median_interval(many), 1.0) < (
        intervals.relative_half_width(intervals.median_interval(few), 1.0)
    )


def test_pairing_by_round_cancels_drift() -> None:
    """Serial and threads both slow down over the run; their per-round ratio stays 1."""
    serial = [1.0 * (1 + 0.1 * i) for i in range(8)]
    threads = [1.02 * (1 + 0.1 * i) for i in range(8)]
    lo, hi = intervals.ratio_interval(serial, threads)
    assert hi - lo < 0.05
    unpaired = intervals.median_interval(serial)
    assert unpaired[1] - unpaired[0] > 0.3


def test_half_width_and_containment() -> None:
    assert intervals.half_width((1.9, 2.1), 2.0) == pytest.approx(0.1)
    assert intervals.relative_half_width((1.9, 2.1), 2.0) == pytest.approx(0.05)
    assert intervals.half_width(None, 2.0) is None
    assert intervals.contains((0.95, 1.04), 1.0)
    assert not intervals.contains((1.2, 1.3), 1.0)
    assert intervals.contains((1.02, 1.3), 1.0, margin=0.05)


def test_mann_whitney_known_values() -> None:
    assert intervals.mann_whitney_p([1, 2, 3], [4, 5, 6]) == pytest.approx(0.1)
    assert intervals.mann_whitney_p([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]) == pytest.approx(2 / 252)
    assert intervals.mann_whitney_p([1, 3, 5], [2, 4, 6]) == pytest.approx(0.7)
    assert intervals.mann_whitney_p([], [1.0]) == 1.0


def test_mann_whitney_small_and_tied_counts_every_split() -> None:
    """Three equal times against three others: as extreme as a split can be, one in ten."""
    assert intervals.mann_whitney_p([1.24] * 3, [1.43] * 3) == pytest.approx(0.1)
    assert intervals.mann_whitney_p([1, 1, 2], [2, 3, 3]) == pytest.approx(0.2)
    assert intervals.mann_whitney_p([1.0] * 5, [1.0] * 5) == 1.0


def test_mann_whitney_large_and_tied_uses_the_normal_approximation() -> None:
    a = [1.0] * 10 + [2.0] * 10
    b = [2.0] * 10 + [3.0] * 10
    p = intervals.mann_whitney_p(a, b)
    assert 0 < p < 0.01
    same = intervals.mann_whitney_p([1.0] * 20, [1.0] * 20)
    assert same == 1.0
    assert math.isclose(intervals.mann_whitney_p(a, a), 1.0)
