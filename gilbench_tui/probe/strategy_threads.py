"""threads: k threading.Thread in the worker process, sharing one GIL unless the work releases it.

process_time covers every thread of the process, so its delta is the whole run's CPU. Written in
the subset of Python that runs on 2.7 and 3.x, so the legacy worker measures threads with this
very code (run()): on Python 2's GIL, the article's threads slower than serial.
"""

# Python 2 syntax on purpose: keep the 2.7-compatible spellings that pyupgrade would modernise.
# ruff: noqa: UP031

import threading

MYPY = False
if MYPY:  # type checking only: Python 2 has no typing module
    from typing import Any, List, Optional  # noqa: F401

    from .records import Strategy, TaskFunc, Workload  # noqa: F401

if MYPY or __package__:
    from .measurement import Measurement, checked, clock, cpu_time, startup
else:  # the worker process run by path has put this directory on sys.path
    from measurement import Measurement, checked, clock, cpu_time, startup


def run(func, sizes, keep):
    # type: (TaskFunc, List[int], bool) -> Measurement
    count = len(sizes)
    begins = [None] * count  # type: List[Optional[float]]
    results = [None] * count  # type: List[Optional[int]]
    errors = [None] * count  # type: List[Optional[BaseException]]
    kept = [None] * count  # type: List[Any]

    def task(index):
        # type: (int) -> None
        begins[index] = clock()
        try:
            output = func(sizes[index], index, keep)
        except BaseException as exc:
            errors[index] = exc
            return
        results[index], kept[index] = output.checksum, output.data

    cpu0 = cpu_time()
    t0 = clock()
    threads = [
        threading.Thread(target=task, args=(i,), name="gilbench-task-%d" % i) for i in range(count)
    ]
    for thread in threads:
        thread.daemon = True
        thread.start()
    for thread in threads:
        thread.join()
    wall = clock() - t0
    cpu = cpu_time() - cpu0
    return Measurement(
        wall, startup(begins, t0), max(0.0, cpu), None, checked(results, errors), None
    )


def measure(strategy, workload, sizes, keep):
    # type: (Strategy, Workload, List[int], bool) -> Measurement
    return run(workload.load_task(), sizes, keep)
