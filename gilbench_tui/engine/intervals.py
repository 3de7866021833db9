"""95% confidence intervals for medians and speedups, and a rank test for comparing two runs.

Standard library only. A median's interval comes from order statistics when there are six or
more values (distribution-free: the ranks whose binomial coverage is at least 95%). Below six no
pair of order statistics reaches 95%, so the interval is Student's t on the logarithms (times are
right-skewed and positive; the log makes them roughly normal), which is honest about how little
three values say: it is wide.

A speedup's interval pairs the repeats by round (A B C A B C …: drift hits serial and the
strategy of one round alike, so their ratio cancels it) and takes the interval of those ratios.
It is then widened, if need be, to hold the speedup itself (the ratio of the two medians), so an
interval never excludes the figure printed beside it.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence

Interval = tuple[float, float]

CONFIDENCE = 0.95
ORDER_STATISTICS_FROM = 6
#: With ties, the rank test counts every split of the values up to this many (12 against 4, 8
#: against 8); beyond, it takes the normal approximation.
EXACT_SPLITS = 20_000
#: Student's t, two-sided 95%, by degrees of freedom 1…5.
_T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571}


def median_interval(values: Sequence[float]) -> Interval:
    """A 95% interval for the median of `values` (positive numbers); (x, x) for a single value."""
    if not values:
        raise ValueError("an interval of no values")
    ordered = sorted(values)
    n = len(ordered)
    if n == 1:
        return ordered[0], ordered[0]
    if n >= ORDER_STATISTICS_FROM:
        rank = _order_rank(n)
        return ordered[rank - 1], ordered[n - rank]
    return _log_t_interval(ordered)


def ratio_interval(numerators: Sequence[float], denominators: Sequence[float]) -> Interval:
    """A 95% interval for median(numerators) / median(denominators), paired by position."""
    pairs = [(a, b) for a, b in zip(numerators, denominators, strict=False) if a > 0 and b > 0]
    point = statistics.median(numerators) / statistics.median(denominators)
    if not pairs:
        return point, point
    lo, hi = median_interval([a / b for a, b in pairs])
    return min(lo, point), max(hi, point)


def half_width(interval: Interval | None, point: float | None) -> float | None:
    """The larger distance from the point to either end: what `±` shows."""
    if interval is None or point is None:
        return None
    return max(point - interval[0], interval[1] - point)


def relative_half_width(interval: Interval | None, point: float | None) -> float | None:
    """± as a share of the point: 0.05 means within ±5%."""
    width = half_width(interval, point)
    if width is None or not point:
        return None
    return width / abs(point)


def contains(interval: Interval | None, value: float, margin: float = 0.0) -> bool:
    """Whether `value` lies in the interval widened by `margin` (a share of the value)."""
    if interval is None:
        return True
    return interval[0] - margin * value <= value <= interval[1] + margin * value


def _order_rank(n: int) -> int:
    """The largest rank j with P(X_(j) ≤ median ≤ X_(n+1-j)) ≥ 95% (1-based)."""
    best = 1
    tail = 0.0
    for j in range(1, n // 2 + 1):
        tail += math.comb(n, j - 1) / 2**n
        if 1 - 2 * tail >= CONFIDENCE:
            best = j
        else:
            break
    return best


def _log_t_interval(ordered: Sequence[float]) -> Interval:
    positive = [v for v in ordered if v > 0]
    if len(positive) < 2:
        return ordered[0], ordered[-1]
    logs = [math.log(v) for v in positive]
    mean = statistics.fmean(logs)
    spread = _T95[len(logs) - 1] * statistics.stdev(logs) / math.sqrt(len(logs))
    lo, hi = math.exp(mean - spread), math.exp(mean + spread)
    middle = statistics.median(ordered)
    return min(lo, middle), max(hi, middle)


def mann_whitney_p(a: Sequence[float], b: Sequence[float]) -> float:
    """Two-sided p-value that `a` and `b` come from the same distribution (Mann-Whitney U).

    Exact (counting every split of the ranks) up to 12 values a side without ties, and with ties
    while the splits are few enough to count (EXACT_SPLITS); the normal approximation with a tie
    correction beyond. The approximation is far too sure of itself with a handful of values: three
    identical times against three others gives p = 0.05 there, where the exact answer is 0.10.
    """
    if not a or not b:
        return 1.0
    n1, n2 = len(a), len(b)
    u = sum(1.0 if x > y else 0.5 if x == y else 0.0 for x in a for y in b)
    tied = len(set(a) | set(b)) < n1 + n2
    if tied and math.comb(n1 + n2, n1) <= EXACT_SPLITS:
        return _exact_tied_p(a, b)
    if not tied and max(n1, n2) <= 12:
        counts = _u_counts(n1, n2)
        total = sum(counts)
        low = min(u, n1 * n2 - u)
        tail = sum(counts[: int(low) + 1]) / total
        return min(1.0, 2 * tail)
    mean = n1 * n2 / 2
    ranks = _ranks([*a, *b])
    ties = sum(t**3 - t for t in _tie_sizes(ranks))
    n = n1 + n2
    variance = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))
    if variance <= 0:
        return 1.0
    z = (abs(u - mean) - 0.5) / math.sqrt(variance)
    return min(1.0, math.erfc(max(0.0, z) / math.sqrt(2)))


def _exact_tied_p(a: Sequence[float], b: Sequence[float]) -> float:
    """Every way of choosing which of the pooled values are `a`'s, with mid-ranks for ties: the
    share of splits whose rank sum lies as far from its mean as the one observed, or further."""
    ranks = _ranks([*a, *b])
    n1 = len(a)
    mean = n1 * (len(ranks) + 1) / 2
    observed = abs(sum(ranks[:n1]) - mean) - 1e-9
    splits = list(itertools.combinations(ranks, n1))
    extreme = sum(1 for split in splits if abs(sum(split) - mean) >= observed)
    return min(1.0, extreme / len(splits))


def _u_counts(n1: int, n2: int) -> list[int]:
    """How many rank arrangements give each U = 0 … n1·n2 (a dynamic programme)."""
    table: dict[tuple[int, int], list[int]] = {}

    def counts(i: int, j: int) -> list[int]:
        if i == 0 or j == 0:
            return [1]
        if (i, j) not in table:
            with_i = counts(i - 1, j)  # the largest value is from a: it beats all j of b
            with_j = counts(i, j - 1)
            size = i * j + 1
            merged = [0] * size
            for u, c in enumerate(with_i):
                merged[u + j] += c
            for u, c in enumerate(with_j):
                merged[u] += c
            table[(i, j)] = merged
        return table[(i, j)]

    return counts(n1, n2)


def _ranks(values: Sequence[float]) -> list[float]:
    ordered = sorted(values)
    first: dict[float, int] = {}
    last: dict[float, int] = {}
    for index, value in enumerate(ordered, start=1):
        first.setdefault(value, index)
        last[value] = index
    return [(first[v] + last[v]) / 2 for v in values]


def _tie_sizes(ranks: Sequence[float]) -> list[int]:
    sizes: dict[float, int] = {}
    for rank in ranks:
        sizes[rank] = sizes.get(rank, 0) + 1
    return [size for size in sizes.values() if size > 1]
