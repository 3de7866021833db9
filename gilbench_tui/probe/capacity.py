"""What parallelism the machine gives right now: one busy loop alone, then k at once.

Run by path, standard library only, on Python 3.8+: `python -I capacity.py K` prints one JSON
object, {"processes": K, "single_s": ..., "parallel_s": ..., "capacity": ...}. Every loop runs
in a fresh process released from a barrier, so process start-up is never timed; each process
times its own loop and the parallel round's time runs from the first start to the last end
(perf_counter is system-wide on the platforms that have fork). Rounds alternate single and
parallel five times, a few hundred milliseconds in all, and the medians are compared:
capacity = K × single ÷ parallel, so 2.0 on an idle 2-core machine, about 1.0 when another
program holds one of its two cores or when only one core is usable.
"""

from __future__ import annotations

import json
import multiprocessing
import statistics
import sys
import time
from typing import Any, List, Tuple

ROUNDS = 5
TARGET_S = 0.03
CALIBRATION_ITEMS = 200_000
BARRIER_TIMEOUT_S = 10.0


def spin(items: int) -> int:
    total = 0
    for value in range(items):
        total += value
    return total


def _child(items: int, barrier: Any, queue: Any) -> None:
    barrier.wait(BARRIER_TIMEOUT_S)  # never wait for ever on a parent that was killed
    began = time.perf_counter()
    spin(items)
    queue.put((began, time.perf_counter()))


def _round(ctx: Any, items: int, processes: int) -> float:
    """Seconds from the first loop's start to the last loop's end, k loops released together."""
    barrier = ctx.Barrier(processes + 1)
    queue = ctx.Queue()
    procs = [ctx.Process(target=_child, args=(items, barrier, queue)) for _ in range(processes)]
    for proc in procs:
        proc.daemon = True
        proc.start()
    barrier.wait(BARRIER_TIMEOUT_S)
    spans: List[Tuple[float, float]] = [queue.get(timeout=60) for _ in procs]
    for proc in procs:
        proc.join(10)
    return max(end for _, end in spans) - min(begin for begin, _ in spans)


def calibrate() -> int:
    """Loop items for about TARGET_S on one core of this machine."""
    began = time.perf_counter()
    spin(CALIBRATION_ITEMS)
    elapsed = max(time.perf_counter() - began, 1e-4)
    return max(10_000, int(CALIBRATION_ITEMS * TARGET_S / elapsed))


def measure(processes: int) -> dict:  # type: ignore[type-arg]
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    items = calibrate()
    single: List[float] = []
    parallel: List[float] = []
    for _ in range(ROUNDS):
        single.append(_round(ctx, items, 1))
        parallel.append(_round(ctx, items, processes))
    single_s, parallel_s = statistics.median(single), statistics.median(parallel)
    return {
        "processes": processes,
        "single_s": single_s,
        "parallel_s": parallel_s,
        "capacity": processes * single_s / parallel_s if parallel_s > 0 else None,
    }


def main(argv: List[str]) -> int:
    try:
        processes = int(argv[1])
        if processes < 1:
            raise ValueError(processes)
    except (IndexError, ValueError):
        print("usage: capacity.py PROCESSES", file=sys.stderr)
        return 2
    print(json.dumps(measure(processes)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
