"""The strategies pane: a checkbox per way of running k tasks, from the catalog."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from gilbench_tui.engine.spec import SpecError
from gilbench_tui.probe.catalog import STRATEGIES


class StrategiesPane(Vertical):
    """Checkboxes in the catalog's order; space or enter toggles the highlighted one."""

    DEFAULT_CSS = """
    StrategiesPane {
        height: auto;
        & Label.field-label { color: $text-muted; }
        & SelectionList {
            height: auto; max-height: 10; border: none; padding: 0; background: transparent;
        }
        & Static.field-note { color: $text-error; }
        &.-invalid Label.field-label { color: $text-error; }
    }
    """

    def __init__(self, chosen: Iterable[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial = set(chosen)

    def compose(self) -> ComposeResult:
        yield Label("strategies", classes="field-label")
        yield SelectionList[str](
            *(Selection(name, name, name in self._initial) for name in STRATEGIES)
        )
        yield Static("", classes="field-note", markup=False)

    def on_mount(self) -> None:
        self.query_one(".field-note").display = False
        self.selection_list.tooltip = "\n".join(
            f"{s.name}: {s.description}" for s in STRATEGIES.values()
        )

    @on(SelectionList.SelectedChanged)
    def _changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        self.set_class(not self.selection_list.selected, "-invalid")
        self.query_one(".field-note").display = False

    def show_problem(self, message: str | None) -> None:
        """What is wrong with the choice, under the list, until it changes; None: nothing."""
        note = self.query_one(".field-note", Static)
        note.display = message is not None
        note.update(f"✗ {message}" if message is not None else "")
        self.set_class(message is not None or not self.is_valid, "-invalid")

    @property
    def focus_target(self) -> SelectionList[str]:
        return self.selection_list

    @property
    def selection_list(self) -> SelectionList[str]:
        return self.query_one(SelectionList)

    @property
    def is_valid(self) -> bool:
        return bool(self.selection_list.selected)

    @property
    def value(self) -> tuple[str, ...]:
        """The chosen strategies in the catalog's order; SpecError when none is chosen."""
        chosen = set(self.selection_list.selected)
        names = tuple(name for name in STRATEGIES if name in chosen)
        if not names:
            raise SpecError("choose at least one strategy (serial gives the baseline)")
        return names

    def set_value(self, names: Iterable[str]) -> None:
        wanted = set(names)
        selections = self.selection_list
        selections.deselect_all()
        for name in STRATEGIES:
            if name in wanted:
                selections.select(name)
