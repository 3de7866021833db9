"""The Dask workers' meter beside the cores while a dask strategy runs, and the scheduler field."""

from __future__ import annotations

import pytest

from gilbench_tui.engine import admission
from gilbench_tui.ui.widgets.cluster_meter import ClusterMeter
from gilbench_tui.ui.widgets.core_meter import CoreMeter
from gilbench_tui.ui.widgets.spec_form import SpecForm
from tests.demo import DemoRunner

from .support import SPEC, harness, wait_until

DASK_SPEC = SPEC.with_changes(strategies=("serial", "dask-processes"), warmup=0, repeat=1)


@pytest.fixture(autouse=True)
def dask_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """The form admits dask strategies as on an interpreter with the [dask] extra."""
    monkeypatch.setattr(admission, "has_dask", lambda: True)


async def test_the_workers_cpu_shows_beside_the_cores_only_while_dask_runs() -> None:
    runner = DemoRunner(hold_at=1)  # stops inside dask-processes, after its cluster event
    h = harness(DASK_SPEC, runner=runner)
    async with h.app.run_test(size=(100, 30)) as pilot:
        meter = h.app.query_one(ClusterMeter)
        assert meter.seen is None and meter.region.height == 0
        await pilot.press("r")
        await wait_until(pilot, lambda: meter.seen is not None)
        await pilot.pause()
        assert meter.seen is not None and meter.seen.local
        assert [w.threads for w in meter.seen.workers] == [1, 1]
        text = str(meter.render())
        assert "dask local cluster · 2 workers on 1 host" in text
        assert text.count("127.0.0.1") == 2 and "99%" in text
        cores = h.app.query_one(CoreMeter)
        assert meter.region.height == 2 and meter.region.y > cores.region.y
        assert h.app.query_one("#monitor").region.contains_region(meter.region)
        runner.release.set()
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert meter.seen is None and meter.region.height == 0


async def test_on_a_users_cluster_each_worker_is_labelled_by_its_host() -> None:
    runner = DemoRunner(hold_at=1)
    spec = DASK_SPEC.with_changes(dask_scheduler="tcp://10.0.0.5:8786")
    h = harness(spec, runner=runner)
    async with h.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        meter = h.app.query_one(ClusterMeter)
        await wait_until(pilot, lambda: meter.seen is not None)
        await pilot.pause()
        text = str(meter.render())
        assert "dask tcp://10.0.0.5:8786 · 4 workers on 2 hosts" in text
        assert text.count("10.0.0.6") == 2 and text.count("10.0.0.7") == 2
        assert "97%" in text and "67%" in text
        runner.release.set()
        await h.app.workers.wait_for_complete()
        assert runner.specs[-1].dask_scheduler == "tcp://10.0.0.5:8786"


async def test_the_scheduler_field_reads_checks_and_reaches_the_spec() -> None:
    h = harness(DASK_SPEC)
    async with h.app.run_test(size=(100, 30)) as pilot:
        form = h.app.query_one(SpecForm)
        options = form.options_pane
        assert options.dask_scheduler is None and form.read().dask_scheduler is None
        options.scheduler_pane.set_text("ftp://nowhere")
        await pilot.pause()
        with pytest.raises(Exception, match="not a scheduler address"):
            form.read()
        assert not options.collapsed, "a problem under the folded options unfolds them"
        options.scheduler_pane.set_text("tcp://10.0.0.5:8786")
        await pilot.pause()
        assert form.read().dask_scheduler == "tcp://10.0.0.5:8786"
        form.load(DASK_SPEC.with_changes(strategies=("serial",), dask_scheduler="tcp://h:1"))
        await pilot.pause()
        assert "dask tcp://h:1" in str(options.title)
        with pytest.raises(Exception, match="add dask-threads or dask-processes"):
            form.read()
