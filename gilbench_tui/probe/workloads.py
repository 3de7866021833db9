"""The workload registry: what one task does, and how it behaves under the GIL.

A task function is `func(size, task_index, keep=False) -> Output` (see tasks_common): work
proportional to `size`, seeded only by `task_index`, with a checksum that depends only on
(size, task_index) so the parent can check that every strategy computed the same thing (the
article's multiprocessing version silently lost its results). `keep=True` also returns the task's
full result, for strategies that ship it back. The first line of the function's docstring is the
label people see. Waiting workloads may also have a coroutine variant, `async_func`, for the
asyncio strategy.

This module is imported by the parent for names and labels, so importing it must stay cheap: no
work at import time, standard library only (numpy is imported only by its own workload), and it
must run on Python 3.8+. It is also imported by top-level name in child processes and
subinterpreters, with the probe directory on sys.path.
"""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING, Dict, List, NamedTuple, Optional, Tuple

if TYPE_CHECKING or __package__:
    from .tasks_common import CHECKSUM_LIMIT, AsyncTaskFunc, Output, TaskFunc, fold
    from .tasks_native import bz2, numpy, numpy_unavailable, sha256, zlib
    from .tasks_python import pidigits, primes, seed
    from .tasks_waiting import file_io, sleep, sleep_async, socket_echo, socket_echo_async
else:  # worker.py run by path, a spawned child, or a subinterpreter: the probe dir is on sys.path
    from tasks_common import CHECKSUM_LIMIT, AsyncTaskFunc, Output, TaskFunc, fold
    from tasks_native import bz2, numpy, numpy_unavailable, sha256, zlib
    from tasks_python import pidigits, primes, seed
    from tasks_waiting import file_io, sleep, sleep_async, socket_echo, socket_echo_async

__all__ = [
    "CHECKSUM_LIMIT",
    "GIL_BEHAVIOURS",
    "WORKLOADS",
    "AsyncTaskFunc",
    "Output",
    "TaskFunc",
    "Workload",
    "available",
    "bz2",
    "describe",
    "file_io",
    "fold",
    "numpy",
    "pidigits",
    "primes",
    "seed",
    "sha256",
    "sleep",
    "socket_echo",
    "zlib",
]

GIL_BEHAVIOURS = ("holds", "releases", "waits")


class Workload(NamedTuple):
    """One registered workload; `label` comes from the task function's docstring."""

    name: str
    label: str
    gil: str
    description: str
    func: TaskFunc
    async_func: Optional[AsyncTaskFunc] = None


def _workload(
    name: str,
    func: TaskFunc,
    gil: str,
    description: str,
    async_func: Optional[AsyncTaskFunc] = None,
) -> Workload:
    doc = (func.__doc__ or name).strip()
    return Workload(name, doc.splitlines()[0].strip(), gil, description, func, async_func)


WORKLOADS: Dict[str, Workload] = {
    w.name: w
    for w in (
        _workload(
            "seed",
            seed,
            "holds",
            "Builds a list of random floats in a Python loop; bytecode needs the GIL, "
            "so threads take turns.",
        ),
        _workload(
            "pidigits",
            pidigits,
            "holds",
            "Big-integer arithmetic driven from Python; every step holds the GIL, "
            "so threads take turns.",
        ),
        _workload(
            "primes",
            primes,
            "holds",
            "Trial division in a Python loop; every step holds the GIL, so threads take turns.",
        ),
        _workload(
            "sha256",
            sha256,
            "releases",
            "Hashes megabytes in C; hashlib releases the GIL while it hashes, "
            "so threads run in parallel.",
        ),
        _workload(
            "zlib",
            zlib,
            "releases",
            "Compresses megabytes with zlib in C, which releases the GIL; threads run in parallel.",
        ),
        _workload(
            "bz2",
            bz2,
            "releases",
            "Compresses megabytes with bz2 in C, which releases the GIL; threads run in parallel.",
        ),
        _workload(
            "numpy",
            numpy,
            "releases",
            "Multiplies matrices with numpy (one BLAS thread per task), which releases the GIL; "
            "needs numpy on the interpreter.",
        ),
        _workload(
            "sleep",
            sleep,
            "waits",
            "Sleeps like a task waiting on I/O; the GIL is free while it waits, "
            "so threads overlap the waits.",
            sleep_async,
        ),
        _workload(
            "file-io",
            file_io,
            "waits",
            "Writes, fsyncs and reads back temporary files; the GIL is free while the disk works.",
        ),
        _workload(
            "socket",
            socket_echo,
            "waits",
            "Echoes data over a loopback TCP socket on 127.0.0.1; the GIL is free in every "
            "send and receive.",
            socket_echo_async,
        ),
    )
}


TEST_WORKLOADS_ENV = "GILBENCH_TEST_WORKLOADS"


def crash(size: int, task_index: int, keep: bool = False) -> Output:
    """Abort the process (a test-only workload, for checking how crashes are reported)"""
    os.abort()


if os.environ.get(TEST_WORKLOADS_ENV) == "1":
    WORKLOADS["crash"] = _workload(
        "crash", crash, "holds", f"Aborts the process; only with {TEST_WORKLOADS_ENV}=1 (tests)."
    )


def available(name: str) -> Tuple[bool, str]:
    """Whether `name` can run on this interpreter, and why not when it cannot."""
    if name not in WORKLOADS:
        return False, f"unknown workload {name!r} (known: {', '.join(WORKLOADS)})"
    if name == "sha256" and "sha256" not in hashlib.algorithms_available:
        return False, "hashlib has no sha256 on this interpreter"
    if name == "numpy":
        reason = numpy_unavailable()
        if reason is not None:
            return False, reason
    return True, ""


def describe() -> List[Tuple[str, str, str, str]]:
    """(name, label, gil, description) for every workload, in registry order."""
    return [(w.name, w.label, w.gil, w.description) for w in WORKLOADS.values()]
