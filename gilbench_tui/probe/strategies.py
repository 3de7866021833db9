"""How k tasks run, and what one run costs: the registry of strategies and the simple ones.

measure() times the whole run the way the article did (creation and start included, up to the
last join) and records beside it the start-up time, the CPU time of the worker tree and every
task's checksum. Serial and threads live here; processes, the concurrent.futures pools, asyncio
and subinterpreters each have a module of their own (strategy_*.py).

Not every strategy runs everywhere: available(name) says why one cannot run on this interpreter,
available_for(name, workload) also why it cannot run a given workload (asyncio needs a coroutine
variant, subinterpreters cannot import numpy).

The parent imports this module for STRATEGY_NAMES and DESCRIPTIONS: importing it does no work. It
runs inside the worker on any Python >= 3.8, standard library only, either as
`gilbench_tui.probe.strategies` or, when worker.py is run by path, as the top-level module
`strategies`.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time
from typing import TYPE_CHECKING, Any, Dict, List, Optional

if TYPE_CHECKING or __package__:
    from . import (
        strategy_asyncio,
        strategy_interpreters,
        strategy_pools,
        strategy_processes,
        workloads,
    )
    from .measurement import Measurement, TaskError, checked, explain, failed, startup
else:  # worker.py run by path has put this directory on sys.path
    import strategy_asyncio
    import strategy_interpreters
    import strategy_pools
    import strategy_processes
    import workloads
    from measurement import Measurement, TaskError, checked, explain, failed, startup

__all__ = [
    "DESCRIPTIONS",
    "STRATEGY_NAMES",
    "Measurement",
    "TaskError",
    "available",
    "available_for",
    "measure",
    "prepare",
    "start_method",
]

STRATEGY_NAMES = (
    "serial",
    "threads",
    "processes",
    "processes-fork",
    "processes-forkserver",
    "processes-spawn",
    "thread-pool",
    "process-pool",
    "asyncio",
    "subinterpreters",
)

DESCRIPTIONS: Dict[str, str] = {
    "serial": "The k tasks one after another in the worker process: the baseline.",
    "threads": "k threading.Thread in one process: they share one GIL unless the work releases it.",
    "processes": "k multiprocessing.Process with the platform's default start method.",
    "processes-fork": "k processes forked from the worker: cheap to start, copies the parent.",
    "processes-forkserver": "k processes forked from a clean server process started once.",
    "processes-spawn": "k fresh interpreters that import the probe: the slowest start.",
    "thread-pool": "A ThreadPoolExecutor of k threads; its start-up is reported apart.",
    "process-pool": "A ProcessPoolExecutor of k processes (default start method); "
    "its start-up is reported apart.",
    "asyncio": "k coroutines on one event loop in one thread: overlaps waits, never computes "
    "in parallel.",
    "subinterpreters": "k subinterpreters, each with its own GIL, run from k threads "
    "(CPython 3.12+).",
}

_START_METHODS: Dict[str, Optional[str]] = {
    "processes": None,
    "processes-fork": "fork",
    "processes-forkserver": "forkserver",
    "processes-spawn": "spawn",
    "process-pool": None,
}

_SERVER_PRELOAD = (
    "gc",
    "hashlib",
    "json",
    "multiprocessing.connection",
    "pkgutil",
    "platform",
    "random",
    "runpy",
    "sysconfig",
    "threading",
    "concurrent.futures.process",
)


def available(name: str) -> Optional[str]:
    """None when `name` can run on this interpreter, otherwise the reason it cannot."""
    if name not in STRATEGY_NAMES:
        return f"unknown strategy {name!r} (known: {', '.join(STRATEGY_NAMES)})"
    method = _START_METHODS.get(name)
    if method is not None and method not in multiprocessing.get_all_start_methods():
        return f"the {method} start method is not available on {sys.platform}"
    if name == "subinterpreters":
        return strategy_interpreters.unavailable()
    return None


def available_for(strategy: str, workload: str) -> Optional[str]:
    """None when `strategy` can run `workload` here, otherwise the reason it cannot.

    Whether the workload itself runs here (numpy installed?) is workloads.available()'s answer.
    """
    reason = available(strategy)
    if reason is not None:
        return reason
    if workload not in workloads.WORKLOADS:
        return f"unknown workload {workload!r} (known: {', '.join(workloads.WORKLOADS)})"
    if strategy == "asyncio":
        return strategy_asyncio.unavailable_for(workloads.WORKLOADS[workload])
    if strategy == "subinterpreters":
        return strategy_interpreters.NOT_SUPPORTED.get(workload)
    return None


def start_method(name: str) -> Optional[str]:
    """The start method a process strategy uses (the platform default for `processes`)."""
    if name not in _START_METHODS:
        return None
    return _START_METHODS[name] or multiprocessing.get_start_method()


def prepare(name: str) -> None:
    """Start what a strategy starts once per worker, the fork server, so no sample pays for it.

    The server preloads what the probe imports, as an application would with
    set_forkserver_preload(), so children do not each import it again. Older CPython releases
    ignore the parent's sys.path and a `__main__` run by path there (gh-117378, gh-126631): then
    only the standard-library part loads and each child still imports the probe's own modules.
    One no-op child then waits until the server is ready.
    """
    if start_method(name) != "forkserver":
        return
    from multiprocessing import forkserver

    preload = ["__main__", *_SERVER_PRELOAD, strategy_processes.__name__, strategy_pools.__name__]
    forkserver.set_forkserver_preload(preload)
    ctx: Any = multiprocessing.get_context("forkserver")
    proc = ctx.Process(target=_noop, name="gilbench-warmup", daemon=True)
    proc.start()
    proc.join()
    if proc.exitcode != 0:
        raise RuntimeError(f"the fork server's first child exited with code {proc.exitcode}")


def _noop() -> None:
    """A child that does nothing, to start the fork server before anything is timed."""


def measure(
    strategy: str, workload_name: str, sizes: List[int], return_data: bool = False
) -> Measurement:
    """Run len(sizes) tasks with `strategy`; task i does sizes[i] items, seeded by i.

    With return_data every task keeps its full result; process strategies ship it back to this
    process and report the time that took as transfer_s.
    """
    if not sizes:
        raise ValueError("measure() needs at least one task")
    reason = available_for(strategy, workload_name)
    if reason is not None:
        raise ValueError(reason)
    workload = workloads.WORKLOADS[workload_name]
    if strategy == "serial":
        return _serial(workload.func, sizes, return_data)
    if strategy == "threads":
        return _threads(workload.func, sizes, return_data)
    if strategy == "thread-pool":
        return strategy_pools.thread_pool(workload.func, sizes, return_data)
    if strategy == "process-pool":
        return strategy_pools.process_pool(None, workload_name, sizes, return_data)
    if strategy == "asyncio":
        return strategy_asyncio.run(workload, sizes, return_data)
    if strategy == "subinterpreters":
        return strategy_interpreters.run(workload_name, sizes, return_data)
    return strategy_processes.run(_START_METHODS[strategy], workload_name, sizes, return_data)


def _serial(func: workloads.TaskFunc, sizes: List[int], keep: bool) -> Measurement:
    """Startup is the time to reach the first task: serial starts nothing, it runs them in turn."""
    checksums: List[int] = []
    kept: List[Any] = []
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    first_begin = t0
    for index, size in enumerate(sizes):
        if index == 0:
            first_begin = time.perf_counter()
        try:
            output = func(size, index, keep)
        except Exception as exc:
            raise TaskError(failed(index, len(sizes), explain(exc))) from exc
        checksums.append(output.checksum)
        kept.append(output.data)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    return Measurement(wall, max(0.0, first_begin - t0), max(0.0, cpu), None, checksums)


def _threads(func: workloads.TaskFunc, sizes: List[int], keep: bool) -> Measurement:
    """process_time covers every thread of the process, so the delta is the whole run's CPU."""
    count = len(sizes)
    begins: List[Optional[float]] = [None] * count
    results: List[Optional[int]] = [None] * count
    errors: List[Optional[BaseException]] = [None] * count
    kept: List[Any] = [None] * count

    def run(index: int) -> None:
        begins[index] = time.perf_counter()
        try:
            output = func(sizes[index], index, keep)
        except BaseException as exc:
            errors[index] = exc
            return
        results[index], kept[index] = output.checksum, output.data

    cpu0 = time.process_time()
    t0 = time.perf_counter()
    threads = [
        threading.Thread(target=run, args=(i,), name=f"gilbench-task-{i}", daemon=True)
        for i in range(count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    return Measurement(wall, startup(begins, t0), max(0.0, cpu), None, checked(results, errors))
