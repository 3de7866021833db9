"""A choice from a list: a labelled compact select, and under it a tag and a line about the choice.

The workload and the interpreter panes are both this shape; after a refused run the line says what
is wrong with the choice instead, until the choice changes.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Select, Static


class ChoicePane(Vertical):
    """`label` beside a select of `options`; `describe()` fills the tag and the line under it.

    The tag's style class says how threads fare with the choice: a workload's GIL behaviour
    (-holds, -releases, -waits) or an interpreter's GIL (-gil, -free, -legacy)."""

    DEFAULT_CSS = """
    ChoicePane {
        height: auto;
        & > Horizontal { height: 1; }
        & Label.field-label { width: 9; color: $text-muted; }
        & Select { width: 1fr; }
        & Label.gil-tag { width: auto; margin-right: 1; text-style: bold; }
        /* Red where threads take turns, green where they run at once. */
        & Label.gil-tag.-holds, & Label.gil-tag.-gil { color: $text-error; }
        & Label.gil-tag.-releases, & Label.gil-tag.-free { color: $text-success; }
        & Label.gil-tag.-waits { color: $text-accent; }
        & Label.gil-tag.-legacy { color: $text-warning; }
        & Static.choice-about {
            width: 1fr;
            color: $text-muted;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
        &.-invalid Label.field-label { color: $text-error; }
        &.-invalid Static.choice-about { color: $text-error; }
    }
    """

    def __init__(
        self, label: str, options: list[tuple[str, str]], value: str, *, about: str, id: str | None
    ) -> None:
        super().__init__(id=id)
        self._label = label
        self._options = options
        self._value = value
        self._about_class = about

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self._label, classes="field-label")
            yield Select(self._options, value=self._value, allow_blank=False, compact=True)
        with Horizontal():
            yield Label("", classes="gil-tag")
            yield Static("", classes=f"choice-about {self._about_class}", markup=False)

    @property
    def select(self) -> Select[str]:
        return self.query_one(Select)

    @property
    def focus_target(self) -> Widget:
        return self.select

    @property
    def about(self) -> Static:
        return self.query_one(".choice-about", Static)

    def describe(self, tag: str, style: str, about: str, tooltip: str | None) -> None:
        """Show what the choice is; this also clears a problem shown before."""
        self.remove_class("-invalid")
        label = self.query_one(".gil-tag", Label)
        label.update(tag)
        label.set_classes(f"gil-tag {style}" if style else "gil-tag")
        self.about.update(about)
        self.about.tooltip = tooltip

    def show_problem(self, message: str | None) -> None:
        """Why a run was refused with this choice, in place of what the choice is; None: what
        the choice is again."""
        if message is None:
            if self.has_class("-invalid"):
                self.chosen(self.select.value)
            return
        self.add_class("-invalid")
        self.about.update(f"✗ {message}")
        self.about.tooltip = message

    def chosen(self, value: object) -> None:
        """Called with the select's new value; the panes describe it."""

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        event.stop()
        self.chosen(event.value)
