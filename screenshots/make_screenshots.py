"""Write SVG and PNG screenshots of the app on fixed fake data: `make screenshots`.

Every shot drives the real app (`create_app`) with the demo runner and sampler from
tests/demo.py, so the pictures do not depend on this machine. PNGs are rendered by
rsvg-convert (librsvg2-bin); install fonts-firacode and fonts-symbola for clean box and block
characters. Without rsvg-convert only the SVGs are written.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.store import History
from gilbench_tui.ui.app import GilbenchApp, create_app
from gilbench_tui.ui.widgets.results_table import ResultsTable
from tests.demo import DemoRunner, DemoSampler, demo_comparison, demo_discover, demo_history

HERE = Path(__file__).resolve().parent
SIZE = (100, 30)
SCALING = BenchSpec(
    workload="seed",
    size=2_000_000,
    workers=(2, 4, 8),
    strategies=("serial", "threads", "processes"),
)


@dataclass
class MemoryStore:
    """A history in memory; `skipped` plays a runs.jsonl with unreadable lines."""

    runs: list[RunDocument] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def append(self, run: RunDocument) -> None:
        self.runs.append(run)

    def load(self) -> History:
        return History(list(self.runs), list(self.skipped))

    def delete(self, run_id: str) -> None:
        self.runs = [run for run in self.runs if run.id != run_id]


Script = Callable[[GilbenchApp, Pilot[Any], DemoRunner], Awaitable[None]]


async def settle(app: GilbenchApp, pilot: Pilot[Any], samples: int = 12) -> None:
    """Fill the meters and their minute of history, then let the screen catch up (the results
    table sizes its columns when idle)."""
    for _ in range(samples):
        app.main_screen.sample_cores()
    on_screen = list(app.screen.query(ResultsTable))
    table = on_screen[0] if on_screen else app.main_screen.query_one(ResultsTable)
    for _ in range(200):
        if all(
            column.content_width
            >= max((len(str(table.get_cell(r, k))) for r in table.rows), default=0)
            for k, column in table.columns.items()
        ):
            break
        await pilot.pause(0.01)
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def finished_run(app: GilbenchApp, pilot: Pilot[Any], runner: DemoRunner) -> None:
    await pilot.press("r")
    await app.workers.wait_for_complete()
    for _ in range(200):
        if app.main_screen.document is not None:
            break
        await pilot.pause(0.01)
    await settle(app, pilot)


async def mid_run(app: GilbenchApp, pilot: Pilot[Any], runner: DemoRunner) -> None:
    await finished_run(app, pilot, runner)
    runner.hold_at = 8  # processes ×8 of the second run, with every core busy
    await pilot.press("r")
    for _ in range(200):
        if app.main_screen.watched_pid is not None and "×8" in _progress(app):
            break
        await pilot.pause(0.01)
    await settle(app, pilot)


async def seed_preset(app: GilbenchApp, pilot: Pilot[Any], runner: DemoRunner) -> None:
    await pilot.press("s")
    app.clear_notifications()
    await finished_run(app, pilot, runner)


async def help_screen(app: GilbenchApp, pilot: Pilot[Any], runner: DemoRunner) -> None:
    await pilot.press("question_mark")
    await settle(app, pilot, samples=0)


async def history_screen(app: GilbenchApp, pilot: Pilot[Any], runner: DemoRunner) -> None:
    """The history with one unreadable line, the newest and the oldest seed runs marked."""
    await pilot.press("h")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("space", "down", "down", "down", "space", "up", "up", "up", "up")
    await settle(app, pilot, samples=0)


async def compare_screen(app: GilbenchApp, pilot: Pilot[Any], runner: DemoRunner) -> None:
    await history_screen(app, pilot, runner)
    await pilot.press("c")
    await settle(app, pilot, samples=0)


async def past_run(app: GilbenchApp, pilot: Pilot[Any], runner: DemoRunner) -> None:
    """The lab run opened from the history: pools, the latency probe, a strategy unavailable."""
    await pilot.press("h")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("down", "enter")
    await settle(app, pilot, samples=0)


async def matrix_screen(app: GilbenchApp, pilot: Pilot[Any], runner: DemoRunner) -> None:
    """A comparison of the seed on 3.12 and a free-threaded 3.13, as `m` shows it."""
    from gilbench_tui.ui.screens.matrix import MatrixScreen

    runs = demo_comparison()
    await app.push_screen(MatrixScreen(str(runs[0].comparison), runs))
    await settle(app, pilot, samples=0)


def _progress(app: GilbenchApp) -> str:
    from gilbench_tui.ui.widgets.run_progress import RunProgress

    return app.main_screen.query_one(RunProgress).label


SHOTS: list[tuple[str, BenchSpec, int, Script]] = [
    ("running", SCALING, 8, mid_run),
    ("results", SCALING, 8, finished_run),
    ("seed", SCALING, 8, seed_preset),
    ("help", SCALING, 8, help_screen),
    ("history", SCALING, 8, history_screen),
    ("compare", SCALING, 8, compare_screen),
    ("history-run", SCALING, 8, past_run),
    ("matrix", SCALING, 8, matrix_screen),
    ("server-128-cores", SCALING, 128, mid_run),
]


async def shoot(name: str, spec: BenchSpec, cores: int, script: Script, out: Path) -> Path:
    runner = DemoRunner(cores=cores)
    sampler = DemoSampler(cores=cores, busy_cores=min(cores, 8) if cores <= 8 else cores)
    app = create_app(
        spec,
        runner=runner,
        sampler=sampler,
        store=MemoryStore(demo_history(), skipped=["line 4: not valid JSON"]),
        clock=lambda: 1000.0,
        meter_interval_s=3600,
        discover=demo_discover(),
    )
    async with app.run_test(size=SIZE) as pilot:
        await script(app, pilot, runner)
        svg = svg_of(app, name)
        await app.main_screen.stop_run()
    path = out / f"{name}.svg"
    path.write_text(svg, encoding="utf-8")
    return path


def svg_of(app: GilbenchApp, name: str) -> str:
    """The screen as an SVG that rsvg-convert renders faithfully."""
    svg = app.export_screenshot(title=f"gilbench · {name}")
    # librsvg drops leading no-break spaces unless told to preserve white space.
    return svg.replace("<svg ", '<svg xml:space="preserve" ', 1)


def to_png(svg: Path, converter: str) -> Path:
    png = svg.with_suffix(".png")
    subprocess.run([converter, "--zoom", "1", svg, "-o", png], check=True)
    return png


async def main(out: Path = HERE) -> int:
    converter = shutil.which("rsvg-convert")
    if converter is None:
        print(
            "rsvg-convert not found: writing SVG only "
            "(apt install librsvg2-bin fonts-firacode fonts-symbola for PNGs)",
            file=sys.stderr,
        )
    for name, spec, cores, script in SHOTS:
        svg = await shoot(name, spec, cores, script, out)
        made = [svg]
        if converter is not None:
            made.append(to_png(svg, converter))
        print("wrote", ", ".join(str(p.relative_to(out.parent)) for p in made))
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
