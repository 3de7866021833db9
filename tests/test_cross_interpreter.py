"""The same spec on several interpreters: the fastest cell, the free-threaded build's cost, and the
runs kept as one comparison."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from gilbench_tui.commands.common import execute
from gilbench_tui.engine import cross_interpreter as cross
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.store import Store
from tests.factories import INTERPRETER, result, run_document

FREE = replace(INTERPRETER, version="3.13.5", gil_disabled_build=True, gil_enabled=False)


def gil_run() -> RunDocument:
    return run_document(
        [
            result("serial", 2, 2.0, 1.0),
            result("threads", 2, 2.0, 1.0),
            result("processes", 2, 1.1, 1.8),
        ]
    )


def free_run(serial: float = 3.0, threads: float = 1.6) -> RunDocument:
    rows = [
        result("serial", 2, serial, 1.0),
        result("threads", 2, threads, serial / threads),
        result("processes", 2, 1.7, serial / 1.7),
    ]
    return replace(run_document(rows), interpreter=FREE, id="20261130-101600-def456")


def test_the_conclusion_names_the_fastest_cell_and_the_single_thread_cost() -> None:
    lines = cross.conclusion([gil_run(), free_run()])
    assert lines == [
        "Fastest at 2 workers: 3.11.7 processes, 1.1 s",
        "3.13.5t serial is 1.50× slower than 3.11.7's; its threads at 2 workers (1.6 s) against "
        "3.11.7's processes (1.1 s)",
    ]


def test_faster_or_equal_serial_and_a_gil_turned_on_are_said_so() -> None:
    faster = cross.conclusion([gil_run(), free_run(serial=1.5, threads=0.9)])
    assert faster[0] == "Fastest at 2 workers: 3.13.5t threads, 900 ms"
    assert faster[1].startswith("3.13.5t serial is 1.33× faster than 3.11.7's")
    same = cross.conclusion([gil_run(), free_run(serial=2.02)])[1]
    assert same.startswith("3.13.5t serial is about as fast as 3.11.7's")
    on = free_run()
    on = replace(on, interpreter=replace(FREE, gil_enabled=True))
    assert cross.conclusion([gil_run(), on])[1].endswith("(its GIL was on)")


def test_without_a_free_threaded_build_or_a_second_run_only_the_fastest_is_said() -> None:
    other = replace(gil_run(), interpreter=replace(INTERPRETER, version="3.12.1"))
    assert cross.conclusion([gil_run(), other]) == ["Fastest at 2 workers: 3.11.7 processes, 1.1 s"]
    assert cross.conclusion([gil_run()]) == []


def test_the_runs_of_a_comparison_are_found_again_in_order() -> None:
    a, b = replace(gil_run(), comparison="cmp-1"), replace(free_run(), comparison="cmp-1")
    assert cross.members([a, gil_run(), b], "cmp-1") == [a, b]
    assert cross.comparison_id().startswith("cmp-")


def test_a_run_is_saved_with_its_comparison(tmp_path: Path) -> None:
    store = Store(tmp_path)
    spec = BenchSpec(size=2000, strategies=("serial",), repeat=1, warmup=0)
    run, failure = execute(spec, store, quiet=True, comparison="cmp-x")
    assert failure is None and run is not None and run.comparison == "cmp-x"
    assert [r.comparison for r in store.load().runs] == ["cmp-x"]
