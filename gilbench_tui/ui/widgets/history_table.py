"""The history as a table, newest run first: a mark, the short id (as `gilbench history` shows
it, and every command accepts), date, workload, size, interpreter and the
verdict's headline, cut to the room left so the table never scrolls sideways."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from gilbench_tui.engine.references import short_id
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.spec import format_size
from gilbench_tui.engine.usercode import short_name
from gilbench_tui.render.verdict_text import headline
from gilbench_tui.ui.run_text import interpreter_short, short_date

COLUMNS = ("", "id", "date", "workload", "size", "interpreter", "verdict")
MARK = "●"
#: The verdict column is never narrower than this, even if the table must scroll for it.
MIN_VERDICT = 16
#: Padding each side of a cell, and the room kept for the vertical scrollbar.
PADDING = 1
SCROLLBAR = 2


def history_cells(
    document: RunDocument, *, marked: bool, room: int, all_ids: Sequence[str] = ()
) -> list[str | Text]:
    """The row of `document`; its id short (see references.short_id) among `all_ids`."""
    spec = document.spec
    return [
        Text(MARK if marked else " ", style="bold"),
        short_id(document.id, all_ids),
        short_date(document.started_at),
        short_name(spec.workload),
        Text(format_size(spec.size), justify="right"),
        interpreter_short(document.interpreter),
        headline(document, room),
    ]


class HistoryTable(DataTable[str | Text]):
    """Rows keyed by run id; `show()` fills it, `set_marked()` updates one mark in place."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, cell_padding=PADDING)
        self.runs: list[RunDocument] = []
        self.marked: set[str] = set()

    def show(self, runs: Sequence[RunDocument], marked: Sequence[str] = ()) -> None:
        """Fill the table with `runs` (in the order given), keeping the cursor on the same run."""
        current = self.current_id
        self.runs = list(runs)
        self.marked = set(marked)
        rows = [self._cells(run, room=10_000) for run in self.runs]
        fixed = [
            max([cell_len(COLUMNS[i]), *(cell_len(str(row[i])) for row in rows)])
            for i in range(len(COLUMNS) - 1)
        ]
        used = sum(fixed) + 2 * PADDING * len(COLUMNS) + SCROLLBAR
        room = max(MIN_VERDICT, (self.size.width or 100) - used)
        self.clear(columns=True)
        for label, width in zip(COLUMNS, [*fixed, room], strict=True):
            self.add_column(label, width=width, key=label or "mark")
        for run in self.runs:
            self.add_row(*self._cells(run, room=room), key=run.id)
        ids = [run.id for run in self.runs]
        if current in ids:
            self.move_cursor(row=ids.index(current), animate=False)

    def _cells(self, run: RunDocument, room: int) -> list[str | Text]:
        ids = [r.id for r in self.runs]
        return history_cells(run, marked=run.id in self.marked, room=room, all_ids=ids)

    def set_marked(self, run_id: str, marked: bool) -> None:
        if marked:
            self.marked.add(run_id)
        else:
            self.marked.discard(run_id)
        self.update_cell(run_id, "mark", Text(MARK if marked else " ", style="bold"))

    @property
    def current(self) -> RunDocument | None:
        """The run under the cursor."""
        if not self.runs or not 0 <= self.cursor_row < len(self.runs):
            return None
        return self.runs[self.cursor_row]

    @property
    def current_id(self) -> str | None:
        current = self.current
        return None if current is None else current.id

    def on_resize(self, event: events.Resize) -> None:
        if self.runs:
            self.show(self.runs, sorted(self.marked))
