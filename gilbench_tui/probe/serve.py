"""The serve loop both workers share: read the spec, run the plan, emit every event, exit.

A worker is this loop plus a Backend that says what it knows and how it measures: worker.py's
reads the catalog (every strategy and workload, Python 3.8+), legacy_worker.py's knows the seed
experiment only (Python 2.7 and up). The loop owns the order of things:

1. parse the spec (bad -> one `error` event, exit 2) and set the switch interval;
2. check the workload runs here, and leave out each strategy that cannot run it, naming it with
   the reason in `started`'s `unavailable` (none left -> one `error`, exit 2);
3. prepare the strategies (a fork server, say) so that no sample pays for it;
4. emit `started` with the plan, then one `sample` per plan item, round by round, and `done`;
   with auto_repeat, a `round` event after each measured round, and the parent's answer says
   whether another round runs.
   A task that fails is one `error` event naming the strategy and the number of tasks, exit 1.

Before each measurement gc.collect() runs, so the previous one's garbage is not charged to the
next. The events own stdout: take_stdout() points file descriptor 1 at stderr before anything
runs, so whatever a workload, or a child process, prints cannot corrupt them.

Written in the subset of Python that runs on 2.7 and 3.x: no annotations, no f-strings.
"""

# Python 2 syntax on purpose: keep the 2.7-compatible spellings that pyupgrade would modernise.
# ruff: noqa: B905, UP004, UP020, UP031

import errno
import gc
import io
import json
import os
import platform
import sys
import sysconfig
import threading
import time

MYPY = False
if MYPY:  # type checking only: Python 2 has no typing module
    from typing import IO, Any, Callable, Collection, Dict, List, Optional, Sequence  # noqa: F401

    Emit = Callable[[Dict[str, Any]], None]

if MYPY or __package__:
    from . import protocol, system_load
    from .measurement import explain
    from .wakeup import WakeupSampler
else:  # the worker process run by path has put this directory on sys.path
    import protocol
    import system_load
    from measurement import explain
    from wakeup import WakeupSampler


class Backend(object):
    """What a worker knows and how it measures; the serve loop asks it, in the order above."""

    #: The workload names this worker knows.
    workloads = ()  # type: Collection[str]
    #: The strategy names it knows, or None: any name is accepted, and reported as unavailable
    #: when strategy_unavailable() says so.
    strategies = None  # type: Optional[Collection[str]]

    def interpreter_info(self):
        # type: () -> Dict[str, Any]
        return interpreter_info()

    def workload_unavailable(self, workload):
        # type: (str) -> Optional[str]
        """None when `workload` runs on this interpreter, otherwise why not."""
        return None

    def strategy_unavailable(self, strategy, workload):
        # type: (str, str) -> Optional[str]
        """None when `strategy` can run `workload` here, otherwise why not."""
        return None

    def configure(self, spec, emit):
        # type: (Dict[str, Any], Emit) -> None
        """Hand the parsed spec, and the way to emit events, to whatever measures."""

    def prepare(self, strategy):
        # type: (str) -> None
        """Start what `strategy` starts once per worker process, before anything is timed."""

    def load_workload(self, workload):
        # type: (str) -> None
        """Import the workload's code before anything is timed (an import may turn the GIL on)."""

    def notes(self):
        # type: () -> List[str]
        """What the last measurement showed that is worth a line but stops nothing."""
        return []

    def measure(self, strategy, workload, sizes, keep):
        # type: (str, str, List[int], bool) -> Sequence[Any]
        """One timed run of len(sizes) tasks: figures in the order of MEASURED_FIELDS."""
        raise NotImplementedError


def gil_enabled_now():
    # type: () -> bool
    """Whether the GIL is on now; always on where the interpreter cannot turn it off."""
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    return bool(is_gil_enabled()) if is_gil_enabled is not None else True


def interpreter_info():
    # type: () -> Dict[str, Any]
    """What the interpreter running the worker process is; fields an old one lacks are null."""
    getswitchinterval = getattr(sys, "getswitchinterval", None)
    get_clock_info = getattr(time, "get_clock_info", None)
    info = {
        "executable": sys.executable,
        "implementation": platform.python_implementation(),
        "version": platform.python_version(),
        "gil_disabled_build": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "gil_enabled": gil_enabled_now(),
        "gil_option": getattr(sys, "_xoptions", {}).get("gil"),
        "python_gil_env": os.environ.get("PYTHON_GIL"),
        "switch_interval_s": getswitchinterval() if getswitchinterval is not None else None,
        "compiler": platform.python_compiler(),
        "timer_resolution_s": (
            get_clock_info("perf_counter").resolution if get_clock_info is not None else None
        ),
    }  # type: Dict[str, Any]
    getcheckinterval = getattr(sys, "getcheckinterval", None)
    if getswitchinterval is None and getcheckinterval is not None:  # Python 2
        info["check_interval"] = getcheckinterval()
    return info


