"""From the worker's samples to per-strategy results and warnings: a pure function, tested alone."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace

from gilbench_tui.engine import intervals, repeats, stats
from gilbench_tui.engine.events import Sample
from gilbench_tui.engine.results import Machine, StrategyResult
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.probe.catalog import STRATEGIES, WORKLOADS, Workload
from gilbench_tui.probe.tasks_common import CHECKSUM_LIMIT

BUSY_LOAD_PER_CORE = 0.5
#: Others using more than this many cores, steal above this share, or a busy loop getting less
#: than this share of the possible speedup: the machine, not the GIL, shaped the result.
BUSY_OTHER_CORES = 0.25
HIGH_STEAL = 0.05
LOW_CAPACITY = 0.8


#: Why a strategy's checksum cannot be compared on a workload whose tasks share state.
FORK_COPIED = "every process drew the same numbers: fork copied the generator"
OWN_STATE = (
    "every {unit} drew different numbers from its own {what} (reseeded at fork or seeded from "
    "the OS), so there is nothing to compare with serial's"
)


def combined_checksum(checksums: Sequence[int], unordered: bool = False) -> str:
    """One short digest for the k task checksums of a run, in task order; `unordered` (tasks that
    share state) digests only their sum, which is the same however the tasks interleaved."""
    if unordered:
        text = str(sum(checksums) % CHECKSUM_LIMIT)
    else:
        text = ",".join(str(c) for c in checksums)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def not_comparable(workload: Workload | None, strategy: str, runs: Sequence[Sample]) -> str | None:
    """Why `strategy`'s checksums cannot be compared with serial's, or None when they can: only on
    a workload whose tasks share state, for a strategy that gives each task its own interpreter."""
    record = STRATEGIES.get(strategy)
    if workload is None or not workload.shared_state or record is None:
        return None
    if not record.own_interpreter:
        return None
    if all(len(s.checksums) > 1 and len(set(s.checksums)) == 1 for s in runs):
        return FORK_COPIED
    shared = (workload.contends_on or "shared object").removeprefix("the ")
    unit = "process" if record.kind == "processes" else "interpreter"
    return OWN_STATE.format(unit=unit, what=shared)


def summarise(
    spec: BenchSpec, samples: Sequence[Sample], machine: Machine
) -> tuple[list[StrategyResult], list[str]]:
    """Results in spec order (task counts outer, strategies inner) and the warnings they raise."""
    warnings: list[str] = []
    rows: list[StrategyResult] = []
    workload = WORKLOADS.get(spec.workload)
    unordered = workload is not None and workload.shared_state
    for k in spec.workers:
        at_k = [s for s in samples if s.workers == k]
        reference = _reference_checksum(spec.strategies, at_k, unordered)
        measured = {
            name: [s for s in at_k if s.strategy == name and s.phase == "measure"]
            for name in spec.strategies
        }
        serial = measured.get("serial") or []
        for name in spec.strategies:
            runs = measured[name]
            if not runs:
                continue
            digests = {
                combined_checksum(s.checksums, unordered) for s in at_k if s.strategy == name
            }
            apart = not_comparable(workload, name, runs)
            row = _result(
                name, k, runs, serial, machine, ok=apart is not None or digests == {reference}
            )
            row = replace(row, checksum=combined_checksum(runs[0].checksums, unordered))
            rows.append(replace(row, not_comparable=apart) if apart else row)
            if apart:
                warnings.append(f"{name} ×{k}: not compared with serial: {apart}")
            elif not row.checksum_ok:
                warnings.append(
                    f"{name} ×{k}: checksum {row.checksum} differs from the reference "
                    f"{reference}: the results are wrong"
                )
            if row.cv > stats.NOISY_CV:
                warnings.append(
                    f"{name} ×{k}: times vary by {row.cv:.0%} (CV > {stats.NOISY_CV:.0%}); "
                    "the machine may be busy or the run too short"
                )
    warnings += machine_warnings(rows, machine)
    return rows, warnings


def _result(
    name: str,
    k: int,
    runs: Sequence[Sample],
    serial: Sequence[Sample],
    machine: Machine,
    ok: bool,
) -> StrategyResult:
    """One strategy at k tasks over its measured repeats."""
    times = [s.wall_s for s in runs]
    median_s = stats.median(times)
    cpu_s = stats.median([s.cpu_s for s in runs])
    usable = machine.usable
    if name == "serial":
        speed: float | None = 1.0
        speed_ci: tuple[float, float] | None = (1.0, 1.0)
    elif serial:
        speed = stats.speedup(stats.median([s.wall_s for s in serial]), median_s)
        a, b = repeats.paired(_by_round(serial), _by_round(runs))
        speed_ci = intervals.ratio_interval(a, b) if a else None
    else:
        speed, speed_ci = None, None
    return StrategyResult(
        strategy=name,
        workers=k,
        times_s=times,
        median_s=median_s,
        iqr_s=stats.iqr(times),
        cv=stats.cv(times),
        startup_s=stats.median([s.startup_s for s in runs]),
        cpu_s=cpu_s,
        utilisation=stats.utilisation(cpu_s, median_s, usable),
        speedup=speed,
        efficiency=stats.efficiency(speed, k, machine.parallel_capacity),
        checksum=combined_checksum(runs[0].checksums),
        checksum_ok=ok,
        transfer_s=stats.optional_median([s.transfer_s for s in runs]),
        pool_startup_s=stats.optional_median([s.pool_startup_s for s in runs]),
        latency_p50_s=stats.optional_median([s.latency_p50_s for s in runs]),
        latency_p99_s=stats.optional_median([s.latency_p99_s for s in runs]),
        median_ci95_s=intervals.median_interval(times),
        speedup_ci95=speed_ci,
        other_cpu_cores=stats.optional_median([other_cores(s) for s in runs]),
        steal_fraction=stats.optional_median([steal_share(s) for s in runs]),
    )


def _by_round(runs: Sequence[Sample]) -> dict[int, float]:
    return {s.repeat: s.wall_s for s in runs}


def other_cores(sample: Sample) -> float | None:
    """Cores' worth of CPU the rest of the machine used while this sample ran."""
    if sample.system_busy_s is None or sample.wall_s <= 0:
        return None
    return max(0.0, sample.system_busy_s - sample.cpu_s) / sample.wall_s


