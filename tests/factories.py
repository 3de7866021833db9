"""Fixed, hand-made runs for tests that must not depend on timing."""

from __future__ import annotations

from gilbench_tui.engine.events import Sample
from gilbench_tui.engine.results import Interpreter, Machine, RunDocument, StrategyResult
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.verdict_detail import Verdict
from tests.run_schema import check_run

MACHINE = Machine(
    hostname="bench-host",
    os="Linux 6.1",
    cpu_model="Test CPU @ 3.0GHz",
    logical_cpus=2,
    physical_cpus=2,
    memory_bytes=24 * 2**30,
    load_avg_1m=0.1,
)

INTERPRETER = Interpreter(
    executable="/usr/bin/python3",
    implementation="CPython",
    version="3.11.7",
    gil_disabled_build=False,
    gil_enabled=True,
    switch_interval_s=0.005,
)


def sample(
    strategy: str,
    workers: int,
    wall_s: float,
    *,
    phase: str = "measure",
    repeat: int = 0,
    index: int = 0,
    checksums: tuple[int, ...] | None = None,
    cpu_s: float | None = None,
) -> Sample:
    return Sample(
        index=index,
        phase=phase,
        repeat=repeat,
        strategy=strategy,
        workers=workers,
        wall_s=wall_s,
        startup_s=0.001,
        cpu_s=wall_s if cpu_s is None else cpu_s,
        transfer_s=None,
        checksums=checksums if checksums is not None else tuple(range(workers)),
    )


def result(strategy: str, workers: int, median_s: float, speedup: float | None) -> StrategyResult:
    return StrategyResult(
        strategy=strategy,
        workers=workers,
        times_s=[median_s] * 3,
        median_s=median_s,
        iqr_s=0.01,
        cv=0.01,
        startup_s=0.001,
        cpu_s=median_s,
        utilisation=0.5,
        speedup=speedup,
        efficiency=None if speedup is None else speedup / min(workers, 2),
        checksum="0123456789abcdef",
        checksum_ok=True,
    )


def run_document(results: list[StrategyResult] | None = None) -> RunDocument:
    results = results or [
        result("serial", 2, 1.20, 1.0),
        result("threads", 2, 1.24, 0.97),
        result("processes", 2, 0.61, 1.96),
    ]
    return check_run(
        RunDocument(
            id="20261130-101500-abc123",
            started_at="2026-11-30T10:15:00+00:00",
            finished_at="2026-11-30T10:15:20+00:00",
            machine=MACHINE,
            interpreter=INTERPRETER,
            spec=BenchSpec(workers=tuple(sorted({r.workers for r in results}))),
            results=results,
            verdict="At 2 workers: processes 1.96× faster; threads 0.97×: the GIL serialises this "
            "workload.",
            verdict_detail=Verdict(
                "At 2 workers: processes 1.96× faster; threads 0.97×",
                ["the GIL serialises this workload"],
                "clear",
            ),
            warnings=[],
        )
    )
