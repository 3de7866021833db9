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
