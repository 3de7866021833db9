"""The worker protocol, written once for both workers: the spec, the plan, the events, the fields.

The parent writes the spec as one JSON line on the worker process's stdin; the worker answers with
one JSON event a line on stdout: `started`, one `sample` per timed run, `error` when something
fails, `done` last (engine/events.py parses them). Only the first line of stdin is the spec; with
`auto_repeat` the worker emits `round` after each measured round and reads one more line, CONTINUE
or STOP, so the parent decides how many repeats are enough (`repeat` is then the most it may ask).

SAMPLE_FIELDS is the one list of what a sample reports: MEASURED_FIELDS come from the strategy
(in the order of a Measurement), OBSERVED_FIELDS from what watches the measurement from beside it
(the wake-up sampler). The engine builds its parser from this list, so a new optional field is
one line here and the code that measures it.

Written in the subset of Python that runs on 2.7 and 3.x, because the legacy worker uses it too:
no annotations (type comments instead), no f-strings, no keyword-only arguments.
"""

# Python 2 syntax on purpose: keep the 2.7-compatible spellings that pyupgrade would modernise.
# ruff: noqa: RUF005, UP031, UP036

import os
import sys

MYPY = False
if MYPY:  # type checking only: Python 2 has no typing module
    from typing import Any, Collection, Dict, List, Optional, Tuple, Type  # noqa: F401

if sys.version_info >= (3,):
    INTEGER_TYPES = (int,)  # type: Tuple[Type[int]]
else:
    INTEGER_TYPES = (int, long)  # noqa: F821

EXIT_OK, EXIT_FAILED, EXIT_BAD_SPEC, EXIT_INTERRUPTED = 0, 1, 2, 130

SECONDS = "seconds"
OPTIONAL_SECONDS = "optional seconds"
CHECKSUMS = "checksums"

#: Where a timed run stands in the plan; every sample repeats its plan item's fields.
PLAN_FIELDS = ("phase", "repeat", "strategy", "workers")
#: What a strategy measures, as (field, kind), in the order of a Measurement.
MEASURED_FIELDS = (
    ("wall_s", SECONDS),
    ("startup_s", SECONDS),
    ("cpu_s", SECONDS),
    ("transfer_s", OPTIONAL_SECONDS),
    ("checksums", CHECKSUMS),
    ("pool_startup_s", OPTIONAL_SECONDS),
)
#: What is observed beside the measurement: the wake-up sampler (null when the spec did not ask
#: for it) and what the whole machine did meanwhile (null where /proc/stat is missing).
OBSERVED_FIELDS = (
    ("latency_p50_s", OPTIONAL_SECONDS),
    ("latency_p99_s", OPTIONAL_SECONDS),
    ("system_busy_s", OPTIONAL_SECONDS),
    ("system_steal_s", OPTIONAL_SECONDS),
    ("system_total_s", OPTIONAL_SECONDS),
)
SAMPLE_FIELDS = MEASURED_FIELDS + OBSERVED_FIELDS
MEASURED_NAMES = tuple(name for name, _ in MEASURED_FIELDS)

MIN_SWITCH_INTERVAL_S = 1e-6
MAX_SWITCH_INTERVAL_S = 1.0


class SpecError(ValueError):
    """The spec cannot be run as given; the message is one line for the user."""


def unknown(what, name, known):
    # type: (str, Any, Collection[str]) -> str
    return "unknown %s %s (known: %s)" % (what, shown(name), ", ".join(known))


def shown(value):
    # type: (Any) -> str
    """A value from the spec as Python 3 writes it (Python 2 would write a text string u'...')."""
    return "'%s'" % value if hasattr(value, "encode") else repr(value)


def parse_spec(data, workloads, strategies=None):
    # type: (Any, Collection[str], Optional[Collection[str]]) -> Dict[str, Any]
    """Check the keys every worker reads (unknown extra keys are ignored); raise SpecError.

    `workloads` are the names this worker knows; so are `strategies`, or None when any name is
    accepted here and one this worker cannot run is reported as unavailable instead.
    """
    if not isinstance(data, dict):
        raise SpecError("the spec is not a JSON object")
    workload = data.get("workload")
    if workload not in workloads:
        raise SpecError(unknown("workload", workload, workloads))
    size = _whole(data.get("size"), "size", 1)
    counts = data.get("workers")
    if not isinstance(counts, list) or not counts:
        raise SpecError("workers must be a non-empty list of worker counts")
    workers = [_whole(k, "a worker count", 1) for k in counts]
    names = data.get("strategies")
    if not isinstance(names, list) or not names:
        raise SpecError("strategies must be a non-empty list of strategy names")
    unique = []  # type: List[str]
    for name in names:
        if strategies is not None and name not in strategies:
            raise SpecError(unknown("strategy", name, strategies))
        if str(name) not in unique:
            unique.append(str(name))
    split = _flag(data, "split")
    if split and max(workers) > size:
        raise SpecError("split: size %d cannot be divided among %d tasks" % (size, max(workers)))
    return {
        "workload": str(workload),
        "size": size,
        "workers": workers,
        "strategies": unique,
        "repeat": _whole(data.get("repeat", 1), "repeat", 1),
        "warmup": _whole(data.get("warmup", 0), "warmup", 0),
        "split": split,
        "return_data": _flag(data, "return_data"),
        "switch_interval_s": _switch_interval(data.get("switch_interval_s")),
        "latency_probe": _flag(data, "latency_probe"),
        "auto_repeat": _flag(data, "auto_repeat"),
        "dask_scheduler": _address(data.get("dask_scheduler")),
    }


