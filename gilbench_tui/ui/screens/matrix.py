"""A comparison over several interpreters: the same spec's medians and speedups side by side, a
column per interpreter (render.matrix, as `gilbench run --python a,b` prints it), and what to pick
(engine.cross_interpreter.conclusion). Opened with `m` after a comparison, or from the history on
any run of one; escape goes back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render.matrix import matrix_table
from gilbench_tui.ui.run_text import what_was_run
from gilbench_tui.ui.widgets.comparison_note import conclusion_text
from gilbench_tui.ui.widgets.footer import AppFooter
from gilbench_tui.ui.widgets.run_problem import RunProblem, guarded

LEGEND = "Each cell: the median wall time, then the speedup over serial on that interpreter."
#: The body's border and padding, taken from the screen's width to fit the table.
FRAME = 4


class MatrixScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    def __init__(
        self, comparison: str, runs: Sequence[RunDocument], failures: Sequence[str] = ()
    ) -> None:
        super().__init__()
        self.comparison = comparison
        self.runs = list(runs)
        self.failures = list(failures)

    def compose(self) -> ComposeResult:
        yield Static("", id="matrix-header", markup=False)
        yield RunProblem(id="matrix-problem")
        with VerticalScroll(id="matrix-body"):
            yield Static("", id="matrix-table", markup=False)
            yield Static(LEGEND, id="matrix-legend", markup=False)
            yield Static("", id="matrix-conclusion")
        yield AppFooter()

    def on_mount(self) -> None:
        body = self.query_one("#matrix-body")
        body.border_title = f"comparison on {len(self.runs)} interpreters"
        body.focus()
        self._draw()

    def on_resize(self, event: events.Resize) -> None:
        self._draw()

    def _draw(self) -> None:
        problem = guarded(self, f"comparison {self.comparison}", self._show)
        self.query_one(RunProblem).explain(problem)
        self.query_one("#matrix-body").display = problem is None

    def _show(self) -> None:
        first = self.runs[0]
        header = f"{self.comparison} · {what_was_run(first)} · {first.machine.hostname}"
        self.query_one("#matrix-header", Static).update(header)
        width = max(20, self.size.width - FRAME)
        self.query_one("#matrix-table", Static).update(matrix_table(self.runs, width=width))
        self.query_one("#matrix-conclusion", Static).update(
            conclusion_text(self.runs, self.failures)
        )

    def action_back(self) -> None:
        self.dismiss()
