"""Does the app slow what it measures? The same spec headless and from inside the app.

Alternates headless runs (the engine's runner alone) with runs started by `r` in the real app
(real meters at 2 Hz, headless at 100×30), and compares the medians of each strategy. Target: the
app's median at most 5% slower.

    python benchmarks/perturbation.py [--size 2M] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics

from app_harness import run_in_app

from gilbench_tui.engine.runner import Runner
from gilbench_tui.engine.spec import BenchSpec, parse_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="2M")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    spec = BenchSpec(
        workload="seed",
        size=parse_size(args.size),
        workers=(2,),
        strategies=("serial", "threads", "processes"),
        repeat=args.repeat,
        warmup=1,
    )
    headless: dict[str, list[float]] = {s: [] for s in spec.strategies}
    in_app: dict[str, list[float]] = {s: [] for s in spec.strategies}
    for _ in range(args.rounds):
        for r in asyncio.run(Runner().run(spec)).results:
            headless[r.strategy].extend(r.times_s)
        for r in asyncio.run(run_in_app(spec)).results:
            in_app[r.strategy].extend(r.times_s)
    print(f"seed, size {spec.size:,}, 2 workers, {args.rounds} rounds × {args.repeat} repeats")
    print(f"{'strategy':<10} {'headless':>10} {'in app':>10} {'ratio':>7}")
    worst = 0.0
    for name in spec.strategies:
        a = statistics.median(headless[name])
        b = statistics.median(in_app[name])
        worst = max(worst, b / a)
        print(f"{name:<10} {a:>9.3f}s {b:>9.3f}s {b / a:>7.3f}")
    print(f"largest slow-down in the app: {worst - 1:+.1%} (target ≤ +5%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
