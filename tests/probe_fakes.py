"""A strategy and a workload that exist only for tests: registered in the catalog by a test, they
show that one record (and a module of its own) is all a new strategy or workload needs.

Referenced from records as `tests.probe_fakes` (a dotted module name is imported as it is).
"""

from __future__ import annotations

from gilbench_tui.probe.catalog import Strategy, Workload
from gilbench_tui.probe.measurement import Measurement, clock, cpu_time
from gilbench_tui.probe.tasks_common import Output, fold

BACKWARDS = Strategy(
    "backwards",
    "The k tasks one after another, last first (tests only).",
    "serial",
    "tests.probe_fakes",
)
SQUARES = Workload(
    "squares",
    "Sum of squares (pure Python, tests only)",
    "holds",
    "Sums squares in a Python loop; holds the GIL (tests only).",
    "tests.probe_fakes:squares",
    bytes_per_item=1,
)


def measure(strategy: Strategy, workload: Workload, sizes: list[int], keep: bool) -> Measurement:
    func = workload.load_task()
    cpu0, t0 = cpu_time(), clock()
    checksums = {i: func(size, i, keep).checksum for i, size in reversed(list(enumerate(sizes)))}
    wall, cpu = clock() - t0, cpu_time() - cpu0
    return Measurement(wall, 0.0, cpu, None, [checksums[i] for i in range(len(sizes))], None)


def squares(size: int, task_index: int, keep: bool = False) -> Output:
    """Sum of squares (pure Python, tests only)"""
    total = sum(i * i for i in range(task_index, task_index + size))
    return Output(fold(size, task_index, total), total if keep else None)
