"""The workload pane: which task to run, and how it behaves under the GIL.

Besides the catalog's workloads it offers "your code…": then a path field and the file's
functions (UserCodePane) appear under it, and the GIL tag says it will be measured.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget

from gilbench_tui.engine.usercode import is_reference
from gilbench_tui.probe.catalog import WORKLOADS
from gilbench_tui.ui.widgets.choice_pane import ChoicePane
from gilbench_tui.ui.widgets.user_code_pane import UserCodePane

#: What each GIL behaviour means for threads, in a few words.
GIL_TAGS = {
    "holds": "holds the GIL",
    "releases": "releases the GIL",
    "waits": "waits, GIL free",
}
#: The select's value for a function of the user's.
YOUR_CODE = "your code…"


def gil_tag(name: str) -> str:
    return GIL_TAGS.get(WORKLOADS[name].gil, WORKLOADS[name].gil)


class WorkloadPane(ChoicePane):
    """A compact select of the catalog's workloads and "your code…", with the chosen one's GIL
    tag and label; `value` is a catalog name or `PATH:FUNC`."""

    def __init__(self, value: str, *, id: str | None = None) -> None:
        self._reference = value if is_reference(value) else ""
        if self._reference:
            self._initial = YOUR_CODE
        else:
            self._initial = value if value in WORKLOADS else next(iter(WORKLOADS))
        options = [(name, name) for name in WORKLOADS] + [(YOUR_CODE, YOUR_CODE)]
        super().__init__("workload", options, self._initial, about="workload-about", id=id)

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield UserCodePane(self._reference, id="user-code")

    def on_mount(self) -> None:
        self._describe(self._initial)

    @property
    def user_code(self) -> UserCodePane:
        return self.query_one(UserCodePane)

    @property
    def your_code(self) -> bool:
        return self.select.value == YOUR_CODE

    @property
    def value(self) -> str:
        if self.your_code:
            return self.user_code.reference
        value = self.select.value
        return value if isinstance(value, str) else self._initial

    @property
    def focus_target(self) -> Widget:
        return self.user_code.path_input if self.your_code else self.select

    def set_value(self, name: str) -> None:
        if is_reference(name):
            self.select.value = YOUR_CODE
            self.user_code.set_reference(name)
            self._describe(YOUR_CODE)
        elif name in WORKLOADS:
            self.select.value = name
            self._describe(name)

    def show_problem(self, message: str | None) -> None:
        if self.your_code:
            self.user_code.show_problem(message)
        else:
            super().show_problem(message)

    def _describe(self, name: str) -> None:
        self.user_code.display = name == YOUR_CODE
        if name == YOUR_CODE:
            self.describe(
                "GIL measured",
                "",
                "your function: FUNC(size, index) or FUNC()",
                "A function of yours, run by the same engine; whether it holds or releases "
                "the GIL is measured from the run, not declared.",
            )
            return
        workload = WORKLOADS[name]
        self.describe(gil_tag(name), f"-{workload.gil}", workload.label, workload.description)

    def chosen(self, value: object) -> None:
        if isinstance(value, str):
            self._describe(value)
