"""The results of a run as a table: the columns the CLI and the exports show (`render.columns`),
in their short form and under their short headings, so the table fits beside the spec panes.

Where even that does not fit, the columns the specification lets give way are left out, and the
table scrolls sideways for the rest with the strategy column held in place. The best speedup is
bold, checksums are green or red and the article's figures (beside the seed workload) italic.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from gilbench_tui.engine.results import RunDocument, StrategyResult
from gilbench_tui.render import columns
from gilbench_tui.render.columns import Column

#: Padding each side of a cell, and the room kept for the vertical scrollbar.
PADDING = 1
SCROLLBAR = 2
ARTICLE_COLUMNS = tuple(c.short_heading for c in columns.COLUMNS if c.when is columns.ARTICLE)


def best_speedup(document: RunDocument) -> float:
    """The highest speedup of any strategy but serial (bold in the table), or 0."""
    return max((r.speedup or 0.0 for r in document.results if r.strategy != "serial"), default=0)


def result_cells(result: StrategyResult, shown: list[Column], best: float) -> list[Text]:
    cells = []
    for column in shown:
        text = Text(column.cell(result, short=True), justify="right" if column.right else "left")
        if column.key == "speedup" and result.strategy != "serial" and result.speedup == best > 0:
            text.stylize("bold")
        elif column.key == "check":
            text.stylize("bold green" if result.checksum_ok else "bold red")
        elif column.when is columns.ARTICLE:
            text.stylize("italic")
        cells.append(text)
    return cells


def column_widths(shown: list[Column], rows: list[list[Text]]) -> list[int]:
    """Each column as wide as its widest cell or its heading."""
    return [
        max([cell_len(column.short_heading), *(cell_len(row[i].plain) for row in rows)])
        for i, column in enumerate(shown)
    ]


class ResultsTable(DataTable[Text]):
    """One row per strategy and worker count, in the order the spec listed them."""

    DEFAULT_CSS = """
    ResultsTable {
        height: auto;
        max-height: 14;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, cell_padding=PADDING)
        self.document: RunDocument | None = None
        #: The width the shown columns were chosen for.
        self._shown_for = 0

    def on_mount(self) -> None:
        shown = [c for c in columns.COLUMNS if c.when is columns.When.ALWAYS]
        for column, width in zip(shown, column_widths(shown, []), strict=True):
            self.add_column(column.short_heading, width=width)

    def show(self, document: RunDocument) -> None:
        self.document = document
        shown = columns.shown(document)
        best = best_speedup(document)
        rows = [result_cells(r, shown, best) for r in document.results]
        widths = column_widths(shown, rows)
        self._shown_for = self.size.width
        room = (self.size.width or 10_000) - SCROLLBAR
        padded = [w + 2 * PADDING for w in widths]
        kept = columns.fit(shown, padded, room)
        keep = [column in kept for column in shown]
        # When it must scroll sideways, the strategy column stays in place.
        self.fixed_columns = int(sum(w for w, k in zip(padded, keep, strict=True) if k) > room)
        self.clear(columns=True)
        # Widths set up front: the table then never renders a header sized for an empty table
        # (it measures new rows only when idle).
        for column, width, k in zip(shown, widths, keep, strict=True):
            if k:
                self.add_column(column.short_heading, width=width)
        for row in rows:
            self.add_row(*(cell for cell, k in zip(row, keep, strict=True) if k))

    def on_resize(self, event: events.Resize) -> None:
        """A new width may fit more or fewer columns; a new height changes nothing."""
        if self.document is not None and event.size.width != self._shown_for:
            self.show(self.document)
