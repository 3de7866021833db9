"""From the worker's samples to per-strategy results and warnings: a pure function, tested alone."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from gilbench_tui.engine import stats
from gilbench_tui.engine.events import Sample
from gilbench_tui.engine.results import Machine, StrategyResult
from gilbench_tui.engine.spec import BenchSpec

BUSY_LOAD_PER_CORE = 0.5


def combined_checksum(checksums: Sequence[int]) -> str:
    """One short digest for the k task checksums of a run, in task order."""
    text = ",".join(str(c) for c in checksums)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def summarise(
    spec: BenchSpec, samples: Sequence[Sample], machine: Machine
) -> tuple[list[StrategyResult], list[str]]:
    """Results in spec order (worker counts outer, strategies inner) and the warnings they raise."""
    warnings: list[str] = []
    cores = machine.logical_cpus
    rows: list[StrategyResult] = []
    for k in spec.workers:
        at_k = [s for s in samples if s.workers == k]
        reference = _reference_checksum(spec.strategies, at_k)
        measured = {
            name: [s for s in at_k if s.strategy == name and s.phase == "measure"]
            for name in spec.strategies
        }
        serial = measured.get("serial")
        serial_median = stats.median([s.wall_s for s in serial]) if serial else None
        for name in spec.strategies:
            runs = measured[name]
            if not runs:
                continue
            times = [s.wall_s for s in runs]
            median_s = stats.median(times)
            cpu_s = stats.median([s.cpu_s for s in runs])
            digests = {combined_checksum(s.checksums) for s in at_k if s.strategy == name}
            checksum = combined_checksum(runs[0].checksums)
            ok = digests == {reference}
            speed = 1.0 if name == "serial" else stats.speedup(serial_median, median_s)
            row = StrategyResult(
                strategy=name,
                workers=k,
                times_s=times,
                median_s=median_s,
                iqr_s=stats.iqr(times),
                cv=stats.cv(times),
                startup_s=stats.median([s.startup_s for s in runs]),
                cpu_s=cpu_s,
                utilisation=stats.utilisation(cpu_s, median_s, cores),
                speedup=speed,
                efficiency=stats.efficiency(speed, k, cores),
                checksum=checksum,
                checksum_ok=ok,
                transfer_s=stats.optional_median([s.transfer_s for s in runs]),
                pool_startup_s=stats.optional_median([s.pool_startup_s for s in runs]),
                latency_p50_s=stats.optional_median([s.latency_p50_s for s in runs]),
                latency_p99_s=stats.optional_median([s.latency_p99_s for s in runs]),
            )
            rows.append(row)
            if not ok:
                warnings.append(
                    f"{name} ×{k}: checksum {checksum} differs from the reference {reference}: "
                    "the results are wrong"
                )
            if row.cv > stats.NOISY_CV:
                warnings.append(
                    f"{name} ×{k}: times vary by {row.cv:.0%} (CV > {stats.NOISY_CV:.0%}); "
                    "the machine may be busy or the run too short"
                )
    if machine.load_avg_1m is not None and machine.load_avg_1m > BUSY_LOAD_PER_CORE * cores:
        warnings.append(
            f"the load average before the run was {machine.load_avg_1m:.2f} on {cores} cores: "
            "other work may have disturbed the timings"
        )
    return rows, warnings


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


def _reference_checksum(strategies: Sequence[str], at_k: Sequence[Sample]) -> str | None:
    """Serial's first checksum at this worker count, or the first strategy's when serial is absent."""
    order = ["serial", *[s for s in strategies if s != "serial"]]
    for name in order:
        for sample in at_k:
            if sample.strategy == name:
                return combined_checksum(sample.checksums)
    return None
