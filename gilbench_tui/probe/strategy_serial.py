"""serial: the k tasks one after another in the worker process, the baseline of every speedup.

They run on one thread started for each timed run, as the threads strategy starts one a task, so
that the two differ only in running at once: on a free-threaded build the main thread's allocator
slows pass after pass in a loop that allocates (the article's), while a new thread starts afresh.
Start-up is the time to reach the first task on that thread.
Written in the subset of Python that runs on 2.7 and 3.x, so the legacy worker measures serial
with this very code (run()).
"""

# Python 2 syntax on purpose: keep the 2.7-compatible spellings that pyupgrade would modernise.
# ruff: noqa: B904

import threading

MYPY = False
if MYPY:  # type checking only: Python 2 has no typing module
    from typing import Any, Callable, List, Optional  # noqa: F401

    from .records import Strategy, TaskFunc, Workload  # noqa: F401

if MYPY or __package__:
    from .measurement import Measurement, TaskError, clock, cpu_time, explain, failed
else:  # the worker process run by path has put this directory on sys.path
    from measurement import Measurement, TaskError, clock, cpu_time, explain, failed


def run(func, sizes, keep, prepare=None):
    # type: (TaskFunc, List[int], bool, Optional[Callable[[], None]]) -> Measurement
    """The tasks in turn, on a thread started for this timed run (see the module's docstring).

    `prepare` (the workload's reset) runs first on that thread, off the clock: what it makes for
    the tasks (seed-shared's lists) is then that thread's own, as the article's serial run's
    lists were its main thread's. Starting the thread (tens of microseconds) is not timed."""
    box = []  # type: List[Any]
    errors = []  # type: List[BaseException]

    def serially():
        # type: () -> None
        try:
            if prepare is not None:
                prepare()
            box.append(_in_turn(func, sizes, keep))
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=serially, name="gilbench-serial")
    thread.daemon = True
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    result = box[0]  # type: Measurement
    return result


def _in_turn(func, sizes, keep):
    # type: (TaskFunc, List[int], bool) -> Measurement
    """The kept data stays in this list until the run is timed, as a caller would hold it."""
    checksums = []  # type: List[int]
    kept = []  # type: List[Any]
    cpu0 = cpu_time()
    t0 = clock()
    first_begin = t0
    for index, size in enumerate(sizes):
        if index == 0:
            first_begin = clock()
        try:
            output = func(size, index, keep)
        except Exception as exc:
            raise TaskError(failed(index, len(sizes), explain(exc)))
        checksums.append(output.checksum)
        kept.append(output.data)
    wall = clock() - t0
    cpu = cpu_time() - cpu0
    return Measurement(wall, max(0.0, first_begin - t0), max(0.0, cpu), None, checksums, None)


def measure(strategy, workload, sizes, keep):
    # type: (Strategy, Workload, List[int], bool) -> Measurement
    return run(workload.load_task(), sizes, keep, lambda: workload.before_run(len(sizes)))
