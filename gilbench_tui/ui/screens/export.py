"""The export dialog (`e` where a run is shown): JSON, CSV or Markdown, written as
`gilbench-<run id>.<ext>` in the export folder (where the app was started, unless the app was
given another). `j`, `c` or `m` (or the arrows and enter) picks a format; the file is written in a
thread job, and the dialog closes saying where it went, or stays open saying why it could not.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gilbench_tui.engine.formats import FORMATS, file_name
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.ui.messages import ExportFailed, RunExported
from gilbench_tui.ui.run_text import run_summary
from gilbench_tui.ui.widgets.footer import AppFooter


class ExportScreen(ModalScreen[Path | None]):
    """Dismissed with the file written, or None when escape closed it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(f.key, f"export('{f.name}')", f.label) for f in FORMATS.values()),
        Binding("escape", "close", "Cancel"),
    ]

    def __init__(self, document: RunDocument, directory: Path) -> None:
        super().__init__()
        self.document = document
        self.directory = directory
        self.writing = False

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "export run"
            box.border_subtitle = " · ".join(f"{f.key} {f.label}" for f in FORMATS.values())
            yield Static(
                f"{run_summary(self.document)}\ninto {self.directory}",
                id="export-text",
                markup=False,
            )
            width = max(len(f.label) for f in FORMATS.values())
            yield OptionList(
                *(
                    Option(
                        f"{f.key}  {f.label.ljust(width)}  {file_name(self.document.id, f.name)}",
                        id=f.name,
                    )
                    for f in FORMATS.values()
                ),
                id="export-choices",
            )
            yield Static("", id="export-problem", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#export-problem").display = False
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.action_export(event.option.id)

    def action_export(self, fmt: str) -> None:
        if not self.writing:
            self.writing = True
            self.write_file(fmt)

    def action_close(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def write_file(self, fmt: str) -> None:
        from gilbench_tui.engine.export import write

        try:
            path = write(self.document, fmt, self.directory / file_name(self.document.id, fmt))
        except OSError as exc:
            self.post_message(
                ExportFailed(f"{exc.strerror or exc}: {exc.filename or self.directory}")
            )
            return
        self.post_message(RunExported(str(path)))

    def on_run_exported(self, message: RunExported) -> None:
        self.app.notify(message.path, title="Exported", markup=False)
        self.dismiss(Path(message.path))

    def on_export_failed(self, message: ExportFailed) -> None:
        self.writing = False
        problem = self.query_one("#export-problem", Static)
        problem.update(f"not written: {message.reason}")
        problem.display = True
        self.app.notify(message.reason, title="Not exported", severity="error", markup=False)
