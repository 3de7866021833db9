"""A past run opened from the history: its results table, charts and verdict, as the main screen
showed them when it finished; `e` exports it, `i` shows where it was measured. A run that cannot be drawn says
why in its place (see RunProblem), and escape goes back as usual."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.ui.run_text import run_summary
from gilbench_tui.ui.widgets.results_parts import results_parts, show_results
from gilbench_tui.ui.widgets.results_table import ResultsTable
from gilbench_tui.ui.widgets.run_problem import RunProblem, guarded
from gilbench_tui.ui.widgets.verdict_view import VerdictView


class RunScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "Export"),
        Binding("i", "info", "Info"),
        Binding("r", "rerun", "Run again"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, document: RunDocument, export_dir: Path) -> None:
        super().__init__()
        self.document = document
        self.export_dir = export_dir

    def compose(self) -> ComposeResult:
        yield Static("", id="run-header", markup=False)
        yield RunProblem(id="run-problem")
        with Horizontal(id="run-main"):
            with VerticalScroll(id="run-verdict"):
                yield VerdictView()
            with VerticalScroll(id="run-right"):
                yield from results_parts()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#run-verdict").border_title = "verdict"
        self.query_one("#results").border_title = "results"
        problem = guarded(self, f"run {self.document.id}", self._show)
        self.query_one(RunProblem).explain(problem)
        self.query_one("#run-main").display = problem is None
        if problem is None:
            self.query_one(ResultsTable).focus()

    def _show(self) -> None:
        self.query_one("#run-header", Static).update(run_summary(self.document))
        show_results(self, self.document)
        self.query_one(VerdictView).show(self.document)

    def action_info(self) -> None:
        from gilbench_tui.ui.screens.metadata import MetadataScreen

        self.app.push_screen(MetadataScreen(self.document))

    def action_export(self) -> None:
        from gilbench_tui.ui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.document, self.export_dir))

    def action_rerun(self) -> None:
        """Back to the main screen with this run's spec, and run it (asking first when it names
        a file of the user's that changed since)."""
        from gilbench_tui.ui.screens.main import MainScreen

        main = next(s for s in self.app.screen_stack if isinstance(s, MainScreen))
        while self.app.screen is not main:
            self.app.pop_screen()
        main.rerun(self.document.spec)

    def action_back(self) -> None:
        self.dismiss()
