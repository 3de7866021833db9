"""The lab options, folded under one line so the left column still fits 100×30: ship results
back (the cost of IPC), the wake-up sampler (the convoy effect), the GIL switch interval, on a
free-threaded build `-X gil=0/1`, and the Dask scheduler whose workers run the dask strategies
(empty: a local cluster per sample).

Folded, the line says which options are on, so nothing set stays out of sight. What the chosen
interpreter allows decides what is offered (`show_for`): `-X gil` only on a free-threaded build,
and the switch interval only where there is a GIL to switch (it is hidden, and not read, while a
free-threaded build runs with the GIL off).
"""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.widgets import Collapsible, Input, SelectionList
from textual.widgets.selection_list import Selection

from gilbench_tui.engine.cluster import split_address
from gilbench_tui.engine.interpreters import InterpreterInfo
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
#: `-X gil=N` on a free-threaded build: (label, value, why).
GIL_CHOICES = (
    ("-X gil=0 (GIL off)", 0, "keep the GIL off even when an extension asks for it"),
    ("-X gil=1 (GIL on)", 1, "turn the GIL on: this build then runs as a GIL build"),
)


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


def summary(
    toggles: set[str], switch_s: float | None, gil: int | None = None, scheduler: str | None = None
) -> str:
    """The folded line: `options`, `options: wake-up latency`, `options: 2 on`."""
    on_ = [label for label, name, _ in TOGGLES if name in toggles]
    if gil is not None:
        on_.append(f"-X gil={gil}")
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
        gil: int | None = None,
        id: str | None = None,
    ) -> None:
        chosen = {"return_data": return_data, "latency_probe": latency_probe}
        super().__init__(
            SelectionList[str](
                *(Selection(label, name, chosen[name]) for label, name, _ in TOGGLES),
                id="toggles",
            ),
            SelectionList[int](
                *(Selection(label, value, value == gil) for label, value, _ in GIL_CHOICES),
                id="gil",
            ),
            FieldPane(SWITCH, format_switch(switch_interval_s), id="switch"),
            FoldedField(SCHEDULER, dask_scheduler or "", id="dask"),
            title=summary(
                {k for k, v in chosen.items() if v}, switch_interval_s, gil, dask_scheduler
            ),
            collapsed=True,
            id=id,
        )
        self._free_threaded = False

    def on_mount(self) -> None:
        self.toggles.tooltip = "\n".join(f"{label}: {why}" for label, _, why in TOGGLES)
        self.gil_choices.tooltip = "\n".join(f"{label}: {why}" for label, _, why in GIL_CHOICES)
        self.gil_choices.display = False

    @property
    def gil_choices(self) -> SelectionList[int]:
        return self.query_one("#gil", SelectionList)

    @property
    def gil(self) -> int | None:
        """`-X gil=N` asked for, None for the interpreter's default (or a GIL build)."""
        chosen = self.gil_choices.selected
        return chosen[0] if self._free_threaded and chosen else None

    def show_for(self, info: InterpreterInfo | None) -> None:
        """Offer what the chosen interpreter allows (see the module's docstring)."""
        self._free_threaded = info is not None and info.gil_disabled_build
        self.gil_choices.display = self._free_threaded
        self.switch_pane.display = not self._free_threaded or self.gil == 1
        self._summarise()

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
        """Seconds, or None for the interpreter's default (or while hidden, with the GIL off);
        SpecError while the text is wrong."""
        return self.switch_pane.value if self.switch_pane.display else None

    def set_values(
        self,
        *,
        return_data: bool,
        latency_probe: bool,
        switch_interval_s: float | None,
        dask_scheduler: str | None = None,
        gil: int | None = None,
    ) -> None:
        toggles = self.toggles
        toggles.deselect_all()
        for name, wanted in (("return_data", return_data), ("latency_probe", latency_probe)):
            if wanted:
                toggles.select(name)
        self.gil_choices.deselect_all()
        if gil is not None:
            self.gil_choices.select(gil)
        self.switch_pane.set_text(format_switch(switch_interval_s))
        self.scheduler_pane.set_text(dask_scheduler or "")
        self._summarise()

    def _summarise(self) -> None:
        switch = None
        if self.switch_pane.display and self.switch_pane.error is None:
            switch = self.switch_pane.value
        dask = None if self.scheduler_pane.error is not None else self.scheduler_pane.value
        self.title = summary(set(self.toggles.selected), switch, self.gil, dask)

    @on(SelectionList.SelectionToggled, "#gil")
    def _one_gil_choice(self, event: SelectionList.SelectionToggled[int]) -> None:
        """0 and 1 exclude each other: choosing one clears the other."""
        event.stop()
        picked = event.selection.value
        if picked in self.gil_choices.selected:
            for _, value, _ in GIL_CHOICES:
                if value != picked:
                    self.gil_choices.deselect(value)
        self.switch_pane.display = not self._free_threaded or self.gil == 1

    @on(SelectionList.SelectedChanged)
    def _toggled(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        self._summarise()

    @on(Input.Blurred)
    @on(Collapsible.Collapsed)
    def _left(self) -> None:
        """The field explains itself while it is typed in; the folded line catches up after."""
        self._summarise()
