"""Subinterpreters with a GIL each, end to end through the worker run by path on 3.12 and 3.13.

The test interpreter itself may be older, so everything here runs the probe in a subprocess on the
pyenv interpreters of this machine, and skips where they are missing.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from gilbench_tui.engine.events import Sample, Started
from gilbench_tui.probe import strategy_interpreters
from gilbench_tui.probe.catalog import STRATEGIES, WORKLOADS
from gilbench_tui.probe.tasks_python import pidigits
from tests import pythons

WORKER = Path(strategy_interpreters.__file__).with_name("worker.py")
NEW = {"3.12": pythons.python("3.12"), "3.13": pythons.python("3.13")}
OLD = [pythons.python("3.11"), pythons.pypy()]


def run_worker(python: Path, payload: dict[str, Any], cwd: Path) -> tuple[int, list[Any], str]:
    return pythons.run_worker_command([str(python), "-I", str(WORKER)], payload, cwd)


need = pythons.need


@pytest.mark.parametrize("version", sorted(NEW))
def test_subinterpreters_agree_with_serial_by_path(version: str, tmp_path: Path) -> None:
    python = NEW[version]
    need(python)
    payload = {
        "workload": "pidigits",
        "size": 6000,
        "workers": [1, 3],
        "strategies": ["serial", "subinterpreters"],
        "repeat": 1,
        "warmup": 0,
        "return_data": True,
        "latency_probe": True,
    }
    code, events, stderr = run_worker(python, payload, tmp_path)
    assert code == 0, stderr
    started = events[0]
    assert isinstance(started, Started) and started.unavailable == {}
    assert started.interpreter["version"].startswith(version)
    samples = [e for e in events if isinstance(e, Sample)]
    assert [(s.strategy, s.workers) for s in samples] == [
        ("serial", 1),
        ("subinterpreters", 1),
        ("serial", 3),
        ("subinterpreters", 3),
    ]
    expected = [pidigits(6000, index).checksum for index in range(3)]
    for sample in samples:
        assert list(sample.checksums) == expected[: sample.workers]
        assert sample.transfer_s is None
        assert sample.latency_p99_s is not None
        if sample.strategy == "subinterpreters":
            assert sample.pool_startup_s is not None and sample.pool_startup_s > 0
            assert 0 <= sample.startup_s <= sample.wall_s


@pytest.mark.parametrize("version", sorted(NEW))
def test_every_stdlib_workload_runs_in_a_subinterpreter(version: str) -> None:
    """Isolated interpreters refuse extension modules without multi-phase init: each workload's
    modules (hashlib, zlib, bz2, socket, tempfile, ...) must load there."""
    python = NEW[version]
    need(python)
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(WORKER.parent)!r})\n"
        "import catalog, strategy_interpreters as si\n"
        "interpreters = catalog.STRATEGIES['subinterpreters']\n"
        "for name, w in catalog.WORKLOADS.items():\n"
        "    if interpreters.kind in w.cannot_run_in: continue\n"
        "    got = si.measure(interpreters, w, [2000], False).checksums\n"
        "    w.before_run()  # shared state (seed-shared): each interpreter has its own\n"
        "    assert w.shared_state or got == [w.load_task()(2000, 0).checksum], name\n"
        "    print(name)\n"
    )
    done = subprocess.run(
        [str(python), "-I", "-c", code], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [name for name in WORKLOADS if name != "numpy"]


def test_numpy_is_unavailable_in_subinterpreters_with_the_reason(tmp_path: Path) -> None:
    python = NEW["3.13"]
    need(python)
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(WORKER.parent)!r})\n"
        "import strategies\n"
        "print(strategies.available_for('subinterpreters', 'numpy'))\n"
        "print(strategies.available('subinterpreters'))\n"
    )
    done = subprocess.run(
        [str(python), "-I", "-c", code], capture_output=True, text=True, timeout=30
    )
    assert done.stdout.splitlines() == ["numpy does not support isolated subinterpreters", "None"]


@pytest.mark.parametrize("python", OLD, ids=["3.11", "pypy3"])
def test_older_interpreters_list_subinterpreters_as_unavailable(
    python: Path, tmp_path: Path
) -> None:
    need(python)
    payload = {
        "workload": "seed",
        "size": 100,
        "workers": [1],
        "strategies": ["serial", "subinterpreters"],
        "repeat": 1,
        "warmup": 0,
    }
    code, events, stderr = run_worker(python, payload, tmp_path)
    assert code == 0, stderr
    started = events[0]
    assert isinstance(started, Started)
    assert "need CPython 3.12 or newer" in started.unavailable["subinterpreters"]
    assert [item.strategy for item in started.plan] == ["serial"]


def test_a_task_failing_in_its_interpreter_is_reported(tmp_path: Path) -> None:
    """A workload whose task, in a module on the worker's sys.path, fails task 1: each
    interpreter imports the task from the worker's sys.path, and the failure names the task."""
    python = NEW["3.13"]
    need(python)
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "unlucky.py").write_text(
        textwrap.dedent(
            """
            from collections import namedtuple
            Output = namedtuple("Output", "checksum data")
            def func(size, index, keep=False):
                if index == 1:
                    raise ValueError("bad luck in interpreter %d" % index)
                return Output(size, None)
            """
        )
    )
    code = (
        "import sys\n"
        f"sys.path[:0] = [{str(WORKER.parent)!r}, {str(fake)!r}]\n"
        "import catalog, strategy_interpreters as si\n"
        "from measurement import TaskError\n"
        "strategy = catalog.STRATEGIES['subinterpreters']\n"
        "unlucky = catalog.WORKLOADS['seed']._replace(task='unlucky:func')\n"
        "try:\n"
        "    si.measure(strategy, unlucky, [5, 5, 5], False)\n"
        "except TaskError as exc:\n"
        "    print(exc)\n"
        "print(si.measure(strategy, unlucky, [5], False).checksums)\n"
    )
    done = subprocess.run(
        [str(python), "-I", "-c", code], capture_output=True, text=True, timeout=30
    )
    lines = done.stdout.splitlines()
    assert lines[0] == "task 1 of 3 failed: ValueError: bad luck in interpreter 1", done.stderr
    assert lines[1] == "[5]"


