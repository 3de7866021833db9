"""The widgets that show one run's results, shared by the main screen and a run opened from the
history: the table, the note on strategies that could not run, the run's warnings, the legend and
the charts.

The charts' modules (plotext) are imported when the parts are first made, not with this module,
so the main screen's first frame does not wait for them.

They stay separate children of the screen's scrolling column (no wrapper), so each keeps its own
height rules and the column scrolls when they do not fit.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.dom import DOMNode

from gilbench_tui.engine.results import RunDocument

#: The ids of the parts, for styling and for dimming them while a new run measures.
PARTS = ("#results", "#unavailable", "#notes", "#legend", "#charts")


def results_parts() -> ComposeResult:
    from gilbench_tui.ui.widgets.chart_legend import ChartLegend
    from gilbench_tui.ui.widgets.results_table import ResultsTable
    from gilbench_tui.ui.widgets.run_charts import RunCharts
    from gilbench_tui.ui.widgets.run_notes import RunNotes
    from gilbench_tui.ui.widgets.unavailable_note import UnavailableNote

    yield ResultsTable(id="results")
    yield UnavailableNote(id="unavailable")
    yield RunNotes(id="notes")
    yield ChartLegend(id="legend")
    yield RunCharts(id="charts")


def measured_strategies(document: RunDocument) -> list[str]:
    """The spec's strategies that have results, in the spec's order (the legend's)."""
    measured = {r.strategy for r in document.results}
    return [name for name in document.spec.strategies if name in measured]


def show_results(node: DOMNode, document: RunDocument) -> None:
    """Fill the parts composed under `node` with `document`."""
    from gilbench_tui.ui.widgets.chart_legend import ChartLegend
    from gilbench_tui.ui.widgets.results_table import ResultsTable
    from gilbench_tui.ui.widgets.run_charts import RunCharts
    from gilbench_tui.ui.widgets.run_notes import RunNotes
    from gilbench_tui.ui.widgets.unavailable_note import UnavailableNote

    table = node.query_one(ResultsTable)
    table.show(document)
    table.border_subtitle = (
        f"{document.spec.workload} · {document.spec.size:,} items · {document.id}"
    )
    node.query_one(UnavailableNote).show(document)
    node.query_one(RunNotes).show(document)
    node.query_one(ChartLegend).show(measured_strategies(document))
    node.query_one(RunCharts).plot(document)
