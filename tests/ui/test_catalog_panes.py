"""The app's panes list what the catalog holds: a strategy or a workload registered there is
offered, described and chosen like the built-in ones."""

from __future__ import annotations

import pytest
from textual.widgets import SelectionList

from gilbench_tui.probe.catalog import STRATEGIES, WORKLOADS
from gilbench_tui.ui.widgets.strategies_pane import StrategiesPane
from gilbench_tui.ui.widgets.workload_pane import WorkloadPane
from tests import probe_fakes

from .support import harness


async def test_the_panes_offer_a_strategy_and_a_workload_added_to_the_catalog(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(STRATEGIES, probe_fakes.BACKWARDS.name, probe_fakes.BACKWARDS)
    monkeypatch.setitem(WORKLOADS, probe_fakes.SQUARES.name, probe_fakes.SQUARES)
    h = harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        strategies = h.app.query_one(StrategiesPane)
        options = strategies.query_one(SelectionList)
        offered = [options.get_option_at_index(i).value for i in range(options.option_count)]
        assert offered == list(STRATEGIES)
        assert probe_fakes.BACKWARDS.description in str(options.tooltip)
        strategies.set_value(["serial", "backwards"])
        assert strategies.value == ("serial", "backwards")
        workload = h.app.query_one(WorkloadPane)
        workload.set_value("squares")
        await pilot.pause()
        assert workload.value == "squares"
        assert probe_fakes.SQUARES.label in str(workload.query_one(".workload-about").render())
