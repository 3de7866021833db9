"""`i`: this machine now (`gilbench doctor`'s checks) and where the shown run was measured.

The machine check takes about a second (it samples the load and times a busy loop in a few
processes), so it runs in a thread job and the dialog says "checking…" until it is done. It is
not run while a benchmark measures: its busy loop would disturb the measurement, so the dialog
then says so and shows only the run's own record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from gilbench_tui.engine.doctor import Check
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render.metadata import metadata_lines
from gilbench_tui.ui.messages import MachineExamined
from gilbench_tui.ui.run_text import short_date, what_was_run
from gilbench_tui.ui.widgets.footer import AppFooter
from gilbench_tui.ui.widgets.run_problem import guarded

WHILE_RUNNING = "not checked while a run measures: the check's busy loop would disturb it"


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


def checks_text(checks: Sequence[Check]) -> Text:
    """One line per check, `!` and the advice where the reading can spoil a measurement."""
    text = Text()
    width = max((len(c.topic) for c in checks), default=0)
    for check in checks:
        text.append("✓ " if check.ok else "! ", style="bold green" if check.ok else "bold red")
        text.append(check.topic.ljust(width), style="bold")
        text.append(f"  {check.value}\n")
    for check in checks:
        if check.advice:
            text.append(f"! {check.advice}\n", style="red")
    if all(check.ok for check in checks):
        text.append("Nothing here should disturb a measurement.\n", style="green")
    return text


class MetadataScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("i", "close", "Close", show=False),
    ]

    def __init__(
        self,
        document: RunDocument | None,
        examine: Callable[[], list[Check]] | None = None,
        measuring: bool = False,
    ) -> None:
        """With `examine`, the dialog also checks this machine now, unless `measuring` (a run is
        on: the check would disturb it). Without it, only the run's record (history screens)."""
        super().__init__()
        self.document = document
        self.examine = None if measuring else examine
        self.machine_section = examine is not None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="metadata-box") as box:
            box.border_title = "this machine now · and the run shown"
            box.border_subtitle = "esc closes"
            if self.machine_section:
                yield Static(Text("this machine now", style="bold underline"))
                yield Static("checking…" if self.examine else WHILE_RUNNING, id="machine-now")
            if self.document is not None:
                title = f"\nwhere run {self.document.id} was measured"
                yield Static(Text(title, style="bold underline"))
                yield Static(id="metadata-text")
        yield AppFooter()

    def on_mount(self) -> None:
        if self.examine is not None:
            self.check_machine(self.examine)
        document = self.document
        if document is None:
            return
        shown = self.query_one("#metadata-text", Static)
        problem = guarded(self, f"run {document.id}", lambda: shown.update(metadata_text(document)))
        if problem is not None:
            shown.update(Text(problem, style="bold red"))

    @work(thread=True, exclusive=True, group="machine-check", exit_on_error=False)
    def check_machine(self, examine: Callable[[], list[Check]]) -> None:
        """The job behind "this machine now": it posts what it found, never touches a widget."""
        try:
            self.post_message(MachineExamined(examine(), None))
        except Exception as exc:  # a failed check is shown in its place; the app goes on
            self.post_message(MachineExamined([], f"the check failed: {exc}"))

    @on(MachineExamined)
    def show_checks(self, message: MachineExamined) -> None:
        shown = self.query_one("#machine-now", Static)
        if message.problem is not None:
            shown.update(Text(message.problem, style="bold red"))
        else:
            shown.update(checks_text(message.checks))

    def action_close(self) -> None:
        self.workers.cancel_group(self, "machine-check")
        self.dismiss()
