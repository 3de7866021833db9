"""The workload pane: which task to run, and how it behaves under the GIL."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Select, Static

from gilbench_tui.probe.catalog import WORKLOADS

#: What each GIL behaviour means for threads, in a few words.
GIL_TAGS = {
    "holds": "holds the GIL",
    "releases": "releases the GIL",
    "waits": "waits, GIL free",
}


def gil_tag(name: str) -> str:
    return GIL_TAGS.get(WORKLOADS[name].gil, WORKLOADS[name].gil)


class WorkloadPane(Vertical):
    """A compact select of the catalog's workloads, with the chosen one's GIL tag and label."""

    DEFAULT_CSS = """
    WorkloadPane {
        height: auto;
        & > Horizontal { height: 1; }
        & Label.field-label { width: 9; color: $text-muted; }
        & Select { width: 1fr; }
        & Label.gil-tag { width: auto; margin-right: 1; text-style: bold; }
        & Label.gil-tag.-holds { color: $text-error; }
        & Label.gil-tag.-releases { color: $text-success; }
        & Label.gil-tag.-waits { color: $text-accent; }
        & Static.workload-about {
            width: 1fr;
            color: $text-muted;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
    }
    """

    def __init__(self, value: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial = value if value in WORKLOADS else next(iter(WORKLOADS))

    def compose(self) -> ComposeResult:
        options = [(name, name) for name in WORKLOADS]
        with Horizontal():
            yield Label("workload", classes="field-label")
            yield Select(options, value=self._initial, allow_blank=False, compact=True)
        with Horizontal():
            yield Label("", classes="gil-tag")
            yield Static("", classes="workload-about", markup=False)

    def on_mount(self) -> None:
        self._describe(self.value)

    @property
    def select(self) -> Select[str]:
        return self.query_one(Select)

    @property
    def value(self) -> str:
        value = self.select.value
        return value if isinstance(value, str) else self._initial

    def set_value(self, name: str) -> None:
        if name in WORKLOADS:
            self.select.value = name
            self._describe(name)

    def _describe(self, name: str) -> None:
        workload = WORKLOADS[name]
        tag = self.query_one(".gil-tag", Label)
        tag.update(gil_tag(name))
        tag.set_classes(f"gil-tag -{workload.gil}")
        about = self.query_one(".workload-about", Static)
        about.update(workload.label)
        about.tooltip = workload.description

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str):
            self._describe(event.value)
