"""Does the engine measure what a plain script measures?

Times the seed workload's serial / threads / processes runs through the engine (worker process,
events, aggregation) and through a standalone script that only wraps the same loops in
time.perf_counter(), on the same interpreter. The two alternate round by round — engine then
script, then script then engine — each round one warm-up and one timed repeat of every
strategy, so drift of the machine hits both alike. Prints the medians over the rounds, their
ratio, and the capacity a busy loop found before and after; each ratio should be within ±5%.

Both free a task's list inside the timed region: the plain script's function drops it when it
returns, the engine's task too (its result is only a checksum unless --return-data asks for
the list), and a `multiprocessing` child frees it before it exits.

    python benchmarks/fidelity.py [--size 2M] [--workers 2] [--rounds 7]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from gilbench_tui.engine.capacity import Capacity
from gilbench_tui.engine.capacity import measure as measure_capacity
from gilbench_tui.engine.runner import Runner
from gilbench_tui.engine.spec import BenchSpec, parse_size

STRATEGIES = ("serial", "threads", "processes")

STANDALONE = textwrap.dedent(
    """
    import json, multiprocessing, random, sys, threading, time

    def func(count, index):
        rng = random.Random(index)
        out = []
        for _ in range(count):
            out.append(rng.random())
        return len(out)

    def serial(size, k):
        for i in range(k):
            func(size, i)

    def threads(size, k):
        ts = [threading.Thread(target=func, args=(size, i)) for i in range(k)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()

    def processes(size, k):
        ps = [multiprocessing.Process(target=func, args=(size, i)) for i in range(k)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()

    if __name__ == "__main__":
        size, k, repeat, warmup = map(int, sys.argv[1:5])
        times = {name: [] for name in ("serial", "threads", "processes")}
        for r in range(warmup + repeat):
            for name, fn in (("serial", serial), ("threads", threads), ("processes", processes)):
                t0 = time.perf_counter()
                fn(size, k)
                elapsed = time.perf_counter() - t0
                if r >= warmup:
                    times[name].append(elapsed)
        print(json.dumps(times))
    """
)


def standalone(size: int, workers: int) -> dict[str, float]:
    """One round of the plain script: a warm-up and one timed repeat of each strategy."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "plain.py"
        script.write_text(STANDALONE)
        done = subprocess.run(
            [sys.executable, "-I", str(script), str(size), str(workers), "1", "1"],
            capture_output=True,
            text=True,
            check=True,
        )
    times = json.loads(done.stdout)
    return {name: times[name][0] for name in STRATEGIES}


def engine(size: int, workers: int) -> dict[str, float]:
    """One round through the engine: a warm-up and one timed repeat of each strategy."""
    spec = BenchSpec(
        workload="seed",
        size=size,
        workers=(workers,),
        strategies=STRATEGIES,
        repeat=1,
        warmup=1,
    )
    run = asyncio.run(Runner(measure_capacity=no_capacity).run(spec))
    return {r.strategy: r.median_s for r in run.results}


async def no_capacity(processes: int) -> Capacity | None:
    """The runner's own capacity check would add a busy loop to every round; this script
    measures capacity once before and once after instead."""
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="2M")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    size = parse_size(args.size)
    before = measure_capacity(args.workers)
    print(
        f"seed workload, size {size:,}, {args.workers} tasks, {args.rounds} rounds, "
        f"Python {sys.version.split()[0]}"
    )
    found: dict[str, list[dict[str, float]]] = {"engine": [], "standalone": []}
    for index in range(args.rounds):
        order = [("engine", engine), ("standalone", standalone)]
        for name, measure in order if index % 2 == 0 else reversed(order):
            found[name].append(measure(size, args.workers))
    after = measure_capacity(args.workers)
    print(f"{'strategy':<10} {'engine':>10} {'standalone':>11} {'ratio':>7}  within ±5%")
    worst = 0.0
    for strategy in STRATEGIES:
        e = statistics.median(r[strategy] for r in found["engine"])
        s = statistics.median(r[strategy] for r in found["standalone"])
        ratio = e / s
        worst = max(worst, abs(ratio - 1))
        ok = "yes" if abs(ratio - 1) <= 0.05 else "NO"
        print(f"{strategy:<10} {e:>9.3f}s {s:>10.3f}s {ratio:>7.3f}  {ok}")
    print(f"largest deviation: {worst:.1%}")
    capacities = [c.speedup if c else float("nan") for c in (before, after)]
    print(
        f"capacity (busy loop, {args.workers} processes): before {capacities[0]:.2f}×, after {capacities[1]:.2f}×"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
