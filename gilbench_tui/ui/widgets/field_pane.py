"""One typed field of the spec: a label, a one-line input, and a note that explains or objects.

The note is validated as the person types, so a bad value is explained where it was typed, and the
run key only has to ask the pane for its value (which raises SpecError while the value is bad). A
problem admission finds with a sound value (too big for memory) is shown in the same note.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from gilbench_tui.engine.spec import SpecError
from gilbench_tui.ui.widgets.field_input import FieldInput

T = TypeVar("T")


@dataclass(frozen=True)
class FieldFormat(Generic[T]):
    """What a typed field is: its label, how its text is read and explained, which keys it keeps
    (`allowed`, one character, and whole `words`), what it shows while empty, and what it means."""

    label: str
    parse: Callable[[str], T]
    explain: Callable[[T], str]
    allowed: str
    words: tuple[str, ...] = ()
    placeholder: str = ""
    tooltip: str | None = None


class FieldPane(Vertical, Generic[T]):
    """A labelled input whose text is read and explained by its FieldFormat.

    An empty explanation hides the note until the value is wrong, to save a line.
    """

    DEFAULT_CSS = """
    FieldPane {
        height: auto;
        & > Horizontal { height: 1; }
        & Label.field-label { width: 9; color: $text-muted; }
        & Static.field-note { color: $text-muted; padding-left: 9; }
        &.-invalid Static.field-note { color: $text-error; }
        &.-invalid Label.field-label { color: $text-error; }
    }
    """

    def __init__(self, fmt: FieldFormat[T], value: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.format = fmt
        self._initial = value

    def compose(self) -> ComposeResult:
        fmt = self.format
        with Horizontal():
            yield Label(fmt.label, classes="field-label")
            yield FieldInput(
                self._initial,
                allowed=fmt.allowed,
                words=fmt.words,
                placeholder=fmt.placeholder,
                tooltip=fmt.tooltip,
            )
        yield Static("", classes="field-note", markup=False)

    def on_mount(self) -> None:
        self.check()

    @property
    def input(self) -> FieldInput:
        return self.query_one(FieldInput)

    @property
    def text(self) -> str:
        return self.input.value

    def set_text(self, text: str) -> None:
        self.input.value = text
        self.check()

    @property
    def value(self) -> T:
        """The parsed value; raises SpecError while the text is not valid."""
        return self.format.parse(self.text)

    @property
    def error(self) -> str | None:
        try:
            self.format.parse(self.text)
        except SpecError as exc:
            return str(exc)
        return None

    @property
    def focus_target(self) -> FieldInput:
        return self.input

    def show_problem(self, message: str | None) -> None:
        """What is wrong with the value, under it, until the text changes; None: nothing more
        than the value's own problem, if it has one."""
        if message is None:
            self.check()
            return
        self.add_class("-invalid")
        note = self.query_one(".field-note", Static)
        note.update(f"✗ {message}")
        note.display = True

    def check(self) -> bool:
        """Show what the value means, or what is wrong with it; True when it is valid."""
        note = self.query_one(".field-note", Static)
        try:
            value = self.format.parse(self.text)
        except SpecError as exc:
            self.add_class("-invalid")
            note.update(f"✗ {exc}")
            note.display = True
            return False
        self.remove_class("-invalid")
        explanation = self.format.explain(value)
        note.update(explanation)
        note.display = bool(explanation)
        return True

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.check()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.check():
            self.screen.focus_next()
