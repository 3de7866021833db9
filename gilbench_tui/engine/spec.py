"""What to measure: the BenchSpec, its validation, and the parsers behind the CLI and the panes.

Every parser raises SpecError with a message that can be shown to a user as one line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

from gilbench_tui.engine import usercode
from gilbench_tui.probe.catalog import STRATEGIES, WORKLOADS

MAX_SIZE = 10**10
MAX_REPEAT = 1000
#: The most rounds --repeat auto runs, whatever the time budget.
MAX_AUTO_ROUNDS = 200
DEFAULT_MAX_TIME_S = 30.0
MAX_WORKERS_CAP = 1024

_SUFFIXES = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}
_SIZE_RE = re.compile(r"^\s*([0-9]+(?:\.[0-9]*)?(?:e[0-9]+)?)\s*([kmg]?)\s*$", re.IGNORECASE)


class SpecError(ValueError):
    """A spec or one of its fields is not acceptable; the message is for the user."""


@dataclass(frozen=True)
class BenchSpec:
    """One benchmark: a workload of `size` items per task, run by each strategy with k tasks."""

    workload: str = "seed"
    size: int = 2_000_000
    workers: tuple[int, ...] = (2,)
    strategies: tuple[str, ...] = ("serial", "threads", "processes")
    repeat: int = 3
    warmup: int = 1
    split: bool = False
    python: str | None = None
    timeout_s: float | None = None
    return_data: bool = False
    switch_interval_s: float | None = None
    latency_probe: bool = False
    #: Rounds until every speedup is known to ±5% (at most `max_time_s`); `repeat` is then the
    #: rounds measured (in a stored run) or the most that may run (in a spec about to run).
    auto_repeat: bool = False
    max_time_s: float | None = None
    #: An existing Dask scheduler the dask strategies run on; None: a LocalCluster per sample.
    dask_scheduler: str | None = None
    #: `-X gil=N` for the worker process (3.13+): 1 turns the GIL on in a free-threaded build, 0
    #: keeps it off even when an extension asks for it. None: the interpreter's own default.
    gil: int | None = None
    #: The SHA-256 of the file of a workload given as `FILE.py:FUNC` (or a module's file), taken
    #: when the run was asked for: a rerun compares it with the file as it is then.
    workload_sha256: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The `spec` object of the gilbench.run/1 document (`workload_sha256` only for a user's
        code)."""
        extra = {} if self.workload_sha256 is None else {"workload_sha256": self.workload_sha256}
        return {
            "workload": self.workload,
            "size": self.size,
            "workers": list(self.workers),
            "strategies": list(self.strategies),
            "repeat": self.repeat,
            "warmup": self.warmup,
            "split": self.split,
            "return_data": self.return_data,
            "switch_interval_s": self.switch_interval_s,
            "latency_probe": self.latency_probe,
            "auto_repeat": self.auto_repeat,
            "max_time_s": self.max_time_s,
            "dask_scheduler": self.dask_scheduler,
            "gil": self.gil,
            **extra,
        }

    @property
    def user_code(self) -> bool:
        """The workload is a user's function (`FILE.py:FUNC`, `package.module:FUNC`)."""
        return usercode.is_reference(self.workload)

    def worker_payload(self) -> dict[str, Any]:
        """What the worker process reads on stdin: with auto repeats, as many rounds as allowed."""
        payload = self.to_json()
        if self.auto_repeat:
            payload["repeat"] = MAX_AUTO_ROUNDS
        return payload

    def with_changes(self, **changes: Any) -> BenchSpec:
        return replace(self, **changes)

    @property
    def measurements(self) -> int:
        """How many timed runs (warm-up included) the spec asks for."""
        return (self.repeat + self.warmup) * len(self.workers) * len(self.strategies)


def parse_size(text: str | int) -> int:
    """`2000000`, `2M`, `2e6`, `500k`, `1.5m`, `2_000_000` → a positive whole number of items."""
    if isinstance(text, int) and not isinstance(text, bool):
        value: float = text
    else:
        raw = str(text).replace("_", "").replace(",", "")
        match = _SIZE_RE.match(raw)
        if not match:
            raise SpecError(f"size {str(text)!r} is not a number (try 2000000, 2M, 2e6 or 500k)")
        value = float(match.group(1)) * _SUFFIXES[match.group(2).lower()]
    if not math.isfinite(value) or value != int(value):
        raise SpecError(f"size {text!r} is not a whole number of items")
    if value < 1:
        raise SpecError(f"size {text!r} must be at least 1")
    if value > MAX_SIZE:
        raise SpecError(f"size {text!r} is larger than the limit of {MAX_SIZE:,}")
    return int(value)


