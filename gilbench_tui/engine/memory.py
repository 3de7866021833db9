"""The memory guard: estimate a run's peak before starting it, and refuse what would not fit.

The estimate is deliberately simple and on the high side: bytes per item × items per task × the
tasks alive at once, plus a fixed cost per interpreter. The bytes per item are the workload's
record's (0 for one that holds a bounded amount); whether tasks are alive at once and whether
each has an interpreter of its own are the strategy's record's. A run that swaps measures the disk, not
the GIL, so refusing early is kinder than letting it thrash. engine.admission asks it, after
the fields and the interpreter.
"""

from __future__ import annotations

from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.probe.catalog import STRATEGIES, WORKLOADS

#: What a task holds whatever its size (buffers, interpreter state of a thread).
BYTES_PER_TASK = 8 * 2**20
#: A further interpreter: a process or a subinterpreter.
BYTES_PER_INTERPRETER = 40 * 2**20
SHARE_OF_AVAILABLE = 0.8


def task_items(spec: BenchSpec, workers: int) -> int:
    return -(-spec.size // workers) if spec.split else spec.size


def estimate_peak_bytes(spec: BenchSpec) -> int:
    """The largest estimate over the spec's strategies and worker counts."""
    record = WORKLOADS.get(spec.workload)  # a user's code declares nothing: tasks only
    per_item = record.bytes_per_item if record is not None else 0
    peak = 0
    for k in spec.workers:
        task = per_item * task_items(spec, k) + BYTES_PER_TASK
        for name in spec.strategies:
            strategy = STRATEGIES[name]
            alive = k if strategy.concurrent else 1
            interpreters = k if strategy.own_interpreter else 0
            shipped = alive * task if spec.return_data else 0
            peak = max(peak, alive * task + interpreters * BYTES_PER_INTERPRETER + shipped)
    return peak


def available_bytes() -> int:
    import psutil

    return int(psutil.virtual_memory().available)


def memory_problem(spec: BenchSpec, available: int | None = None) -> str | None:
    """Why the estimate does not fit in 80% of the memory available now; None when it does."""
    available = available_bytes() if available is None else available
    need = estimate_peak_bytes(spec)
    if need <= SHARE_OF_AVAILABLE * available:
        return None
    return (
        f"this run needs about {_gib(need)} at its peak, more than 80% of the {_gib(available)} "
        f"available: use a smaller size or fewer tasks"
    )


def _gib(n: int) -> str:
    return f"{n / 2**30:.1f} GiB" if n >= 2**30 else f"{n / 2**20:.0f} MiB"
