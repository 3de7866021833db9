"""The first frame shows the frame, the meters and the keys; the panes and the results come right
after it, and a key that needs them, pressed before they exist, runs once they do."""

from __future__ import annotations

from textual import events
from textual.message import Message

from gilbench_tui.ui.widgets.core_meter import CoreMeter
from gilbench_tui.ui.widgets.footer import AppFooter
from gilbench_tui.ui.widgets.results_table import ResultsTable
from gilbench_tui.ui.widgets.spec_form import SpecForm
from gilbench_tui.ui.widgets.workload_pane import WorkloadPane

from .support import SPEC, harness


async def test_the_panes_follow_the_first_frame_and_an_early_r_still_runs() -> None:
    h = harness()
    first_frame: dict[str, object] = {}

    def at_first_frame(message: Message) -> None:
        if isinstance(message, events.Ready) and not first_frame:
            screen = h.app.main_screen
            first_frame["meters"] = len(screen.query(CoreMeter))
            first_frame["footer"] = len(screen.query(AppFooter))
            first_frame["panes"] = len(screen.query(SpecForm)) + len(screen.query(ResultsTable))
            first_frame["built"] = screen.built.is_set()
            screen.action_run()  # r, before the spec form exists

    async with h.app.run_test(size=(100, 30), message_hook=at_first_frame) as pilot:
        assert first_frame == {"meters": 1, "footer": 1, "panes": 0, "built": False}
        screen = h.app.main_screen
        assert screen.built.is_set()
        assert screen.query_one(SpecForm).border_title == "spec"
        assert h.app.focused is screen.query_one(WorkloadPane).select
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert h.runner.specs == [SPEC]
        assert h.app.query_one(ResultsTable).row_count > 0
