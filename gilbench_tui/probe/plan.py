"""What the worker will run: the spec it reads, checked, and the plan of timed runs made from it.

Standard library only, Python 3.8+; imported by worker.py (as `.plan`, or as the top-level module
`plan` when worker.py runs by path).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional

if TYPE_CHECKING or __package__:
    from . import strategies, workloads
else:  # worker.py run by path has put this directory on sys.path
    import strategies
    import workloads


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
        "strategies": list(dict.fromkeys(names)),
        "repeat": _whole(data.get("repeat", 1), "repeat", 1),
        "warmup": _whole(data.get("warmup", 0), "warmup", 0),
        "split": split,
        "return_data": _flag(data, "return_data"),
        "switch_interval_s": _switch_interval(data.get("switch_interval_s")),
        "latency_probe": _flag(data, "latency_probe"),
    }


def _flag(data: Dict[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise SpecError(f"{key} must be true or false, not {value!r}")
    return value


MIN_SWITCH_INTERVAL_S = 1e-6
MAX_SWITCH_INTERVAL_S = 1.0


def _switch_interval(value: Any) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SpecError(f"switch_interval_s must be a number of seconds or null, not {value!r}")
    if not MIN_SWITCH_INTERVAL_S <= value <= MAX_SWITCH_INTERVAL_S:
        raise SpecError(
            f"switch_interval_s must be between {MIN_SWITCH_INTERVAL_S:g} and "
            f"{MAX_SWITCH_INTERVAL_S:g} s, not {value!r}"
        )
    return float(value)


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
