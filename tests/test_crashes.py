"""A worker that dies mid-run (the test-only `crash` workload aborts its process): the CLI says so
in one line and exits 1; the app shows the error and stays usable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.store import Store

ENV = {**os.environ, "GILBENCH_TEST_WORKLOADS": "1"}


def gilbench(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gilbench_tui", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        env=ENV,
    )


def test_the_crash_workload_is_hidden_without_the_variable(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gilbench_tui", "run", "--workload", "crash"],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "GILBENCH_TEST_WORKLOADS"},
    )
    assert done.returncode == 2
    assert "unknown workload 'crash'" in done.stderr


@pytest.mark.parametrize(
    ("strategy", "message"),
    [
        ("serial", "the worker process was killed by SIGABRT"),
        ("processes", "of 2 failed"),  # either task may fail first
    ],
)
def test_cli_reports_a_crash_in_one_line_and_exits_1(
    strategy: str, message: str, tmp_path: Path
) -> None:
    done = gilbench(
        "run", "--workload", "crash", "--strategies", strategy, "--size", "10", "--repeat", "1",
        data_dir=tmp_path,
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("gilbench: error: ")
    assert message in last


async def test_the_app_shows_the_crash_and_stays_usable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GILBENCH_TEST_WORKLOADS", "1")
    from gilbench_tui.probe.catalog import WORKLOADS, Workload

    crash = Workload("crash", "Abort the process", "holds", "aborts", "tasks_faults:crash")
    monkeypatch.setitem(WORKLOADS, "crash", crash)
    from gilbench_tui.ui.app import create_app
    from tests.demo import demo_discover

    spec = BenchSpec(workload="crash", size=10, workers=(1,), strategies=("serial",), repeat=1)
    app = create_app(spec, store=Store(tmp_path), discover=demo_discover([]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.main_screen
        assert not screen.running
        assert "SIGABRT" in str(screen.query_one("RunProgress").label)
        assert screen.check_action("run", ()) is True
