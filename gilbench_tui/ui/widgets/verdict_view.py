"""The verdict in plain words: its headline, how sure it is, its reasons; the Amdahl fit, the run's
warnings where nothing beside it shows them, and for the seed workload a note on the article.
The confidence follows the headline on its line and the reasons come next, so the narrow verdict
column shows the lesson (the first reason) with the figures."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.seed import SEED_SIZE
from gilbench_tui.engine.spec import format_size
from gilbench_tui.render.columns import shows_article
from gilbench_tui.render.verdict_text import amdahl_line, gil_line
from gilbench_tui.ui.widgets.run_notes import shown_warnings

INTRO = (
    "Choose a workload, a size, worker counts and strategies, then press r. "
    "s loads the article's experiment; ? explains the GIL."
)


PREVIOUS = "\nThe dimmed results are from the previous run."


def article_note(document: RunDocument) -> str:
    size = "" if document.spec.size == SEED_SIZE else f" (here {format_size(document.spec.size)})"
    return (
        f"Article: Python 2, 10M items a task{size}. Compare speedups, not seconds; "
        "? tells why threads no longer lose."
    )


#: How each confidence is shown: sure in green, likely as plain text, inconclusive in yellow.
CONFIDENCE_STYLES = {"clear": "green", "likely": "", "inconclusive": "yellow"}


def verdict_text(document: RunDocument, text: Text) -> None:
    """Append the verdict to `text`: its headline, a line per reason, and its confidence."""
    detail = document.verdict_detail
    if detail is None:
        text.append(document.verdict, style="bold")
        return
    text.append(detail.headline + ".", style="bold")
    text.append(f" [{detail.confidence}]", style=CONFIDENCE_STYLES[detail.confidence])
    gil = gil_line(document)
    if gil is not None:  # a user's code: what the run measured comes before why
        text.append("\n" + gil, style="bold")
    for reason in detail.reasons:
        text.append(f"\n· {reason}")


class VerdictView(Static):
    """The verdict, with the run's warnings when `warnings` is set: where the results parts are
    beside it, they show the warnings (RunNotes) at the results column's width instead."""

    DEFAULT_CSS = """
    VerdictView {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None, warnings: bool = False) -> None:
        super().__init__(Text(INTRO, style="italic"), id=id)
        self.warnings = warnings

    def show(self, document: RunDocument, failure: str | None = None) -> None:
        text = Text()
        if failure is not None:
            text.append("Run failed: ", style="bold red")
            text.append(failure + "\n")
            text.append("Partial results are shown.\n", style="italic")
        verdict_text(document, text)
        if not document.checksums_ok:
            text.append(
                "\n✗ checksums disagree: some strategy lost or changed results", style="red"
            )
        amdahl = amdahl_line(document)
        if amdahl is not None:
            text.append("\n" + amdahl, style="italic")
        for warning in shown_warnings(document) if self.warnings else []:
            text.append("\n⚠ " + warning, style="yellow")
        if shows_article(document):
            text.append("\n" + article_note(document), style="italic")
        self.update(text)

    def show_measuring(self, previous: bool) -> None:
        text = Text("Measuring… the meters show where the work runs.", style="italic")
        if previous:
            text.append(PREVIOUS, style="italic")
        self.update(text)

    def show_failure(self, reason: str, previous: bool = False) -> None:
        text = Text("Run failed: ", style="bold red")
        text.append(reason)
        text.append("\nNothing was measured, so nothing was saved.", style="italic")
        if previous:
            text.append(PREVIOUS, style="italic")
        self.update(text)

    def show_cancelled(self, previous: bool = False) -> None:
        text = Text("Run cancelled; its worker processes were stopped.", style="italic")
        if previous:
            text.append(PREVIOUS, style="italic")
        self.update(text)
