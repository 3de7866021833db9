"""interpreter-pool: k tasks on a concurrent.futures.InterpreterPoolExecutor of k interpreters.

Python 3.14 added InterpreterPoolExecutor: a ThreadPoolExecutor whose every thread runs its own
interpreter, each with its own GIL, so pure-Python tasks run in parallel as in processes but
inside one process. Calls and results cross between interpreters pickled, so the task function
must be importable in each interpreter: the pool's initializer is the builtin `exec` of a line
that puts the worker's sys.path into the new interpreter's (a builtin pickles by name, and the
worker run by path has its own directory on sys.path, which a new interpreter would not).

The pool is made and its k interpreters started (each importing the task's module) before the
clock: that is pool_startup_s, as for the other pools. A ThreadPoolExecutor starts a thread per
submit while none is idle, so k warm-up calls that each hold their interpreter a moment start
all k. Each task reports its checksum and when it began; with return_data the result stays in
the task's interpreter, as in subinterpreters.
"""

from __future__ import annotations

import concurrent.futures
import importlib
import sys
import time
from typing import TYPE_CHECKING, Any, List, Optional, Tuple

if TYPE_CHECKING or __package__:
    from . import records
    from .measurement import Measurement, from_reports, result_of
else:  # the worker process run by path has put this directory on sys.path
    import records
    from measurement import Measurement, from_reports, result_of

#: How long each warm-up call holds its interpreter, so that the k calls need k of them.
WARMUP_HOLD_S = 0.05
_PATH_LINE = "import sys; sys.path[:0] = [p for p in {path!r} if p not in sys.path]"


def unavailable(strategy: records.Strategy, workload: Optional[records.Workload]) -> Optional[str]:
    """None where concurrent.futures has an InterpreterPoolExecutor (CPython 3.14+)."""
    if getattr(concurrent.futures, "InterpreterPoolExecutor", None) is None:
        return (
            "concurrent.futures.InterpreterPoolExecutor needs CPython 3.14 or newer "
            f"(this is {sys.implementation.name} {sys.version.split()[0]})"
        )
    return None


def warm(module: str, name: str) -> None:
    """Import the task in this interpreter and hold it a moment (see the module's docstring)."""
    getattr(importlib.import_module(module), name)
    time.sleep(WARMUP_HOLD_S)


def run_task(module: str, name: str, size: int, index: int, keep: bool) -> Tuple[int, float]:
    """One task in its interpreter: (checksum, perf_counter at its start, the same clock for all
    interpreters of the process)."""
    func = getattr(importlib.import_module(module), name)
    begin = time.perf_counter()
    return func(size, index, keep).checksum, begin


def measure(
    strategy: records.Strategy, workload: records.Workload, sizes: List[int], keep: bool
) -> Measurement:
    """process_time covers every thread, in every interpreter, so the delta is the run's CPU."""
    pool_class: Any = getattr(concurrent.futures, "InterpreterPoolExecutor", None)
    if pool_class is None:
        raise ValueError(unavailable(strategy, workload))
    module, name = records.reference(workload.task)
    count = len(sizes)
    made = time.perf_counter()
    path_line = _PATH_LINE.format(path=list(sys.path))
    executor = pool_class(max_workers=count, initializer=exec, initargs=(path_line, {}))
    try:
        concurrent.futures.wait([executor.submit(warm, module, name) for _ in range(count)])
        pool_startup = time.perf_counter() - made
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        futures = [
            executor.submit(run_task, module, name, sizes[index], index, keep)
            for index in range(count)
        ]
        concurrent.futures.wait(futures)
        wall = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
        reports = [result_of(future, index, count) for index, future in enumerate(futures)]
    finally:
        executor.shutdown(wait=True)
    return from_reports(wall, t0, cpu, reports, pool_startup)
