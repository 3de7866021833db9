"""The plain-language verdict: what the numbers say about threads and processes for this workload."""

from __future__ import annotations

from collections.abc import Sequence

from gilbench_tui.engine.results import Interpreter, StrategyResult
from gilbench_tui.probe.catalog import STRATEGIES

FASTER = 1.15
SLOWER = 0.9
SCALES = 1.5


def verdict(
    results: Sequence[StrategyResult], gil_tag: str, interpreter: Interpreter, cores: int
) -> str:
    """One or two sentences about the largest worker count measured."""
    if not results:
        return "Nothing was measured."
    k = max(r.workers for r in results)
    at_k = [r for r in results if r.workers == k and r.strategy != "serial"]
    if not any(r.strategy == "serial" for r in results if r.workers == k):
        return f"At {k} workers: no serial run to compare with; add serial to see speedups."
    if not at_k:
        return f"Serial only: {results[-1].median_s:.3g} s for {k} task(s)."
    if k == 1:
        return "With 1 worker nothing runs in parallel; measure 2 or more to compare strategies."
    ranked = sorted(at_k, key=lambda r: r.speedup or 0.0, reverse=True)
    parts = [_phrase(r, first=i == 0) for i, r in enumerate(ranked)]
    reason = _reason(ranked, gil_tag, interpreter, cores, k)
    head = f"At {k} workers: " + "; ".join(parts)
    return f"{head}: {reason}." if reason else f"{head}."


def _phrase(r: StrategyResult, first: bool) -> str:
    x = r.speedup or 0.0
    if x >= FASTER:
        return f"{r.strategy} {x:.2f}× faster"
    if x <= SLOWER and first:
        return f"{r.strategy} {1 / x:.2f}× slower" if x > 0 else f"{r.strategy} failed"
    return f"{r.strategy} {x:.2f}×"


def _reason(
    ranked: Sequence[StrategyResult], gil_tag: str, interp: Interpreter, cores: int, k: int
) -> str:
    by_name = {r.strategy: r.speedup or 0.0 for r in ranked}
    threads = by_name.get("threads")
    process_speeds = [
        v for n, v in by_name.items() if n in STRATEGIES and STRATEGIES[n].timed_startup
    ]
    if cores < 2:
        return "this machine has one core, so nothing can run in parallel"
    if threads is not None:
        if threads >= SCALES or (threads >= FASTER and k <= 2 and threads >= 0.7 * k):
            if gil_tag == "waits":
                return "threads overlap the waiting; the GIL is free while they wait"
            if not interp.gil_enabled:
                return "the GIL is off in this interpreter, so threads run Python in parallel"
            return "threads run in parallel because this workload releases the GIL"
        if threads < SLOWER:
            if gil_tag == "holds" and interp.gil_enabled:
                return "threads are slower than serial: the GIL serialises this workload and hand-overs cost extra"
            return "threads are slower than serial: starting them costs more than so small a run (try a larger size)"
        if threads < FASTER and gil_tag == "holds" and interp.gil_enabled:
            return "the GIL serialises this workload"
    if process_speeds and max(process_speeds) < FASTER:
        return "processes gain little: start-up and transfer cost as much as the work (try a larger size)"
    return ""
