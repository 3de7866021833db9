"""The wake-up sampler (`--latency`): percentiles, its thread's life, and the convoy effect it shows."""

from __future__ import annotations

import multiprocessing
import platform
import threading
import time

import pytest

from gilbench_tui.probe import strategies
from gilbench_tui.probe.wakeup import WakeupSampler, percentile

HAS_FORK = "fork" in multiprocessing.get_all_start_methods()


def test_percentile_is_nearest_rank() -> None:
    values = [0.005, 0.001, 0.003, 0.002, 0.004]
    assert percentile(values, 50) == 0.003
    assert percentile(values, 99) == 0.005
    assert percentile(values, 1) == 0.001
    assert percentile([0.25], 99) == 0.25
    assert percentile([], 50) is None
    assert percentile(list(range(100)), 99) == 98


def test_the_sampler_runs_only_inside_the_block() -> None:
    before = threading.active_count()
    with WakeupSampler() as sampler:
        assert threading.active_count() == before + 1
        time.sleep(0.03)
    assert threading.active_count() == before
    assert len(sampler.delays) >= 5
    p50, p99 = sampler.percentiles()
    assert p50 is not None and p99 is not None and 0 <= p50 <= p99 < 0.5
    assert all(delay >= 0 for delay in sampler.delays)


def test_even_an_instant_block_records_one_wake_up() -> None:
    with WakeupSampler() as sampler:
        pass
    assert len(sampler.delays) >= 1
    assert sampler.percentiles()[0] is not None


@pytest.mark.skipif(platform.python_implementation() != "CPython", reason="a CPython GIL effect")
@pytest.mark.skipif(not HAS_FORK, reason="needs fork to keep the test quick")
def test_cpu_bound_threads_delay_the_sampler_far_more_than_processes() -> None:
    """The convoy effect: with two CPU-bound threads the sampler waits for the GIL (about one
    switch interval a wake-up); with two processes it wakes on time. Best of up to five tries,
    each stopping at the first that shows it, because a machine busy with other work can blur
    either number in one try."""
    threads_p50, processes_p50 = [], []
    for _ in range(5):
        with WakeupSampler() as on_threads:
            strategies.measure("threads", "seed", [300_000, 300_000])
        with WakeupSampler() as on_processes:
            strategies.measure("processes-fork", "seed", [300_000, 300_000])
        threads_p50.append(on_threads.percentiles()[0] or 0.0)
        processes_p50.append(on_processes.percentiles()[0] or 1.0)
        if max(threads_p50) > 1e-3 > min(processes_p50):
            break
    assert max(threads_p50) > 1e-3 > min(processes_p50)
