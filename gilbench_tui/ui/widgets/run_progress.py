"""One line of progress: a bar, then the strategy, worker count and repeat being timed, and an ETA;
in a comparison over several interpreters, which one is measuring first (`2/3 · 3.13.1t · …`).

The ETA counts down between samples on the meter's timer, so it moves even while one long timed
run is in flight, without a timer of its own.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from gilbench_tui.engine.progress import ProgressView, format_eta


def describe(view: ProgressView, seconds_since: float = 0.0) -> str:
    """`threads ×3 · repeat 2 · 5/27 · ETA 12s`, the ETA reduced by the time since the view."""
    eta = None if view.eta_s is None else max(0.0, view.eta_s - max(0.0, seconds_since))
    if view.current is None:
        return f"{view.done}/{view.total} timed runs · finishing"
    return f"{view.describe()} · {view.done}/{view.total} · {format_eta(eta)}"


class RunProgress(Horizontal):
    DEFAULT_CSS = """
    RunProgress {
        height: 1;
        & ProgressBar { width: auto; margin-right: 1; }
        & ProgressBar Bar { width: 20; }
        & Static.progress-label { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
        &.-idle Static.progress-label { color: $text-muted; }
        &.-failed Static.progress-label { color: $text-error; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-idle")
        self._view: ProgressView | None = None
        self._at = 0.0
        #: Which interpreter of a comparison is measuring (`2/3 · 3.13.1t`), before the rest.
        self._stage = ""

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=1, show_eta=False, show_percentage=True)
        yield Static(
            "ready: r runs the spec, s loads the article's experiment",
            classes="progress-label",
            markup=False,
        )

    @property
    def bar(self) -> ProgressBar:
        return self.query_one(ProgressBar)

    @property
    def label(self) -> str:
        return str(self.query_one(".progress-label", Static).content)

    def _say(self, text: str, state: str = "") -> None:
        self.set_class(state == "idle", "-idle")
        self.set_class(state == "failed", "-failed")
        if self._stage:
            text = f"{self._stage} · {text}"
        # One fixed-size line: a repaint will do, no layout pass (this runs at up to 2 Hz).
        self.query_one(".progress-label", Static).update(text, layout=False)

    def begin(self, stage: str = "") -> None:
        self._view = None
        self._stage = stage
        self.bar.update(total=1, progress=0)
        self._say("starting the worker process…")

    def show(self, view: ProgressView, at: float) -> None:
        self._view = view
        self._at = at
        self.bar.update(total=max(1, view.total), progress=view.done)
        self._say(describe(view))

    def tick(self, now: float) -> None:
        """Count the ETA down between samples."""
        if self._view is not None and self._view.current is not None:
            self._say(describe(self._view, now - self._at))

    def end(self, text: str, *, failed: bool = False, complete: bool = False) -> None:
        if complete:
            self.bar.update(progress=self.bar.total or 1)
        self._view = None
        self._say(text, "failed" if failed else "idle")
        self._stage = ""
