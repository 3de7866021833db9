"""Your own code: a path field that completes as you type, and the file's top-level functions.

The functions come from parsing the file (engine.usercode.functions_in); nothing here imports or
runs it: that happens in the worker process, when a run is asked for. What is wrong (no such
file, a syntax error, a function gilbench cannot call) shows in the note under the fields.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from gilbench_tui.engine import usercode
from gilbench_tui.ui.widgets.path_suggester import PathSuggester

PLACEHOLDER = "path/to/file.py"


class UserCodePane(Vertical):
    """`reference` is `PATH:FUNC` as typed and chosen (FUNC empty until one is chosen)."""

    DEFAULT_CSS = """
    UserCodePane {
        height: auto;
        & > Horizontal { height: 1; }
        & Label.field-label { width: 9; color: $text-muted; }
        & Input { width: 1fr; }
        & Select { width: 1fr; }
        & Static.user-code-note { color: $text-muted; padding-left: 9; }
        &.-invalid Static.user-code-note { color: $text-error; }
    }
    """

    def __init__(self, reference: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        path, _, function = reference.rpartition(":") if reference else ("", "", "")
        self._path = path
        self._function = function

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label("file", classes="field-label")
            yield Input(
                self._path,
                placeholder=PLACEHOLDER,
                suggester=PathSuggester(),
                compact=True,
                id="user-path",
                tooltip="A Python file; → takes the completion. Its functions are found by "
                "parsing it, never by running it.",
            )
        with Horizontal():
            yield Label("function", classes="field-label")
            yield Select[str]([], prompt="(choose a file)", compact=True, id="user-function")
        yield Static("", classes="user-code-note", markup=False)

    def on_mount(self) -> None:
        self._list_functions(self._function)

    @property
    def path_input(self) -> Input:
        return self.query_one("#user-path", Input)

    @property
    def function_select(self) -> Select[str]:
        return self.query_one("#user-function", Select)

    @property
    def reference(self) -> str:
        function = self.function_select.value
        chosen = function if isinstance(function, str) else ""
        return f"{self.path_input.value.strip()}:{chosen}"

    def set_reference(self, reference: str) -> None:
        path, _, function = reference.rpartition(":")
        with self.prevent(Input.Changed):
            self.path_input.value = path
        self._list_functions(function)

    def show_problem(self, message: str | None) -> None:
        """Why a run was refused with this code, under the fields; None: the file's summary."""
        if message is None:
            self._list_functions(self._chosen())
            return
        self._note(f"✗ {message}", invalid=True)

    def _chosen(self) -> str:
        value = self.function_select.value
        return value if isinstance(value, str) else ""

    def _list_functions(self, keep: str = "") -> None:
        """Parse the file named in the path field and offer its functions, keeping `keep`; the
        select's own Changed messages from this are not a person's choice, so none is sent."""
        with self.prevent(Select.Changed):
            self._offer_functions(keep)

    def _offer_functions(self, keep: str) -> None:
        select = self.function_select
        text = self.path_input.value.strip()
        if not text:
            select.set_options([])
            self._note("a file of yours, then one of its functions")
            return
        path = Path(text).expanduser()
        if not path.is_file():
            select.set_options([])
            self._note(f"✗ no such file: {text}", invalid=True)
            return
        try:
            functions = usercode.functions_in(path)
        except ValueError as exc:
            select.set_options([])
            self._note(f"✗ {exc}", invalid=True)
            return
        if not functions:
            select.set_options([])
            self._note(f"✗ {path.name} has no top-level function", invalid=True)
            return
        select.set_options([(f.signature, f.name) for f in functions])
        names = [f.name for f in functions]
        usable = [f.name for f in functions if f.problem is None]
        choice = keep if keep in names else (usable or names)[0]
        select.value = choice
        self._describe(next(f for f in functions if f.name == choice))

    def _describe(self, function: usercode.FunctionInfo) -> None:
        if function.problem is not None:
            self._note(f"✗ line {function.line}: {function.problem}", invalid=True)
        else:
            how = "FUNC(size, index)" if len(function.params) else "FUNC(), size is a label"
            self._note(f"called as {how.replace('FUNC', function.name)}; GIL measured")

    def _note(self, text: str, invalid: bool = False) -> None:
        self.set_class(invalid, "-invalid")
        self.query_one(".user-code-note", Static).update(text)

    @on(Input.Changed, "#user-path")
    def _path_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._list_functions(self._chosen())

    @on(Input.Submitted, "#user-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.function_select.focus()

    @on(Select.Changed, "#user-function")
    def _function_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._list_functions(self._chosen())
