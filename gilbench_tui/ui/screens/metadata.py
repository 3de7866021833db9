"""The machine and interpreter a run was measured on, in a dialog over the screen (`i`)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render.metadata import metadata_lines
from gilbench_tui.ui.run_text import short_date, what_was_run
from gilbench_tui.ui.widgets.footer import AppFooter
from gilbench_tui.ui.widgets.run_problem import guarded


def metadata_text(document: RunDocument) -> Text:
    text = Text()
    for line in metadata_lines(document):
        label, _, rest = line.partition(" ")
        text.append(label, style="bold")
        text.append(f" {rest}\n")
    text.append("run", style="bold")
    text.append(
        f"          {short_date(document.started_at)} → {short_date(document.finished_at)}"
        f" · {what_was_run(document)}"
    )
    return text


class MetadataScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("i", "close", "Close", show=False),
    ]

    def __init__(self, document: RunDocument) -> None:
        super().__init__()
        self.document = document

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="metadata-box") as box:
            box.border_title = f"measured on · {self.document.id}"
            box.border_subtitle = "esc closes"
            yield Static(id="metadata-text")
        yield AppFooter()

    def on_mount(self) -> None:
        shown = self.query_one("#metadata-text", Static)
        document = self.document
        problem = guarded(self, f"run {document.id}", lambda: shown.update(metadata_text(document)))
        if problem is not None:
            shown.update(Text(problem, style="bold red"))

    def action_close(self) -> None:
        self.dismiss()
