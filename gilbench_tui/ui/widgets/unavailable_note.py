"""Strategies the chosen interpreter could not run, each with its reason, under the results:
a strategy that was asked for is never silently missing from the table."""

from __future__ import annotations

from rich.text import Text

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.ui.widgets.run_notes import NoteStrip


def unavailable_text(document: RunDocument) -> Text:
    text = Text()
    for name, reason in document.unavailable.items():
        if text:
            text.append("\n")
        text.append("✗ ", style="bold")
        text.append(name, style="bold")
        text.append(f" did not run: {reason}")
    return text


class UnavailableNote(NoteStrip):
    DEFAULT_CSS = """
    UnavailableNote {
        height: auto;
        padding-left: 1;
        color: $text-warning;
        display: none;
    }
    """

    def show(self, document: RunDocument) -> None:
        self.say(unavailable_text(document))
