"""Strategies compute what serial computes, time it sanely, and fail loudly instead of hanging.

Fork-based strategies run in-process here; spawn and forkserver are exercised through the real
worker run by path (test_probe_worker.py and the last test below), which is how they are used.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gilbench_tui.probe import strategies, strategy_interpreters
from gilbench_tui.probe.catalog import STRATEGIES, WORKLOADS, Workload
from gilbench_tui.probe.strategies import (
    Measurement,
    TaskError,
    available,
    available_for,
    measure,
)
from gilbench_tui.probe.tasks_common import CHECKSUM_LIMIT, Output
from gilbench_tui.probe.tasks_python import pidigits
from gilbench_tui.probe.tasks_seed import seed

WORKER = Path(strategies.__file__).with_name("worker.py")
HAS_FORK = "fork" in multiprocessing.get_all_start_methods()
DEFAULT_IS_FORK = multiprocessing.get_start_method() == "fork"
IN_PROCESS = ["serial", "threads", "thread-pool"] + (
    ["processes-fork"] + (["process-pool"] if DEFAULT_IS_FORK else []) if HAS_FORK else []
)
SIZES = {
    "seed": 3000,
    "seed-shared": 3000,
    "pidigits": 4100,
    "primes": 4000,
    "sha256": 3000,
    "zlib": 3000,
    "bz2": 3000,
    "numpy": 7000,
    "sleep": 20000,
    "file-io": 3000,
    "socket": 3000,
}
RUNNABLE_WORKLOADS = [name for name, w in WORKLOADS.items() if w.unavailable() is None]
PROCESS_STRATEGIES = [s for s in ("processes-fork", "process-pool") if s in IN_PROCESS]


def test_names_and_descriptions() -> None:
    assert list(STRATEGIES)[:3] == ["serial", "threads", "processes"]
    for name in ("thread-pool", "process-pool", "asyncio", "subinterpreters"):
        assert name in STRATEGIES
    assert all(s.description and "\n" not in s.description for s in STRATEGIES.values())


def test_availability() -> None:
    for name in ("serial", "threads", "processes", "thread-pool", "process-pool", "asyncio"):
        assert available(name) is None
    for method in ("fork", "forkserver", "spawn"):
        expected = method in multiprocessing.get_all_start_methods()
        assert (available(f"processes-{method}") is None) == expected
    reason = available("green-threads")
    assert reason is not None and "unknown strategy" in reason


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the test interpreter has subinterpreters")
def test_subinterpreters_are_unavailable_before_312_with_the_reason() -> None:
    reason = available("subinterpreters")
    assert reason is not None
    assert "CPython 3.12 or newer" in reason and platform.python_version() in reason
    with pytest.raises(ValueError, match=r"3\.12 or newer"):
        measure("subinterpreters", "seed", [10])


def test_available_for_combines_strategy_and_workload() -> None:
    assert available_for("threads", "seed") is None
    assert available_for("asyncio", "sleep") is None
    assert available_for("asyncio", "socket") is None
    reason = available_for("asyncio", "seed")
    assert reason is not None and "seed has no asyncio variant" in reason
    assert "sleep, socket" in reason
    assert available_for("asyncio", "file-io") is not None
    assert available_for("nope", "seed") == available("nope")
    unknown = available_for("serial", "nope")
    assert unknown is not None and "unknown workload" in unknown


def test_subinterpreters_refuse_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(strategy_interpreters, "unavailable", lambda strategy, workload: None)
    assert available_for("subinterpreters", "pidigits") is None
    assert available_for("subinterpreters", "numpy") == (
        "numpy does not support isolated subinterpreters"
    )


def test_start_methods() -> None:
    assert strategies.start_method("processes") == multiprocessing.get_start_method()
    assert strategies.start_method("process-pool") == multiprocessing.get_start_method()
    assert strategies.start_method("processes-spawn") == "spawn"
    assert strategies.start_method("threads") is None


@pytest.mark.parametrize("workload", RUNNABLE_WORKLOADS)
@pytest.mark.parametrize("strategy", IN_PROCESS)
def test_strategies_agree_with_serial(strategy: str, workload: str) -> None:
    size = SIZES[workload]
    record = WORKLOADS[workload]
    if record.shared_state and STRATEGIES[strategy].own_interpreter:
        pytest.skip("tasks that share state share nothing across processes (tested below)")
    for count in (1, 2):
        result = measure(strategy, workload, [size] * count)
        assert _folded(record, result.checksums) == _folded(record, _serial(record, size, count))
        _check_times(result)
        assert (result.pool_startup_s is not None) == STRATEGIES[strategy].startup_apart


def _serial(record: Workload, size: int, count: int) -> list[int]:
    record.before_run()
    return [record.load_task()(size, index).checksum for index in range(count)]


def _folded(record: Workload, checksums: list[int]) -> list[int]:
    """Tasks that share state are checked by the sum of their checksums only."""
    return [sum(checksums) % CHECKSUM_LIMIT] if record.shared_state else checksums


@pytest.mark.skipif(not HAS_FORK, reason="needs the fork start method")
def test_forked_processes_do_not_share_the_shared_generator() -> None:
    """random reseeds itself in a forked child: every process draws numbers of its own."""
    record = WORKLOADS["seed-shared"]
    result = measure("processes-fork", "seed-shared", [2000, 2000])
    assert len(set(result.checksums)) == 2
    assert _folded(record, result.checksums) != _folded(record, _serial(record, 2000, 2))


@pytest.mark.parametrize("workload", ["sleep", "socket"])
def test_asyncio_agrees_with_serial(workload: str) -> None:
    size = SIZES[workload]
    func = WORKLOADS[workload].load_task()
    result = measure("asyncio", workload, [size, size])
    assert result.checksums == [func(size, 0).checksum, func(size, 1).checksum]
    _check_times(result)


def test_asyncio_overlaps_the_waits() -> None:
    serial = measure("serial", "sleep", [300_000] * 3)
    overlapped = measure("asyncio", "sleep", [300_000] * 3)
    assert overlapped.wall_s < 0.6 * serial.wall_s
    assert overlapped.cpu_s < overlapped.wall_s


def test_asyncio_refuses_a_workload_without_a_coroutine() -> None:
    with pytest.raises(ValueError, match="no asyncio variant"):
        measure("asyncio", "seed", [10])


def test_pools_report_their_start_up_apart() -> None:
    result = measure("thread-pool", "sleep", [200_000, 200_000])
    assert result.pool_startup_s is not None and result.pool_startup_s < result.wall_s
    assert 0.015 <= result.wall_s < 0.2


@pytest.mark.skipif(not DEFAULT_IS_FORK, reason="spawn-like defaults run through the worker")
def test_the_process_pool_starts_its_workers_before_the_clock() -> None:
    result = measure("process-pool", "sleep", [100_000, 100_000])
    assert result.pool_startup_s is not None and result.pool_startup_s > 0
    assert result.startup_s < 0.05
    assert not multiprocessing.active_children()


def test_default_processes_strategy_agrees_with_serial() -> None:
    if not DEFAULT_IS_FORK:
        pytest.skip("spawn-like defaults are covered through the worker subprocess")
    result = measure("processes", "seed", [100, 200])
    assert result.checksums == [seed(100, 0).checksum, seed(200, 1).checksum]


def test_tasks_get_their_own_sizes() -> None:
    result = measure("threads", "seed", [5, 6, 7])
    expected = [seed(5, 0), seed(6, 1), seed(7, 2)]
    assert result.checksums == [output.checksum for output in expected]


def test_serial_starts_nothing_and_sleep_costs_no_cpu() -> None:
    serial = measure("serial", "sleep", [200_000, 200_000])
    assert serial.startup_s < 0.01
    assert serial.wall_s >= 0.04
    assert serial.cpu_s < serial.wall_s


@pytest.mark.skipif(not HAS_FORK, reason="needs fork")
def test_process_cpu_includes_the_children() -> None:
    result = measure("processes-fork", "seed", [300_000, 300_000])
    serial = measure("serial", "seed", [300_000, 300_000])
    assert result.cpu_s > 0.5 * serial.cpu_s


@pytest.mark.parametrize("strategy", PROCESS_STRATEGIES)
def test_return_data_ships_the_results_and_times_the_transfer(strategy: str) -> None:
    plain = measure(strategy, "seed", [200_000, 200_000])
    shipped = measure(strategy, "seed", [200_000, 200_000], return_data=True)
    assert plain.transfer_s is None
    assert shipped.checksums == plain.checksums
    assert shipped.transfer_s is not None and 0 < shipped.transfer_s < shipped.wall_s
    assert shipped.transfer_s > 0.001  # 2 × 200k floats do not cross a pipe for free


@pytest.mark.parametrize("strategy", ["serial", "threads", "thread-pool"])
def test_return_data_keeps_in_process_results_without_a_transfer(strategy: str) -> None:
    result = measure(strategy, "seed", [1000, 1000], return_data=True)
    assert result.transfer_s is None
    assert result.checksums == [seed(1000, i).checksum for i in range(2)]


def _boom(size: int, task_index: int, keep: bool = False) -> Output:
    if task_index == 1:
        raise ValueError("bad luck\nsecond line")
    return Output(size, None)


def _crash(size: int, task_index: int, keep: bool = False) -> Output:
    if task_index == 1:
        os._exit(3)
    return Output(size, None)


@pytest.fixture
def failing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register workloads that fail; their task functions live in this test module."""
    for func in (_boom, _crash):
        name = func.__name__.strip("_")
        record = Workload(name, name, "holds", name, f"{__name__}:{func.__name__}")
        monkeypatch.setitem(WORKLOADS, name, record)


