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
"""

from __future__ import annotations

import gc
import json
import os
import platform
import sys
import sysconfig
from typing import IO, TYPE_CHECKING, Any, Callable, Dict, List, Optional

if TYPE_CHECKING or __package__:
    from . import strategies, workloads
else:  # run by path: `-I` keeps this directory off sys.path, and spawn children need it there too
    _HERE = os.path.dirname(os.path.abspath(__file__))
    if _HERE not in sys.path:
        sys.path.insert(0, _HERE)
    import strategies
    import workloads

Emit = Callable[[Dict[str, Any]], None]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_SPEC = 2
EXIT_INTERRUPTED = 130


class SpecError(ValueError):
    """The spec cannot be run as given; the message is one line for the user."""


def parse_spec(data: Any) -> Dict[str, Any]:
    """Check the fields the worker uses (unknown extra keys are ignored); raise SpecError."""
    if not isinstance(data, dict):
        raise SpecError("the spec is not a JSON object")
    workload = data.get("workload")
    if workload not in workloads.WORKLOADS:
        raise SpecError(f"unknown workload {workload!r} (known: {', '.join(workloads.WORKLOADS)})")
    size = _whole(data.get("size"), "size", 1)
    counts = data.get("workers")
    if not isinstance(counts, list) or not counts:
        raise SpecError("workers must be a non-empty list of worker counts")
    workers = [_whole(k, "a worker count", 1) for k in counts]
    names = data.get("strategies")
    if not isinstance(names, list) or not names:
        raise SpecError("strategies must be a non-empty list of strategy names")
    for name in names:
        if name not in strategies.STRATEGY_NAMES:
            known = ", ".join(strategies.STRATEGY_NAMES)
            raise SpecError(f"unknown strategy {name!r} (known: {known})")
    split = data.get("split", False)
    if not isinstance(split, bool):
        raise SpecError("split must be true or false")
    if split and max(workers) > size:
        raise SpecError(f"split: size {size} cannot be divided among {max(workers)} tasks")
    return {
        "workload": workload,
        "size": size,
        "workers": workers,
        "strategies": list(names),
        "repeat": _whole(data.get("repeat", 1), "repeat", 1),
        "warmup": _whole(data.get("warmup", 0), "warmup", 0),
        "split": split,
    }


def _whole(value: Any, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SpecError(f"{what} must be a whole number, not {value!r}")
    if value < minimum:
        raise SpecError(f"{what} must be at least {minimum}, not {value}")
    return value


def task_sizes(size: int, count: int, split: bool) -> List[int]:
    """`size` items for each of `count` tasks, or with split one total divided (remainder first)."""
    if not split:
        return [size] * count
    base, rest = divmod(size, count)
    return [base + 1] * rest + [base] * (count - rest)


def build_plan(spec: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Warm-up rounds first, then measured repeats; inside each, every worker count × strategy."""
    plan: List[Dict[str, Any]] = []
    warmup = spec["warmup"]
    for round_index in range(warmup + spec["repeat"]):
        phase = "warmup" if round_index < warmup else "measure"
        repeat = round_index if phase == "warmup" else round_index - warmup
        for workers in spec["workers"]:
            for strategy in spec["strategies"]:
                plan.append(
                    {"phase": phase, "repeat": repeat, "strategy": strategy, "workers": workers}
                )
    return plan


def interpreter_info() -> Dict[str, Any]:
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    return {
        "executable": sys.executable,
        "implementation": platform.python_implementation(),
        "version": platform.python_version(),
        "gil_disabled_build": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "gil_enabled": bool(is_gil_enabled()) if is_gil_enabled is not None else True,
        "switch_interval_s": sys.getswitchinterval(),
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
    ok, reason = workloads.available(spec["workload"])
    if not ok:
        emit(error_event(f"workload {spec['workload']} cannot run here: {reason}"))
        return EXIT_BAD_SPEC
    for name in spec["strategies"]:
        why = strategies.available(name)
        if why is not None:
            emit(error_event(f"strategy {name} cannot run here: {why}", strategy=name))
            return EXIT_BAD_SPEC

    try:
        for name in spec["strategies"]:
            strategies.prepare(name)
    except Exception as exc:
        emit(error_event(f"could not prepare the strategies: {type(exc).__name__}: {exc}"))
        return EXIT_FAILED

    plan = build_plan(spec)
    emit({"event": "started", "pid": os.getpid(), "interpreter": interpreter_info(), "plan": plan})
    for index, item in enumerate(plan):
        strategy, workers = item["strategy"], item["workers"]
        sizes = task_sizes(spec["size"], workers, spec["split"])
        gc.collect()
        try:
            result = strategies.measure(strategy, spec["workload"], sizes)
        except Exception as exc:
            text = " ".join(str(exc).split()) or type(exc).__name__
            message = f"{strategy} with {workers} workers failed: {text}"
            emit(error_event(message, strategy=strategy, workers=workers))
            return EXIT_FAILED
        emit(
            {
                "event": "sample",
                "index": index,
                **item,
                "wall_s": result.wall_s,
                "startup_s": result.startup_s,
                "cpu_s": result.cpu_s,
                "transfer_s": result.transfer_s,
                "checksums": result.checksums,
            }
        )
    emit({"event": "done", "ok": True})
    return EXIT_OK


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
