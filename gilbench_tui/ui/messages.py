"""Every message the app posts, in one place, as dataclasses.

The bench job turns the runner's events into these (and, over several interpreters, says which one
is measuring and what the comparison kept); the main screen's handlers own all state.
`BenchProgress` comes once per timed run and replaces an older queued copy, so a burst of fast
samples never floods the queue. The interpreter search and the history's thread jobs post the
rest; the screens that started them own what they change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from gilbench_tui.engine.events import ClusterSeen
from gilbench_tui.engine.interpreters import InterpreterInfo
from gilbench_tui.engine.progress import ProgressView
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.store import History

if TYPE_CHECKING:
    from gilbench_tui.engine.doctor import Check


@dataclass
class InterpreterChosen(Message):
    """The interpreter pane's choice, once inspected (None until then): the options it allows."""

    info: InterpreterInfo | None


@dataclass
class BenchStarted(Message):
    """The worker process is up: `pid` is the root of the tree whose CPU use is metered."""

    pid: int
    interpreter: str
    planned: int


@dataclass
class ClusterMetrics(Message):
    """A dask strategy's workers and their CPU while it runs; None once its sample is done."""

    seen: ClusterSeen | None

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ClusterMetrics)


@dataclass
class BenchProgress(Message):
    """How far the run is; only the newest one matters."""

    view: ProgressView
    at: float

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, BenchProgress)


@dataclass
class BenchWarning(Message):
    """The worker process reported a problem that did not stop the run."""

    text: str


@dataclass
class BenchFinished(Message):
    """A run completed; `save_error` says why it could not be added to the history, if it could not."""

    document: RunDocument
    save_error: str | None = None


@dataclass
class BenchFailed(Message):
    """A run failed; `partial` holds what was measured before it did (already saved if not None)."""

    reason: str
    partial: RunDocument | None = None
    save_error: str | None = None


@dataclass
class MatrixStep(Message):
    """A comparison's next run is starting: the `index`-th of `total`, on the interpreter `label`."""

    index: int
    total: int
    label: str

    @property
    def stage(self) -> str:
        """`2/3 · 3.13.1t`: which interpreter of how many is measuring."""
        return f"{self.index}/{self.total} · {self.label}"


@dataclass
class MatrixEnded(Message):
    """A comparison over several interpreters ended: the runs kept (saved under `comparison`, a
    cancelled run's partial included) and a line per interpreter whose run failed."""

    comparison: str
    runs: list[RunDocument]
    failures: list[str]
    cancelled: bool = False


@dataclass
class HistoryNotSaved(Message):
    """What a cancelled run measured could not be appended to the history."""

    reason: str


@dataclass
class InterpretersFound(Message):
    """The interpreter search inspected every candidate (a search a run stopped posts nothing)."""

    found: list[InterpreterInfo]
    failures: list[str]


@dataclass
class HistoryLoaded(Message):
    """The history file was read (unreadable lines are counted in `history.skipped`)."""

    history: History


@dataclass
class HistoryFailed(Message):
    """The history file could not be read at all."""

    reason: str


@dataclass
class RunDeleted(Message):
    run_id: str


@dataclass
class DeleteFailed(Message):
    run_id: str
    reason: str


@dataclass
class MachineExamined(Message):
    """The `i` dialog's machine check is done: its checks, or why it failed."""

    checks: list[Check]
    problem: str | None


@dataclass
class RunExported(Message):
    """The export dialog wrote the run to `path`."""

    path: str


@dataclass
class ExportFailed(Message):
    reason: str


@dataclass
class ThemeNotRemembered(Message):
    """The theme picked could not be written to the config file."""

    reason: str
