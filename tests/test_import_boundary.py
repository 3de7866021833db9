"""The engine, the probe and the monitor must load without the UI toolkit (checked in a fresh
interpreter, so nothing imported by other tests can hide a leak)."""

from __future__ import annotations

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


def test_version_loads_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from gilbench_tui.cli import main\n"
        "main(['--version'])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('gilbench_tui.engine', 'textual',"
        " 'psutil', 'plotext'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
