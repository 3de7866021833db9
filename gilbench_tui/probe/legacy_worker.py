"""The legacy worker: the article's experiment on Python 2.7 (and on any 3.x), standard library only.

Run as `python2.7 legacy_worker.py < spec.json` (Python 2 has no -I; the parent passes -E -s).
It speaks the same JSON-line protocol as worker.py (started, sample, error, done, with the same
field names) but knows only the seed workload and the serial, threads and processes strategies;
any other requested strategy is listed in `started` as unavailable. The seed loop and its
checksum are the same as the modern probe's, and Python 2's random.Random(int) draws the same
numbers, so the checksums agree across the two workers.

It and legacy_runs.py (the measurements) import nothing from the rest of the probe, whose modules
need 3.8, and are written in the common subset of Python 2.7 and 3: no annotations (type comments
instead), no f-strings, no keyword-only arguments.
"""

# Python 2 syntax on purpose: keep the 2.7-compatible spellings that pyupgrade would modernise.
# ruff: noqa: UP010, UP020, UP024, UP031, UP036

from __future__ import division, print_function

import errno
import gc
import io
import json
import os
import platform
import sys

MYPY = False
if MYPY:  # type checking only: Python 2 has no typing module
    from typing import IO, Any, Callable, Dict, List, Optional, Tuple  # noqa: F401

    Emit = Callable[[Dict[str, Any]], None]

if MYPY or __package__:  # imported as gilbench_tui.probe.legacy_worker (the tests)
    from . import legacy_runs
else:  # run by path, as the parent runs it: this directory is sys.path[0]
    import legacy_runs

if sys.version_info >= (3,):
    INTEGER_TYPES = (int,)  # type: Tuple[type, ...]
else:
    INTEGER_TYPES = (int, long)  # noqa: F821

EXIT_OK, EXIT_FAILED, EXIT_BAD_SPEC, EXIT_INTERRUPTED = 0, 1, 2, 130


class SpecError(ValueError):
    """The spec cannot be run as given; the message is one line for the user."""


def _is_whole(value):
    # type: (Any) -> bool
    return isinstance(value, INTEGER_TYPES) and not isinstance(value, bool)


def _whole(value, what, minimum):
    # type: (Any, str, int) -> int
    if not _is_whole(value):
        raise SpecError("%s must be a whole number, not %r" % (what, value))
    number = int(value)
    if number < minimum:
        raise SpecError("%s must be at least %d, not %d" % (what, minimum, number))
    return number


def _flag(data, key):
    # type: (Dict[str, Any], str) -> bool
    value = data.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise SpecError("%s must be true or false, not %r" % (key, value))
    return bool(value)


def parse_spec(data):
    # type: (Any) -> Dict[str, Any]
    """The fields this worker uses; unknown extra keys are ignored. Raises SpecError."""
    if not isinstance(data, dict):
        raise SpecError("the spec is not a JSON object")
    if data.get("workload") != "seed":
        raise SpecError(
            "the legacy worker runs only the seed workload, not %r" % data.get("workload")
        )
    size = _whole(data.get("size"), "size", 1)
    counts = data.get("workers")
    if not isinstance(counts, list) or not counts:
        raise SpecError("workers must be a non-empty list of worker counts")
    names = data.get("strategies")
    if not isinstance(names, list) or not names:
        raise SpecError("strategies must be a non-empty list of strategy names")
    workers = [_whole(k, "a worker count", 1) for k in counts]
    split = _flag(data, "split")
    if split and max(workers) > size:
        raise SpecError("split: size %d cannot be divided among %d tasks" % (size, max(workers)))
    unique = []  # type: List[str]
    for name in names:
        if str(name) not in unique:
            unique.append(str(name))
    return {
        "size": size,
        "workers": workers,
        "strategies": unique,
        "repeat": _whole(data.get("repeat", 1), "repeat", 1),
        "warmup": _whole(data.get("warmup", 0), "warmup", 0),
        "split": split,
        "return_data": _flag(data, "return_data"),
        "latency_probe": _flag(data, "latency_probe"),
        "switch_interval_s": data.get("switch_interval_s"),
    }


def task_sizes(size, count, split):
    # type: (int, int, bool) -> List[int]
    if not split:
        return [size] * count
    base, rest = divmod(size, count)
    return [base + 1] * rest + [base] * (count - rest)


def build_plan(spec):
    # type: (Dict[str, Any]) -> List[Dict[str, Any]]
    plan = []  # type: List[Dict[str, Any]]
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


