"""Event-loop lag of the app while a real run saturates both cores.

Presses `r` in the real app (real runner, real per-core sampler, headless at 100×30) with a spec
that keeps every core busy (processes, 2 workers), while a probe in the app's event loop sleeps
10 ms at a time and records how late it wakes. Target: p99 < 50 ms, max < 150 ms.

    python benchmarks/ui_lag.py [--size 5M] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics

from app_harness import LagProbe, run_in_app

from gilbench_tui.engine.spec import BenchSpec, parse_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="5M")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    spec = BenchSpec(
        workload="seed",
        size=parse_size(args.size),
        workers=(2,),
        strategies=("processes",),
        repeat=args.repeat,
        warmup=1,
    )
    probe = LagProbe(0.01)
    document = asyncio.run(run_in_app(spec, lag=probe))
    lags = sorted(probe.lags)
    p99 = lags[int(0.99 * (len(lags) - 1))]
    result = document.results[0]
    print(f"run: processes ×2, median {result.median_s:.3f} s, CPU util {result.utilisation:.0%}")
    print(
        f"event-loop lag over {len(lags)} wake-ups: median {statistics.median(lags) * 1e3:.1f} ms, "
        f"p99 {p99 * 1e3:.1f} ms (target < 50), max {lags[-1] * 1e3:.1f} ms (target < 150)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
