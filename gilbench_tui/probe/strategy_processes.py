"""k tasks in k multiprocessing.Process, each reporting through its own pipe.

The parent also waits on every child's sentinel, so a child that dies before reporting raises an
error instead of hanging the run. With return_data each child then sends its full result as a
second message, and the parent's time receiving (reading and unpickling) those is transfer_s.

The child entry point lives here, not in `__main__`, so spawn and forkserver children can
unpickle it (as `gilbench_tui.probe.strategy_processes`, or as the top-level module
`strategy_processes` when worker.py runs by path).
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

if TYPE_CHECKING or __package__:
    from . import workloads
    from .measurement import Measurement, TaskError, explain, failed
else:  # worker.py run by path has put this directory on sys.path
    import workloads
    from measurement import Measurement, TaskError, explain, failed

EXIT_GRACE_S = 30.0
"""How long a child that has reported may take to exit before the run counts as failed."""

Report = Tuple[int, float, float]  # checksum, perf_counter at the task's start, child CPU seconds


def child_main(writer: Connection, workload_name: str, size: int, index: int, keep: bool) -> None:
    """Entry point of a task process: run one task, send (status, index, value, begin, cpu),
    then, when asked to keep it, the task's full result as a second message."""
    begin = time.perf_counter()
    try:
        output = workloads.WORKLOADS[workload_name].func(size, index, keep)
    except BaseException as exc:
        writer.send(("error", index, explain(exc), begin, time.process_time()))
        writer.close()
        sys.exit(1)
    writer.send(("ok", index, output.checksum, begin, time.process_time()))
    if keep:
        writer.send(output.data)
    writer.close()


def run(
    method: Optional[str], workload_name: str, sizes: List[int], return_data: bool = False
) -> Measurement:
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
                target=child_main,
                args=(writer, workload_name, size, index, return_data),
                name=f"gilbench-task-{index}",
                daemon=True,
            )
            proc.start()
            procs.append(proc)
            writer.close()
        reports, transfer = _collect(procs, readers, return_data)
        for index, proc in enumerate(procs):
            _join(proc, index, len(procs))
        wall = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
    finally:
        for reader in readers:
            reader.close()
        stop(procs)
    startup = max(report[1] for report in reports) - t0
    child_cpu = sum(report[2] for report in reports)
    checksums = [report[0] for report in reports]
    return Measurement(
        wall,
        max(0.0, startup),
        max(0.0, cpu + child_cpu),
        transfer if return_data else None,
        checksums,
    )


def _collect(
    procs: List[Any], readers: Dict[Connection, int], return_data: bool
) -> Tuple[List[Report], float]:
    """Read every child's report (and data) before any join: a child blocked on a full pipe
    never exits. Returns the reports in task order and the seconds spent receiving data."""
    count = len(procs)
    reports: List[Optional[Report]] = [None] * count
    pending = dict(readers)
    transfer = 0.0
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
                    failed(index, count, f"its process exited with code {code} before reporting")
                )
            reports[index] = _parse_report(message, index, count)
            if return_data:
                transfer += _receive_data(reader, index, count)
    return [report for report in reports if report is not None], transfer


def _receive(reader: Connection) -> Optional[Tuple[Any, ...]]:
    """The child's message, or None when its process ended without sending one."""
    try:
        if not reader.poll():
            return None
        message = reader.recv()
    except (EOFError, OSError):
        return None
    return message if isinstance(message, tuple) else (message,)


def _receive_data(reader: Connection, index: int, count: int) -> float:
    """Receive (and drop) a task's full result; the seconds from asking for it to holding it
    unpickled, which includes waiting while the child still pickles and writes it."""
    started = time.perf_counter()
    try:
        reader.recv()
    except (EOFError, OSError) as exc:
        raise TaskError(failed(index, count, "its process ended while sending its data")) from exc
    return time.perf_counter() - started


def _parse_report(message: Tuple[Any, ...], index: int, count: int) -> Report:
    if len(message) != 5 or message[1] != index:
        raise TaskError(failed(index, count, f"its process sent a malformed report {message!r}"))
    status, _, value, begin, cpu = message
    if status != "ok":
        raise TaskError(failed(index, count, str(value)))
    return int(value), float(begin), float(cpu)


def _join(proc: Any, index: int, count: int) -> None:
    proc.join(EXIT_GRACE_S)
    if proc.exitcode is None:
        raise TaskError(failed(index, count, f"its process did not exit in {EXIT_GRACE_S:g} s"))
    if proc.exitcode != 0:
        raise TaskError(failed(index, count, f"its process exited with code {proc.exitcode}"))


def stop(procs: List[Any]) -> None:
    """Leave no child behind when a run fails part-way (on success they have all been joined)."""
    for proc in procs:
        if proc.is_alive():
            proc.terminate()
    for proc in procs:
        proc.join(1.0)
        if proc.is_alive():
            proc.kill()
            proc.join(1.0)