def interpreter_info():
    # type: () -> Dict[str, Any]
    getswitchinterval = getattr(sys, "getswitchinterval", None)
    getcheckinterval = getattr(sys, "getcheckinterval", None)
    info = {
        "executable": sys.executable,
        "implementation": platform.python_implementation(),
        "version": platform.python_version(),
        "gil_disabled_build": False,
        "gil_enabled": True,
        "python_gil_env": os.environ.get("PYTHON_GIL"),
        "switch_interval_s": getswitchinterval() if getswitchinterval else None,
        "legacy_worker": True,
    }
    if getswitchinterval is None and getcheckinterval is not None:
        info["check_interval"] = getcheckinterval()
    return info


def measure(spec, item):
    # type: (Dict[str, Any], Dict[str, Any]) -> Dict[str, Any]
    sizes = task_sizes(spec["size"], item["workers"], spec["split"])
    runner = legacy_runs.RUNNERS[item["strategy"]]
    gc.collect()
    p50 = p99 = None  # type: Optional[float]
    if spec["latency_probe"]:
        with legacy_runs.LatencyProbe() as probe:
            wall, startup, cpu, transfer, checksums = runner(sizes, spec["return_data"])
        p50, p99 = probe.percentile(50), probe.percentile(99)
    else:
        wall, startup, cpu, transfer, checksums = runner(sizes, spec["return_data"])
    return {
        "wall_s": max(0.0, wall),
        "startup_s": min(max(0.0, startup), max(0.0, wall)),
        "cpu_s": max(0.0, cpu),
        "transfer_s": transfer,
        "checksums": checksums,
        "pool_startup_s": None,
        "latency_p50_s": p50,
        "latency_p99_s": p99,
    }


def error_event(message, strategy=None, workers=None):
    # type: (str, Optional[str], Optional[int]) -> Dict[str, Any]
    return {
        "event": "error",
        "message": " ".join(message.split()),
        "fatal": True,
        "strategy": strategy,
        "workers": workers,
    }


def run(data, emit):
    # type: (Any, Emit) -> int
    try:
        spec = parse_spec(data)
    except SpecError as exc:
        emit(error_event("bad spec: %s" % exc))
        return EXIT_BAD_SPEC
    interval = spec["switch_interval_s"]
    if interval is not None and hasattr(sys, "setswitchinterval"):
        try:
            sys.setswitchinterval(interval)
        except (TypeError, ValueError) as exc:
            emit(error_event("bad spec: switch_interval_s: %s" % exc))
            return EXIT_BAD_SPEC
    unavailable = {}  # type: Dict[str, str]
    for name in spec["strategies"]:
        if name not in legacy_runs.RUNNERS:
            unavailable[name] = "the legacy worker (for Python %s) runs only %s" % (
                platform.python_version(),
                ", ".join(legacy_runs.STRATEGIES),
            )
    spec["strategies"] = [name for name in spec["strategies"] if name not in unavailable]
    if not spec["strategies"]:
        emit(
            error_event(
                "no requested strategy can run on the legacy worker (it runs only %s)"
                % ", ".join(legacy_runs.STRATEGIES)
            )
        )
        return EXIT_BAD_SPEC
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
        try:
            fields = measure(spec, item)
        except Exception as exc:
            text = " ".join(str(exc).split()) or type(exc).__name__
            message = "%s with %d workers failed: %s" % (item["strategy"], item["workers"], text)
            emit(error_event(message, strategy=item["strategy"], workers=item["workers"]))
            return EXIT_FAILED
        event = {"event": "sample", "index": index}
        event.update(item)
        event.update(fields)
        emit(event)
    emit({"event": "done", "ok": True})
    return EXIT_OK


def _take_stdout():
    # type: () -> IO[str]
    """A private stream on the original stdout; fd 1 (inherited by children) goes to stderr."""
    sys.stdout.flush()
    events_fd = os.dup(sys.stdout.fileno())
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return io.open(events_fd, "w", encoding="utf-8", newline="\n")


def _writer(stream):
    # type: (IO[str]) -> Emit
    def emit(event):
        # type: (Dict[str, Any]) -> None
        line = json.dumps(event, separators=(",", ":"))
        if isinstance(line, bytes):
            line = line.decode("ascii")
        stream.write(line + "\n")
        stream.flush()

    return emit


def main():
    # type: () -> int
    stream = _take_stdout()
    emit = _writer(stream)
    try:
        try:
            data = json.loads(sys.stdin.read())
        except ValueError as exc:
            emit(error_event("bad spec: stdin is not valid JSON (%s)" % exc))
            return EXIT_BAD_SPEC
        return run(data, emit)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except (IOError, OSError) as exc:
        if getattr(exc, "errno", None) == errno.EPIPE:  # the reader went away
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, stream.fileno())
            except OSError:
                pass
            return EXIT_FAILED
        emit(error_event("the legacy worker crashed: %s" % legacy_runs.explain(exc)))
        return EXIT_FAILED
    except Exception as exc:  # a bug in the probe: still an event, not a traceback
        emit(error_event("the legacy worker crashed: %s" % legacy_runs.explain(exc)))
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
