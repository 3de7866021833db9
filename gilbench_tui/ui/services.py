"""What the app is given to work with, so tests and screenshots can hand it fakes.

The real collaborators are the engine's Runner, the psutil CoreSampler, the history Store and
interpreter discovery; `create_app()` in app.py builds them when none are given.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from gilbench_tui.engine.events import Event
from gilbench_tui.engine.interpreters import InterpreterInfo
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.store import History
from gilbench_tui.monitor import MIN_INTERVAL_S, Sampler

if TYPE_CHECKING:
    from gilbench_tui.engine.config import Settings
    from gilbench_tui.engine.doctor import Check

EventHandler = Callable[[Event], None]
PartialHandler = Callable[[RunDocument], None]
#: Interpreters found and one line per candidate that failed to answer. The argument says whether
#: the search was cancelled, so a search can stop between two inspections.
Discover = Callable[[Callable[[], bool]], tuple[list[InterpreterInfo], list[str]]]


class BenchRunner(Protocol):
    """Runs a spec in a worker process, calling `on_event` in the event loop for every event.

    Raises engine.runner.RunFailed when the worker fails; on cancellation it kills the worker's
    process tree, hands what was measured so far to `on_partial`, and lets CancelledError through.
    """

    async def run(
        self,
        spec: BenchSpec,
        on_event: EventHandler | None = None,
        on_partial: PartialHandler | None = None,
    ) -> RunDocument: ...


class HistoryStore(Protocol):
    """The history of runs (engine.store.Store).

    `load` reports unreadable lines instead of failing and raises OSError only when the file
    cannot be read at all; `delete` raises LookupError for an unknown id, OSError on a write error.
    """

    def append(self, run: RunDocument) -> None: ...

    def load(self) -> History: ...

    def delete(self, run_id: str) -> None: ...


def discover_interpreters(cancelled: Callable[[], bool]) -> tuple[list[InterpreterInfo], list[str]]:
    """engine.interpreters.discover over its usual candidates, stopping between two inspections
    once `cancelled()` says so (each takes up to a few seconds on a broken interpreter)."""
    from gilbench_tui.engine import interpreters

    paths = itertools.takewhile(lambda _: not cancelled(), interpreters.candidates())
    return interpreters.discover(paths)


def examine_machine() -> list[Check]:
    """`gilbench doctor`'s checks: usable cores, governor, load, others, capacity now (~1 s)."""
    from gilbench_tui.engine.doctor import advise, examine

    return advise(examine())


@dataclass(frozen=True)
class Services:
    runner: BenchRunner
    sampler: Sampler
    store: HistoryStore
    clock: Callable[[], float] = field(default=time.monotonic)
    #: Seconds between meter samples; never below MIN_INTERVAL_S (2 Hz).
    meter_interval_s: float = MIN_INTERVAL_S
    discover: Discover = field(default=discover_interpreters)
    #: The machine check the `i` screen shows; blocking, so it runs in a thread job.
    examine: Callable[[], list[Check]] = field(default=examine_machine)
    #: Where `e` writes a run: the folder the app was started in, unless told otherwise.
    export_dir: Path = field(default_factory=Path.cwd)
    #: The user's config file, read at start; None keeps the theme from being remembered.
    settings: Settings | None = None

    def __post_init__(self) -> None:
        if self.meter_interval_s < MIN_INTERVAL_S:
            object.__setattr__(self, "meter_interval_s", MIN_INTERVAL_S)
