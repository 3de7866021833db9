"""The data model of a finished run and its JSON form, schema `gilbench.run/1`.

Formatting (tables, charts, Markdown) lives elsewhere; this module only holds and (de)serialises.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, TypeVar

from gilbench_tui.engine.labels import interpreter_label
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.verdict_detail import Verdict

SCHEMA = "gilbench.run/1"
T = TypeVar("T")


class SchemaError(ValueError):
    """A document that is not a gilbench.run/1 run."""


@dataclass(frozen=True)
class Machine:
    hostname: str
    os: str
    cpu_model: str
    logical_cpus: int
    physical_cpus: int | None
    memory_bytes: int
    load_avg_1m: float | None
    cpu_freq_mhz: float | None = None
    governor: str | None = None


@dataclass(frozen=True)
class Interpreter:
    executable: str
    implementation: str
    version: str
    gil_disabled_build: bool
    gil_enabled: bool
    switch_interval_s: float | None
    python_gil_env: str | None = None
    compiler: str = ""
    timer_resolution_s: float | None = None

    @property
    def label(self) -> str:
        return interpreter_label(self.implementation, self.version, self.gil_disabled_build)


@dataclass(frozen=True)
class StrategyResult:
    """One strategy at one worker count, over all repeats."""

    strategy: str
    workers: int
    times_s: list[float]
    median_s: float
    iqr_s: float
    cv: float
    startup_s: float
    cpu_s: float
    utilisation: float
    speedup: float | None
    efficiency: float | None
    checksum: str
    checksum_ok: bool
    transfer_s: float | None = None
    pool_startup_s: float | None = None
    latency_p50_s: float | None = None
    latency_p99_s: float | None = None


@dataclass(frozen=True)
class RunDocument:
    id: str
    started_at: str
    finished_at: str
    machine: Machine
    interpreter: Interpreter
    spec: BenchSpec
    results: list[StrategyResult]
    verdict: str
    warnings: list[str] = field(default_factory=list)
    amdahl: dict[str, float] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)
    #: The verdict as data; None for runs stored before it was kept.
    verdict_detail: Verdict | None = None

    @property
    def checksums_ok(self) -> bool:
        return all(r.checksum_ok for r in self.results)

    def result(self, strategy: str, workers: int) -> StrategyResult | None:
        for r in self.results:
            if r.strategy == strategy and r.workers == workers:
                return r
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "id": self.id,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "machine": asdict(self.machine),
            "interpreter": asdict(self.interpreter),
            "spec": self.spec.to_json(),
            "results": [asdict(r) for r in self.results],
            "verdict": self.verdict,
            "warnings": list(self.warnings),
            "amdahl": dict(self.amdahl),
            "unavailable": dict(self.unavailable),
            "verdict_detail": None
            if self.verdict_detail is None
            else self.verdict_detail.to_json(),
        }

    @classmethod
    def from_json(cls, data: Any) -> RunDocument:
        if not isinstance(data, dict):
            raise SchemaError("a run must be a JSON object")
        schema = data.get("schema")
        if schema != SCHEMA:
            raise SchemaError(f"unsupported schema {schema!r} (this version reads {SCHEMA})")
        try:
            return cls(
                id=str(data["id"]),
                started_at=str(data["started_at"]),
                finished_at=str(data["finished_at"]),
                machine=_known(Machine, data["machine"]),
                interpreter=_known(Interpreter, data["interpreter"]),
                spec=BenchSpec.from_json(data["spec"]),
                results=[_known(StrategyResult, r) for r in data["results"]],
                verdict=str(data["verdict"]),
                warnings=[str(w) for w in data.get("warnings", [])],
                amdahl={str(k): float(v) for k, v in _mapping(data.get("amdahl")).items()},
                unavailable={str(k): str(v) for k, v in _mapping(data.get("unavailable")).items()},
                verdict_detail=_known(Verdict, detail)
                if (detail := data.get("verdict_detail"))
                else None,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise SchemaError(f"run {data.get('id', '?')!r} is incomplete: {exc}") from exc


def _mapping(value: Any) -> dict[str, Any]:
    """An optional object field: absent or null is empty; anything else must be an object."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return value


def _known(cls: type[T], data: Any) -> T:
    """Build `cls` from the keys it knows, so that a later schema's additions do not break reading."""
    if not isinstance(data, dict):
        raise TypeError(f"{cls.__name__} must be an object")
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})
