"""process-pool: k tasks on a concurrent.futures.ProcessPoolExecutor of k processes.

The pool is made, and all k of its processes started, before the clock: that cost is
pool_startup_s, reported apart. The measured wall time runs from the first submit to the last
result. A ProcessPoolExecutor (3.11+, not for fork) starts a process per submit while none is
idle, so k warm-up calls submitted back to back force k processes (none can be idle yet) and make
each import the probe.

With return_data, a task pickles its full result itself and returns the bytes with their CRC-32,
checked in the parent once the clock has stopped (as for processes); transfer_s adds,
per task, the time from the task handing its result back until the parent holds it unpickled:
the pool's pipe, its result thread, and the final unpickling.

Task functions live in this module (not `__main__`), so spawned pool processes can unpickle them;
the workload's task function travels by reference.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import pickle
import time
from typing import TYPE_CHECKING, Any, List, Optional, Tuple

if TYPE_CHECKING or __package__:
    from .measurement import Measurement, result_of, startup
    from .strategy_processes import crc32, verify
else:  # the worker process run by path has put this directory on sys.path
    from measurement import Measurement, result_of, startup
    from strategy_processes import crc32, verify

if TYPE_CHECKING:
    from .records import Strategy, TaskFunc, Workload

# checksum, perf_counter at start, task CPU seconds, perf_counter when handed back, pickled data,
# and the data's CRC-32 as the task computed it
PoolReport = Tuple[int, float, float, float, Optional[bytes], Optional[int]]


def pool_task(func: TaskFunc, size: int, index: int, keep: bool) -> PoolReport:
    """One task in a pool process; the data, when kept, travels as bytes pickled here."""
    cpu0 = time.process_time()
    begin = time.perf_counter()
    output = func(size, index, keep)
    cpu = time.process_time() - cpu0
    blob = pickle.dumps(output.data, pickle.HIGHEST_PROTOCOL) if keep else None
    crc = None if blob is None else crc32(blob)
    return output.checksum, begin, cpu, time.perf_counter(), blob, crc


def warm_process() -> int:
    """A warm-up call: by the time it runs, its pool process has imported this module."""
    return os.getpid()


def measure(strategy: Strategy, workload: Workload, sizes: List[int], keep: bool) -> Measurement:
    """CPU is the parent's process_time delta plus each task's own, measured in its process."""
    func = workload.load_task()
    count = len(sizes)
    ctx: Any = multiprocessing.get_context(strategy.context_method)
    made = time.perf_counter()
    executor = concurrent.futures.ProcessPoolExecutor(max_workers=count, mp_context=ctx)
    try:
        warm = [executor.submit(warm_process) for _ in range(count)]
        for index, future in enumerate(warm):
            result_of(future, index, count)
        pool_startup = time.perf_counter() - made
        arrivals: List[float] = [0.0] * count
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        futures: List[concurrent.futures.Future[PoolReport]] = []
        for index, size in enumerate(sizes):
            submitted = executor.submit(pool_task, func, size, index, keep)
            submitted.add_done_callback(_stamp(arrivals, index))
            futures.append(submitted)
        reports: List[PoolReport] = [result_of(f, index, count) for index, f in enumerate(futures)]
        transfer = 0.0
        if keep:
            for index, report in enumerate(reports):
                unpickling = time.perf_counter()
                if report[4] is not None:
                    pickle.loads(report[4])
                transfer += time.perf_counter() - unpickling + max(0.0, arrivals[index] - report[3])
        wall = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
    finally:
        executor.shutdown(wait=True)
    verify([(r[0], r[1], r[2], r[5]) for r in reports], [r[4] for r in reports])
    begins: List[Optional[float]] = [report[1] for report in reports]
    return Measurement(
        wall,
        startup(begins, t0),
        max(0.0, cpu + sum(report[2] for report in reports)),
        transfer if keep else None,
        [report[0] for report in reports],
        max(0.0, pool_startup),
    )


def _stamp(arrivals: List[float], index: int) -> Any:
    def done(_: concurrent.futures.Future[Any]) -> None:
        arrivals[index] = time.perf_counter()

    return done
