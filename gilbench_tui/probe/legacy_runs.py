"""The legacy worker's measurements: the seed task, three strategies, and the latency probe.

Python 2.7 and 3 alike (see legacy_worker.py): no annotations, no f-strings. Times come from
perf_counter where there is one and from time.time() on Python 2; CPU from os.times().
"""

# Python 2 syntax on purpose: keep the 2.7-compatible spellings that pyupgrade would modernise.
# ruff: noqa: B904, UP004, UP010, UP031, UP036

from __future__ import division, print_function

import multiprocessing
import os
import random
import sys
import threading
import time

MYPY = False
if MYPY:  # type checking only: Python 2 has no typing module
    from typing import Any, List, Optional, Tuple  # noqa: F401

    Result = Tuple[float, float, float, Optional[float], List[int]]

if sys.version_info >= (3, 3):
    from time import perf_counter as clock
else:  # Python 2 has no perf_counter
    clock = time.time

LATENCY_INTERVAL_S = 0.001
_MASK64 = (1 << 64) - 1


class TaskError(RuntimeError):
    """A task failed; the message says which and why."""


def fold(*values):
    # type: (*int) -> int
    """FNV-1a style mixing of ints into one checksum in [0, 2**63) (as tasks_common.fold)."""
    digest = 0xCBF29CE484222325
    for value in values:
        digest = ((digest ^ (value & _MASK64)) * 0x100000001B3) & _MASK64
    return int(digest >> 1)


def seed(size, task_index):
    # type: (int, int) -> Tuple[int, List[float]]
    """Append random.random() to a list (pure Python, the article's loop); (checksum, list)."""
    rng = random.Random(task_index)
    out = []  # type: List[float]
    for _ in range(size):
        out.append(rng.random())
    if not out:
        return fold(0), out
    scale = 2**53
    mid = len(out) // 2
    checksum = fold(len(out), int(out[0] * scale), int(out[mid] * scale), int(out[-1] * scale))
    return checksum, out


def cpu_time():
    # type: () -> float
    times = os.times()
    return times[0] + times[1]


def explain(exc):
    # type: (BaseException) -> str
    text = " ".join(str(exc).split())
    return "%s: %s" % (type(exc).__name__, text) if text else type(exc).__name__


def _failed(index, count, why):
    # type: (int, int, str) -> str
    return "task %d of %d failed: %s" % (index, count, why)


def run_serial(sizes, keep):
    # type: (List[int], bool) -> Result
    kept = []  # type: List[Optional[List[float]]]
    checksums = []  # type: List[int]
    cpu0, t0 = cpu_time(), clock()
    for index, size in enumerate(sizes):
        try:
            checksum, data = seed(size, index)
        except Exception as exc:
            raise TaskError(_failed(index, len(sizes), explain(exc)))
        checksums.append(checksum)
        kept.append(data if keep else None)
    return clock() - t0, 0.0, cpu_time() - cpu0, None, checksums


def run_threads(sizes, keep):
    # type: (List[int], bool) -> Result
    count = len(sizes)
    begins = [0.0] * count  # type: List[float]
    results = [None] * count  # type: List[Optional[int]]
    errors = [None] * count  # type: List[Optional[BaseException]]

    def task(index):
        # type: (int) -> None
        begins[index] = clock()
        try:
            results[index] = seed(sizes[index], index)[0]
        except Exception as exc:
            errors[index] = exc

    cpu0, t0 = cpu_time(), clock()
    threads = [threading.Thread(target=task, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.daemon = True
        thread.start()
    for thread in threads:
        thread.join()
    wall, cpu = clock() - t0, cpu_time() - cpu0
    checksums = []  # type: List[int]
    for index in range(count):
        error, result = errors[index], results[index]
        if error is not None:
            raise TaskError(_failed(index, count, explain(error)))
        if result is None:
            raise TaskError(_failed(index, count, "the thread ended without a result"))
        checksums.append(result)
    return wall, max(0.0, max(begins) - t0), cpu, None, checksums


def child_main(writer, size, index, keep):
    # type: (Any, int, int, bool) -> None
    begin = clock()
    try:
        checksum, data = seed(size, index)
    except BaseException as exc:
        writer.send(("error", index, explain(exc), begin, cpu_time()))
        writer.close()
        sys.exit(1)
    writer.send(("ok", index, checksum, begin, cpu_time()))
    if keep:
        writer.send(data)
    writer.close()


def run_processes(sizes, keep):
    # type: (List[int], bool) -> Result
    count = len(sizes)
    procs = []  # type: List[Any]
    readers = []  # type: List[Any]
    reports = []  # type: List[Tuple[int, float, float]]
    transfer = 0.0
    cpu0, t0 = cpu_time(), clock()
    try:
        for index, size in enumerate(sizes):
            reader, writer = multiprocessing.Pipe(False)
            proc = multiprocessing.Process(target=child_main, args=(writer, size, index, keep))
            proc.daemon = True
            proc.start()
            writer.close()
            procs.append(proc)
            readers.append(reader)
        for index, reader in enumerate(readers):
            try:
                message = reader.recv()
            except (EOFError, OSError):
                procs[index].join(30)
                why = "its process exited with code %s before reporting" % procs[index].exitcode
                raise TaskError(_failed(index, count, why))
            status, _, value, begin, child_cpu = message
            if status != "ok":
                raise TaskError(_failed(index, count, str(value)))
            if keep:
                receiving = clock()
                reader.recv()
                transfer += clock() - receiving
            reports.append((int(value), begin, child_cpu))
        for index, proc in enumerate(procs):
            proc.join(30)
            if proc.exitcode != 0:
                why = "its process exited with code %s" % proc.exitcode
                raise TaskError(_failed(index, count, why))
        wall, cpu = clock() - t0, cpu_time() - cpu0
    finally:
        for reader in readers:
            reader.close()
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
                proc.join(1)
    startup = max(0.0, max(report[1] for report in reports) - t0)
    cpu += sum(report[2] for report in reports)
    return wall, startup, cpu, transfer if keep else None, [r[0] for r in reports]


STRATEGIES = ("serial", "threads", "processes")
RUNNERS = {"serial": run_serial, "threads": run_threads, "processes": run_processes}


class LatencyProbe(object):
    """A thread that sleeps 1 ms in a loop and records how late it wakes (as latency_probe.py)."""

    def __init__(self):
        # type: () -> None
        self.delays = []  # type: List[float]
        self._stop = threading.Event()
        self._running = threading.Event()
        self._thread = threading.Thread(target=self._loop)
        self._thread.daemon = True

    def __enter__(self):
        # type: () -> LatencyProbe
        self._thread.start()
        self._running.wait()
        return self

    def __exit__(self, *exc_info):
        # type: (Any) -> None
        self._stop.set()
        self._thread.join()

    def _loop(self):
        # type: () -> None
        self._running.set()
        while not self._stop.is_set():
            asked = clock()
            time.sleep(LATENCY_INTERVAL_S)
            self.delays.append(max(0.0, clock() - asked - LATENCY_INTERVAL_S))

    def percentile(self, percent):
        # type: (int) -> Optional[float]
        if not self.delays:
            return None
        ordered = sorted(self.delays)
        rank = max(1, -(-int(percent * len(ordered)) // 100))
        return ordered[min(rank, len(ordered)) - 1]
