"""What one timed run of k tasks reports, how a strategy times it, and how a task failure reads.

A Measurement has the fields of protocol.MEASURED_FIELDS, in that order (the serve loop turns it
into the sample's fields): wall_s runs from the first task's creation (the first submit, for
pools) to the last result; startup_s from the same moment until every task has begun; cpu_s is
the CPU time of the worker tree; transfer_s the parent's time receiving shipped results (process
strategies with return_data), pool_startup_s the time to make what the strategy sets up before
the clock starts (a pool, or the subinterpreters); both are None where they do not apply.

The clocks are perf_counter and process_time where the interpreter has them; Python 2, which
runs the legacy worker, falls back to time.time() and os.times().

Written in the subset of Python that runs on 2.7 and 3.x: no annotations, no f-strings.
"""

# Python 2 syntax on purpose: keep the 2.7-compatible spellings that pyupgrade would modernise.
# ruff: noqa: B904, UP014, UP031, UP036

import collections
import os
import sys
import time

MYPY = False
if MYPY:  # type checking only: Python 2 has no typing module; the fields are checked by a test
    from typing import Any, List, NamedTuple, Optional, Sequence, Tuple  # noqa: F401

    Measurement = NamedTuple(
        "Measurement",
        [
            ("wall_s", float),
            ("startup_s", float),
            ("cpu_s", float),
            ("transfer_s", Optional[float]),
            ("checksums", List[int]),
            ("pool_startup_s", Optional[float]),
        ],
    )

if MYPY or __package__:
    from .protocol import MEASURED_NAMES
else:  # the worker process run by path has put this directory on sys.path
    from protocol import MEASURED_NAMES

if not MYPY:
    Measurement = collections.namedtuple("Measurement", MEASURED_NAMES)

if sys.version_info >= (3, 3):
    clock = time.perf_counter
    cpu_time = time.process_time
else:  # Python 2: wall time from time.time(), CPU time of the process from os.times()
    clock = time.time

    def cpu_time():
        # type: () -> float
        times = os.times()
        return times[0] + times[1]


class TaskError(RuntimeError):
    """A task raised, or a child process died or misbehaved; the message says which task and why."""


def failed(index, count, why):
    # type: (int, int, str) -> str
    return "task %d of %d failed: %s" % (index, count, why)


def explain(exc):
    # type: (BaseException) -> str
    """`Type: message` on one line; an exception that says it is `explained` (a user's code
    failing) is its message as it is."""
    if getattr(exc, "explained", False):
        return " ".join(str(exc).split())
    text = " ".join(str(exc).split())
    return "%s: %s" % (type(exc).__name__, text) if text else type(exc).__name__


def result_of(future, index, count):
    # type: (Any, int, int) -> Any
    """A pool future's value, or TaskError naming the task (a dead pool process included)."""
    try:
        return future.result()
    except Exception as exc:
        raise TaskError(failed(index, count, explain(exc)))


def startup(begins, t0):
    # type: (Sequence[Optional[float]], float) -> float
    """Time from t0 until the last task began (0 when no task recorded a start)."""
    started = [begin for begin in begins if begin is not None]
    return max(0.0, max(started) - t0) if started else 0.0


def from_reports(wall, t0, cpu, reports, pool_startup):
    # type: (float, float, float, Sequence[Tuple[int, float]], float) -> Measurement
    """A timed run of tasks made before the clock (a pool, interpreters), from each task's
    (checksum, perf_counter at its start)."""
    return Measurement(
        wall,
        startup([begin for _, begin in reports], t0),
        max(0.0, cpu),
        None,
        [checksum for checksum, _ in reports],
        max(0.0, pool_startup),
    )


def checked(results, errors):
    # type: (Sequence[Optional[int]], Sequence[Optional[BaseException]]) -> List[int]
    """The checksums in task order, or TaskError for the first task that failed or gave none."""
    count = len(results)
    checksums = []  # type: List[int]
    for index in range(count):
        error, result = errors[index], results[index]
        if error is not None:
            raise TaskError(failed(index, count, explain(error)))
        if result is None:
            raise TaskError(failed(index, count, "it ended without a result"))
        checksums.append(result)
    return checksums
