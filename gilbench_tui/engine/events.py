"""The worker's JSON-line events, parsed into typed values.

The worker (probe/worker.py) prints one JSON object a line: `started`, then one `sample` per timed run,
`error` when something goes wrong, and `done` last. parse_event never raises anything but ProtocolError.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

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


@dataclass(frozen=True)
class WorkerError:
    message: str
    fatal: bool
    strategy: str | None = None
    workers: int | None = None


@dataclass(frozen=True)
class Done:
    ok: bool


Event = Started | Sample | WorkerError | Done


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
                plan=tuple(
                    PlanItem(
                        str(p["phase"]), _int(p["repeat"]), str(p["strategy"]), _int(p["workers"])
                    )
                    for p in data["plan"]
                ),
                unavailable={
                    str(k): str(v) for k, v in _object(data.get("unavailable", {})).items()
                },
            )
        if kind == "sample":
            return Sample(
                index=_int(data["index"]),
                phase=str(data["phase"]),
                repeat=_int(data["repeat"]),
                strategy=str(data["strategy"]),
                workers=_int(data["workers"]),
                wall_s=_seconds(data["wall_s"]),
                startup_s=_seconds(data["startup_s"]),
                cpu_s=_seconds(data["cpu_s"]),
                transfer_s=_optional_seconds(data.get("transfer_s")),
                checksums=tuple(_int(c) for c in data["checksums"]),
                pool_startup_s=_optional_seconds(data.get("pool_startup_s")),
                latency_p50_s=_optional_seconds(data.get("latency_p50_s")),
                latency_p99_s=_optional_seconds(data.get("latency_p99_s")),
            )
        if kind == "error":
            workers = data.get("workers")
            strategy = data.get("strategy")
            return WorkerError(
                message=str(data["message"]),
                fatal=bool(data.get("fatal", True)),
                strategy=None if strategy is None else str(strategy),
                workers=None if workers is None else _int(workers),
            )
        if kind == "done":
            return Done(ok=bool(data.get("ok", True)))
    except (KeyError, TypeError, ValueError) as exc:
        raise ProtocolError(f"malformed {kind} event ({exc}): {_preview(line)}") from exc
    raise ProtocolError(f"unknown worker event {kind!r}")


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


def _preview(line: str | bytes) -> str:
    text = line if isinstance(line, str) else line.decode("utf-8", "replace")
    text = text.strip()
    return text if len(text) <= 80 else text[:77] + "..."
