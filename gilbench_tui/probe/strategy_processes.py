"""processes: k multiprocessing.Process, each reporting through a pipe of its own.

The parent also waits on every child's sentinel, so a child that dies before reporting raises an
error instead of hanging the run. With return_data each child then sends its full result as a
second message, and the parent's time receiving (reading and unpickling) those is transfer_s.
Each child gets the task function itself, which pickles by reference for spawn and forkserver
children; the entry point lives here, not in `__main__`, so they can unpickle it too.

Written in the subset of Python that runs on 2.7 and 3.x, so the legacy worker measures processes
with this very code (run()). Python 2 has one start method (fork) and no connection.wait(): there
the parent reads the pipes in task order, and a dead child's pipe still reads as end of file
because the parent closed its copy of the write end.
"""

# Python 2 syntax on purpose: keep the 2.7-compatible spellings that pyupgrade would modernise.
# ruff: noqa: B904, UP031

import multiprocessing
import multiprocessing.connection
import sys

MYPY = False
if MYPY:  # type checking only: Python 2 has no typing module
    from typing import Any, Iterator, List, Optional, Tuple  # noqa: F401

    from .records import Strategy, TaskFunc, Workload  # noqa: F401

    Report = Tuple[int, float, float]  # checksum, clock at the task's start, child CPU seconds

if MYPY or __package__:
    from .measurement import Measurement, TaskError, clock, cpu_time, explain, failed
else:  # the worker process run by path has put this directory on sys.path
    from measurement import Measurement, TaskError, clock, cpu_time, explain, failed

EXIT_GRACE_S = 30.0
"""How long a child that has reported may take to exit before the run counts as failed."""


def measure(strategy, workload, sizes, keep):
    # type: (Strategy, Workload, List[int], bool) -> Measurement
    return run(strategy.context_method, workload.load_task(), sizes, keep)


def child_main(writer, func, size, index, keep):
    # type: (Any, TaskFunc, int, int, bool) -> None
    """Entry point of a task process: run one task, send (status, index, value, begin, cpu),
    then, when asked to keep it, the task's full result as a second message."""
    begin = clock()
    try:
        output = func(size, index, keep)
    except BaseException as exc:
        writer.send(("error", index, explain(exc), begin, cpu_time()))
        writer.close()
        sys.exit(1)
    writer.send(("ok", index, output.checksum, begin, cpu_time()))
    if keep:
        writer.send(output.data)
    writer.close()


def run(method, func, sizes, keep):
    # type: (Optional[str], TaskFunc, List[int], bool) -> Measurement
    """The parent closes each child's write end at once, so a dead child also shows up as EOF."""
    ctx = _context(method)
    procs = []  # type: List[Any]
    readers = []  # type: List[Any]
    cpu0 = cpu_time()
    t0 = clock()
    try:
        for index, size in enumerate(sizes):
            reader, writer = ctx.Pipe(False)
            readers.append(reader)
            proc = ctx.Process(
                target=child_main,
                args=(writer, func, size, index, keep),
                name="gilbench-task-%d" % index,
            )
            proc.daemon = True
            proc.start()
            procs.append(proc)
            writer.close()
        reports, transfer = _collect(procs, readers, keep)
        for index, proc in enumerate(procs):
            _join(proc, index, len(procs))
        wall = clock() - t0
        cpu = cpu_time() - cpu0
    finally:
        for reader in readers:
            reader.close()
        stop(procs)
    return Measurement(
        wall,
        max(0.0, max(report[1] for report in reports) - t0),
        max(0.0, cpu + sum(report[2] for report in reports)),
        transfer if keep else None,
        [report[0] for report in reports],
        None,
    )


def _context(method):
    # type: (Optional[str]) -> Any
    get_context = getattr(multiprocessing, "get_context", None)
    if get_context is None:  # Python 2: fork is the only start method
        return multiprocessing
    return get_context(method)


def _collect(procs, readers, keep):
    # type: (List[Any], List[Any], bool) -> Tuple[List[Report], float]
    """Read every child's report (and data) before any join: a child blocked on a full pipe
    never exits. Returns the reports in task order and the seconds spent receiving data."""
    count = len(procs)
    reports = [None] * count  # type: List[Optional[Report]]
    transfer = 0.0
    for index in _arrivals(procs, readers):
        message = _receive(readers[index])
        if message is None:
            procs[index].join(EXIT_GRACE_S)
            code = procs[index].exitcode
            why = "its process exited with code %s before reporting" % code
            raise TaskError(failed(index, count, why))
        reports[index] = _parse_report(message, index, count)
        if keep:
            transfer += _receive_data(readers[index], index, count)
    return [report for report in reports if report is not None], transfer


def _arrivals(procs, readers):
    # type: (List[Any], List[Any]) -> Iterator[int]
    """Task indices as each child's pipe turns readable or its process ends."""
    wait = getattr(multiprocessing.connection, "wait", None)
    if wait is None:  # Python 2: in task order, each pipe waited for in turn
        for index, reader in enumerate(readers):
            reader.poll(None)
            yield index
        return
    pending = dict((reader, index) for index, reader in enumerate(readers))
    while pending:
        sentinels = dict((procs[index].sentinel, reader) for reader, index in pending.items())
        for ready in wait(list(pending) + list(sentinels)):
            reader = sentinels.get(ready, ready)
            if reader in pending:
                yield pending.pop(reader)


def _receive(reader):
    # type: (Any) -> Optional[Tuple[Any, ...]]
    """The child's message, or None when its process ended without sending one."""
    try:
        if not reader.poll():
            return None
        message = reader.recv()
    except (EOFError, OSError):
        return None
    return message if isinstance(message, tuple) else (message,)


def _receive_data(reader, index, count):
    # type: (Any, int, int) -> float
    """Receive (and drop) a task's full result; the seconds from asking for it to holding it
    unpickled, which includes waiting while the child still pickles and writes it."""
    started = clock()
    try:
        reader.recv()
    except (EOFError, OSError):
        raise TaskError(failed(index, count, "its process ended while sending its data"))
    return clock() - started


def _parse_report(message, index, count):
    # type: (Tuple[Any, ...], int, int) -> Report
    if len(message) != 5 or message[1] != index:
        raise TaskError(failed(index, count, "its process sent a malformed report %r" % (message,)))
    status, _, value, begin, cpu = message
    if status != "ok":
        raise TaskError(failed(index, count, str(value)))
    return int(value), float(begin), float(cpu)


def _join(proc, index, count):
    # type: (Any, int, int) -> None
    proc.join(EXIT_GRACE_S)
    if proc.exitcode is None:
        raise TaskError(failed(index, count, "its process did not exit in %g s" % EXIT_GRACE_S))
    if proc.exitcode != 0:
        raise TaskError(failed(index, count, "its process exited with code %s" % proc.exitcode))


def stop(procs):
    # type: (List[Any]) -> None
    """Leave no child behind when a run fails part-way (on success they have all been joined)."""
    for proc in procs:
        if proc.is_alive():
            proc.terminate()
    for proc in procs:
        proc.join(1.0)
        if proc.is_alive():
            getattr(proc, "kill", proc.terminate)()
            proc.join(1.0)
