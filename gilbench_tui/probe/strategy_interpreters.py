"""subinterpreters: k tasks in k interpreters, each with a GIL of its own, each run from a thread.

CPython 3.12 made the GIL per interpreter (PEP 684). The API is still moving, so this module
speaks three of its forms: `concurrent.interpreters` (3.14+), the private `_interpreters` (3.13)
and `_xxsubinterpreters` (3.12), always asking for an isolated interpreter with its own GIL.

Interpreters share no objects, so a task cannot be handed over as a function: each interpreter
is given source code that puts the worker's sys.path in its own and imports the task function's
module by the name its record gives it (a module file, never `__main__`). Making the
interpreters and importing the task in each happens before the clock, as for a pool: that is
pool_startup_s. Each task then writes its checksum and start time to a pipe of its own.
return_data keeps the result inside the interpreter (nothing crosses to the parent, so there is
no transfer_s). A workload that cannot run in a subinterpreter (numpy) says so in its record.
"""

from __future__ import annotations

import importlib
import os
import platform
import re
import sys
import threading
import time
from typing import TYPE_CHECKING, Any, List, Optional, Tuple

if TYPE_CHECKING or __package__:
    from . import records
    from .measurement import Measurement, TaskError, failed, from_reports
else:  # the worker process run by path has put this directory on sys.path
    import records
    from measurement import Measurement, TaskError, failed, from_reports

_PREPARE = """\
import sys
sys.path[:0] = [entry for entry in {path!r} if entry not in sys.path]
import importlib, os, time
_task = getattr(importlib.import_module({module!r}), {name!r})
if {args!r}:
    _task = _task(*{args!r})
    _task.ready()
"""

_RUN = """\
_begin = time.perf_counter()
_output = _task({size!r}, {index!r}, {keep!r})
os.write({fd!r}, ("%d %r" % (_output.checksum, _begin)).encode("ascii"))
del _output
"""


class _Backend:
    """create / run / destroy, over whichever interpreters module this CPython has."""

    def __init__(self, module_name: str, module: Any) -> None:
        self.module_name = module_name
        self.module = module

    def create(self) -> Any:
        if self.module_name == "concurrent.interpreters":
            return self.module.create()
        if self.module_name == "_interpreters":
            return self.module.create("isolated")
        return self.module.create(isolated=True)

    def run(self, handle: Any, code: str) -> Optional[str]:
        """Run `code` in the interpreter; None on success, else the error on one line."""
        try:
            if self.module_name == "concurrent.interpreters":
                handle.exec(code)
                return None
            if self.module_name == "_interpreters":
                info = self.module.exec(handle, code)
                return None if info is None else str(getattr(info, "formatted", info))
            self.module.run_string(handle, code)
            return None
        except Exception as exc:
            return " ".join(str(exc).split()) or type(exc).__name__

    def destroy(self, handle: Any) -> None:
        if self.module_name == "concurrent.interpreters":
            handle.close()
        else:
            self.module.destroy(handle)


_CACHE: List[Tuple[Optional[_Backend], Optional[str]]] = []


def _backend() -> Tuple[Optional[_Backend], Optional[str]]:
    """(backend, None), or (None, why subinterpreters cannot run here); looked up once."""
    if not _CACHE:
        _CACHE.append(_find_backend())
    return _CACHE[0]


def _find_backend() -> Tuple[Optional[_Backend], Optional[str]]:
    implementation = platform.python_implementation()
    here = f"{implementation} {platform.python_version()}"
    if implementation != "CPython" or sys.version_info < (3, 12):
        return None, f"subinterpreters with a GIL of their own need CPython 3.12 or newer ({here})"
    if sys.version_info >= (3, 14):
        name = "concurrent.interpreters"
    elif sys.version_info >= (3, 13):
        name = "_interpreters"
    else:
        name = "_xxsubinterpreters"
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        return None, f"{here} has no {name} module ({exc})"
    return _Backend(name, module), None


def unavailable(strategy: records.Strategy, workload: Optional[records.Workload]) -> Optional[str]:
    """None when subinterpreters can run here (and can import a user's code), otherwise why not."""
    backend, reason = _backend()
    if backend is None or workload is None or not workload.task_args:
        return reason
    handle = backend.create()
    try:
        error = backend.run(handle, _prepare_code(workload))
    finally:
        backend.destroy(handle)
    if error is None:
        return None
    return "this code cannot run in a subinterpreter: " + re.sub(r"^<class '[\w.]+'>: ", "", error)


def _prepare_code(workload: records.Workload) -> str:
    module, name = records.reference(workload.task)
    return _PREPARE.format(path=list(sys.path), module=module, name=name, args=workload.task_args)


def measure(
    strategy: records.Strategy, workload: records.Workload, sizes: List[int], keep: bool
) -> Measurement:
    """process_time covers every thread, in every interpreter, so the delta is the run's CPU."""
    backend, reason = _backend()
    if backend is None:
        raise ValueError(reason)
    workload.load_task()  # extension modules first imported in a subinterpreter crash 3.12's exit
    prepare = _prepare_code(workload)
    count = len(sizes)
    handles: List[Any] = []
    fds: List[int] = []  # every pipe end still open, closed exactly once
    readers: List[int] = []
    writers: List[int] = []
    try:
        made = time.perf_counter()
        for index in range(count):
            handles.append(backend.create())
            error = backend.run(handles[index], prepare)
            if error is not None:
                raise TaskError(failed(index, count, f"its interpreter could not import: {error}"))
            read_end, write_end = os.pipe()
            fds += [read_end, write_end]
            readers.append(read_end)
            writers.append(write_end)
        pool_startup = time.perf_counter() - made
        errors: List[Optional[str]] = [None] * count

        def task(index: int) -> None:
            code = _RUN.format(size=sizes[index], index=index, keep=keep, fd=writers[index])
            errors[index] = backend.run(handles[index], code)

        threads = [
            threading.Thread(target=task, args=(i,), name=f"gilbench-interp-{i}", daemon=True)
            for i in range(count)
        ]
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
        for write_end in writers:  # so that a task that never wrote reads as EOF, not a hang
            fds.remove(write_end)
            os.close(write_end)
        reports = [_report(readers[index], errors[index], index, count) for index in range(count)]
    finally:
        for fd in fds:
            os.close(fd)
        for handle in handles:
            backend.destroy(handle)
    return from_reports(wall, t0, cpu, reports, pool_startup)


def _report(read_end: int, error: Optional[str], index: int, count: int) -> Tuple[int, float]:
    """The task's (checksum, start), read after its thread ended; TaskError if it failed."""
    if error is not None:
        raise TaskError(failed(index, count, error))
    text = os.read(read_end, 4096).decode("ascii", "replace").split()
    try:
        return int(text[0]), float(text[1])
    except (IndexError, ValueError):
        raise TaskError(failed(index, count, f"its interpreter reported {text!r}")) from None
