"""What each GIL tag promises, measured small: C code that releases the GIL runs in parallel in
threads, waits overlap in threads, pure Python does not speed up in threads.

Each check is best-of-three (interference only ever slows a run) and uses processes in the same
run as the yardstick: when the machine cannot give even processes a clear speed-up because
another job holds a core, the test skips rather than report a GIL effect that is not there. The
strict figures at size 2M are the benchmark's job, not the test suite's.
"""

from __future__ import annotations

import multiprocessing
import os

import pytest

from gilbench_tui.probe import strategies

pytestmark = [
    pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores"),
    pytest.mark.skipif(
        "fork" not in multiprocessing.get_all_start_methods(), reason="fork keeps it quick"
    ),
]


def best_speedups(workload: str, size: int, names: list[str], rounds: int = 3) -> dict[str, float]:
    """Serial's best wall time over each strategy's, at two tasks, interleaved."""
    best: dict[str, float] = {}
    for _ in range(rounds):
        for name in ["serial", *names]:
            wall = strategies.measure(name, workload, [size, size]).wall_s
            best[name] = min(best.get(name, wall), wall)
    return {name: best["serial"] / best[name] for name in names}


def skip_if_busy(speedup: dict[str, float]) -> None:
    if speedup["processes-fork"] < 1.5:
        pytest.skip(f"the machine is busy: processes reach only {speedup['processes-fork']:.2f}x")


@pytest.mark.parametrize(("workload", "size"), [("zlib", 300_000), ("bz2", 300_000)])
def test_compression_runs_in_parallel_in_threads(workload: str, size: int) -> None:
    speedup = best_speedups(workload, size, ["threads", "processes-fork"])
    skip_if_busy(speedup)
    assert speedup["threads"] >= 1.4, speedup


@pytest.mark.parametrize("workload", ["sleep", "socket"])
def test_waits_overlap_in_threads(workload: str) -> None:
    """Waiting needs no core: even a busy machine overlaps two waits."""
    speedup = best_speedups(workload, 300_000, ["threads"], rounds=2)
    assert speedup["threads"] >= 1.7, speedup


def test_pure_python_does_not_speed_up_in_threads() -> None:
    speedup = best_speedups("pidigits", 300_000, ["threads", "processes-fork"], rounds=2)
    skip_if_busy(speedup)
    assert speedup["threads"] < 1.25, speedup
