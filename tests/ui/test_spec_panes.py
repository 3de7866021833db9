"""Pilot tests of the choice panes: inline validation, keys inside fields, tab between panes."""

from __future__ import annotations

import pytest
from textual.widgets import Select, SelectionList

from gilbench_tui.engine import admission
from gilbench_tui.engine.admission import Field, Problem
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.ui.widgets.field_input import FieldInput
from gilbench_tui.ui.widgets.field_pane import FieldPane
from gilbench_tui.ui.widgets.spec_form import SpecForm
from gilbench_tui.ui.widgets.workload_pane import WorkloadPane

from .support import SPEC, discovered, harness


async def test_panes_show_the_preset_spec() -> None:
    spec = BenchSpec(workload="sha256", size=500_000, workers=(1, 2, 3, 4), repeat=5)
    h = harness(spec)
    async with h.app.run_test(size=(100, 30)):
        form = h.app.query_one(SpecForm)
        assert form.size_pane.text == "500k"
        assert form.workers_pane.text == "1-4"
        assert form.repeat_pane.text == "5"
        assert h.app.query_one(WorkloadPane).value == "sha256"
        assert form.read() == spec


@pytest.mark.parametrize(
    ("text", "size"), [("2M", 2_000_000), ("500k", 500_000), ("2e6", 2_000_000)]
)
async def test_size_field_takes_the_usual_forms(text: str, size: int) -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        h.app.query_one("#size FieldInput").focus()
        await pilot.pause()
        await pilot.press(*text)
        pane = h.app.query_one(SpecForm).size_pane
        assert pane.value == size
        assert f"{size:,}" in str(pane.query_one(".field-note").content)
        assert not pane.has_class("-invalid")


async def test_bad_size_shows_inline_error_and_r_refuses_with_a_notice() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        h.app.query_one("#size FieldInput").focus()
        await pilot.pause()
        await pilot.press("backspace", *"1.5.", "tab")
        pane = h.app.query_one(SpecForm).size_pane
        assert pane.has_class("-invalid")
        assert "✗" in str(pane.query_one(".field-note").content)
        await pilot.press("r")
        await pilot.pause()
        assert h.runner.specs == []
        assert "Not run: fix the spec first" in h.note_titles()
        assert h.app.focused is pane.input, "the focus goes to the field to fix"


async def test_letters_a_field_cannot_hold_reach_the_bindings() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        field = h.app.query_one("#size FieldInput", FieldInput)
        field.focus()
        await pilot.pause()
        await pilot.press(*"3M", "r")
        await h.app.workers.wait_for_complete()
        assert field.value == "3M"
        assert h.runner.specs[0].size == 3_000_000


async def test_workers_field_spells_cores_but_lets_r_run_after_a_number() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        field = h.app.query_one("#workers FieldInput", FieldInput)
        field.focus()
        await pilot.pause()
        await pilot.press(*"1-cores")
        assert field.value == "1-cores"
        assert h.app.query_one(SpecForm).workers_pane.value == tuple(range(1, 9))
        assert field.check_consume_key("r", "r") is False
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        assert h.runner.specs[0].workers == tuple(range(1, 9))


async def test_bad_workers_and_no_strategy_are_refused() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        form = h.app.query_one(SpecForm)
        form.workers_pane.set_text("4-2")
        assert form.workers_pane.has_class("-invalid")
        form.workers_pane.set_text("2")
        h.app.query_one(SelectionList).deselect_all()
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert h.runner.specs == []
        assert h.app.focused is h.app.query_one(SelectionList)


async def test_choosing_a_workload_shows_its_gil_behaviour() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        pane = h.app.query_one(WorkloadPane)
        assert "holds the GIL" in str(pane.query_one(".gil-tag").content)
        h.app.query_one(Select).value = "sleep"
        await pilot.pause()
        assert "waits" in str(pane.query_one(".gil-tag").content)
        assert pane.query_one(".gil-tag").has_class("-waits")


