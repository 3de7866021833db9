"""Two past runs side by side: per strategy and task count both medians, both speedups and the
engine's words for the difference; the two verdicts below. `s` swaps which run is "before". Runs
that cannot be drawn together say why in their place (see RunProblem)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from gilbench_tui.engine.compare import Comparison, comparability, too_few_repeats
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.ui.run_text import interpreter_short, run_summary
from gilbench_tui.ui.widgets.compare_table import CompareTable, unmatched
from gilbench_tui.ui.widgets.footer import AppFooter
from gilbench_tui.ui.widgets.run_problem import RunProblem, guarded
from gilbench_tui.ui.widgets.verdict_view import VerdictView

LEGEND = (
    "× = speedup over serial within each run. A difference is significant when a Mann-Whitney "
    "test on the two runs' times gives p < 0.05."
)


def differences(before: RunDocument, after: RunDocument) -> list[str]:
    """What differs between the runs besides the timings: a reason to read the ratios with care."""
    return comparability(before, after).differences


def compare_note(before: RunDocument, after: RunDocument, compared: list[Comparison]) -> Text:
    text = Text()
    for line in differences(before, after):
        text.append(f"⚠ {line}\n", style="yellow")
    if not compared:
        text.append("These runs share no strategy and task count.\n", style="bold")
    few = too_few_repeats(compared)
    if few:
        text.append(f"{few}\n", style="yellow")
    for line in unmatched(before, after):
        text.append(f"{line}\n", style="dim")
    text.append(LEGEND, style="italic dim")
    return text


class CompareScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "swap", "Swap"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, before: RunDocument, after: RunDocument) -> None:
        super().__init__()
        self.before = before
        self.after = after

    def compose(self) -> ComposeResult:
        yield Static(id="compare-header")
        yield RunProblem(id="compare-problem")
        yield CompareTable(id="compare-table")
        yield Static(id="compare-note")
        with Horizontal(id="compare-verdicts"):
            with VerticalScroll(id="verdict-before", classes="compare-verdict"):
                yield VerdictView(id="before-verdict", warnings=True)
            with VerticalScroll(id="verdict-after", classes="compare-verdict"):
                yield VerdictView(id="after-verdict", warnings=True)
        yield AppFooter()

    def on_mount(self) -> None:
        self.show()
        self.query_one(CompareTable).focus()

    def show(self) -> None:
        what = f"the comparison of runs {self.before.id} and {self.after.id}"
        problem = guarded(self, what, self._show)
        self.query_one(RunProblem).explain(problem)
        for part in ("#compare-table", "#compare-note", "#compare-verdicts"):
            self.query_one(part).display = problem is None

    def _show(self) -> None:
        before, after = self.before, self.after
        header = Text()
        header.append("before ", style="bold")
        header.append(run_summary(before) + "\n")
        header.append("after  ", style="bold")
        header.append(run_summary(after))
        self.query_one("#compare-header", Static).update(header)
        table = self.query_one(CompareTable)
        table.show(before, after)
        table.border_title = "after vs before"
        self.query_one("#compare-note", Static).update(
            compare_note(before, after, table.rows_compared)
        )
        for name, document in (("before", before), ("after", after)):
            self.query_one(f"#{name}-verdict", VerdictView).show(document)
            box = self.query_one(f"#verdict-{name}")
            box.border_title = f"{name} · {interpreter_short(document.interpreter)}"

    def action_swap(self) -> None:
        self.before, self.after = self.after, self.before
        self.show()

    def action_back(self) -> None:
        self.dismiss()
