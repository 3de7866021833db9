"""The worker process's JSON-line events, parsed into typed values.

The worker process (probe/worker.py) prints one JSON object a line: `started`, then one `sample` per
timed run, `error` when something goes wrong, and `done` last (probe/protocol.py writes them);
while a dask strategy runs, `cluster` events describe its workers and their CPU.
parse_event never raises anything but ProtocolError.

A sample's fields are read from the protocol's own list (SAMPLE_FIELDS), each by its kind, so the
worker and this parser cannot disagree on them; Sample below declares the same fields with their
types, which a test checks against that list.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gilbench_tui.probe.protocol import (
    CHECKSUMS,
    OPTIONAL_SECONDS,
    PLAN_FIELDS,
    SAMPLE_FIELDS,
    SECONDS,
)

MAX_LINE = 1_000_000


class ProtocolError(ValueError):
    """A line from the worker that is not a valid event."""


@dataclass(frozen=True)
class PlanItem:
    """One timed run the worker will make, in the order it makes them."""

    phase: str  # "warmup" or "measure"
    repeat: int
    strategy: str
    workers: int


@dataclass(frozen=True)
class Started:
    pid: int
    interpreter: dict[str, Any]
    plan: tuple[PlanItem, ...]
    unavailable: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Sample:
    """One timed run: where it stands in the plan (PLAN_FIELDS), then SAMPLE_FIELDS."""

    index: int
    phase: str
    repeat: int
    strategy: str
    workers: int
    wall_s: float
    startup_s: float
    cpu_s: float
    transfer_s: float | None
    checksums: tuple[int, ...]
    pool_startup_s: float | None = None
    latency_p50_s: float | None = None
    latency_p99_s: float | None = None
    system_busy_s: float | None = None
    system_steal_s: float | None = None
    system_total_s: float | None = None


@dataclass(frozen=True)
class Round:
    """A measured round ended (auto repeats only): the worker waits to hear whether to go on.

    The runner fills in what it decided from the rounds so far: how many every strategy has
    completed, the widest interval as a share (0.05 = ±5%), and whether another round runs."""

    repeat: int
    rounds: int = 0
    widest: float | None = None
    more: bool = True


@dataclass(frozen=True)
class WorkerError:
    message: str
    fatal: bool
    strategy: str | None = None
    workers: int | None = None


@dataclass(frozen=True)
class Done:
    ok: bool


@dataclass(frozen=True)
class ClusterWorker:
    """One Dask worker as its scheduler last heard of it; cpu_percent may exceed 100 (threads)."""

    address: str
    host: str
    threads: int
    cpu_percent: float | None


@dataclass(frozen=True)
class ClusterSeen:
    """A dask strategy's cluster while it runs: `local` for one made for the sample."""

    scheduler: str
    local: bool
    workers: tuple[ClusterWorker, ...]


Event = Started | Sample | Round | WorkerError | Done | ClusterSeen


def parse_event(line: str | bytes) -> Event:
    if len(line) > MAX_LINE:
        raise ProtocolError(f"worker line of {len(line)} bytes is too long")
    try:
        data = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ProtocolError(f"worker printed something that is not JSON: {_preview(line)}") from exc
    if not isinstance(data, dict):
        raise ProtocolError(f"worker event is not an object: {_preview(line)}")
    kind = data.get("event")
    try:
        if kind == "started":
            return Started(
                pid=_int(data["pid"]),
                interpreter=_object(data["interpreter"]),
                plan=tuple(_plan_item(_object(p)) for p in data["plan"]),
                unavailable={
                    str(k): str(v) for k, v in _object(data.get("unavailable", {})).items()
                },
            )
        if kind == "sample":
            return _sample(data)
        if kind == "error":
            workers = data.get("workers")
            strategy = data.get("strategy")
            return WorkerError(
                message=str(data["message"]),
                fatal=bool(data.get("fatal", True)),
                strategy=None if strategy is None else str(strategy),
                workers=None if workers is None else _int(workers),
            )
        if kind == "round":
            return Round(repeat=_int(data["repeat"]))
        if kind == "done":
            return Done(ok=bool(data.get("ok", True)))
        if kind == "cluster":
            return _cluster(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ProtocolError(f"malformed {kind} event ({exc}): {_preview(line)}") from exc
    raise ProtocolError(f"unknown worker event {kind!r}")


def _sample(data: dict[str, Any]) -> Sample:
    item = _plan_item(data)
    values = {name: _READERS[kind](data.get(name)) for name, kind in SAMPLE_FIELDS}
    return Sample(
        _int(data["index"]), item.phase, item.repeat, item.strategy, item.workers, **values
    )


def _cluster(data: dict[str, Any]) -> ClusterSeen:
    workers = data["workers"]
    if not isinstance(workers, list):
        raise ValueError(f"expected a list of workers, got {workers!r}")
    return ClusterSeen(
        scheduler=str(data["scheduler"]),
        local=bool(data.get("local", False)),
        workers=tuple(
            ClusterWorker(
                address=str(w["address"]),
                host=str(w["host"]),
                threads=max(1, _int(w["threads"])),
                cpu_percent=None if w.get("cpu_percent") is None else _cpu(w["cpu_percent"]),
            )
            for w in map(_object, workers)
        ),
    )


def _cpu(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"expected a CPU percentage, got {value!r}")
    return max(0.0, float(value))


def _plan_item(data: dict[str, Any]) -> PlanItem:
    phase, repeat, strategy, workers = (data[name] for name in PLAN_FIELDS)
    return PlanItem(str(phase), _int(repeat), str(strategy), _int(workers))


def _object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"expected an object, got {value!r}")
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected an integer, got {value!r}")
    return value


def _seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected seconds, got {value!r}")
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"expected non-negative seconds, got {value!r}")
    return number


def _optional_seconds(value: Any) -> float | None:
    return None if value is None else _seconds(value)


def _checksums(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list of checksums, got {value!r}")
    return tuple(_int(c) for c in value)


_READERS: dict[str, Callable[[Any], Any]] = {
    SECONDS: _seconds,
    OPTIONAL_SECONDS: _optional_seconds,
    CHECKSUMS: _checksums,
}


def _preview(line: str | bytes) -> str:
    text = line if isinstance(line, str) else line.decode("utf-8", "replace")
    text = text.strip()
    return text if len(text) <= 80 else text[:77] + "..."
