"""What one timed run of k tasks produces, and how a strategy reports a task that failed.

Shared by every strategy module; standard library only, Python 3.8+.
"""

from __future__ import annotations

from typing import List, NamedTuple, Optional, Sequence


class Measurement(NamedTuple):
    """One timed run of k tasks; all times in seconds, checksums in task-index order.

    wall_s runs from the first task's creation (the first submit, for pools) to the last result;
    startup_s from the same moment until every task has begun. transfer_s is the parent's time
    receiving shipped results (process strategies with return_data), pool_startup_s the time to
    make what the strategy sets up before the clock starts (a pool, or the subinterpreters);
    both are None where they do not apply.
    """

    wall_s: float
    startup_s: float
    cpu_s: float
    transfer_s: Optional[float]
    checksums: List[int]
    pool_startup_s: Optional[float] = None


class TaskError(RuntimeError):
    """A task raised, or a child process died or misbehaved; the message says which task and why."""


def failed(index: int, count: int, why: str) -> str:
    return f"task {index} of {count} failed: {why}"


def explain(exc: BaseException) -> str:
    """`Type: message` on one line."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def startup(begins: Sequence[Optional[float]], t0: float) -> float:
    """Time from t0 until the last task began (0 when no task recorded a start)."""
    started = [begin for begin in begins if begin is not None]
    return max(0.0, max(started) - t0) if started else 0.0


def checked(
    results: Sequence[Optional[int]], errors: Sequence[Optional[BaseException]]
) -> List[int]:
    """The checksums in task order, or TaskError for the first task that failed or gave none."""
    count = len(results)
    checksums: List[int] = []
    for index in range(count):
        error, result = errors[index], results[index]
        if error is not None:
            raise TaskError(failed(index, count, explain(error))) from error
        if result is None:
            raise TaskError(failed(index, count, "it ended without a result"))
        checksums.append(result)
    return checksums
