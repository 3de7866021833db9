"""The legacy worker: the seed experiment on Python 2.7 (and 3.x), through worker.py's protocol."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from gilbench_tui.engine.events import Done, Sample, Started, WorkerError, parse_event
from gilbench_tui.probe import catalog, legacy_worker
from gilbench_tui.probe.tasks_seed import seed
from tests import pythons

LEGACY = Path(legacy_worker.__file__)
PY27 = pythons.python("2.7")
PYTHONS = [PY27, Path(sys.executable)]


def spec(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "workload": "seed",
        "size": 20000,
        "workers": [1, 2],
        "strategies": ["serial", "threads", "processes", "thread-pool"],
        "repeat": 1,
        "warmup": 1,
        "split": False,
    }
    base.update(changes)
    return base


def run_legacy(python: Path, payload: Any, cwd: Path) -> tuple[int, list[Any], str]:
    """As the parent runs it: no -I (Python 2 has none), -E -s instead, and -B so that Python 2
    writes no .pyc beside the probe's sources."""
    return pythons.run_worker_command([str(python), "-E", "-s", "-B", str(LEGACY)], payload, cwd)


need = pythons.need


@pytest.mark.parametrize("python", PYTHONS, ids=["2.7", "this-python"])
def test_a_legacy_run_parses_and_agrees_with_the_modern_seed(python: Path, tmp_path: Path) -> None:
    need(python)
    code, events, stderr = run_legacy(python, spec(), tmp_path)
    assert code == 0, stderr
    started, samples, done = events[0], events[1:-1], events[-1]
    assert isinstance(started, Started) and isinstance(done, Done) and done.ok
    assert started.interpreter["legacy_worker"] is True
    assert started.interpreter["executable"] == str(python) or python == PY27
    assert list(started.unavailable) == ["thread-pool"]
    assert {item.strategy for item in started.plan} == {"serial", "threads", "processes"}
    assert len(samples) == len(started.plan) == 2 * 2 * 3
    expected = [seed(20000, index).checksum for index in range(2)]
    for sample, item in zip(samples, started.plan, strict=True):
        assert isinstance(sample, Sample)
        assert (sample.phase, sample.strategy, sample.workers) == (
            item.phase,
            item.strategy,
            item.workers,
        )
        assert list(sample.checksums) == expected[: sample.workers]
        assert 0 <= sample.startup_s <= sample.wall_s
        assert sample.transfer_s is None and sample.pool_startup_s is None


def test_python_27_reports_its_check_interval(tmp_path: Path) -> None:
    need(PY27)
    code, events, stderr = run_legacy(PY27, spec(workers=[1], repeat=1, warmup=0), tmp_path)
    assert code == 0, stderr
    interpreter = events[0].interpreter
    assert interpreter["version"].startswith("2.7")
    assert interpreter["switch_interval_s"] is None and interpreter["check_interval"] == 100
    assert interpreter["gil_enabled"] is True and "python_gil_env" in interpreter


def test_return_data_and_the_wakeup_sampler_on_27(tmp_path: Path) -> None:
    need(PY27)
    payload = spec(
        workers=[2],
        strategies=["serial", "processes"],
        warmup=0,
        return_data=True,
        latency_probe=True,
    )
    code, events, stderr = run_legacy(PY27, payload, tmp_path)
    assert code == 0, stderr
    serial, processes = (e for e in events if isinstance(e, Sample))
    assert serial.transfer_s is None
    assert processes.transfer_s is not None and 0 < processes.transfer_s < processes.wall_s
    for sample in (serial, processes):
        assert sample.latency_p50_s is not None and sample.latency_p99_s is not None
        assert sample.latency_p50_s <= sample.latency_p99_s


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ("{nope", "not valid JSON"),
        (spec(workload="pidigits"), "unknown workload 'pidigits' (known: seed, seed-shared)"),
        (
            spec(strategies=["asyncio"]),
            "no requested strategy can run seed here (asyncio: the legacy",
        ),
        (spec(size=0), "size must be at least 1"),
        (spec(workers=[]), "workers must be a non-empty list"),
        (spec(size=2, workers=[3], split=True), "cannot be divided"),
    ],
)
def test_bad_specs_exit_2_with_one_error_event(payload: Any, fragment: str, tmp_path: Path) -> None:
    need(PY27)
    code, events, _ = run_legacy(PY27, payload, tmp_path)
    assert code == 2
    assert len(events) == 1
    assert isinstance(events[0], WorkerError) and events[0].fatal
    assert fragment in events[0].message


def test_a_failing_task_is_one_error_event(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(size: int, task_index: int, keep: bool = False) -> Any:
        raise RuntimeError("out of\nrandom numbers")

    monkeypatch.setitem(legacy_worker.LEGACY_WORKLOADS, "seed", boom)
    emitted: list[dict[str, Any]] = []
    payload = spec(workers=[2], strategies=["threads"], warmup=0)
    assert legacy_worker.run(payload, emitted.append) == 1
    assert [e["event"] for e in emitted] == ["started", "error"]
    error = parse_event(json.dumps(emitted[-1]))
    assert isinstance(error, WorkerError)
    assert error.message == (
        "threads with 2 tasks failed: task 0 of 2 failed: RuntimeError: out of random numbers"
    )


def test_the_legacy_worker_runs_what_the_catalog_marks_legacy() -> None:
    """It cannot read the catalog (Python 3.8+), so its own names must match the records."""
    legacy_strategies = [s.name for s in catalog.STRATEGIES.values() if s.legacy_worker]
    assert [name for name, _ in legacy_worker.LEGACY_STRATEGIES] == legacy_strategies
    legacy_workloads = [w.name for w in catalog.WORKLOADS.values() if w.legacy_worker]
    assert list(legacy_worker.LEGACY_WORKLOADS) == legacy_workloads
    for name, func in legacy_worker.LEGACY_WORKLOADS.items():
        assert func is catalog.WORKLOADS[name].load_task()


def test_the_old_gil_makes_threads_slower_than_serial(tmp_path: Path) -> None:
    """The article's effect on Python 2's GIL: two CPU-bound threads on two cores fight over it
    and finish later than the same work done serially. Best of three; processes are the
    yardstick for a machine too busy to show anything. The strict figure (≥ 1.2x at 2M) is the
    benchmark's job."""
    need(PY27)
    payload = spec(size=400_000, workers=[2], strategies=["serial", "threads", "processes"])
    payload.update(repeat=3, warmup=0)
    code, events, stderr = run_legacy(PY27, payload, tmp_path)
    assert code == 0, stderr
    best: dict[str, float] = {}
    for event in events:
        if isinstance(event, Sample):
            best[event.strategy] = min(best.get(event.strategy, event.wall_s), event.wall_s)
    if best["serial"] / best["processes"] < 1.3:  # short tasks: forking costs a little here
        pytest.skip("the machine is busy: processes show no clear speed-up")
    assert best["threads"] / best["serial"] >= 1.05, best