def format_size(size: int) -> str:
    """The short form a person would type: 2M, 500k, 1234."""
    for suffix, factor in (("G", 10**9), ("M", 10**6), ("k", 10**3)):
        if size >= factor and size % factor == 0:
            return f"{size // factor}{suffix}"
    if size >= 10**6 and size % 10**5 == 0:
        return f"{size / 10**6:g}M"
    return str(size)


def cpu_count() -> int:
    """The CPUs this process may use (affinity, cgroup quota): what `cores` in --workers means."""
    from gilbench_tui.engine.cpus import usable_cpus

    return usable_cpus().count


def max_workers(cores: int | None = None) -> int:
    """The sane upper bound on a task count: 4 × cores, never above 1024."""
    return min(MAX_WORKERS_CAP, 4 * (cores or cpu_count()))


def parse_workers(text: str, cores: int | None = None) -> tuple[int, ...]:
    """`2`, `1,2,4`, `1-4`, `cores`, `1-cores` → sorted, distinct task counts (the workers option)."""
    cores = cores or cpu_count()
    limit = max_workers(cores)
    counts: set[int] = set()
    raw = str(text).strip().lower()
    if not raw:
        raise SpecError("workers is empty (try 2, 1,2,4, 1-4 or cores)")
    for part in raw.split(","):
        part = part.strip()
        bounds = [b.strip() for b in part.split("-")] if "-" in part else [part]
        if len(bounds) > 2 or not all(bounds):
            raise SpecError(f"workers {text!r}: {part!r} is not a count or a range like 1-4")
        numbers = [_worker_number(b, cores, text) for b in bounds]
        low, high = numbers[0], numbers[-1]
        if low > high:
            raise SpecError(f"workers {text!r}: the range {part!r} runs backwards")
        counts.update(range(low, high + 1))
    if max(counts) > limit:
        raise SpecError(
            f"workers {text!r}: {max(counts)} is above the limit of {limit} (4 × cores)"
        )
    return tuple(sorted(counts))


def _worker_number(token: str, cores: int, text: str) -> int:
    if token in ("cores", "ncpu", "n"):
        return cores
    if not token.isdigit():
        raise SpecError(f"workers {text!r}: {token!r} is not a whole number")
    value = int(token)
    if value < 1:
        raise SpecError(f"workers {text!r}: a task count must be at least 1")
    return value


def format_workers(workers: tuple[int, ...]) -> str:
    if len(workers) > 2 and list(workers) == list(range(workers[0], workers[-1] + 1)):
        return f"{workers[0]}-{workers[-1]}"
    return ",".join(str(k) for k in workers)


def parse_strategies(text: str) -> tuple[str, ...]:
    """`serial,threads,processes` → the names, in the order given, each once."""
    names: list[str] = []
    for part in str(text).split(","):
        name = part.strip().lower()
        if not name:
            continue
        if name not in STRATEGIES:
            known = ", ".join(STRATEGIES)
            raise SpecError(f"unknown strategy {name!r} (known: {known})")
        if name not in names:
            names.append(name)
    if not names:
        raise SpecError("no strategy given (try serial,threads,processes)")
    return tuple(names)


def parse_workload(name: str) -> str:
    """A catalog name, or a user's `FILE.py:FUNC` / `package.module:FUNC` that parsing finds
    sound (a file's path made absolute); nothing is imported here."""
    if usercode.is_reference(str(name)):
        ref = usercode.normalise(str(name))
        problem = usercode.static_problem(ref)
        if problem is not None:
            raise SpecError(problem)
        return ref
    key = str(name).strip().lower()
    if key not in WORKLOADS:
        known = ", ".join(WORKLOADS)
        raise SpecError(f"unknown workload {name!r} (known: {known}; or your own FILE.py:FUNC)")
    return key


def parse_count(text: str | int, what: str, minimum: int, maximum: int = MAX_REPEAT) -> int:
    try:
        value = int(str(text).strip())
    except ValueError:
        raise SpecError(f"{what} {str(text)!r} is not a whole number") from None
    if not minimum <= value <= maximum:
        raise SpecError(f"{what} must be between {minimum} and {maximum}, not {value}")
    return value


AUTO = "auto"


def parse_repeat(text: str | int) -> int | None:
    """`5` → 5 repeats; `auto` → None: rounds until every speedup is known to ±5%."""
    if str(text).strip().lower() == AUTO:
        return None
    return parse_count(text, "repeat", 1)


