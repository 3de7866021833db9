"""How k tasks run — one after another, in threads, or in processes — and what one run costs.

measure() times the whole run the way the article did (creation and start included, up to the
last join) and records beside it the start-up time, the CPU time of the worker tree and every
task's checksum. Child processes report through one pipe each, and the parent also waits on every
child's sentinel, so a child that dies before reporting raises an error instead of hanging the run.

The parent imports this module for STRATEGY_NAMES and DESCRIPTIONS: importing it does no work. It
runs inside the worker on any Python >= 3.8, standard library only, either as
`gilbench_tui.probe.strategies` or, when worker.py is run by path, as the top-level module
`strategies`. The child entry point lives here, not in `__main__`, so spawn and forkserver children
can unpickle it.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any, Dict, List, NamedTuple, Optional, Tuple

if TYPE_CHECKING or __package__:
    from . import workloads
else:  # worker.py run by path has put this directory on sys.path
    import workloads

STRATEGY_NAMES = (
    "serial",
    "threads",
    "processes",
    "processes-fork",
    "processes-forkserver",
    "processes-spawn",
)

DESCRIPTIONS: Dict[str, str] = {
    "serial": "The k tasks one after another in the worker process: the baseline.",
    "threads": "k threading.Thread in one process: they share one GIL unless the work releases it.",
    "processes": "k multiprocessing.Process with the platform's default start method.",
    "processes-fork": "k processes forked from the worker: cheap to start, copies the parent.",
    "processes-forkserver": "k processes forked from a clean server process started once.",
    "processes-spawn": "k fresh interpreters that import the probe: the slowest start.",
}

_START_METHODS: Dict[str, Optional[str]] = {
    "processes": None,
    "processes-fork": "fork",
    "processes-forkserver": "forkserver",
    "processes-spawn": "spawn",
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
)

EXIT_GRACE_S = 30.0
"""How long a child that has reported may take to exit before the run counts as failed."""


class Measurement(NamedTuple):
    """One timed run of k tasks; all times in seconds, checksums in task-index order."""

    wall_s: float
    startup_s: float
    cpu_s: float
    transfer_s: Optional[float]
    checksums: List[int]


class TaskError(RuntimeError):
    """A task raised, or a child process died or misbehaved; the message says which task and why."""


def available(name: str) -> Optional[str]:
    """None when `name` can run here, otherwise the reason it cannot."""
    if name not in STRATEGY_NAMES:
        return f"unknown strategy {name!r} (known: {', '.join(STRATEGY_NAMES)})"
    method = _START_METHODS.get(name)
    if method is not None and method not in multiprocessing.get_all_start_methods():
        return f"the {method} start method is not available on {sys.platform}"
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

    forkserver.set_forkserver_preload(["__main__", *_SERVER_PRELOAD, __name__])
    ctx: Any = multiprocessing.get_context("forkserver")
    proc = ctx.Process(target=_noop, name="gilbench-warmup", daemon=True)
    proc.start()
    proc.join()
    if proc.exitcode != 0:
        raise RuntimeError(f"the fork server's first child exited with code {proc.exitcode}")


def _noop() -> None:
    """A child that does nothing, to start the fork server before anything is timed."""


def measure(strategy: str, workload_name: str, sizes: List[int]) -> Measurement:
    """Run len(sizes) tasks with `strategy`; task i does sizes[i] items, seeded by i."""
    if not sizes:
        raise ValueError("measure() needs at least one task")
    reason = available(strategy)
    if reason is not None:
        raise ValueError(reason)
    if workload_name not in workloads.WORKLOADS:
        raise ValueError(f"unknown workload {workload_name!r}")
    func = workloads.WORKLOADS[workload_name].func
    if strategy == "serial":
        return _serial(func, sizes)
    if strategy == "threads":
        return _threads(func, sizes)
    return _processes(_START_METHODS[strategy], workload_name, sizes)


def _failed(index: int, count: int, why: str) -> str:
    return f"task {index} of {count} failed: {why}"


def _explain(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _serial(func: workloads.TaskFunc, sizes: List[int]) -> Measurement:
    """Startup is the time to reach the first task: serial starts nothing, it runs them in turn."""
    checksums: List[int] = []
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    first_begin = t0
    for index, size in enumerate(sizes):
        if index == 0:
            first_begin = time.perf_counter()
        try:
            checksums.append(func(size, index))
        except Exception as exc:
            raise TaskError(_failed(index, len(sizes), _explain(exc))) from exc
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    return Measurement(wall, max(0.0, first_begin - t0), max(0.0, cpu), None, checksums)


def _threads(func: workloads.TaskFunc, sizes: List[int]) -> Measurement:
    """process_time covers every thread of the process, so the delta is the whole run's CPU."""
    count = len(sizes)
    begins: List[Optional[float]] = [None] * count
    results: List[Optional[int]] = [None] * count
    errors: List[Optional[BaseException]] = [None] * count

    def run(index: int) -> None:
        begins[index] = time.perf_counter()
        try:
            results[index] = func(sizes[index], index)
        except BaseException as exc:
            errors[index] = exc

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

    checksums: List[int] = []
    for index in range(count):
        error, result = errors[index], results[index]
        if error is not None:
            raise TaskError(_failed(index, count, _explain(error))) from error
        if result is None:
            raise TaskError(_failed(index, count, "the thread ended without a result"))
        checksums.append(result)
    startup = max(b for b in begins if b is not None) - t0
    return Measurement(wall, max(0.0, startup), max(0.0, cpu), None, checksums)


