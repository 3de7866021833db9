"""Fixed runs for the verdict's tests: results with intervals, and the machines the issue describes
(quiet, busy, limited to one core by an affinity mask)."""

from __future__ import annotations

from dataclasses import replace

from gilbench_tui.engine.results import Interpreter, Machine, StrategyResult
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.verdict import Evidence, Verdict, verdict
from gilbench_tui.probe.catalog import WORKLOADS, Workload
from tests.factories import INTERPRETER, MACHINE

QUIET = replace(
    MACHINE, usable_cpus=2, usable_cpus_reason="all", capacity_before=1.95, capacity_after=1.95
)
#: `taskset -c 0` on a 2-core machine: a busy loop in 1 process against 1 process.
TASKSET = replace(
    MACHINE,
    usable_cpus=1,
    usable_cpus_reason="affinity 1 of 2",
    capacity_before=1.0,
    capacity_after=1.0,
)
#: Another program held about a core: the busy loop got 1.3× of 2×.
BUSY = replace(QUIET, capacity_before=1.3, capacity_after=1.3)
#: Runs stored before capacity and usable cores were kept.
OLD_MACHINE = MACHINE
NO_GIL = replace(INTERPRETER, version="3.13.1", gil_enabled=False, gil_disabled_build=True)
SEED = WORKLOADS["seed"]
SHARED = WORKLOADS["seed-shared"]


def res(
    strategy: str,
    speedup: float | None,
    *,
    k: int = 2,
    ci: float | tuple[float, float] | None = 0.03,
    startup_s: float = 0.001,
    others: float | None = 0.02,
    repeats: int = 5,
    ok: bool = True,
) -> StrategyResult:
    """A result whose serial takes 1 s a task; `ci` is the speedup interval, or its half-width as
    a share of the speedup."""
    median = k * 1.0 / (speedup or 1.0)
    if strategy == "serial":
        interval: tuple[float, float] | None = (1.0, 1.0)
    elif isinstance(ci, tuple) or ci is None or speedup is None:
        interval = ci if isinstance(ci, tuple) else None
    else:
        interval = (speedup * (1 - ci), speedup * (1 + ci))
    return StrategyResult(
        strategy=strategy,
        workers=k,
        times_s=[median] * repeats,
        median_s=median,
        iqr_s=median * 0.01,
        cv=0.01,
        startup_s=startup_s,
        cpu_s=k * 1.0,
        utilisation=0.5,
        speedup=speedup,
        efficiency=None if speedup is None else speedup / k,
        checksum="0123456789abcdef",
        checksum_ok=ok,
        median_ci95_s=(median * 0.99, median * 1.01),
        speedup_ci95=interval,
        other_cpu_cores=others,
    )


def seed_run(
    threads: float, processes: float, *, k: int = 2, others: float | None = 0.02
) -> list[StrategyResult]:
    """serial, threads and processes at k, the article's three."""
    return [
        res("serial", 1.0, k=k, others=others),
        res("threads", threads, k=k, others=others),
        res("processes", processes, k=k, others=others),
    ]


def spec_of(results: list[StrategyResult]) -> BenchSpec:
    names = tuple(dict.fromkeys(r.strategy for r in results)) or ("serial",)
    counts = tuple(sorted({r.workers for r in results})) or (2,)
    return BenchSpec(workers=counts, strategies=names)


def evidence(
    *results: StrategyResult,
    machine: Machine = QUIET,
    workload: Workload | None = SEED,
    interpreter: Interpreter = INTERPRETER,
    spec: BenchSpec | None = None,
) -> Evidence:
    found = list(results)
    return Evidence(found, machine, workload, interpreter, spec or spec_of(found))


def judged(
    results: list[StrategyResult],
    *,
    machine: Machine = QUIET,
    workload: Workload | None = SEED,
    interpreter: Interpreter = INTERPRETER,
    spec: BenchSpec | None = None,
) -> Verdict:
    return verdict(results, machine, workload, interpreter, spec or spec_of(results))
