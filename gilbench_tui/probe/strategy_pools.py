"""k tasks on a concurrent.futures pool of k workers, the way applications usually run them.

The pool is made, and all k of its workers started, before the clock: that cost is
pool_startup_s, reported apart. The measured wall time runs from the first submit to the last
result. Warming up matters because pools start workers lazily: a ThreadPoolExecutor starts a
thread per submit while none is idle, and a ProcessPoolExecutor (3.11+, not for fork) a process.
k warm-up calls that wait for each other at a barrier force k threads; k warm-up calls submitted
back to back force k processes (none can be idle yet) and make each import the probe.

With return_data, a process-pool task pickles its full result itself and returns the bytes;
transfer_s adds, per task, the time from the task handing its result back until the parent holds
it unpickled: the pool's pipe, its result thread, and the final unpickling.

Task functions live in this module (not `__main__`), so spawned pool workers can unpickle them.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import pickle
import threading
import time
from typing import TYPE_CHECKING, Any, List, Optional, Tuple

if TYPE_CHECKING or __package__:
    from . import workloads
    from .measurement import Measurement, TaskError, explain, failed, startup
else:  # worker.py run by path has put this directory on sys.path
    import workloads
    from measurement import Measurement, TaskError, explain, failed, startup

WARMUP_TIMEOUT_S = 60.0

# checksum, perf_counter at start, task CPU seconds, perf_counter when handed back, pickled data
PoolReport = Tuple[int, float, float, float, Optional[bytes]]


def pool_task(workload_name: str, size: int, index: int, keep: bool) -> PoolReport:
    """One task in a pool worker; the data, when kept, travels as bytes pickled here."""
    cpu0 = time.process_time()
    begin = time.perf_counter()
    output = workloads.WORKLOADS[workload_name].func(size, index, keep)
    cpu = time.process_time() - cpu0
    blob = pickle.dumps(output.data, pickle.HIGHEST_PROTOCOL) if keep else None
    return output.checksum, begin, cpu, time.perf_counter(), blob


def warm_process() -> int:
    """A warm-up call: by the time it runs, the worker has imported this module and the probe."""
    return os.getpid()


def thread_pool(func: workloads.TaskFunc, sizes: List[int], keep: bool = False) -> Measurement:
    """process_time covers every thread of the process, so the delta is the whole run's CPU."""
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
        checksums = [_result(future, index, count) for index, future in enumerate(futures)]
    finally:
        executor.shutdown(wait=True)
    return Measurement(
        wall, startup(begins, t0), max(0.0, cpu), None, checksums, max(0.0, pool_startup)
    )


def process_pool(
    method: Optional[str], workload_name: str, sizes: List[int], return_data: bool = False
) -> Measurement:
    """CPU is the parent's process_time delta plus each task's own, measured in its worker."""
    count = len(sizes)
    ctx: Any = multiprocessing.get_context(method)
    made = time.perf_counter()
    executor = concurrent.futures.ProcessPoolExecutor(max_workers=count, mp_context=ctx)
    try:
        warm = [executor.submit(warm_process) for _ in range(count)]
        for index, future in enumerate(warm):
            _result(future, index, count)
        pool_startup = time.perf_counter() - made
        arrivals: List[float] = [0.0] * count
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        futures: List["concurrent.futures.Future[PoolReport]"] = []
        for index, size in enumerate(sizes):
            submitted = executor.submit(pool_task, workload_name, size, index, return_data)
            submitted.add_done_callback(_stamp(arrivals, index))
            futures.append(submitted)
        reports: List[PoolReport] = [_result(f, index, count) for index, f in enumerate(futures)]
        transfer = 0.0
        if return_data:
            for index, report in enumerate(reports):
                unpickling = time.perf_counter()
                if report[4] is not None:
                    pickle.loads(report[4])
                transfer += time.perf_counter() - unpickling + max(0.0, arrivals[index] - report[3])
        wall = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
    finally:
        executor.shutdown(wait=True)
    begins: List[Optional[float]] = [report[1] for report in reports]
    return Measurement(
        wall,
        startup(begins, t0),
        max(0.0, cpu + sum(report[2] for report in reports)),
        transfer if return_data else None,
        [report[0] for report in reports],
        max(0.0, pool_startup),
    )


def _stamp(arrivals: List[float], index: int) -> Any:
    def done(_: "concurrent.futures.Future[Any]") -> None:
        arrivals[index] = time.perf_counter()

    return done


def _result(future: "concurrent.futures.Future[Any]", index: int, count: int) -> Any:
    """The future's value, or TaskError naming the task (a dead pool worker included)."""
    try:
        return future.result()
    except Exception as exc:
        raise TaskError(failed(index, count, explain(exc))) from exc