Report = Tuple[int, float, float]  # checksum, perf_counter at the task's start, child CPU seconds


def _child_main(writer: Connection, workload_name: str, size: int, index: int) -> None:
    """Entry point of a task process: run one task and send (status, index, value, begin, cpu)."""
    begin = time.perf_counter()
    try:
        checksum = workloads.WORKLOADS[workload_name].func(size, index)
    except BaseException as exc:
        writer.send(("error", index, _explain(exc), begin, time.process_time()))
        writer.close()
        sys.exit(1)
    writer.send(("ok", index, checksum, begin, time.process_time()))
    writer.close()


def _processes(method: Optional[str], workload_name: str, sizes: List[int]) -> Measurement:
    """The parent closes each child's write end at once, so a dead child also shows up as EOF."""
    ctx: Any = multiprocessing.get_context(method)
    procs: List[Any] = []
    readers: Dict[Connection, int] = {}
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    try:
        for index, size in enumerate(sizes):
            reader, writer = ctx.Pipe(duplex=False)
            readers[reader] = index
            proc = ctx.Process(
                target=_child_main,
                args=(writer, workload_name, size, index),
                name=f"gilbench-task-{index}",
                daemon=True,
            )
            proc.start()
            procs.append(proc)
            writer.close()
        reports = _collect(procs, readers)
        for index, proc in enumerate(procs):
            _join(proc, index, len(procs))
        wall = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
    finally:
        for reader in readers:
            reader.close()
        _stop(procs)
    startup = max(report[1] for report in reports) - t0
    child_cpu = sum(report[2] for report in reports)
    checksums = [report[0] for report in reports]
    return Measurement(wall, max(0.0, startup), max(0.0, cpu + child_cpu), None, checksums)


def _collect(procs: List[Any], readers: Dict[Connection, int]) -> List[Report]:
    """Read every child's report before any join (a child blocked on a full pipe never exits)."""
    count = len(procs)
    reports: List[Optional[Report]] = [None] * count
    pending = dict(readers)
    while pending:
        sentinels = {procs[index].sentinel: reader for reader, index in pending.items()}
        for ready in wait(list(pending) + list(sentinels)):
            reader = sentinels.get(ready, ready)
            if reader not in pending:
                continue
            index = pending.pop(reader)
            message = _receive(reader)
            if message is None:
                procs[index].join(EXIT_GRACE_S)
                code = procs[index].exitcode
                raise TaskError(
                    _failed(index, count, f"its process exited with code {code} before reporting")
                )
            reports[index] = _parse_report(message, index, count)
    return [report for report in reports if report is not None]


def _receive(reader: Connection) -> Optional[Tuple[Any, ...]]:
    """The child's message, or None when its process ended without sending one."""
    try:
        if not reader.poll():
            return None
        message = reader.recv()
    except (EOFError, OSError):
        return None
    return message if isinstance(message, tuple) else (message,)


def _parse_report(message: Tuple[Any, ...], index: int, count: int) -> Report:
    if len(message) != 5 or message[1] != index:
        raise TaskError(_failed(index, count, f"its process sent a malformed report {message!r}"))
    status, _, value, begin, cpu = message
    if status != "ok":
        raise TaskError(_failed(index, count, str(value)))
    return int(value), float(begin), float(cpu)


def _join(proc: Any, index: int, count: int) -> None:
    proc.join(EXIT_GRACE_S)
    if proc.exitcode is None:
        raise TaskError(_failed(index, count, f"its process did not exit in {EXIT_GRACE_S:g} s"))
    if proc.exitcode != 0:
        raise TaskError(_failed(index, count, f"its process exited with code {proc.exitcode}"))


def _stop(procs: List[Any]) -> None:
    """Leave no child behind when a run fails part-way (on success they have all been joined)."""
    for proc in procs:
        if proc.is_alive():
            proc.terminate()
    for proc in procs:
        proc.join(1.0)
        if proc.is_alive():
            proc.kill()
            proc.join(1.0)
