"""The pieces that only CPython 3.14 runs, checked where no 3.14 is installed: the interpreter-pool
strategy (concurrent.futures.InterpreterPoolExecutor), subinterpreters over concurrent.interpreters,
the forkserver default of `processes`, and free-threading's supported status.

Each stands in for the 3.14 module with something of the same shape that runs here, so what is
checked is our side: what we call, in which order, and what we make of the answers.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import sys
import types
from typing import Any, ClassVar

import pytest

from gilbench_tui.engine.labels import free_threading_status
from gilbench_tui.probe import strategies, strategy_interpreter_pool, strategy_interpreters
from gilbench_tui.probe.catalog import STRATEGIES, WORKLOADS
from gilbench_tui.probe.tasks_python import pidigits
from gilbench_tui.ui.screens.help import LAB, WHY_THREADS

HAS_POOL = hasattr(concurrent.futures, "InterpreterPoolExecutor")


class PoolStandIn(concurrent.futures.ThreadPoolExecutor):
    """An InterpreterPoolExecutor's interface on threads; records what it was given."""

    made: ClassVar[list[dict[str, Any]]] = []

    def __init__(self, max_workers: int, initializer: Any = None, initargs: Any = ()) -> None:
        PoolStandIn.made.append({"max_workers": max_workers, "initializer": initializer})
        super().__init__(max_workers=max_workers, initializer=initializer, initargs=initargs)


@pytest.mark.skipif(HAS_POOL, reason="this Python has InterpreterPoolExecutor")
def test_interpreter_pool_is_unavailable_before_314_with_the_reason() -> None:
    reason = strategies.available("interpreter-pool")
    assert reason is not None and "InterpreterPoolExecutor needs CPython 3.14" in reason
    assert (
        STRATEGIES["interpreter-pool"].own_interpreter and STRATEGIES["interpreter-pool"].parallel
    )


def test_interpreter_pool_runs_the_tasks_and_reports_its_start_up_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(concurrent.futures, "InterpreterPoolExecutor", PoolStandIn, raising=False)
    PoolStandIn.made.clear()
    assert strategies.available_for("interpreter-pool", "pidigits") is None
    result = strategies.measure("interpreter-pool", "pidigits", [1500, 1600, 1700])
    assert result.checksums == [pidigits(1500 + 100 * i, i).checksum for i in range(3)]
    assert result.pool_startup_s is not None and result.pool_startup_s >= 0
    assert 0 <= result.startup_s <= result.wall_s
    # each interpreter is made with the builtin exec of the line that gives it our sys.path
    assert PoolStandIn.made == [{"max_workers": 3, "initializer": exec}]


def test_interpreter_pool_tasks_are_importable_by_name() -> None:
    """What crosses into another interpreter is pickled by name: module and function names."""
    output = strategy_interpreter_pool.run_task(
        "gilbench_tui.probe.tasks_python", "pidigits", 1500, 0, False
    )
    assert output[0] == pidigits(1500, 0).checksum
    assert strategy_interpreter_pool.run_task.__module__.endswith("strategy_interpreter_pool")


class FakeInterpreter:
    """concurrent.interpreters.Interpreter's exec/close, run in this interpreter."""

    made: ClassVar[list[FakeInterpreter]] = []

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {}
        self.closed = False
        FakeInterpreter.made.append(self)

    def exec(self, code: str) -> None:
        exec(code, self.namespace)

    def close(self) -> None:
        self.closed = True


def test_subinterpreters_speak_concurrent_interpreters_on_314(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = types.ModuleType("concurrent.interpreters")
    fake.create = FakeInterpreter  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "concurrent.interpreters", fake)
    monkeypatch.setattr(sys, "version_info", (3, 14, 0, "final", 0))
    backend, reason = strategy_interpreters._find_backend()
    monkeypatch.undo()
    assert reason is None and backend is not None
    assert backend.module_name == "concurrent.interpreters"
    monkeypatch.setattr(strategy_interpreters, "_CACHE", [(backend, None)])
    FakeInterpreter.made.clear()
    strategy = STRATEGIES["subinterpreters"]
    result = strategy_interpreters.measure(strategy, WORKLOADS["pidigits"], [1500, 1500], False)
    assert result.checksums == [pidigits(1500, 0).checksum, pidigits(1500, 1).checksum]
    assert len(FakeInterpreter.made) == 2 and all(i.closed for i in FakeInterpreter.made)


def test_processes_follow_the_platforms_default_start_method_forkserver_on_314(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """3.14 made forkserver the default on Linux: `processes` and `process-pool` use it, and
    it is then started once, before anything is timed."""
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda allow_none=False: "forkserver")
    assert strategies.start_method("processes") == "forkserver"
    assert strategies.start_method("process-pool") == "forkserver"
    assert strategies.start_method("processes-fork") == "fork"
    assert "fork on Linux up to 3.13, forkserver from 3.14" in " ".join(LAB.split())


def test_free_threading_is_experimental_in_313_and_supported_from_314() -> None:
    assert free_threading_status((3, 13, 5)) == "experimental"
    assert free_threading_status((3, 14, 0)) == "supported, PEP 779"
    assert "officially supported (PEP 779)" in " ".join(WHY_THREADS.split())
