"""The engine, the probe and the monitor must load without the UI toolkit (checked in a fresh
interpreter, so nothing imported by other tests can hide a leak)."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

FORBIDDEN = ("textual", "textual_plotext", "rich", "gilbench_tui.ui")


@pytest.mark.parametrize(
    "modules",
    [
        [
            "gilbench_tui.engine.runner",
            "gilbench_tui.engine.store",
            "gilbench_tui.engine.export",
            "gilbench_tui.engine.seed",
            "gilbench_tui.engine.progress",
        ],
        ["gilbench_tui.probe.worker", "gilbench_tui.probe.strategies"],
        ["gilbench_tui.monitor"],
        ["gilbench_tui.commands.run", "gilbench_tui.commands.seed"],
    ],
)
def test_core_does_not_import_the_ui(modules: list[str]) -> None:
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r} "
        f"or m.startswith('gilbench_tui.ui'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def loaded(setup: str, prefixes: tuple[str, ...]) -> list[str]:
    """The modules starting with `prefixes` that a fresh interpreter holds after `setup`."""
    code = (
        f"import sys\n{setup}\n"
        f"print(sorted(m for m in sys.modules if m.startswith({prefixes!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    listed: list[str] = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    return listed


def test_version_loads_nothing_heavy() -> None:
    setup = "from gilbench_tui.cli import main\nmain(['--version'])"
    assert loaded(setup, ("gilbench_tui.engine", "textual", "psutil", "plotext")) == []


def test_the_app_loads_the_charts_and_the_runner_after_its_first_frame() -> None:
    """The main screen's first frame needs neither the charts (plotext) nor the spec form, the
    results table or the runner; they load when the panes are mounted, right after it."""
    later = (
        "plotext",
        "textual_plotext",
        "gilbench_tui.engine.runner",
        "gilbench_tui.engine.doctor",
        "gilbench_tui.ui.widgets.spec_form",
        "gilbench_tui.ui.widgets.results_table",
        "gilbench_tui.ui.widgets.run_charts",
    )
    assert loaded("import gilbench_tui.commands.tui, gilbench_tui.ui.app", later) == []
