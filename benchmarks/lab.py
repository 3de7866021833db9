"""The lab's figures on this machine, through the engine as `gilbench run` measures them.

At size 2M and 2 workers (medians of 5 repeats after a warm-up): the threads speedup of every
workload, subinterpreters on pidigits (CPython 3.13), the seed experiment on Python 2.7, the wake-up
latency of a probe thread beside CPU-bound threads and processes, and one run on PyPy. Needs a quiet
machine: another busy process skews every parallel figure. Interpreters that are absent are skipped.

    python benchmarks/lab.py [--size 2M] [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil

from gilbench_tui.engine.interpreters import resolve_python
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.runner import RunFailed, Runner
from gilbench_tui.engine.spec import BenchSpec, SpecError, parse_size
from gilbench_tui.probe.catalog import WORKLOADS

#: What each workload's threads speedup at 2 workers should be on a quiet two-core machine.
EXPECTED = {"holds": (0.8, 1.2), "releases": (1.5, 2.2), "waits": (1.2, 2.2)}


def find(name: str) -> str | None:
    try:
        return resolve_python(name)
    except SpecError:
        return shutil.which(name)


def measure(spec: BenchSpec) -> RunDocument | str:
    try:
        return asyncio.run(Runner().run(spec))
    except RunFailed as exc:
        return exc.message


def speedup(run: RunDocument, strategy: str) -> float:
    result = run.result(strategy, 2)
    return result.speedup if result and result.speedup else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="2M")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    base = BenchSpec(size=parse_size(args.size), workers=(2,), repeat=args.repeat, warmup=1)

    print(f"threads speedup at 2 workers, size {base.size:,}")
    for name, workload in WORKLOADS.items():
        run = measure(base.with_changes(workload=name, strategies=("serial", "threads")))
        if isinstance(run, str):
            print(f"  {name:<9} not run: {run}")
            continue
        low, high = EXPECTED[workload.gil]
        value = speedup(run, "threads")
        verdict = "ok" if low <= value <= high else f"outside {low}–{high}"
        print(f"  {name:<9} {workload.gil:<8} threads {value:.2f}×  ({verdict})")

    py313 = find("python3.13")
    if py313:
        spec = base.with_changes(
            workload="pidigits", strategies=("serial", "subinterpreters"), python=py313
        )
        run = measure(spec)
        text = run if isinstance(run, str) else f"{speedup(run, 'subinterpreters'):.2f}× (≥ 1.6)"
        print(f"subinterpreters, pidigits, CPython 3.13: {text}")

    py27 = find("python2.7")
    if py27:
        spec = base.with_changes(workload="seed", strategies=("serial", "threads"), python=py27)
        run = measure(spec)
        if isinstance(run, str):
            print(f"seed on Python 2.7: not run: {run}")
        else:
            print(
                f"seed on Python 2.7: threads take {1 / speedup(run, 'threads'):.2f}× the serial "
                "time (≥ 1.2)"
            )

    spec = base.with_changes(
        workload="seed", strategies=("serial", "threads", "processes"), latency_probe=True
    )
    run = measure(spec)
    if not isinstance(run, str):
        parts = []
        for name in spec.strategies:
            r = run.result(name, 2)
            if r and r.latency_p99_s is not None:
                parts.append(f"{name} {r.latency_p99_s * 1e3:.2f} ms")
        print("wake-up latency p99 beside seed tasks: " + ", ".join(parts))

    pypy = find("pypy3")
    if pypy:
        run = measure(base.with_changes(strategies=("serial", "threads", "processes"), python=pypy))
        text = run if isinstance(run, str) else run.verdict
        print(f"PyPy end to end: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
