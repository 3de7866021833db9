"""A run on a busy 2-core machine, as the demo runner would return it: another program used about
a core, a plain busy loop got 1.3× of 2× around the run, and the times spread ±12%."""

from __future__ import annotations

from dataclasses import dataclass, replace

from gilbench_tui.engine.aggregate import machine_warnings
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.verdict import verdict
from gilbench_tui.probe.catalog import WORKLOADS
from tests.demo import DemoRunner, demo_document

SPREAD = 0.12


def spread(value: float | None, share: float) -> tuple[float, float] | None:
    return None if value is None else (value * (1 - share), value * (1 + share))


def busy_document(spec: BenchSpec) -> RunDocument:
    calm = demo_document(spec, cores=2, factors={"processes": 1.4})
    machine = replace(calm.machine, capacity_before=1.3, capacity_after=1.25)
    results = [
        replace(
            r,
            other_cpu_cores=0.9,
            median_ci95_s=spread(r.median_s, SPREAD),
            speedup_ci95=spread(r.speedup, 0.0 if r.strategy == "serial" else SPREAD),
        )
        for r in calm.results
    ]
    detail = verdict(results, machine, WORKLOADS[spec.workload], calm.interpreter, spec)
    return replace(
        calm,
        machine=machine,
        results=results,
        warnings=machine_warnings(results, machine),
        verdict=detail.line,
        verdict_detail=detail,
    )


@dataclass
class BusyRunner(DemoRunner):
    cores: int = 2

    def document(self, spec: BenchSpec) -> RunDocument:
        return busy_document(spec)