def serve(data, emit, backend, listen=lambda: protocol.STOP):
    # type: (Any, Emit, Backend, Callable[[], str]) -> int
    """Validate `data`, run its plan with `backend` and emit every event; return the exit code.

    `listen` reads the parent's answer after each `round` event (auto_repeat only); end of input
    reads as STOP, so a parent that went away ends the run instead of hanging it."""
    gil_before_imports = gil_enabled_now()  # a workload's check or its imports may turn it on
    try:
        spec = protocol.parse_spec(data, backend.workloads, backend.strategies)
        _set_switch_interval(spec["switch_interval_s"])
    except protocol.SpecError as exc:
        emit(protocol.error_event("bad spec: %s" % exc))
        return protocol.EXIT_BAD_SPEC
    workload = spec["workload"]
    reason = backend.workload_unavailable(workload)
    if reason is not None:
        emit(protocol.error_event("workload %s cannot run here: %s" % (workload, reason)))
        return protocol.EXIT_BAD_SPEC
    unavailable = {}  # type: Dict[str, str]
    runnable = []  # type: List[str]
    reasons = []  # type: List[str]
    for name in spec["strategies"]:
        why = backend.strategy_unavailable(name, workload)
        if why is None:
            runnable.append(name)
        else:
            unavailable[name] = why
            reasons.append("%s: %s" % (name, why))
    if not runnable:
        message = "no requested strategy can run %s here (%s)" % (workload, "; ".join(reasons))
        emit(protocol.error_event(message))
        return protocol.EXIT_BAD_SPEC
    spec["strategies"] = runnable
    try:
        backend.load_workload(workload)
    except Exception as exc:
        emit(protocol.error_event("could not import workload %s: %s" % (workload, explain(exc))))
        return protocol.EXIT_FAILED
    try:
        backend.configure(spec, emit)
        for name in runnable:
            backend.prepare(name)
    except Exception as exc:
        emit(protocol.error_event("could not prepare the strategies: %s" % explain(exc)))
        return protocol.EXIT_FAILED
    plan = protocol.build_plan(spec)
    info = backend.interpreter_info()
    info["gil_enabled_before_imports"] = gil_before_imports
    emit(protocol.started_event(info, plan, unavailable))
    index = 0
    for round_items in protocol.rounds(plan):
        first = round_items[0]
        if spec["auto_repeat"] and first["phase"] == "measure" and first["repeat"] > 0:
            emit(protocol.round_event(first["repeat"] - 1))
            if listen().strip() != protocol.CONTINUE:
                break
        for item in round_items:
            try:
                values = measure_item(spec, item, backend)
            except Exception as exc:
                text = " ".join(str(exc).split()) or type(exc).__name__
                strategy, workers = item["strategy"], item["workers"]
                message = "%s with %d tasks failed: %s" % (strategy, workers, text)
                emit(protocol.error_event(message, strategy, workers))
                return protocol.EXIT_FAILED
            emit(protocol.sample_event(index, item, values))
            for note in backend.notes():
                emit(protocol.error_event(note, fatal=False))
            index += 1
    emit(protocol.done_event())
    return protocol.EXIT_OK


def _set_switch_interval(interval):
    # type: (Optional[float]) -> None
    if interval is None:
        return
    setswitchinterval = getattr(sys, "setswitchinterval", None)
    if setswitchinterval is None:
        raise protocol.SpecError("switch_interval_s: this interpreter has no switch interval")
    setswitchinterval(interval)


def measure_item(spec, item, backend):
    # type: (Dict[str, Any], Dict[str, Any], Backend) -> Dict[str, Any]
    """One timed run of the plan, as the values of its sample's fields."""
    sizes = protocol.task_sizes(spec["size"], item["workers"], spec["split"])
    args = (item["strategy"], spec["workload"], sizes, spec["return_data"])
    gc.collect()
    values = {}  # type: Dict[str, Any]
    system_load.begin()
    if spec["latency_probe"]:
        with WakeupSampler() as sampler:
            measured = backend.measure(*args)
        values["latency_p50_s"], values["latency_p99_s"] = sampler.percentiles()
    else:
        measured = backend.measure(*args)
    values.update(system_load.end())
    if len(measured) != len(protocol.MEASURED_NAMES):
        expected = len(protocol.MEASURED_NAMES)
        raise ValueError("the strategy reported %d figures, not %d" % (len(measured), expected))
    values.update(zip(protocol.MEASURED_NAMES, measured))
    return values


def take_stdout():
    # type: () -> IO[str]
    """A private stream on the original stdout; fd 1 (inherited by children) then goes to stderr."""
    sys.stdout.flush()
    try:
        events_fd = os.dup(sys.stdout.fileno())
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        stream = sys.stdout
        sys.stdout = sys.stderr
        return stream
    return io.open(events_fd, "w", encoding="utf-8", newline="\n")


def writer(stream):
    # type: (IO[str]) -> Emit
    """One event a line; a lock keeps lines whole when a strategy emits from a thread too."""
    lock = threading.Lock()

    def emit(event):
        # type: (Dict[str, Any]) -> None
        line = json.dumps(event, separators=(",", ":"))
        if isinstance(line, bytes):  # Python 2's json gives a byte string
            line = line.decode("ascii")
        with lock:
            stream.write(line + "\n")
            stream.flush()

    return emit


def _silence(stream):
    # type: (IO[str]) -> None
    """After the reader went away: point the stream at devnull so the exit flush cannot complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass


def main(backend):
    # type: (Backend) -> int
    """The worker process: the spec is the first line of stdin; exit codes as in protocol."""
    stream = take_stdout()
    emit = writer(stream)
    try:
        try:
            data = json.loads(sys.stdin.readline())
        except ValueError as exc:
            emit(protocol.error_event("bad spec: stdin is not valid JSON (%s)" % exc))
            return protocol.EXIT_BAD_SPEC
        return serve(data, emit, backend, sys.stdin.readline)
    except KeyboardInterrupt:
        return protocol.EXIT_INTERRUPTED
    except Exception as exc:  # a bug in the probe: still reported as an event, not a traceback
        if getattr(exc, "errno", None) == errno.EPIPE:  # the reader went away
            _silence(stream)
            return protocol.EXIT_FAILED
        emit(protocol.error_event("the worker crashed: %s" % explain(exc)))
        return protocol.EXIT_FAILED