def _whole(value, what, minimum):
    # type: (Any, str, int) -> int
    if isinstance(value, bool) or not isinstance(value, INTEGER_TYPES):
        raise SpecError("%s must be a whole number, not %s" % (what, shown(value)))
    if value < minimum:
        raise SpecError("%s must be at least %d, not %d" % (what, minimum, value))
    return int(value)


def _flag(data, key):
    # type: (Dict[str, Any], str) -> bool
    value = data.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise SpecError("%s must be true or false, not %s" % (key, shown(value)))
    return value


def _address(value):
    # type: (Any) -> Optional[str]
    """A scheduler address such as tcp://10.0.0.5:8786, or None for a cluster made for the run."""
    if value is None:
        return None
    if not hasattr(value, "encode") or not value.strip():
        raise SpecError(
            "dask_scheduler must be an address such as tcp://host:8786, not %s" % shown(value)
        )
    return str(value.strip())


def _switch_interval(value):
    # type: (Any) -> Optional[float]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, INTEGER_TYPES + (float,)):
        raise SpecError(
            "switch_interval_s must be a number of seconds or null, not %s" % shown(value)
        )
    if not MIN_SWITCH_INTERVAL_S <= value <= MAX_SWITCH_INTERVAL_S:
        raise SpecError(
            "switch_interval_s must be between %g and %g s, not %r"
            % (MIN_SWITCH_INTERVAL_S, MAX_SWITCH_INTERVAL_S, value)
        )
    return float(value)


def task_sizes(size, count, split):
    # type: (int, int, bool) -> List[int]
    """`size` items for each of `count` tasks, or with split one total divided (remainder first)."""
    if not split:
        return [size] * count
    base, rest = divmod(size, count)
    return [base + 1] * rest + [base] * (count - rest)


def build_plan(spec):
    # type: (Dict[str, Any]) -> List[Dict[str, Any]]
    """Warm-up rounds first, then measured repeats; inside each, every task count x strategy.

    Repeats interleave (A B C A B C ...) so that drift of the machine hits every strategy alike.
    """
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


def rounds(plan):
    # type: (List[Dict[str, Any]]) -> List[List[Dict[str, Any]]]
    """The plan cut into its rounds: every task count x strategy once, for one repeat."""
    cut = []  # type: List[List[Dict[str, Any]]]
    for item in plan:
        if not cut or (cut[-1][0]["phase"], cut[-1][0]["repeat"]) != (
            item["phase"],
            item["repeat"],
        ):
            cut.append([])
        cut[-1].append(item)
    return cut


def started_event(interpreter, plan, unavailable):
    # type: (Dict[str, Any], List[Dict[str, Any]], Dict[str, str]) -> Dict[str, Any]
    return {
        "event": "started",
        "pid": os.getpid(),
        "interpreter": interpreter,
        "plan": plan,
        "unavailable": unavailable,
    }


def sample_event(index, item, values):
    # type: (int, Dict[str, Any], Dict[str, Any]) -> Dict[str, Any]
    """The sample of plan item `index`: its plan fields, then every sample field from `values`.

    Times are clamped at zero and start-up at the wall time, so a clock that steps back (Python 2
    has only time.time()) cannot produce a sample the parent rejects.
    """
    event = {"event": "sample", "index": index}  # type: Dict[str, Any]
    for name in PLAN_FIELDS:
        event[name] = item[name]
    for name, kind in SAMPLE_FIELDS:
        value = values.get(name)
        if value is None and kind != OPTIONAL_SECONDS:
            raise ValueError("the measurement gave no %s" % name)
        if value is not None and kind != CHECKSUMS:
            value = max(0.0, value)
        event[name] = value
    event["startup_s"] = min(event["startup_s"], event["wall_s"])
    return event


def round_event(repeat):
    # type: (int) -> Dict[str, Any]
    """With auto_repeat, after each measured round: the worker then waits for CONTINUE or STOP."""
    return {"event": "round", "repeat": repeat}


CONTINUE = "continue"
STOP = "stop"


def error_event(message, strategy=None, workers=None, fatal=True):
    # type: (str, Optional[str], Optional[int], bool) -> Dict[str, Any]
    """An error event, fatal unless said otherwise (a note); the message is folded onto one line."""
    return {
        "event": "error",
        "message": " ".join(message.split()),
        "fatal": fatal,
        "strategy": strategy,
        "workers": workers,
    }


def done_event():
    # type: () -> Dict[str, Any]
    return {"event": "done", "ok": True}
