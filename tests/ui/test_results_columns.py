"""The app's results table shows the columns the CLI and Markdown show (tests/test_columns.py),
under the short headings; when it is short of room, only the columns the specification lets give
way are left out."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.app import App, ComposeResult

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render import columns
from gilbench_tui.ui.widgets.results_table import ResultsTable
from tests.factories import run_document
from tests.test_export import measured_everything

from .support import table_settled, wait_until

LAB = replace(
    run_document(measured_everything()),
    spec=run_document().spec.with_changes(workload="sha256"),
)


class TableApp(App[None]):
    def __init__(self, run: RunDocument) -> None:
        super().__init__()
        self.run_shown = run

    def compose(self) -> ComposeResult:
        yield ResultsTable()

    def on_mount(self) -> None:
        self.query_one(ResultsTable).show(self.run_shown)


async def shown_keys(run: RunDocument, width: int) -> list[str]:
    app = TableApp(run)
    async with app.run_test(size=(width, 20)) as pilot:
        table = app.query_one(ResultsTable)
        await wait_until(pilot, lambda: table.row_count > 0 and table_settled(table))
        labels = [str(column.label) for column in table.columns.values()]
    by_heading = {c.short_heading: c.key for c in columns.COLUMNS if c.when is not columns.EXPORT}
    return [by_heading[label] for label in labels]


@pytest.mark.parametrize("run", [run_document(), LAB], ids=["the article's", "lab"])
async def test_with_room_the_app_shows_the_cli_columns(run: RunDocument) -> None:
    assert await shown_keys(run, 200) == [c.key for c in columns.shown(run)]


async def test_short_of_room_efficiency_and_the_p50_give_way() -> None:
    keys = await shown_keys(LAB, 60)
    assert [c.key for c in columns.shown(LAB) if c.drop_rank is None] == keys
