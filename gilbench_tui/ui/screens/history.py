"""The history screen (`h`): every saved run, newest first. `enter` opens one, `space` marks up
to two and `c` compares them, `d` deletes one after a y/n question, `e` exports one, `i` shows
where it ran; on a run of a comparison over several interpreters, `m` shows the comparison's matrix.

The history file is read, and runs deleted from it, in thread jobs that post messages; the
handlers below own the list, the marks and the widgets. Lines the store could not read (garbage,
or a run with a field of the wrong type), a run that cannot be drawn in the list, or a file the
store had to move aside, are named at the top instead of being passed over.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.ui.messages import DeleteFailed, HistoryFailed, HistoryLoaded, RunDeleted
from gilbench_tui.ui.run_text import run_summary, what_was_run
from gilbench_tui.ui.services import HistoryStore
from gilbench_tui.ui.widgets.footer import AppFooter
from gilbench_tui.ui.widgets.history_table import HistoryTable, history_cells
from gilbench_tui.ui.widgets.run_problem import guarded

EMPTY = "No runs in the history yet: esc goes back, r measures one."
MARK_HINT = "space marks a run; mark two and c compares them."
MAX_MARKED = 2


class HistoryScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding, so the table's own (hidden) enter does not take it.
        Binding("enter", "open", "Open", priority=True),
        Binding("space", "mark", "Mark"),
        Binding("c", "compare", "Compare"),
        Binding("m", "matrix", "Matrix"),
        Binding("d", "delete", "Delete"),
        Binding("e", "export", "Export"),
        Binding("i", "info", "Info"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, store: HistoryStore, export_dir: Path) -> None:
        super().__init__()
        self.store = store
        self.export_dir = export_dir
        #: Newest first, as listed.
        self.runs: list[RunDocument] = []
        #: Ids of the marked runs, in the order they were marked.
        self.marked: list[str] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Static("", id="history-problems", markup=False)
        yield HistoryTable(id="history-table")
        yield Static("reading the history…", id="history-detail")
        yield AppFooter()

    def on_mount(self) -> None:
        table = self.query_one(HistoryTable)
        table.border_title = "history"
        self.query_one("#history-problems").display = False
        table.focus()
        self.load_history()

    # -- the jobs ----------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def load_history(self) -> None:
        try:
            history = self.store.load()
        except OSError as exc:
            self.post_message(HistoryFailed(str(exc)))
            return
        self.post_message(HistoryLoaded(history))

    @work(thread=True, group="history-delete", exit_on_error=False)
    def delete_run(self, run_id: str) -> None:
        try:
            self.store.delete(run_id)
        except (LookupError, OSError) as exc:
            self.post_message(DeleteFailed(run_id, str(exc)))
            return
        self.post_message(RunDeleted(run_id))

    # -- bindings ----------------------------------------------------------------------------------

    @property
    def current(self) -> RunDocument | None:
        return self.query_one(HistoryTable).current

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "mark", "delete", "info", "export"):
            return self.current is not None
        if action == "matrix":
            return self.current is not None and self.current.comparison is not None
        if action == "compare":
            if len(self.marked) == MAX_MARKED:
                return True
            return None if len(self.runs) >= MAX_MARKED else False
        return True

    def action_open(self) -> None:
        document = self.current
        if document is not None:
            from gilbench_tui.ui.screens.run import RunScreen

            self.app.push_screen(RunScreen(document, self.export_dir))

    def action_mark(self) -> None:
        document = self.current
        if document is None:
            return
        table = self.query_one(HistoryTable)
        if document.id in self.marked:
            self.marked.remove(document.id)
            table.set_marked(document.id, False)
        else:
            if len(self.marked) == MAX_MARKED:
                table.set_marked(self.marked.pop(0), False)
            self.marked.append(document.id)
            table.set_marked(document.id, True)
        table.action_cursor_down()
        self._describe()
        self.refresh_bindings()

    def action_compare(self) -> None:
        if len(self.marked) != MAX_MARKED:
            return
        from gilbench_tui.ui.screens.compare import CompareScreen

        by_id = {run.id: run for run in self.runs}
        before, after = sorted((by_id[i] for i in self.marked), key=lambda r: r.started_at)
        self.app.push_screen(CompareScreen(before, after))

    def action_matrix(self) -> None:
        """The comparison the run under the cursor belongs to: its runs, oldest first."""
        document = self.current
        if document is None or document.comparison is None:
            return
        from gilbench_tui.engine.cross_interpreter import members
        from gilbench_tui.ui.screens.matrix import MatrixScreen

        together = members(sorted(self.runs, key=lambda r: r.started_at), document.comparison)
        self.app.push_screen(MatrixScreen(document.comparison, together))

    def action_delete(self) -> None:
        document = self.current
        if document is None:
            return
        from gilbench_tui.ui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete_run(document.id)

        question = (
            f"Delete this run from the history?\n\n{run_summary(document)}\n\n"
            "It is removed from runs.jsonl; this cannot be undone."
        )
        self.app.push_screen(ConfirmScreen("delete run", question), answered)

    def action_info(self) -> None:
        document = self.current
        if document is not None:
            from gilbench_tui.ui.screens.metadata import MetadataScreen

            self.app.push_screen(MetadataScreen(document))

    def action_export(self) -> None:
        document = self.current
        if document is not None:
            from gilbench_tui.ui.screens.export import ExportScreen

            self.app.push_screen(ExportScreen(document, self.export_dir))

    def action_back(self) -> None:
        self.dismiss()

    # -- handlers: all state changes happen here ---------------------------------------------------

    def on_history_loaded(self, message: HistoryLoaded) -> None:
        history = message.history
        self.loaded = True
        self.runs = []
        problems = [history.describe_problems()]
        for run in reversed(history.runs):
            draw = partial(history_cells, run, marked=False, room=80)
            problem = guarded(self, f"run {run.id}", draw)
            problems.append(problem)
            if problem is None:
                self.runs.append(run)
        known = {run.id for run in self.runs}
        self.marked = [run_id for run_id in self.marked if run_id in known]
        self._problem("\n⚠ ".join(p for p in problems if p is not None) or None)
        self._fill()

    def on_history_failed(self, message: HistoryFailed) -> None:
        self.loaded = True
        self.runs = []
        self.marked = []
        self._problem(message.reason)
        self._fill()

    def on_run_deleted(self, message: RunDeleted) -> None:
        self.runs = [run for run in self.runs if run.id != message.run_id]
        if message.run_id in self.marked:
            self.marked.remove(message.run_id)
        self._fill()
        self.notify(f"run {message.run_id} deleted", title="History", markup=False)

    def on_delete_failed(self, message: DeleteFailed) -> None:
        self.notify(
            message.reason, title="Could not delete the run", severity="error", markup=False
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe()
        self.refresh_bindings()

    # -- helpers -----------------------------------------------------------------------------------

    def _problem(self, text: str | None) -> None:
        problems = self.query_one("#history-problems", Static)
        problems.update(f"⚠ {text}" if text else "")
        problems.display = text is not None

    def _fill(self) -> None:
        table = self.query_one(HistoryTable)
        table.show(self.runs, self.marked)
        count = len(self.runs)
        table.border_subtitle = f"{count} run{'s' if count != 1 else ''}"
        self._describe()
        self.refresh_bindings()

    def _describe(self) -> None:
        """The run under the cursor in full: what was run, its verdict, and what the marks do."""
        detail = self.query_one("#history-detail", Static)
        document = self.current
        if not self.loaded:
            return
        if document is None:
            detail.update(Text(EMPTY, style="italic"))
            return
        text = Text()
        problem = guarded(self, f"run {document.id}", partial(what_was_run, document))
        if problem is None:
            text.append(what_was_run(document) + "\n", style="bold")
        else:
            text.append(problem + "\n", style="bold red")
        text.append(document.verdict + "\n")
        if document.comparison is not None:
            count = sum(run.comparison == document.comparison for run in self.runs)
            text.append(
                f"One of {count} runs of comparison {document.comparison}: m shows its matrix.\n",
                style="italic",
            )
        if len(self.marked) == MAX_MARKED:
            text.append("2 runs marked: c compares them.", style="italic")
        elif self.marked:
            text.append("1 run marked: mark one more to compare.", style="italic")
        else:
            text.append(MARK_HINT, style="italic")
        detail.update(text)
