"""Strategies compute what serial computes, time it sanely, and fail loudly instead of hanging.

Fork-based strategies run in-process here; spawn and forkserver are exercised through the real
worker run by path (test_probe_worker.py and the last test below), which is how they are used.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gilbench_tui.probe import strategies, workloads
from gilbench_tui.probe.strategies import (
    DESCRIPTIONS,
    STRATEGY_NAMES,
    Measurement,
    TaskError,
    available,
    measure,
)

WORKER = Path(strategies.__file__).with_name("worker.py")
HAS_FORK = "fork" in multiprocessing.get_all_start_methods()
IN_PROCESS = ["serial", "threads"] + (["processes-fork"] if HAS_FORK else [])
SIZES = {"seed": 3000, "pidigits": 4100, "sha256": 3000, "sleep": 20000}


def test_names_and_descriptions() -> None:
    assert STRATEGY_NAMES[:3] == ("serial", "threads", "processes")
    assert set(DESCRIPTIONS) == set(STRATEGY_NAMES)
    assert all(text and "\n" not in text for text in DESCRIPTIONS.values())


def test_availability() -> None:
    assert available("serial") is None
    assert available("threads") is None
    assert available("processes") is None
    for method in ("fork", "forkserver", "spawn"):
        expected = method in multiprocessing.get_all_start_methods()
        assert (available(f"processes-{method}") is None) == expected
    reason = available("green-threads")
    assert reason is not None and "unknown strategy" in reason


def test_start_methods() -> None:
    assert strategies.start_method("processes") == multiprocessing.get_start_method()
    assert strategies.start_method("processes-spawn") == "spawn"
    assert strategies.start_method("threads") is None


@pytest.mark.parametrize("workload", list(workloads.WORKLOADS))
@pytest.mark.parametrize("strategy", IN_PROCESS)
def test_strategies_agree_with_serial(strategy: str, workload: str) -> None:
    size = SIZES[workload]
    func = workloads.WORKLOADS[workload].func
    for count in (1, 2):
        result = measure(strategy, workload, [size] * count)
        assert result.checksums == [func(size, index) for index in range(count)]
        _check_times(result)


def test_default_processes_strategy_agrees_with_serial() -> None:
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("spawn-like defaults are covered through the worker subprocess")
    result = measure("processes", "seed", [100, 200])
    assert result.checksums == [workloads.seed(100, 0), workloads.seed(200, 1)]


def test_tasks_get_their_own_sizes() -> None:
    result = measure("threads", "seed", [5, 6, 7])
    assert result.checksums == [workloads.seed(5, 0), workloads.seed(6, 1), workloads.seed(7, 2)]


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


def _boom(size: int, task_index: int) -> int:
    if task_index == 1:
        raise ValueError("bad luck\nsecond line")
    return size


def _crash(size: int, task_index: int) -> int:
    if task_index == 1:
        os._exit(3)
    return size


@pytest.fixture
def failing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register workloads that fail; fork children see them because they copy the parent."""
    for func in (_boom, _crash):
        name = func.__name__.strip("_")
        monkeypatch.setitem(
            workloads.WORKLOADS, name, workloads.Workload(name, name, "holds", name, func)
        )


@pytest.mark.usefixtures("failing")
@pytest.mark.parametrize("strategy", IN_PROCESS)
def test_a_failing_task_raises(strategy: str) -> None:
    with pytest.raises(TaskError) as caught:
        measure(strategy, "boom", [10, 10, 10])
    message = str(caught.value)
    assert "task 1 of 3" in message and "ValueError: bad luck second line" in message


@pytest.mark.usefixtures("failing")
@pytest.mark.skipif(not HAS_FORK, reason="needs fork")
def test_a_dying_child_raises_instead_of_hanging() -> None:
    with pytest.raises(TaskError, match=r"task 1 of 2 failed: its process exited with code 3"):
        measure("processes-fork", "crash", [10, 10])
    assert not multiprocessing.active_children()


def test_bad_arguments_are_rejected() -> None:
    with pytest.raises(ValueError, match="at least one task"):
        measure("serial", "seed", [])
    with pytest.raises(ValueError, match="unknown strategy"):
        measure("coroutines", "seed", [1])
    with pytest.raises(ValueError, match="unknown workload"):
        measure("serial", "nope", [1])


def test_spawn_and_forkserver_agree_through_the_worker(tmp_path: Path) -> None:
    names = [s for s in ("processes-spawn", "processes-forkserver") if available(s) is None]
    spec = {
        "workload": "pidigits",
        "size": 2500,
        "workers": [2],
        "strategies": ["serial", *names],
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
    assert [s["strategy"] for s in samples] == ["serial", *names]
    expected = [workloads.pidigits(2500, 0), workloads.pidigits(2500, 1)]
    for sample in samples:
        assert sample["checksums"] == expected
        assert 0 <= sample["startup_s"] <= sample["wall_s"]


def _check_times(result: Measurement) -> None:
    assert result.wall_s > 0
    assert 0 <= result.startup_s <= result.wall_s
    assert result.cpu_s >= 0
    assert result.transfer_s is None