def format_repeat(spec: BenchSpec) -> str:
    return AUTO if spec.auto_repeat else str(spec.repeat)


def with_repeat(spec: BenchSpec, repeat: int | None) -> BenchSpec:
    """The spec with a parsed repeat: a count, or None for auto. A count has no time budget, so
    it drops one the spec had for auto (the app's repeat field turned from auto to 5)."""
    if repeat is None:
        return spec.with_changes(auto_repeat=True)
    return spec.with_changes(repeat=repeat, auto_repeat=False, max_time_s=None)


#: The spec's fields a problem can be tied to: BenchSpec's attribute names.
Field = Literal[
    "workload",
    "size",
    "workers",
    "strategies",
    "repeat",
    "warmup",
    "python",
    "switch_interval_s",
    "timeout_s",
    "max_time_s",
    "dask_scheduler",
    "gil",
]


@dataclass(frozen=True)
class Problem:
    """Why a spec cannot run, tied to the field a person would change to fix it.

    `guard` marks the memory guard's problem: an estimate, which the CLI's --force overrides.
    """

    field: Field
    message: str
    guard: bool = False


def _workers(spec: BenchSpec) -> None:
    if not spec.workers:
        raise SpecError("no task counts given (try 2, 1,2,4 or 1-4)")
    limit = max_workers()
    for k in spec.workers:
        if not 1 <= k <= limit:
            raise SpecError(f"task count {k} is outside 1..{limit}")


def _split(spec: BenchSpec) -> None:
    if spec.split and spec.workers and max(spec.workers) > spec.size:
        raise SpecError(
            f"--split: size {spec.size} cannot be divided among {max(spec.workers)} tasks"
        )


def _switch_interval(spec: BenchSpec) -> None:
    if spec.switch_interval_s is not None and not 1e-6 <= spec.switch_interval_s <= 1.0:
        raise SpecError("switch interval must be between 1 µs and 1 s")


def _timeout(spec: BenchSpec) -> None:
    if spec.timeout_s is not None and not spec.timeout_s > 0:
        raise SpecError("timeout must be a positive number of seconds")


def _max_time(spec: BenchSpec) -> None:
    if spec.max_time_s is None:
        return
    if not spec.max_time_s > 0:
        raise SpecError("the time budget must be a positive number of seconds")
    if not spec.auto_repeat:
        raise SpecError("--max-time is the time budget of --repeat auto; give both or neither")


def _dask_scheduler(spec: BenchSpec) -> None:
    from gilbench_tui.engine.cluster import scheduler_problem

    problem = scheduler_problem(spec.strategies, spec.dask_scheduler)
    if problem is not None:
        raise SpecError(problem)


def _gil(spec: BenchSpec) -> None:
    if spec.gil not in (None, 0, 1):
        raise SpecError(f"gil {spec.gil!r}: give 0 (off) or 1 (on), as -X gil=0/1")


#: Each field's check, in the order the fields are shown; a field gets at most one problem, and
#: the split check (size against the largest count) runs only while size is otherwise fine.
_FIELD_CHECKS: tuple[tuple[Field, Callable[[BenchSpec], object]], ...] = (
    ("workload", lambda spec: parse_workload(spec.workload)),
    ("size", lambda spec: parse_size(spec.size)),
    ("workers", _workers),
    ("strategies", lambda spec: parse_strategies(",".join(spec.strategies))),
    ("repeat", lambda spec: parse_count(spec.repeat, "repeat", 1)),
    ("warmup", lambda spec: parse_count(spec.warmup, "warmup", 0)),
    ("size", _split),
    ("switch_interval_s", _switch_interval),
    ("timeout_s", _timeout),
    ("max_time_s", _max_time),
    ("dask_scheduler", _dask_scheduler),
    ("gil", _gil),
)


def field_problems(spec: BenchSpec) -> list[Problem]:
    """Every field of a spec built in code checked on its own (the parsers check what a person
    types); the interpreter and the memory guard are engine.admission's."""
    found: list[Problem] = []
    for name, check in _FIELD_CHECKS:
        if any(problem.field == name for problem in found):
            continue
        try:
            check(spec)
        except SpecError as exc:
            found.append(Problem(name, str(exc)))
    return found


def validate(spec: BenchSpec) -> BenchSpec:
    """The spec, or SpecError with its first field problem."""
    found = field_problems(spec)
    if found:
        raise SpecError(found[0].message)
    return spec
