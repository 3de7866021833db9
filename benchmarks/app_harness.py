"""Drive the real app (real runner, real sampler) headless, for the benchmarks that need it."""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from gilbench_tui.engine.events import Event
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.runner import Runner
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.store import Store
from gilbench_tui.ui.app import create_app


class RecordingRunner:
    """The real runner, keeping what it returned so a benchmark can read the app's result."""

    def __init__(self) -> None:
        self.inner = Runner()
        self.documents: list[RunDocument] = []

    async def run(
        self,
        spec: BenchSpec,
        on_event: Callable[[Event], None] | None = None,
        on_partial: Callable[[RunDocument], None] | None = None,
    ) -> RunDocument:
        document = await self.inner.run(spec, on_event, on_partial)
        self.documents.append(document)
        return document


class LagProbe:
    """Sleeps `interval` in the event loop and records how late each wake-up is."""

    def __init__(self, interval: float = 0.01) -> None:
        self.interval = interval
        self.lags: list[float] = []
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._loop())

    async def _loop(self) -> None:
        while True:
            t0 = time.perf_counter()
            await asyncio.sleep(self.interval)
            self.lags.append(max(0.0, time.perf_counter() - t0 - self.interval))

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()


async def run_in_app(
    spec: BenchSpec,
    size: tuple[int, int] = (100, 30),
    during: Callable[[], Awaitable[None]] | None = None,
    lag: LagProbe | None = None,
) -> RunDocument:
    """Press `r` in a headless app preset to `spec` and wait for the run to finish."""
    runner = RecordingRunner()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(spec, runner=runner, store=Store(Path(tmp)))
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            if lag is not None:
                lag.start()
            await pilot.press("r")
            if during is not None:
                await during()
            await app.workers.wait_for_complete()
            await pilot.pause()
            if lag is not None:
                lag.stop()
    if not runner.documents:
        raise RuntimeError("the app did not finish a run")
    return runner.documents[-1]
