"""The data model of a finished run and its JSON form, schema `gilbench.run/1`.

Formatting (tables, charts, Markdown) lives elsewhere; this module only holds and (de)serialises.
Reading converts and checks every field against the types declared here (engine.typed_json), so a
stored run either comes back whole and well-typed or is refused with the field that is wrong. The
published JSON Schema is schema/gilbench.run-1.schema.json.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Annotated, Any

from gilbench_tui.engine.gil_measured import MeasuredGil
from gilbench_tui.engine.labels import interpreter_label
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.typed_json import AtLeast, ConversionError, read
from gilbench_tui.engine.verdict_detail import Verdict

SCHEMA = "gilbench.run/1"

#: A duration; never negative.
Seconds = Annotated[float, AtLeast(0)]
#: A ratio, a rate or a load; never negative.
NonNegative = Annotated[float, AtLeast(0)]
#: How many of something there are at least one of: logical CPUs, tasks.
Count = Annotated[int, AtLeast(1)]
#: How many of something there may be none of: physical cores, bytes.
Amount = Annotated[int, AtLeast(0)]
#: Keys a stored spec must have: BenchSpec's defaults preset a form; a stored spec without a
#: workload or task counts is damaged, not a default run.
SPEC_REQUIRED = ("workload", "size", "workers", "strategies", "repeat", "warmup")


class SchemaError(ValueError):
    """A document that is not a gilbench.run/1 run."""


@dataclass(frozen=True)
class Machine:
    hostname: str
    os: str
    cpu_model: str
    logical_cpus: Count
    physical_cpus: Amount | None
    memory_bytes: Amount
    load_avg_1m: NonNegative | None
    cpu_freq_mhz: NonNegative | None = None
    governor: str | None = None
    #: The CPUs this process may run on (affinity, cgroup quota), and why ("all" when every one).
    usable_cpus: Count | None = None
    usable_cpus_reason: str | None = None
    #: A cgroup CPU quota below the usable count, in CPUs (1.5 means one and a half).
    cpu_quota: NonNegative | None = None
    #: The speedup a busy loop got from min(k, usable) processes just before and after the run.
    capacity_before: NonNegative | None = None
    capacity_after: NonNegative | None = None

    @property
    def usable(self) -> int:
        """The usable CPUs, or the logical ones for runs stored before they were recorded."""
        return self.usable_cpus or self.logical_cpus

    @property
    def parallel_capacity(self) -> float:
        """The most parallelism the limits allow: the quota when there is one."""
        return min(float(self.usable), self.cpu_quota) if self.cpu_quota else float(self.usable)


@dataclass(frozen=True)
class Interpreter:
    executable: str
    implementation: str
    version: str
    gil_disabled_build: bool
    gil_enabled: bool
    switch_interval_s: Seconds | None
    python_gil_env: str | None = None
    compiler: str = ""
    timer_resolution_s: Seconds | None = None
    #: The `-X gil` value the worker process ran with ("0", "1"), None without one.
    gil_option: str | None = None
    #: Whether the GIL was on before the workload's modules were imported (gil_enabled is the
    #: state after); None for runs stored before it was kept.
    gil_enabled_before_imports: bool | None = None

    @property
    def gil_reenabled_by_import(self) -> bool:
        """A free-threaded build whose GIL was off until the workload's imports turned it on."""
        return self.gil_enabled and self.gil_enabled_before_imports is False

    @property
    def label(self) -> str:
        return interpreter_label(self.implementation, self.version, self.gil_disabled_build)


@dataclass(frozen=True)
class StrategyResult:
    """One strategy at one task count (`workers`, k tasks), over all repeats."""

    strategy: str
    workers: Count
    times_s: list[Seconds]
    median_s: Seconds
    iqr_s: Seconds
    cv: NonNegative
    startup_s: Seconds
    cpu_s: Seconds
    utilisation: NonNegative
    speedup: NonNegative | None
    efficiency: NonNegative | None
    checksum: str
    checksum_ok: bool
    transfer_s: Seconds | None = None
    pool_startup_s: Seconds | None = None
    latency_p50_s: Seconds | None = None
    latency_p99_s: Seconds | None = None
    #: 95% intervals of the median time and of the speedup (paired by round), [lo, hi].
    median_ci95_s: tuple[Seconds, Seconds] | None = None
    speedup_ci95: tuple[NonNegative, NonNegative] | None = None
    #: Cores' worth of CPU everything outside the worker tree used while this ran (median).
    other_cpu_cores: NonNegative | None = None
    #: The share of CPU time a hypervisor gave to other guests while this ran.
    steal_fraction: NonNegative | None = None
    #: Why this result's checksum cannot be compared with serial's (tasks that share state in a
    #: strategy that gives each its own interpreter); None when it was compared.
    not_comparable: str | None = None


@dataclass(frozen=True)
class Cluster:
    """The Dask cluster a --dask-scheduler run ran on, as its scheduler described it."""

    scheduler: str
    workers: Count
    #: The most threads any worker has.
    threads_per_worker: Count
    hosts: list[str]


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
    amdahl: dict[str, NonNegative] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)
    #: The verdict as data; None for runs stored before it was kept.
    verdict_detail: Verdict | None = None
    #: The user's Dask cluster (--dask-scheduler); None for every other run.
    cluster: Cluster | None = None
    #: The id shared by the runs of one comparison across interpreters (`run --python a,b`).
    comparison: str | None = None
    #: How a user's own function treated the GIL, measured (None for the catalog's workloads,
    #: whose record declares it, and when the run could not tell).
    gil_measured: MeasuredGil | None = None

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
            "cluster": None if self.cluster is None else asdict(self.cluster),
            "comparison": self.comparison,
            **({} if self.gil_measured is None else {"gil_measured": asdict(self.gil_measured)}),
        }

    @classmethod
    def from_json(cls, data: Any) -> RunDocument:
        """The run in `data` (as json.loads gives it); SchemaError says which field is wrong."""
        if not isinstance(data, dict):
            raise SchemaError("a run must be a JSON object")
        schema = data.get("schema")
        if schema != SCHEMA:
            raise SchemaError(f"unsupported schema {schema!r} (this version reads {SCHEMA})")
        try:
            return read(cls, data, required={BenchSpec: SPEC_REQUIRED})
        except ConversionError as exc:
            raise SchemaError(str(exc)) from None
