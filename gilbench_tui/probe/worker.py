"""The worker process: read a spec as JSON on stdin, run the plan, print one JSON event a line.

Run by path with nothing installed, on any Python >= 3.8:
`python -I .../probe/worker.py < spec.json`. Events (see gilbench_tui/engine/events.py):
`started`, one `sample` per timed run, `error` when something fails, `done` last.
Exit codes: 0 done · 1 a run failed · 2 a bad or unrunnable spec · 130 interrupted.

The events own stdout: file descriptor 1 is pointed at stderr before anything runs, so whatever a
workload — or a child process — prints cannot corrupt them.

Repeats are interleaved (every strategy at every worker count, then the next repeat) so drift hits
all strategies alike, and gc.collect() runs before each measurement so the previous one's garbage
is not charged to the next.

A strategy that cannot run here (or cannot run this workload) is not an error: it is left out of
the plan and named, with the reason, in `started`'s `unavailable`. Only when nothing requested
can run does the worker stop with exit 2. Optional spec keys: `return_data` (process strategies
ship every task's full result back; samples get `transfer_s`), `switch_interval_s` (set with
sys.setswitchinterval before anything runs) and `latency_probe` (samples get the p50 and p99
wake-up delay of a thread sleeping 1 ms in a loop while the measurement runs).
"""

from __future__ import annotations

import gc
import json
import os
import platform
import sys
import sysconfig
import time
from typing import IO, TYPE_CHECKING, Any, Callable, Dict, Optional

if TYPE_CHECKING or __package__:
    from . import strategies, workloads
    from .latency_probe import LatencyProbe
    from .plan import SpecError, build_plan, parse_spec, task_sizes
else:  # run by path: `-I` keeps this directory off sys.path, and spawn children need it there too
    _HERE = os.path.dirname(os.path.abspath(__file__))
    if _HERE not in sys.path:
        sys.path.insert(0, _HERE)
    import strategies
    import workloads
    from latency_probe import LatencyProbe
    from plan import SpecError, build_plan, parse_spec, task_sizes

__all__ = ["SpecError", "build_plan", "error_event", "main", "parse_spec", "run", "task_sizes"]

Emit = Callable[[Dict[str, Any]], None]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_SPEC = 2
EXIT_INTERRUPTED = 130


def interpreter_info() -> Dict[str, Any]:
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    return {
        "executable": sys.executable,
        "implementation": platform.python_implementation(),
        "version": platform.python_version(),
        "gil_disabled_build": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "gil_enabled": bool(is_gil_enabled()) if is_gil_enabled is not None else True,
        "python_gil_env": os.environ.get("PYTHON_GIL"),
        "switch_interval_s": sys.getswitchinterval(),
        "compiler": platform.python_compiler(),
        "timer_resolution_s": time.get_clock_info("perf_counter").resolution,
    }


def error_event(
    message: str, strategy: Optional[str] = None, workers: Optional[int] = None
) -> Dict[str, Any]:
    """A fatal error event; the message is folded onto one line."""
    return {
        "event": "error",
        "message": " ".join(message.split()),
        "fatal": True,
        "strategy": strategy,
        "workers": workers,
    }


def run(data: Any, emit: Emit) -> int:
    """Validate `data`, run its plan and emit every event; return the exit code."""
    try:
        spec = parse_spec(data)
    except SpecError as exc:
        emit(error_event(f"bad spec: {exc}"))
        return EXIT_BAD_SPEC
    if spec["switch_interval_s"] is not None:
        sys.setswitchinterval(spec["switch_interval_s"])
    ok, reason = workloads.available(spec["workload"])
    if not ok:
        emit(error_event(f"workload {spec['workload']} cannot run here: {reason}"))
        return EXIT_BAD_SPEC
    unavailable = unavailable_strategies(spec)
    runnable = [name for name in spec["strategies"] if name not in unavailable]
    if not runnable:
        reasons = "; ".join(f"{name}: {why}" for name, why in unavailable.items())
        emit(error_event(f"no requested strategy can run {spec['workload']} here ({reasons})"))
        return EXIT_BAD_SPEC
    spec["strategies"] = runnable

    try:
        for name in runnable:
            strategies.prepare(name)
    except Exception as exc:
        emit(error_event(f"could not prepare the strategies: {type(exc).__name__}: {exc}"))
        return EXIT_FAILED

    plan = build_plan(spec)
    emit(
        {
            "event": "started",
            "pid": os.getpid(),
            "interpreter": interpreter_info(),
            "plan": plan,
            "unavailable": unavailable,
        }
    )
    for index, item in enumerate(plan):
        strategy, workers = item["strategy"], item["workers"]
        try:
            sample = measure_item(spec, item)
        except Exception as exc:
            text = " ".join(str(exc).split()) or type(exc).__name__
            message = f"{strategy} with {workers} workers failed: {text}"
            emit(error_event(message, strategy=strategy, workers=workers))
            return EXIT_FAILED
        emit({"event": "sample", "index": index, **item, **sample})
    emit({"event": "done", "ok": True})
    return EXIT_OK


def unavailable_strategies(spec: Dict[str, Any]) -> Dict[str, str]:
    """Requested strategy → why it cannot run this workload here, for those that cannot."""
    reasons: Dict[str, str] = {}
    for name in spec["strategies"]:
        why = strategies.available_for(name, spec["workload"])
        if why is not None:
            reasons[name] = why
    return reasons


def measure_item(spec: Dict[str, Any], item: Dict[str, Any]) -> Dict[str, Any]:
    """One timed run of the plan, as the fields of its sample event."""
    sizes = task_sizes(spec["size"], item["workers"], spec["split"])
    gc.collect()
    p50: Optional[float] = None
    p99: Optional[float] = None
    if spec["latency_probe"]:
        with LatencyProbe() as probe:
            result = strategies.measure(
                item["strategy"], spec["workload"], sizes, spec["return_data"]
            )
        p50, p99 = probe.percentiles()
    else:
        result = strategies.measure(item["strategy"], spec["workload"], sizes, spec["return_data"])
    return {
        "wall_s": result.wall_s,
        "startup_s": result.startup_s,
        "cpu_s": result.cpu_s,
        "transfer_s": result.transfer_s,
        "checksums": result.checksums,
        "pool_startup_s": result.pool_startup_s,
        "latency_p50_s": p50,
        "latency_p99_s": p99,
    }


def _take_stdout() -> IO[str]:
    """A private stream on the original stdout; fd 1 (inherited by children) then goes to stderr."""
    sys.stdout.flush()
    try:
        events_fd = os.dup(sys.stdout.fileno())
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        stream = sys.stdout
        sys.stdout = sys.stderr
        return stream
    return os.fdopen(events_fd, "w", encoding="utf-8", newline="\n")


def _writer(stream: IO[str]) -> Emit:
    def emit(event: Dict[str, Any]) -> None:
        stream.write(json.dumps(event, separators=(",", ":")) + "\n")
        stream.flush()

    return emit


def _silence(stream: IO[str]) -> None:
    """After the reader went away: point the stream at devnull so the exit flush cannot complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass


def main() -> int:
    stream = _take_stdout()
    emit = _writer(stream)
    try:
        try:
            data = json.loads(sys.stdin.read())
        except ValueError as exc:
            emit(error_event(f"bad spec: stdin is not valid JSON ({exc})"))
            return EXIT_BAD_SPEC
        return run(data, emit)
    except BrokenPipeError:
        _silence(stream)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug in the probe: still report it as an event, not a traceback
        emit(error_event(f"the worker crashed: {type(exc).__name__}: {exc}"))
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
