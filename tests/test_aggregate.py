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


SHARED = BenchSpec(
    workload="seed-shared", workers=(2,), strategies=("serial", "threads", "processes"), repeat=1
)


def test_tasks_that_share_state_are_checked_by_the_sum_of_their_checksums() -> None:
    """Threads interleave their draws from one generator: who drew what differs, the total not."""
    samples = [
        sample("serial", 2, 1.0, checksums=(10, 20)),
        sample("threads", 2, 1.0, checksums=(17, 13)),
        sample("processes", 2, 0.5, checksums=(10, 10)),
    ]
    results, _ = summarise(SHARED, samples, MACHINE)
    serial, threads, _processes = results
    assert threads.checksum_ok and threads.checksum == serial.checksum
    assert threads.not_comparable is None
    wrong = [
        sample("serial", 2, 1.0, checksums=(10, 20)),
        sample("threads", 2, 1, checksums=(1, 2)),
    ]
    assert not summarise(replace(SHARED, strategies=("serial", "threads")), wrong, MACHINE)[0][
        1
    ].checksum_ok


def test_processes_that_drew_the_same_numbers_are_a_finding_not_a_failure() -> None:
    samples = [
        sample("serial", 2, 1.0, checksums=(10, 20)),
        sample("threads", 2, 1.0, checksums=(20, 10)),
        sample("processes", 2, 0.5, checksums=(10, 10)),
    ]
    results, warnings = summarise(SHARED, samples, MACHINE)
    processes = results[2]
    assert processes.checksum_ok
    assert (
        processes.not_comparable == "every process drew the same numbers: fork copied the generator"
    )
    assert any("processes ×2: not compared" in w for w in warnings)
    reseeded = [*samples[:2], sample("processes", 2, 0.5, checksums=(11, 12))]
    reason = summarise(SHARED, reseeded, MACHINE)[0][2].not_comparable
    assert reason is not None and "every process drew different numbers" in reason
    assert "module-level random generator" in reason


def test_a_workload_without_shared_state_compares_processes_task_by_task() -> None:
    spec = replace(SHARED, workload="seed")
    samples = [
        sample("serial", 2, 1.0, checksums=(10, 20)),
        sample("processes", 2, 1, checksums=(20, 10)),
    ]
    results, _ = summarise(replace(spec, strategies=("serial", "processes")), samples, MACHINE)
    assert results[1].not_comparable is None and not results[1].checksum_ok