async def test_strategies_toggle_with_space() -> None:
    h = harness(BenchSpec(strategies=("serial",), workers=(2,)))
    async with h.app.run_test(size=(100, 30)) as pilot:
        selections = h.app.query_one(SelectionList)
        selections.focus()
        await pilot.press("down", "space", "r")
        await h.app.workers.wait_for_complete()
        assert h.runner.specs[0].strategies == ("serial", "threads")


async def test_tab_and_shift_tab_move_between_panes() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        order = []
        for _ in range(7):
            order.append(h.app.focused)
            await pilot.press("tab")
        assert order[0] is h.app.query_one("#workload Select")
        assert order[1] is h.app.query_one("#interpreter Select")
        assert order[2] is h.app.query_one("#size FieldInput")
        assert order[3] is h.app.query_one("#workers FieldInput")
        assert isinstance(order[4], SelectionList)
        assert order[5] is h.app.query_one("#repeat FieldInput")
        assert order[6] is h.app.query_one("#options CollapsibleTitle")
        await pilot.press("shift+tab")
        assert h.app.focused is order[6]


async def test_enter_in_a_field_moves_on_and_escape_leaves_it() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        h.app.query_one("#size FieldInput").focus()
        await pilot.pause()
        await pilot.press("enter")
        assert h.app.focused is h.app.query_one("#workers FieldInput")
        await pilot.press("escape")
        assert h.app.focused is None


async def test_field_pane_reports_the_first_problem() -> None:
    h = harness()
    async with h.app.run_test(size=(100, 30)):
        form = h.app.query_one(SpecForm)
        repeat: FieldPane[int] = form.repeat_pane
        repeat.set_text("0")
        assert repeat.error is not None and "repeat" in repeat.error
        assert form.first_invalid() is repeat.input
        repeat.set_text(str(SPEC.repeat))
        assert form.first_invalid() is None


async def test_a_run_too_big_for_memory_is_refused_before_it_starts() -> None:
    spec = BenchSpec(workload="seed", size=2_000_000_000, workers=(8,), repeat=1)
    h = harness(spec)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert h.runner.specs == []
        assert "Not run: fix the spec first" in h.note_titles()
        assert any("needs about" in message for message, _ in h.notes)
        size = h.app.query_one(SpecForm).size_pane
        assert h.app.focused is size.input
        assert size.has_class("-invalid")
        assert "✗ this run needs about" in str(size.query_one(".field-note").content)
        await pilot.press(*"2M")
        assert not size.has_class("-invalid"), "typing in the field clears the problem"


@pytest.mark.parametrize(
    ("field", "selector"),
    [
        ("workload", "#workload Select"),
        ("python", "#interpreter Select"),
        ("size", "#size FieldInput"),
        ("workers", "#workers FieldInput"),
        ("strategies", "#strategies SelectionList"),
        ("repeat", "#repeat FieldInput"),
        ("switch_interval_s", "#switch FieldInput"),
    ],
)
async def test_the_form_asks_admission_and_shows_each_problem_under_its_field(
    monkeypatch: pytest.MonkeyPatch, field: Field, selector: str
) -> None:
    asked: list[BenchSpec] = []

    def refuse(spec: BenchSpec, **kwargs: object) -> list[Problem]:
        asked.append(spec)
        return [Problem("warmup", "no pane for this one"), Problem(field, "not like this")]

    monkeypatch.setattr(admission, "problems", refuse)
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await discovered(h, pilot)
        await pilot.press("r")
        await pilot.pause()
        assert asked and h.runner.specs == []
        assert h.notes[-1][0] == "no pane for this one", "the notice says the first problem"
        pane = h.app.query_one(SpecForm).panes()[field]
        assert pane.has_class("-invalid") or pane.query(".-invalid"), "shown as wrong"
        assert "✗ not like this" in pane.query_one(".field-note, .choice-about").render().plain
        assert h.app.focused is h.app.query_one(selector), "the focus goes to the field"
