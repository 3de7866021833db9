"""The app with the real runner and real worker processes: cancel by key kills the tree, and
terminals of every size (and storms of resizes) never crash it."""

from __future__ import annotations

import time
from pathlib import Path

import psutil
import pytest

from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.store import Store
from gilbench_tui.ui.app import create_app
from tests.demo import DemoRunner, DemoSampler

#: A guard against hangs, not a timing claim: a busy machine may be slow, never stuck.
HANG_S = 10.0

LONG = BenchSpec(
    workload="seed", size=30_000_000, workers=(2,), strategies=("processes",), repeat=5, warmup=0
)


def alive(procs: list[psutil.Process]) -> list[psutil.Process]:
    out = []
    for p in procs:
        try:
            if p.status() != psutil.STATUS_ZOMBIE:
                out.append(p)
        except psutil.NoSuchProcess:
            pass
    return out


async def wait_for_tree(pilot, app, minimum: int) -> list[psutil.Process]:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        pid = app.main_screen.watched_pid
        if pid is not None:
            try:
                root = psutil.Process(pid)
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                tree = []
            if len(tree) >= minimum:
                return tree
        await pilot.pause(0.05)
    pytest.fail("the worker tree never appeared")


@pytest.mark.parametrize("key", ["x", "q"])
async def test_cancel_by_key_kills_the_real_worker_tree(key: str, tmp_path: Path) -> None:
    app = create_app(LONG, store=Store(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        tree = await wait_for_tree(pilot, app, minimum=3)  # worker + two task processes
        began = time.monotonic()
        await pilot.press(key)
        while alive(tree) and time.monotonic() - began < HANG_S:
            await pilot.pause(0.02)
        assert alive(tree) == [], f"left running after {key}: {alive(tree)}"
        if key == "x":
            while app.main_screen.running and time.monotonic() - began < HANG_S:
                await pilot.pause(0.02)
            assert not app.main_screen.running, "the app is not ready again"


SIZES = [(40, 12), (59, 15), (60, 16), (80, 24), (100, 30), (132, 43), (250, 80)]


@pytest.mark.parametrize("size", SIZES)
async def test_every_terminal_size_renders(size: tuple[int, int], tmp_path: Path) -> None:
    runner = DemoRunner(cores=4)
    app = create_app(
        BenchSpec(size=1000, workers=(1, 2)),
        runner=runner,
        sampler=DemoSampler(cores=4),
        store=Store(tmp_path),
    )
    async with app.run_test(size=size) as pilot:
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running


async def test_a_storm_of_resizes_mid_run_does_not_crash(tmp_path: Path) -> None:
    runner = DemoRunner(cores=16, step_s=0.005)
    app = create_app(
        BenchSpec(size=1000, workers=(1, 2, 4)),
        runner=runner,
        sampler=DemoSampler(cores=16),
        store=Store(tmp_path),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        for i in range(60):
            width, height = SIZES[i % len(SIZES)]
            await pilot.resize_terminal(width + i % 7, height + i % 3)
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.is_running
        assert len(Store(tmp_path).load().runs) == 1
