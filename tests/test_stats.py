from __future__ import annotations

import pytest

from gilbench_tui.engine import stats


def test_median_iqr_cv() -> None:
    values = [1.0, 2.0, 3.0, 4.0, 100.0]
    assert stats.median(values) == 3.0
    assert stats.iqr(values) == pytest.approx(2.0)
    assert stats.cv([2.0, 2.0, 2.0]) == 0.0
    assert stats.cv([1.0, 3.0]) == pytest.approx(2**0.5 / 2)


def test_single_value_has_no_spread() -> None:
    assert stats.iqr([1.5]) == 0.0
    assert stats.cv([1.5]) == 0.0
    with pytest.raises(ValueError):
        stats.median([])


def test_speedup_and_efficiency() -> None:
    assert stats.speedup(2.0, 1.0) == 2.0
    assert stats.speedup(None, 1.0) is None
    assert stats.speedup(2.0, 0.0) is None
    assert stats.efficiency(2.0, workers=4, cores=2) == 1.0
    assert stats.efficiency(1.0, workers=2, cores=8) == 0.5
    assert stats.efficiency(None, 2, 2) is None


def test_utilisation_is_share_of_all_cores() -> None:
    assert stats.utilisation(cpu_s=2.0, wall_s=1.0, cores=2) == 1.0
    assert stats.utilisation(cpu_s=1.0, wall_s=1.0, cores=2) == 0.5
    assert stats.utilisation(1.0, 0.0, 2) == 0.0


def test_amdahl_fit_recovers_the_serial_fraction() -> None:
    f = 0.2
    points = [(k, 1 / (f + (1 - f) / k)) for k in (1, 2, 4, 8)]
    assert stats.amdahl_serial_fraction(points, cores=8) == pytest.approx(0.2)
    gil_bound = [(1, 1.0), (2, 0.98), (4, 0.97)]
    assert stats.amdahl_serial_fraction(gil_bound, cores=4) == pytest.approx(1.0)
    assert stats.amdahl_serial_fraction([(1, 1.0)], cores=4) is None


def test_amdahl_caps_workers_at_the_core_count() -> None:
    perfect_on_two = [(2, 2.0), (4, 2.0)]
    assert stats.amdahl_serial_fraction(perfect_on_two, cores=2) == pytest.approx(0.0)


def test_optional_median() -> None:
    assert stats.optional_median([None, 1.0, 3.0]) == 2.0
    assert stats.optional_median([None]) is None
