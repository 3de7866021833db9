"""The run's warnings under its results table, at the full width of the results column: a busy or
limited machine, steal, times that vary, wrong checksums. The verdict beside it says what the
numbers mean; these say what may have spoiled them, so they stay in view with the table rather
than below the verdict's reasons in its narrow column. Hidden when the run has none.

Strategies that could not run have their own note (UnavailableNote), so they are left out here.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from gilbench_tui.engine.results import RunDocument


def shown_warnings(document: RunDocument) -> list[str]:
    """The warnings, less the runner's "X did not run: why" ones: the unavailable strategies have
    their own note under the results table."""
    said = {f"{name} did not run: {why}" for name, why in document.unavailable.items()}
    return [w for w in document.warnings if w not in said]


def notes_text(document: RunDocument) -> Text:
    text = Text()
    for warning in shown_warnings(document):
        if text:
            text.append("\n")
        text.append("⚠ ", style="bold")
        text.append(warning)
    return text


class NoteStrip(Static):
    """A few lines under the results table, hidden while there is nothing to say."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def say(self, text: Text) -> None:
        self.update(text)
        self.display = bool(text)


class RunNotes(NoteStrip):
    DEFAULT_CSS = """
    RunNotes {
        height: auto;
        max-height: 5;
        overflow-y: auto;
        padding-left: 1;
        color: $text-warning;
        scrollbar-size-vertical: 1;
        display: none;
    }
    RunNotes.-previous {
        text-opacity: 45%;
    }
    """

    def show(self, document: RunDocument) -> None:
        self.say(notes_text(document))
