"""Above the verdict, after a comparison over several interpreters: what it says, in the engine's
words (engine.cross_interpreter.conclusion), which interpreters failed, and the key to its matrix.

The decision comes first; the verdict below and the results beside stay the last run's; the matrix is too wide for the verdict column, so `m` opens
it on a screen of its own (MatrixScreen).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from gilbench_tui.engine.cross_interpreter import conclusion, name
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.ui.messages import MatrixEnded
from gilbench_tui.ui.widgets.run_notes import NoteStrip


def conclusion_text(runs: Sequence[RunDocument], failures: Sequence[str] = ()) -> Text:
    """The conclusion a line each, then a line per interpreter whose run failed."""
    text = Text("\n".join(conclusion(runs)))
    for failure in failures:
        text.append(f"\n✗ {failure}", style="red")
    return text


def comparison_text(ended: MatrixEnded) -> Text:
    runs = ended.runs
    text = Text()
    state = "cancelled" if ended.cancelled else "done"
    text.append(f"Comparison {state}: ", style="bold")
    text.append(" · ".join(name(run) for run in runs) or "nothing measured")
    said = conclusion_text(runs, ended.failures)
    if said:
        text.append("\n")
        text.append_text(said)
    if runs:
        text.append(f"\nm shows the matrix; below, {name(runs[-1])}'s run.", style="italic")
    return text


class ComparisonNote(NoteStrip):
    """Hidden until a comparison ends (app.tcss places it)."""

    def show(self, ended: MatrixEnded | None) -> None:
        """The comparison's conclusion; None hides the note (a new run is measuring)."""
        self.say(comparison_text(ended) if ended is not None else Text())
