from __future__ import annotations

from dataclasses import replace

from gilbench_tui.engine.verdict import verdict
from tests.factories import INTERPRETER, result


def test_gil_bound_workload() -> None:
    results = [
        result("serial", 2, 1.2, 1.0),
        result("threads", 2, 1.24, 0.97),
        result("processes", 2, 0.61, 1.96),
    ]
    assert verdict(results, "holds", INTERPRETER, 2) == (
        "At 2 workers: processes 1.96× faster; threads 0.97×: the GIL serialises this workload."
    )


def test_threads_slower_than_serial_like_python_2() -> None:
    results = [result("serial", 2, 4.1, 1.0), result("threads", 2, 5.5, 0.74)]
    text = verdict(results, "holds", INTERPRETER, 2)
    assert text.startswith("At 2 workers: threads 1.35× slower")
    assert "slower than serial" in text


def test_workload_that_releases_the_gil() -> None:
    results = [result("serial", 2, 1.0, 1.0), result("threads", 2, 0.55, 1.82)]
    assert "releases the GIL" in verdict(results, "releases", INTERPRETER, 2)


def test_slow_threads_on_a_workload_that_releases_the_gil_blame_the_size() -> None:
    results = [result("serial", 2, 0.001, 1.0), result("threads", 2, 0.0014, 0.7)]
    assert "try a larger size" in verdict(results, "releases", INTERPRETER, 2)


def test_free_threaded_interpreter() -> None:
    results = [result("serial", 2, 1.0, 1.0), result("threads", 2, 0.55, 1.82)]
    no_gil = replace(INTERPRETER, gil_enabled=False, gil_disabled_build=True)
    assert "GIL is off" in verdict(results, "holds", no_gil, 2)


def test_waiting_workload() -> None:
    results = [result("serial", 2, 1.0, 1.0), result("threads", 2, 0.5, 2.0)]
    assert "waiting" in verdict(results, "waits", INTERPRETER, 2)


def test_uses_the_largest_worker_count_and_edge_cases() -> None:
    results = [
        result("serial", 1, 1.0, 1.0),
        result("threads", 1, 1.0, 1.0),
        result("serial", 4, 4.0, 1.0),
        result("threads", 4, 4.0, 1.0),
    ]
    assert verdict(results, "holds", INTERPRETER, 2).startswith("At 4 workers")
    assert verdict([], "holds", INTERPRETER, 2) == "Nothing was measured."
    assert "no serial" in verdict([result("threads", 2, 1, None)], "holds", INTERPRETER, 2)
    assert "one core" in verdict(
        [result("serial", 2, 1, 1.0), result("processes", 2, 1, 1.0)], "holds", INTERPRETER, 1
    )
    assert "With 1 worker" in verdict(
        [result("serial", 1, 1, 1.0), result("threads", 1, 1, 1.0)], "holds", INTERPRETER, 2
    )
