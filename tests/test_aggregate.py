from __future__ import annotations

from dataclasses import replace

import pytest

from gilbench_tui.engine.aggregate import combined_checksum, summarise
from gilbench_tui.engine.spec import BenchSpec
from tests.factories import MACHINE, sample

SPEC = BenchSpec(workers=(1, 2), strategies=("serial", "threads", "processes"), repeat=3)


def samples_for(times: dict[tuple[str, int], list[float]]) -> list:
    out = [sample("serial", 2, 9.9, phase="warmup")]
    for (name, k), walls in times.items():
        out += [sample(name, k, w, repeat=i) for i, w in enumerate(walls)]
    return out


def test_results_follow_spec_order_with_speedups_against_serial_at_the_same_k() -> None:
    samples = samples_for(
        {
            ("serial", 1): [1.0, 1.05, 0.95],
            ("threads", 1): [1.0, 1.0, 1.0],
            ("processes", 1): [1.1, 1.1, 1.1],
            ("serial", 2): [2.0, 2.0, 2.2],
            ("threads", 2): [2.1, 2.0, 2.1],
            ("processes", 2): [1.0, 1.0, 1.1],
        }
    )
    results, warnings = summarise(SPEC, samples, MACHINE)
    assert [(r.strategy, r.workers) for r in results] == [
        ("serial", 1),
        ("threads", 1),
        ("processes", 1),
        ("serial", 2),
        ("threads", 2),
        ("processes", 2),
    ]
    by = {(r.strategy, r.workers): r for r in results}
    assert by["serial", 2].median_s == 2.0  # the warm-up's 9.9 is not counted
    assert by["serial", 2].times_s == [2.0, 2.0, 2.2]
    assert by["processes", 2].speedup == pytest.approx(2.0)
    assert by["processes", 2].efficiency == pytest.approx(1.0)
    assert by["threads", 2].speedup == pytest.approx(2.0 / 2.1)
    assert by["serial", 1].speedup == 1.0
    assert by["processes", 2].utilisation == pytest.approx(1.0 / (1.0 * 2))
    assert all(r.checksum_ok for r in results)
    assert warnings == []


def test_a_checksum_that_differs_from_serial_is_flagged() -> None:
    spec = BenchSpec(workers=(2,), strategies=("serial", "processes"), repeat=1, warmup=0)
    samples = [sample("serial", 2, 1.0), sample("processes", 2, 0.5, checksums=(0, 7))]
    results, warnings = summarise(spec, samples, MACHINE)
    assert [r.checksum_ok for r in results] == [True, False]
    assert any("checksum" in w and "processes ×2" in w for w in warnings)


def test_a_repeat_that_disagrees_with_itself_is_flagged() -> None:
    spec = BenchSpec(workers=(2,), strategies=("serial",), repeat=2, warmup=0)
    samples = [sample("serial", 2, 1.0), sample("serial", 2, 1.0, checksums=(5, 5))]
    results, _ = summarise(spec, samples, MACHINE)
    assert not results[0].checksum_ok


def test_noise_and_load_warnings() -> None:
    spec = BenchSpec(workers=(1,), strategies=("serial",), repeat=3, warmup=0)
    noisy = [sample("serial", 1, t) for t in (1.0, 1.5, 2.0)]
    busy = replace(MACHINE, load_avg_1m=3.0)
    _, warnings = summarise(spec, noisy, busy)
    assert any("vary" in w for w in warnings)
    assert any("load average" in w for w in warnings)


def test_without_serial_there_is_no_speedup() -> None:
    spec = BenchSpec(workers=(2,), strategies=("threads",), repeat=1, warmup=0)
    results, _ = summarise(spec, [sample("threads", 2, 1.0)], MACHINE)
    assert results[0].speedup is None and results[0].efficiency is None


def test_combined_checksum_depends_on_order() -> None:
    assert combined_checksum([1, 2]) != combined_checksum([2, 1])
    assert len(combined_checksum([1])) == 16
