"""The lab options, folded under one line so the left column still fits 100×30: ship results
back (the cost of IPC), the wake-up sampler (the convoy effect), the GIL switch interval, and the
Dask scheduler whose workers run the dask strategies (empty: a local cluster per sample).

Folded, the line says which options are on, so nothing set stays out of sight.
"""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.widgets import Collapsible, Input, SelectionList
from textual.widgets.selection_list import Selection

from gilbench_tui.engine.cluster import split_address
from gilbench_tui.engine.spec import SpecError
from gilbench_tui.ui.widgets.field_input import FieldInput
from gilbench_tui.ui.widgets.field_pane import FieldFormat, FieldPane

SWITCH_KEYS = r"[0-9.]"
#: The bounds validate() puts on the switch interval, in milliseconds.
SWITCH_MIN_MS = 0.001
SWITCH_MAX_MS = 1000.0
TOGGLES = (
    ("return data", "return_data", "ship every task's full output back: shows what IPC costs"),
    ("wake-up latency", "latency_probe", "a wake-up sampler: a thread sleeps 1 ms in a loop; its "
     "p99 lateness shows how long the GIL keeps it waiting"),
)  # fmt: skip


def parse_switch(text: str) -> float | None:
    """Milliseconds as typed → seconds for sys.setswitchinterval; empty → the interpreter's own."""
    text = text.strip()
    if not text:
        return None
    try:
        ms = float(text)
    except ValueError:
        raise SpecError(f"switch interval {text!r} is not a number of ms") from None
    if not SWITCH_MIN_MS <= ms <= SWITCH_MAX_MS:
        raise SpecError("switch interval must be between 0.001 and 1000 ms")
    return ms / 1000


def explain_switch(seconds: float | None) -> str:
    return "" if seconds is None else f"GIL switch every {seconds * 1e3:g} ms"


def format_switch(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds * 1e3:g}"


SWITCH = FieldFormat(
    "switch", parse_switch, explain_switch, SWITCH_KEYS, placeholder="ms, empty: default"
)

SCHEDULER_KEYS = r"[A-Za-z0-9.:/_\-\[\]]"


def parse_scheduler(text: str) -> str | None:
    """A Dask scheduler's address as typed; empty → None, a local cluster for each sample."""
    text = text.strip()
    if not text:
        return None
    try:
        split_address(text)
    except ValueError as exc:
        raise SpecError(str(exc).replace("--dask-scheduler ", "dask scheduler ")) from None
    return text


def explain_scheduler(address: str | None) -> str:
    return "" if address is None else "the dask strategies run on its workers"


SCHEDULER = FieldFormat(
    "dask", parse_scheduler, explain_scheduler, SCHEDULER_KEYS,
    placeholder="tcp://host:8786, empty: local",
    tooltip="A Dask scheduler whose workers run dask-threads and dask-processes "
    "(--dask-scheduler); empty: a LocalCluster started for each sample",
)  # fmt: skip

T = TypeVar("T")


class FoldedField(FieldPane[T]):
    """A field under the folded options: a problem unfolds them, so it is seen where it is."""

    def show_problem(self, message: str | None) -> None:
        if message is not None:
            for ancestor in self.ancestors:
                if isinstance(ancestor, Collapsible):
                    ancestor.collapsed = False
        super().show_problem(message)


def summary(toggles: set[str], switch_s: float | None, scheduler: str | None = None) -> str:
    """The folded line: `options`, `options: wake-up latency`, `options: 2 on`."""
    on_ = [label for label, name, _ in TOGGLES if name in toggles]
    if switch_s is not None:
        on_.append(f"switch {switch_s * 1e3:g} ms")
    if scheduler is not None:
        on_.append(f"dask {scheduler}")
    if not on_:
        return "options"
    return f"options: {on_[0]}" if len(on_) == 1 else f"options: {len(on_)} on"


class OptionsPane(Collapsible):
    DEFAULT_CSS = """
    OptionsPane {
        height: auto;
        border: none;
        padding: 0;
        background: transparent;
        &:focus-within { background-tint: transparent; }
        & > CollapsibleTitle { padding: 0; color: $text-muted; }
        & > CollapsibleTitle:focus { color: $block-cursor-foreground; }
        & > Contents { padding: 0; }
        & SelectionList { height: auto; border: none; padding: 0; background: transparent; }
    }
    """

    def __init__(
        self,
        *,
        return_data: bool = False,
        latency_probe: bool = False,
        switch_interval_s: float | None = None,
        dask_scheduler: str | None = None,
        id: str | None = None,
    ) -> None:
        chosen = {"return_data": return_data, "latency_probe": latency_probe}
        super().__init__(
            SelectionList[str](
                *(Selection(label, name, chosen[name]) for label, name, _ in TOGGLES),
                id="toggles",
            ),
            FieldPane(SWITCH, format_switch(switch_interval_s), id="switch"),
            FoldedField(SCHEDULER, dask_scheduler or "", id="dask"),
            title=summary({k for k, v in chosen.items() if v}, switch_interval_s, dask_scheduler),
            collapsed=True,
            id=id,
        )

    def on_mount(self) -> None:
        self.toggles.tooltip = "\n".join(f"{label}: {why}" for label, _, why in TOGGLES)

    @property
    def toggles(self) -> SelectionList[str]:
        return self.query_one("#toggles", SelectionList)

    @property
    def switch_pane(self) -> FieldPane[float | None]:
        return self.query_one("#switch", FieldPane)

    @property
    def scheduler_pane(self) -> FieldPane[str | None]:
        return self.query_one("#dask", FieldPane)

    @property
    def dask_scheduler(self) -> str | None:
        """The scheduler's address, or None for a local cluster; SpecError while it is wrong."""
        return self.scheduler_pane.value

    @property
    def focus_target(self) -> FieldInput:
        """The one field of the options that can be wrong: the switch interval."""
        return self.switch_pane.input

    def show_problem(self, message: str | None) -> None:
        """Unfold, and say under the switch interval what is wrong with it (None: nothing)."""
        if message is not None:
            self.collapsed = False
        self.switch_pane.show_problem(message)

    def is_on(self, name: str) -> bool:
        return name in self.toggles.selected

    @property
    def switch_interval_s(self) -> float | None:
        """Seconds, or None for the interpreter's default; SpecError while the text is wrong."""
        return self.switch_pane.value

    def set_values(
        self,
        *,
        return_data: bool,
        latency_probe: bool,
        switch_interval_s: float | None,
        dask_scheduler: str | None = None,
    ) -> None:
        toggles = self.toggles
        toggles.deselect_all()
        for name, wanted in (("return_data", return_data), ("latency_probe", latency_probe)):
            if wanted:
                toggles.select(name)
        self.switch_pane.set_text(format_switch(switch_interval_s))
        self.scheduler_pane.set_text(dask_scheduler or "")
        self._summarise()

    def _summarise(self) -> None:
        switch = None if self.switch_pane.error is not None else self.switch_pane.value
        dask = None if self.scheduler_pane.error is not None else self.scheduler_pane.value
        self.title = summary(set(self.toggles.selected), switch, dask)

    @on(SelectionList.SelectedChanged)
    def _toggled(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        self._summarise()

    @on(Input.Blurred)
    @on(Collapsible.Collapsed)
    def _left(self) -> None:
        """The field explains itself while it is typed in; the folded line catches up after."""
        self._summarise()
