"""One interpreter label, long where there is room and short where there is not."""

from __future__ import annotations

from dataclasses import replace

from gilbench_tui.engine.interpreters import InterpreterInfo
from gilbench_tui.engine.labels import interpreter_label
from gilbench_tui.render.metadata import metadata_lines
from tests.factories import INTERPRETER, run_document


def test_long_and_short_forms() -> None:
    assert interpreter_label("CPython", "3.12.3", False) == "CPython 3.12.3"
    assert interpreter_label("cpython", "3.12.3", False, short=True) == "CPython 3.12.3"
    assert interpreter_label("CPython", "3.13.1", True) == "CPython 3.13.1 (free-threaded)"
    assert interpreter_label("CPython", "3.13.1", True, short=True) == "CPython 3.13.1t"
    assert interpreter_label("PyPy", "3.10.14", False) == "PyPy 3.10.14"
    assert interpreter_label("", "", False) == "python"


def test_runs_and_discovered_interpreters_share_it() -> None:
    free = replace(INTERPRETER, version="3.13.1", gil_disabled_build=True, gil_enabled=False)
    assert free.label == "CPython 3.13.1 (free-threaded)"
    info = InterpreterInfo(
        path="/usr/bin/python3.13t",
        executable="/usr/bin/python3.13t",
        implementation="CPython",
        version="3.13.1",
        version_info=(3, 13, 1),
        gil_disabled_build=True,
        gil_enabled=False,
        switch_interval_s=0.005,
        compiler="GCC",
    )
    assert info.label == "CPython 3.13.1t"
    run = replace(run_document(), interpreter=free)
    assert "interpreter  CPython 3.13.1 (free-threaded) · " in metadata_lines(run)[3]
