"""The workload pane: which task to run, and how it behaves under the GIL."""

from __future__ import annotations

from gilbench_tui.probe.catalog import WORKLOADS
from gilbench_tui.ui.widgets.choice_pane import ChoicePane

#: What each GIL behaviour means for threads, in a few words.
GIL_TAGS = {
    "holds": "holds the GIL",
    "releases": "releases the GIL",
    "waits": "waits, GIL free",
}


def gil_tag(name: str) -> str:
    return GIL_TAGS.get(WORKLOADS[name].gil, WORKLOADS[name].gil)


class WorkloadPane(ChoicePane):
    """A compact select of the catalog's workloads, with the chosen one's GIL tag and label."""

    def __init__(self, value: str, *, id: str | None = None) -> None:
        self._initial = value if value in WORKLOADS else next(iter(WORKLOADS))
        options = [(name, name) for name in WORKLOADS]
        super().__init__("workload", options, self._initial, about="workload-about", id=id)

    def on_mount(self) -> None:
        self._describe(self.value)

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
        self.describe(gil_tag(name), f"-{workload.gil}", workload.label, workload.description)

    def chosen(self, value: object) -> None:
        if isinstance(value, str):
            self._describe(value)
