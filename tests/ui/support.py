"""Fakes and helpers for driving the app with Textual's pilot, on fixed data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable

from gilbench_tui.engine.config import Settings
from gilbench_tui.engine.doctor import Check
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.store import History
from gilbench_tui.ui.app import GilbenchApp, create_app
from gilbench_tui.ui.screens.history import HistoryScreen
from gilbench_tui.ui.screens.main import MainScreen
from gilbench_tui.ui.services import Discover
from tests.demo import DemoRunner, DemoSampler, demo_discover

SPEC = BenchSpec(workload="seed", size=1_000_000, workers=(2,), repeat=3, warmup=1)
#: Meter ticks only when a test asks for one (`screen.sample_cores()`), so screens are repeatable.
NO_TICKS = 3600.0


@dataclass
class MemoryStore:
    """The history in memory: `error` fails appends, `read_error` loads and `delete_error` deletes;
    `skipped` and `moved_to` play a history file with unreadable lines or moved aside."""

    runs: list[RunDocument] = field(default_factory=list)
    error: OSError | None = None
    skipped: list[str] = field(default_factory=list)
    moved_to: Path | None = None
    read_error: OSError | None = None
    delete_error: OSError | None = None
    deleted: list[str] = field(default_factory=list)

    def append(self, run: RunDocument) -> None:
        if self.error is not None:
            raise self.error
        self.runs.append(run)

    def load(self) -> History:
        if self.read_error is not None:
            raise self.read_error
        return History(list(self.runs), list(self.skipped), self.moved_to)

    def delete(self, run_id: str) -> None:
        if self.delete_error is not None:
            raise self.delete_error
        if not any(run.id == run_id for run in self.runs):
            raise LookupError(f"no run with id {run_id!r}")
        self.runs = [run for run in self.runs if run.id != run_id]
        self.deleted.append(run_id)


@dataclass
class FixedClock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Harness:
    app: GilbenchApp
    runner: DemoRunner
    sampler: DemoSampler
    store: MemoryStore
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def screen(self) -> MainScreen:
        return self.app.main_screen

    def note_titles(self) -> list[str]:
        return [str(kw.get("title", "")) for _, kw in self.notes]


#: What the `i` dialog's machine check finds in tests: one problem, so advice shows too.
DEMO_CHECKS = [
    Check("usable cores", "8 of 8 (all)"),
    Check("load", "0.40 (1 min) · 0.30 cores busy now"),
    Check(
        "other processes",
        "backup (4242) 0.90",
        "another process (backup, pid 4242) is using 0.90 cores: results will understate processes",
    ),
    Check("capacity now", "7.60× from 8 busy processes"),
]


def harness(
    spec: BenchSpec = SPEC,
    *,
    runner: DemoRunner | None = None,
    sampler: DemoSampler | None = None,
    store: MemoryStore | None = None,
    ticks: float = NO_TICKS,
    discover: Discover | None = None,
    examine: Callable[[], list[Check]] = lambda: list(DEMO_CHECKS),
    export_dir: Path | None = None,
    settings: Settings | None = None,
) -> Harness:
    runner = runner if runner is not None else DemoRunner()
    sampler = sampler if sampler is not None else DemoSampler(cores=8)
    store = store if store is not None else MemoryStore()
    app = create_app(
        spec, runner=runner, sampler=sampler, store=store, clock=FixedClock(),
        meter_interval_s=ticks, discover=discover or demo_discover(), examine=examine,
        export_dir=export_dir, settings=settings,
    )  # fmt: skip
    result = Harness(app, runner, sampler, store)
    original = app.notify

    def recording_notify(message: str, **kwargs: Any) -> None:
        result.notes.append((message, kwargs))
        original(message, **kwargs)

    app.notify = recording_notify  # type: ignore[method-assign]
    return result


def table_settled(table: DataTable[Any]) -> bool:
    """The DataTable sizes its columns when idle; screenshots must wait until it has."""
    for key, column in table.columns.items():
        widest = max((len(str(table.get_cell(row, key))) for row in table.rows), default=0)
        if column.content_width < widest:
            return False
    return True


async def open_history(h: Harness, pilot: Pilot[Any]) -> HistoryScreen:
    """Press h and wait until the history screen has read the store."""
    await pilot.press("h")
    await h.app.workers.wait_for_complete()
    await pilot.pause()
    screen = h.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def discovered(h: Harness, pilot: Pilot[Any]) -> None:
    """Wait until the interpreter search has answered, so the python pane no longer changes."""
    from gilbench_tui.ui.widgets.interpreter_pane import InterpreterPane

    def answered() -> bool:
        panes = h.app.main_screen.query(InterpreterPane)
        return bool(panes) and not panes.first().searching

    await wait_until(pilot, answered)
    await pilot.pause()


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], steps: int = 200) -> None:
    """Let the app process messages until `condition` holds (fails after `steps` rounds)."""
    for _ in range(steps):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("the app never reached the expected state")