def test_pidigits_runs_in_parallel_in_subinterpreters_on_313(tmp_path: Path) -> None:
    """Subinterpreters run pure Python in parallel, as processes do and threads under the GIL
    cannot.

    Processes in the same run are the yardstick: when another job holds a core so that even
    processes gain little, the test skips instead of blaming subinterpreters for a busy machine.
    Best times are compared because interference only ever slows a run. The strict figure
    (≥ 1.6 against serial at size 2M) is printed by benchmarks/lab.py."""
    python = NEW["3.13"]
    need(python)
    payload = {
        "workload": "pidigits",
        "size": 1_000_000,
        "workers": [2],
        "strategies": ["serial", "threads", "subinterpreters", "processes"],
        "repeat": 3,
        "warmup": 1,
    }
    code, events, stderr = run_worker(python, payload, tmp_path)
    assert code == 0, stderr
    speedup = best_speedups(events)
    if speedup["processes"] < 1.5:
        pytest.skip(f"the machine is busy: processes reach only {speedup['processes']:.2f}x")
    assert speedup["subinterpreters"] >= 0.6 * speedup["processes"], speedup
    assert speedup["subinterpreters"] >= 1.1 * speedup["threads"], speedup


def best_speedups(events: list[Any]) -> dict[str, float]:
    """Serial's best time over each strategy's best: interference only ever slows a run."""
    times: dict[str, list[float]] = {}
    for event in events:
        if isinstance(event, Sample):
            times.setdefault(event.strategy, []).append(event.wall_s)
    return {name: min(times["serial"]) / min(walls) for name, walls in times.items()}


def test_the_backend_names_the_failure_on_one_line() -> None:
    if sys.version_info < (3, 12):
        assert strategy_interpreters.unavailable(STRATEGIES["subinterpreters"], None) is not None
        return
    backend, _ = strategy_interpreters._backend()
    assert backend is not None
    handle = backend.create()
    try:
        assert backend.run(handle, "x = 1") is None
        assert "ValueError" in (backend.run(handle, "raise ValueError('no')") or "")
    finally:
        backend.destroy(handle)
