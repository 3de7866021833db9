"""A run on a busy machine: at 100×30 the verdict's headline and how sure it is stay at the top of
the verdict column, and the warnings that say why stand under the results table, in view."""

from __future__ import annotations

from textual.widget import Widget

from gilbench_tui.ui.widgets.run_notes import RunNotes
from gilbench_tui.ui.widgets.verdict_view import VerdictView
from tests.demo import DemoSampler
from tests.ui.busy import BusyRunner, busy_document

from .support import SPEC, discovered, harness


def on_screen(widget: Widget, rows: int) -> bool:
    region = widget.region
    return region.height > 0 and region.y >= 0 and region.bottom <= rows


def test_the_busy_document_says_so() -> None:
    document = busy_document(SPEC)
    assert document.verdict_detail is not None
    assert document.verdict_detail.confidence == "likely"
    assert document.verdict_detail.reasons[0].startswith("the machine was busy")
    assert any("other programs used up to 0.90 cores" in w for w in document.warnings)


async def test_busy_warnings_and_the_headline_are_in_view_at_100x30() -> None:
    h = harness(SPEC, runner=BusyRunner(), sampler=DemoSampler(cores=2))
    async with h.app.run_test(size=(100, 30)) as pilot:
        await discovered(h, pilot)
        await pilot.press("r")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        verdict = h.app.query_one(VerdictView)
        notes = h.app.query_one(RunNotes)
        assert on_screen(notes, 29)
        assert 0 <= verdict.region.y < 29, "the verdict's first line, its headline, is in view"
        shown = str(notes.render())
        assert "other programs used up to 0.90 cores" in shown
        assert "a busy loop got only 1.25×" in shown
        lines = str(verdict.render()).splitlines()
        assert lines[0].startswith("At 2 workers:")
        assert "[likely]" in "\n".join(lines[:3])
        assert "⚠" not in str(verdict.render()), "warnings are said once, beside the table"
