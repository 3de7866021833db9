"""Does the harness measure what a plain script measures?

Times the seed workload's serial / threads / processes runs through the engine (worker process,
events, aggregation) and through a standalone script that only wraps the same loops in
time.perf_counter(), on the same interpreter, interleaved the same way. Prints both medians and
their ratio; each ratio should be within ±10% of 1.

    python benchmarks/fidelity.py [--size 2M] [--workers 2] [--repeat 5]
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


def standalone(size: int, workers: int, repeat: int, warmup: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "plain.py"
        script.write_text(STANDALONE)
        done = subprocess.run(
            [sys.executable, "-I", str(script), str(size), str(workers), str(repeat), str(warmup)],
            capture_output=True,
            text=True,
            check=True,
        )
    times = json.loads(done.stdout)
    return {name: statistics.median(times[name]) for name in STRATEGIES}


def engine(size: int, workers: int, repeat: int, warmup: int) -> dict[str, float]:
    spec = BenchSpec(
        workload="seed",
        size=size,
        workers=(workers,),
        strategies=STRATEGIES,
        repeat=repeat,
        warmup=warmup,
    )
    run = asyncio.run(Runner().run(spec))
    return {r.strategy: r.median_s for r in run.results}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="2M")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args()
    size = parse_size(args.size)
    print(
        f"seed workload, size {size:,}, {args.workers} workers, {args.repeat} repeats, {sys.version.split()[0]}"
    )
    # Alternate the two measurers so that drift of the machine hits both alike.
    rounds = [(engine, standalone), (standalone, engine)]
    found: dict[str, list[dict[str, float]]] = {"engine": [], "standalone": []}
    for order in rounds:
        for measure in order:
            name = "engine" if measure is engine else "standalone"
            found[name].append(measure(size, args.workers, args.repeat, args.warmup))
    print(f"{'strategy':<10} {'engine':>10} {'standalone':>11} {'ratio':>7}  within ±10%")
    worst = 0.0
    for strategy in STRATEGIES:
        e = statistics.median(r[strategy] for r in found["engine"])
        s = statistics.median(r[strategy] for r in found["standalone"])
        ratio = e / s
        worst = max(worst, abs(ratio - 1))
        ok = "yes" if abs(ratio - 1) <= 0.10 else "NO"
        print(f"{strategy:<10} {e:>9.3f}s {s:>10.3f}s {ratio:>7.3f}  {ok}")
    print(f"largest deviation: {worst:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
