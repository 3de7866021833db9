"""Soak: many short runs through the runner, then through the app; nothing may accumulate.

100 short runs through the engine's runner and 30 through the app (pilot, real runner and
sampler), measuring this process's open file descriptors and resident memory before and after.
Targets: file descriptors constant, RSS growth < 10 MB.

    python benchmarks/soak.py [--runner-runs 100] [--app-runs 30]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import tempfile
from pathlib import Path

import psutil
from app_harness import RecordingRunner

from gilbench_tui.engine.runner import Runner
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.store import Store
from gilbench_tui.ui.app import create_app

SPEC = BenchSpec(
    workload="seed",
    size=2_000,
    workers=(2,),
    strategies=("serial", "threads", "processes"),
    repeat=1,
    warmup=0,
)


def snapshot() -> tuple[int, int]:
    gc.collect()
    me = psutil.Process()
    return me.num_fds(), me.memory_info().rss


async def soak_runner(runs: int) -> None:
    runner = Runner()
    for _ in range(runs):
        await runner.run(SPEC)


async def soak_app(runs: int, data_dir: Path) -> None:
    runner = RecordingRunner()
    app = create_app(SPEC, runner=runner, store=Store(data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(runs):
            await pilot.press("r")
            await app.workers.wait_for_complete()
            await pilot.pause()
    if len(runner.documents) != runs:
        raise RuntimeError(f"the app finished {len(runner.documents)} of {runs} runs")


def report(label: str, before: tuple[int, int], after: tuple[int, int]) -> None:
    growth = (after[1] - before[1]) / 2**20
    print(
        f"{label}: fds {before[0]} → {after[0]}, RSS {before[1] / 2**20:.1f} → "
        f"{after[1] / 2**20:.1f} MB (growth {growth:+.1f} MB; target < 10 MB)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runner-runs", type=int, default=100)
    parser.add_argument("--app-runs", type=int, default=30)
    args = parser.parse_args()
    asyncio.run(soak_runner(3))  # warm caches and lazy imports before the baseline
    before = snapshot()
    asyncio.run(soak_runner(args.runner_runs))
    after = snapshot()
    report(f"{args.runner_runs} runs through the runner", before, after)
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(soak_app(2, Path(tmp)))
        before = snapshot()
        asyncio.run(soak_app(args.app_runs, Path(tmp)))
        after = snapshot()
        lines = len((Path(tmp) / "runs.jsonl").read_text().splitlines())
    report(f"{args.app_runs} runs through the app", before, after)
    print(f"history lines written by the app: {lines} (expected {args.app_runs + 2})")
    children = psutil.Process(os.getpid()).children(recursive=True)
    print(f"processes left behind: {len(children)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
