"""processes: k multiprocessing.Process, each reporting through a pipe of its own.

The parent also waits on every child's sentinel, so a child that dies before reporting raises an
error instead of hanging the run. With return_data each child pickles its full result, reports
the bytes' CRC-32 with its checksum and sends them as a second message; the parent's time
receiving and unpickling them is transfer_s, and once the clock has stopped it checks every CRC,
so data damaged or cut short on the way fails the run instead of being counted.
Each child gets the task function itself, which pickles by reference for spawn and forkserver
children; the entry point lives here, not in `__main__`, so they can unpickle it too.

Written in the subset of Python that runs on 2.7 and 3.x, so the legacy worker measures processes
with this very code (run()). Python 2 has one start method (fork) and no connection.wait(): there
the parent reads the pipes in task order, and a dead child's pipe still reads as end of file
because the parent closed its copy of the write end.
"""

# Python 2 syntax on purpose: keep the 2.7-compatible spellings that pyupgrade would modernise.
# ruff: noqa: B904, B905, UP031

import multiprocessing
import multiprocessing.connection
import pickle
import sys
import zlib

MYPY = False
if MYPY:  # type checking only: Python 2 has no typing module
    from typing import Any, Iterator, List, Optional, Tuple  # noqa: F401

    from .records import Strategy, TaskFunc, Workload  # noqa: F401

    # checksum, clock at the task's start, child CPU seconds, CRC-32 of the shipped data (or None)
    Report = Tuple[int, float, float, Optional[int]]

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
        blob = pickle.dumps(output.data, pickle.HIGHEST_PROTOCOL) if keep else None
    except BaseException as exc:
        writer.send(("error", index, explain(exc), begin, cpu_time()))
        writer.close()
        sys.exit(1)
    crc = None if blob is None else crc32(blob)
    writer.send(("ok", index, output.checksum, begin, cpu_time(), crc))
    if blob is not None:
        writer.send_bytes(blob)
    writer.close()


def crc32(blob):
    # type: (bytes) -> int
    """The same unsigned CRC-32 on Python 2 and 3."""
    return zlib.crc32(blob) & 0xFFFFFFFF


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
        reports, transfer, shipped = _collect(procs, readers, keep)
        for index, proc in enumerate(procs):
            _join(proc, index, len(procs))
        wall = clock() - t0
        cpu = cpu_time() - cpu0
        verify(reports, shipped)
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


def verify(reports, shipped):
    # type: (List[Report], List[Optional[bytes]]) -> None
    """Every task's shipped bytes are the ones it sent: the CRC it reported matches."""
    count = len(reports)
    for index, (report, blob) in enumerate(zip(reports, shipped)):
        if blob is not None and report[3] != crc32(blob):
            why = "the data it shipped back arrived damaged (CRC-32 differs)"
            raise TaskError(failed(index, count, why))


def _collect(procs, readers, keep):
    # type: (List[Any], List[Any], bool) -> Tuple[List[Report], float, List[Optional[bytes]]]
    """Read every child's report (and data) before any join: a child blocked on a full pipe
    never exits. Returns the reports in task order, the seconds spent receiving data, and the
    data's bytes in task order (to verify once the clock has stopped)."""
    count = len(procs)
    reports = [None] * count  # type: List[Optional[Report]]
    shipped = [None] * count  # type: List[Optional[bytes]]
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
            seconds, shipped[index] = _receive_data(readers[index], index, count)
            transfer += seconds
    return [report for report in reports if report is not None], transfer, shipped


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
    # type: (Any, int, int) -> Tuple[float, bytes]
    """Receive a task's full result: the seconds from asking for it to holding it unpickled
    (which includes waiting while the child still writes it), and its bytes."""
    started = clock()
    try:
        blob = reader.recv_bytes()
    except (EOFError, OSError):
        raise TaskError(failed(index, count, "its process ended while sending its data"))
    try:
        pickle.loads(blob)
    except Exception as exc:
        raise TaskError(failed(index, count, "its data did not unpickle: %s" % explain(exc)))
    return clock() - started, blob


def _parse_report(message, index, count):
    # type: (Tuple[Any, ...], int, int) -> Report
    if message[:1] == ("error",) and len(message) == 5:
        raise TaskError(failed(index, count, str(message[2])))
    if len(message) != 6 or message[1] != index or message[0] != "ok":
        raise TaskError(failed(index, count, "its process sent a malformed report %r" % (message,)))
    _, _, value, begin, cpu, crc = message
    return int(value), float(begin), float(cpu), crc


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