@pytest.mark.usefixtures("failing")
@pytest.mark.parametrize("strategy", IN_PROCESS)
def test_a_failing_task_raises(strategy: str) -> None:
    with pytest.raises(TaskError) as caught:
        measure(strategy, "boom", [10, 10, 10])
    message = str(caught.value)
    assert "task 1 of 3" in message and "ValueError: bad luck second line" in message


@pytest.mark.usefixtures("failing")
@pytest.mark.parametrize("strategy", PROCESS_STRATEGIES)
def test_a_dying_child_raises_instead_of_hanging(strategy: str) -> None:
    """A dead pool worker breaks the whole pool, so any task may be the one reported."""
    task = "1" if strategy == "processes-fork" else "[01]"
    with pytest.raises(TaskError, match=rf"task {task} of 2 failed: .*(exit|terminated abruptly)"):
        measure(strategy, "crash", [10, 10])
    assert not multiprocessing.active_children()


def test_bad_arguments_are_rejected() -> None:
    with pytest.raises(ValueError, match="at least one task"):
        measure("serial", "seed", [])
    with pytest.raises(ValueError, match="unknown strategy"):
        measure("coroutines", "seed", [1])
    with pytest.raises(ValueError, match="unknown workload"):
        measure("serial", "nope", [1])


def test_spawn_forkserver_and_pools_agree_through_the_worker(tmp_path: Path) -> None:
    names = [s for s in ("processes-spawn", "processes-forkserver") if available(s) is None]
    spec = {
        "workload": "pidigits",
        "size": 2500,
        "workers": [2],
        "strategies": ["serial", *names, "thread-pool", "process-pool"],
        "repeat": 1,
        "warmup": 0,
    }
    done = subprocess.run(
        [sys.executable, "-I", str(WORKER)],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    samples = [e for e in map(json.loads, done.stdout.splitlines()) if e["event"] == "sample"]
    assert [s["strategy"] for s in samples] == spec["strategies"]
    expected = [pidigits(2500, 0).checksum, pidigits(2500, 1).checksum]
    for sample in samples:
        assert sample["checksums"] == expected
        assert 0 <= sample["startup_s"] <= sample["wall_s"]


def _check_times(result: Measurement) -> None:
    assert result.wall_s > 0
    assert 0 <= result.startup_s <= result.wall_s
    assert result.cpu_s >= 0
    assert result.transfer_s is None


def test_shipped_data_is_checked_against_the_crc_its_task_reported() -> None:
    from gilbench_tui.probe import strategy_processes

    blob = b"what the task sent"
    good = (7, 0.0, 0.0, strategy_processes.crc32(blob))
    strategy_processes.verify([good], [blob])
    strategy_processes.verify([(7, 0.0, 0.0, None)], [None])
    with pytest.raises(TaskError, match="arrived damaged"):
        strategy_processes.verify([good], [blob[:-1]])


@pytest.mark.parametrize("strategy", ["processes", "process-pool"])
def test_a_run_that_ships_data_verifies_it(strategy: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from gilbench_tui.probe import strategy_process_pool, strategy_processes

    checked: list[int] = []
    original = strategy_processes.verify

    def spy(reports: list[Any], shipped: list[Any]) -> None:
        checked.append(sum(blob is not None for blob in shipped))
        original(reports, shipped)

    monkeypatch.setattr(strategy_processes, "verify", spy)
    monkeypatch.setattr(strategy_process_pool, "verify", spy)
    measure(strategy, "seed", [1000, 1000], return_data=True)
    assert checked == [2]


def test_serial_runs_its_tasks_in_turn_on_one_thread_started_for_the_run() -> None:
    """Like the threads strategy's, serial's tasks start on a fresh thread: the two differ only
    in running at once (the main thread's allocator state plays no part); the workload's reset
    runs on that thread first, so what it makes (seed-shared's lists) is that thread's own."""
    import threading

    from gilbench_tui.probe import strategy_serial

    seen: list[tuple[int, bool]] = []

    def task(size: int, task_index: int, keep: bool = False) -> Output:
        seen.append((threading.get_ident(), threading.current_thread() is threading.main_thread()))
        return Output(task_index, None)

    prepared: list[int] = []
    first = strategy_serial.run(
        task, [1, 1, 1], False, lambda: prepared.append(threading.get_ident())
    )
    second = strategy_serial.run(task, [1], False)
    assert first.checksums == [0, 1, 2] and second.checksums == [0]
    assert len({ident for ident, _ in seen[:3]}) == 1
    assert not any(on_main for _, on_main in seen)
    assert prepared == [seen[0][0]], "the reset made what the tasks use on their thread"


def test_a_serial_task_that_raises_is_reported_not_lost_in_its_thread() -> None:
    from gilbench_tui.probe import strategy_serial
    from gilbench_tui.probe.measurement import TaskError

    def task(size: int, task_index: int, keep: bool = False) -> Output:
        raise ValueError("bad input")

    with pytest.raises(TaskError, match="bad input"):
        strategy_serial.run(task, [1, 1], False)