def steal_share(sample: Sample) -> float | None:
    if sample.system_steal_s is None or not sample.system_total_s:
        return None
    return min(1.0, sample.system_steal_s / sample.system_total_s)


def machine_warnings(rows: Sequence[StrategyResult], machine: Machine) -> list[str]:
    """What the machine did that can spoil a comparison: limits, other load, steal, low capacity."""
    found: list[str] = []
    logical, usable = machine.logical_cpus, machine.usable
    if usable < logical:
        found.append(
            f"only {usable} of {logical} CPUs are usable ({machine.usable_cpus_reason}): "
            f"k tasks finish at most {machine.parallel_capacity:g}× sooner"
        )
    others = max((r.other_cpu_cores or 0.0 for r in rows), default=0.0)
    if others > BUSY_OTHER_CORES:
        found.append(
            f"other programs used up to {others:.2f} cores while this ran: "
            "the machine was busy, and speedups read low"
        )
    steal = max((r.steal_fraction or 0.0 for r in rows), default=0.0)
    if steal > HIGH_STEAL:
        found.append(f"the hypervisor took {steal:.0%} of CPU time (steal) during the run")
    capacities = [c for c in (machine.capacity_before, machine.capacity_after) if c is not None]
    k = max((r.workers for r in rows), default=1)
    ideal = min(float(k), machine.parallel_capacity)
    if capacities and ideal > 1 and min(capacities) < LOW_CAPACITY * ideal:
        found.append(
            f"a busy loop got only {min(capacities):.2f}× from {int(ideal)} processes around the "
            f"run, of {ideal:g}× possible: the machine could not give more"
        )
    if machine.load_avg_1m is not None and machine.load_avg_1m > BUSY_LOAD_PER_CORE * usable:
        found.append(
            f"the load average before the run was {machine.load_avg_1m:.2f} on {usable} usable "
            "cores: other work may have disturbed the timings"
        )
    return found


def amdahl_fits(results: Sequence[StrategyResult], cores: int) -> dict[str, float]:
    """The serial fraction per strategy, where it was measured at two or more worker counts."""
    fits: dict[str, float] = {}
    for name in dict.fromkeys(r.strategy for r in results):
        if name == "serial":
            continue
        points = [(r.workers, r.speedup) for r in results if r.strategy == name and r.speedup]
        if len({k for k, _ in points}) < 2:
            continue
        fit = stats.amdahl_serial_fraction([(k, s) for k, s in points if s is not None], cores)
        if fit is not None:
            fits[name] = fit
    return fits


def _reference_checksum(
    strategies: Sequence[str], at_k: Sequence[Sample], unordered: bool
) -> str | None:
    """Serial's first checksum at this worker count, or the first strategy's when serial is absent."""
    order = ["serial", *[s for s in strategies if s != "serial"]]
    for name in order:
        for sample in at_k:
            if sample.strategy == name:
                return combined_checksum(sample.checksums, unordered)
    return None
