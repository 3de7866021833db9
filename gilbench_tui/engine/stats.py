"""Summary statistics of repeated timings, and the derived figures (speedup, efficiency)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

NOISY_CV = 0.10


def median(values: Sequence[float]) -> float:
    if not values:
        raise ValueError("median of no values")
    return float(statistics.median(values))


def iqr(values: Sequence[float]) -> float:
    """Interquartile range; 0 for fewer than two values."""
    if len(values) < 2:
        return 0.0
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return float(q3 - q1)


def cv(values: Sequence[float]) -> float:
    """Coefficient of variation (sample standard deviation / mean); 0 for fewer than two values."""
    if len(values) < 2:
        return 0.0
    mean = statistics.fmean(values)
    return float(statistics.stdev(values) / mean) if mean > 0 else 0.0


def speedup(serial_median: float | None, median_s: float) -> float | None:
    """How many times faster than serial at the same worker count (>1 is faster)."""
    if serial_median is None or median_s <= 0:
        return None
    return serial_median / median_s


def efficiency(speedup_value: float | None, workers: int, cores: float) -> float | None:
    """Speedup as a share of the best this machine allows: min(workers, usable cores) × serial."""
    if speedup_value is None:
        return None
    return speedup_value / max(1.0, min(float(workers), cores))


def utilisation(cpu_s: float, wall_s: float, cores: int) -> float:
    """CPU time of the worker tree as a share of the usable cores over the wall time."""
    if wall_s <= 0 or cores <= 0:
        return 0.0
    return cpu_s / (wall_s * cores)


def optional_median(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return median(present) if present else None


def amdahl_serial_fraction(points: Sequence[tuple[int, float]], cores: int) -> float | None:
    """Least-squares serial fraction f of Amdahl's law, S(k) = 1 / (f + (1 - f) / k).

    `points` are (workers, speedup) pairs; workers beyond the core count cannot run at once, so k
    is capped at `cores`. Rewritten as 1/S − 1/k = f · (1 − 1/k), the fit is linear through the
    origin. Needs at least one point with k ≥ 2; the result is clamped to [0, 1].
    """
    num = den = 0.0
    for workers, s in points:
        k = min(workers, cores)
        if k < 2 or s <= 0:
            continue
        x = 1 - 1 / k
        num += (1 / s - 1 / k) * x
        den += x * x
    if den == 0:
        return None
    return min(1.0, max(0.0, num / den))
