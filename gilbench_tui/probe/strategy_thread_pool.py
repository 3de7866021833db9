"""thread-pool: k tasks on a concurrent.futures.ThreadPoolExecutor of k threads.

The pool is made, and all k of its threads started, before the clock: that cost is
pool_startup_s, reported apart. The measured wall time runs from the first submit to the last
result. A ThreadPoolExecutor starts a thread per submit while none is idle, so k warm-up calls
that wait for each other at a barrier force all k threads to start. process_time covers every
thread of the process, so its delta is the whole run's CPU.
"""

from __future__ import annotations

import concurrent.futures
import threading
import time
from typing import TYPE_CHECKING, List, Optional

if TYPE_CHECKING or __package__:
    from .measurement import Measurement, result_of, startup
else:  # the worker process run by path has put this directory on sys.path
    from measurement import Measurement, result_of, startup

if TYPE_CHECKING:
    from .records import Strategy, Workload

WARMUP_TIMEOUT_S = 60.0


def measure(strategy: Strategy, workload: Workload, sizes: List[int], keep: bool) -> Measurement:
    func = workload.load_task()
    count = len(sizes)
    begins: List[Optional[float]] = [None] * count

    def task(index: int) -> int:
        begins[index] = time.perf_counter()
        return func(sizes[index], index, keep).checksum

    made = time.perf_counter()
    executor = concurrent.futures.ThreadPoolExecutor(max_workers=count)
    try:
        barrier = threading.Barrier(count)
        warm = [executor.submit(barrier.wait, WARMUP_TIMEOUT_S) for _ in range(count)]
        concurrent.futures.wait(warm)
        pool_startup = time.perf_counter() - made
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        futures = [executor.submit(task, index) for index in range(count)]
        concurrent.futures.wait(futures)
        wall = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
        checksums = [result_of(future, index, count) for index, future in enumerate(futures)]
    finally:
        executor.shutdown(wait=True)
    return Measurement(
        wall, startup(begins, t0), max(0.0, cpu), None, checksums, max(0.0, pool_startup)
    )
