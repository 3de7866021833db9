"""The worker process run as the parent runs it: by path, with `-I`, the spec on stdin, events on
stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gilbench_tui.engine.events import Done, Sample, Started, WorkerError, parse_event
from gilbench_tui.probe import protocol, strategies, worker
from gilbench_tui.probe.catalog import STRATEGIES, WORKLOADS
from gilbench_tui.probe.tasks_common import Output
from gilbench_tui.probe.tasks_seed import seed
from tests import pythons

WORKER = Path(worker.__file__)
PY38 = pythons.python("3.8")
# The dask strategies start a cluster per sample; tests/test_dask.py runs them.
LOCAL = [s for s in STRATEGIES if not STRATEGIES[s].standing]
RUNNABLE = [s for s in LOCAL if strategies.available_for(s, "seed") is None]
UNAVAILABLE = [s for s in LOCAL if s not in RUNNABLE]


def spec(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "workload": "seed",
        "size": 20000,
        "workers": [1, 2],
        "strategies": RUNNABLE,
        "repeat": 2,
        "warmup": 1,
        "split": False,
    }
    base.update(changes)
    return base


def run_worker(
    payload: Any,
    python: str = sys.executable,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> tuple[int, list[Any], str]:
    text = payload if isinstance(payload, str) else json.dumps(payload)
    done = subprocess.run(
        [python, "-I", str(WORKER)],
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )
    return done.returncode, [parse_event(line) for line in done.stdout.splitlines()], done.stderr


def test_a_full_run_by_path(tmp_path: Path) -> None:
    payload = {**spec(strategies=LOCAL), "unknown_extra": [1]}
    code, events, stderr = run_worker(payload, cwd=tmp_path)
    assert code == 0, stderr
    started, samples, done = events[0], events[1:-1], events[-1]
    assert isinstance(started, Started) and isinstance(done, Done) and done.ok
    assert started.interpreter["executable"] == sys.executable
    assert started.interpreter["gil_enabled"] in (True, False)
    assert "python_gil_env" in started.interpreter
    assert sorted(started.unavailable) == sorted(UNAVAILABLE)
    assert "asyncio" in started.unavailable
    assert len(started.plan) == (1 + 2) * 2 * len(RUNNABLE)
    assert all(isinstance(s, Sample) for s in samples)
    assert len(samples) == len(started.plan)
    by_workers: dict[int, set[tuple[int, ...]]] = {}
    for index, (sample, item) in enumerate(zip(samples, started.plan, strict=True)):
        assert isinstance(sample, Sample)
        assert sample.index == index
        assert (sample.phase, sample.repeat, sample.strategy, sample.workers) == (
            item.phase,
            item.repeat,
            item.strategy,
            item.workers,
        )
        assert len(sample.checksums) == sample.workers
        assert 0 <= sample.startup_s <= sample.wall_s
        assert sample.transfer_s is None
        assert sample.latency_p50_s is None and sample.latency_p99_s is None
        assert (sample.pool_startup_s is not None) == STRATEGIES[sample.strategy].startup_apart
        by_workers.setdefault(sample.workers, set()).add(sample.checksums)
    assert {k: len(v) for k, v in by_workers.items()} == {1: 1, 2: 1}
    assert [(p.phase, p.repeat) for p in started.plan[:: 2 * len(RUNNABLE)]] == [
        ("warmup", 0),
        ("measure", 0),
        ("measure", 1),
    ]


def test_split_divides_the_size_remainder_first() -> None:
    code, events, stderr = run_worker(
        spec(size=10, workers=[3], strategies=["serial"], repeat=1, warmup=0, split=True)
    )
    assert code == 0, stderr
    sample = events[1]
    assert isinstance(sample, Sample)
    assert sample.checksums == (seed(4, 0).checksum, seed(3, 1).checksum, seed(3, 2).checksum)


@pytest.mark.parametrize(
    "payload, fragment",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        (spec(workload="nope"), "unknown workload"),
        (spec(strategies=["serial", "fibers"]), "unknown strategy"),
        (spec(strategies=[]), "strategies"),
        (spec(size=0), "size must be at least 1"),
        (spec(size="2M"), "size must be a whole number"),
        (spec(size=True), "size must be a whole number"),
        (spec(workers=[]), "workers"),
        (spec(workers=[2, 0]), "worker count must be at least 1"),
        (spec(repeat=0), "repeat"),
        (spec(warmup=-1), "warmup"),
        (spec(size=2, workers=[3], split=True), "cannot be divided"),
        (spec(return_data="yes"), "return_data must be true or false"),
        (spec(latency_probe=1), "latency_probe must be true or false"),
        (spec(switch_interval_s=0), "switch_interval_s must be between"),
        (spec(switch_interval_s="fast"), "switch_interval_s must be a number"),
        (spec(strategies=["asyncio"]), "no requested strategy can run seed here (asyncio: "),
    ],
)
def test_bad_specs_exit_2_with_one_error_event(payload: Any, fragment: str) -> None:
    code, events, _ = run_worker(payload)
    assert code == 2
    assert len(events) == 1
    error = events[0]
    assert isinstance(error, WorkerError) and error.fatal
    assert fragment in error.message


def test_the_plan_interleaves_repeats_across_strategies() -> None:
    plan = protocol.build_plan(
        {"workers": [1, 2], "strategies": ["a", "b"], "repeat": 2, "warmup": 1}
    )
    assert [(p["phase"], p["repeat"], p["workers"], p["strategy"]) for p in plan[:5]] == [
        ("warmup", 0, 1, "a"),
        ("warmup", 0, 1, "b"),
        ("warmup", 0, 2, "a"),
        ("warmup", 0, 2, "b"),
        ("measure", 0, 1, "a"),
    ]
    assert len(plan) == 12


def test_the_plan_cuts_into_rounds_of_every_worker_count_and_strategy() -> None:
    spec_ = {"workers": [1, 2], "strategies": ["a", "b"], "repeat": 2, "warmup": 1}
    rounds = protocol.rounds(protocol.build_plan(spec_))
    assert [len(r) for r in rounds] == [4, 4, 4]
    assert [(r[0]["phase"], r[0]["repeat"]) for r in rounds] == [
        ("warmup", 0),
        ("measure", 0),
        ("measure", 1),
    ]


def test_only_the_first_line_of_stdin_is_the_spec() -> None:
    """Later lines are the parent's to steer a run with; they never spoil the spec."""
    text = json.dumps(spec(strategies=["serial"], workers=[1], repeat=1, warmup=0)) + "\nstop\n"
    code, events, stderr = run_worker(text)
    assert code == 0, stderr
    assert [type(e) for e in events] == [Started, Sample, Done]


def test_task_sizes() -> None:
    assert protocol.task_sizes(10, 3, split=False) == [10, 10, 10]
    assert protocol.task_sizes(11, 3, split=True) == [4, 4, 3]
    assert protocol.task_sizes(3, 3, split=True) == [1, 1, 1]


def boom(size: int, task_index: int, keep: bool = False) -> Output:
    raise RuntimeError("the disk\nis full")


def test_a_failing_measurement_is_one_error_event_and_exit_1(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = WORKLOADS["seed"]._replace(name="boom", task=f"{__name__}:boom")
    monkeypatch.setitem(WORKLOADS, "boom", fake)
    emitted: list[dict[str, Any]] = []
    payload = spec(workload="boom", workers=[2], strategies=["serial", "threads"], warmup=0)
    assert worker.run(payload, emitted.append) == 1
    kinds = [e["event"] for e in emitted]
    assert kinds == ["started", "error"]
    error = parse_event(json.dumps(emitted[-1]))
    assert isinstance(error, WorkerError)
    assert (error.strategy, error.workers, error.fatal) == ("serial", 2, True)
    expected = "serial with 2 tasks failed: task 0 of 2 failed: RuntimeError: the disk is full"
    assert error.message == expected


def test_unavailable_strategies_are_listed_and_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    real = strategies.available_for

    def only_on_earth(name: str, workload: str) -> str | None:
        return "not on this planet" if name == "threads" else real(name, workload)

    monkeypatch.setattr(strategies, "available_for", only_on_earth)
    emitted: list[dict[str, Any]] = []
    payload = spec(strategies=["serial", "threads", "asyncio"], workers=[2], repeat=1, warmup=0)
    assert worker.run(payload, emitted.append) == 0
    started = parse_event(json.dumps(emitted[0]))
    assert isinstance(started, Started)
    assert started.unavailable["threads"] == "not on this planet"
    assert "no asyncio variant" in started.unavailable["asyncio"]
    assert [item.strategy for item in started.plan] == ["serial"]
    assert [e["event"] for e in emitted] == ["started", "sample", "done"]


def test_when_nothing_can_run_the_worker_exits_2_before_started(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(strategies, "available_for", lambda name, workload: "not on this planet")
    emitted: list[dict[str, Any]] = []
    assert worker.run(spec(strategies=["threads", "serial"]), emitted.append) == 2
    assert [e["event"] for e in emitted] == ["error"]
    message = emitted[0]["message"]
    assert "no requested strategy can run seed here" in message
    assert "threads: not on this planet; serial: not on this planet" in message


def numpy_is_missing() -> str:
    return "numpy is missing"


def test_an_unavailable_workload_exits_2_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    missing = WORKLOADS["numpy"]._replace(check=f"{__name__}:numpy_is_missing")
    monkeypatch.setitem(WORKLOADS, "numpy", missing)
    emitted: list[dict[str, Any]] = []
    assert worker.run(spec(workload="numpy"), emitted.append) == 2
    assert emitted == [protocol.error_event("workload numpy cannot run here: numpy is missing")]


def test_switch_interval_is_set_first_and_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[float] = []
    monkeypatch.setattr(sys, "setswitchinterval", calls.append)
    monkeypatch.setattr(sys, "getswitchinterval", lambda: calls[-1] if calls else 0.005)
    emitted: list[dict[str, Any]] = []
    payload = spec(strategies=["serial"], workers=[1], repeat=1, warmup=0, switch_interval_s=2e-4)
    assert worker.run(payload, emitted.append) == 0
    assert calls == [2e-4]
    assert emitted[0]["interpreter"]["switch_interval_s"] == 2e-4


def test_return_data_latency_and_switch_interval_by_path(tmp_path: Path) -> None:
    payload = spec(
        workers=[2],
        strategies=["serial", "threads", "processes", "process-pool"],
        repeat=1,
        warmup=0,
        size=50_000,
        return_data=True,
        latency_probe=True,
        switch_interval_s=0.002,
    )
    code, events, stderr = run_worker(payload, cwd=tmp_path, env={"PYTHON_GIL": "1"})
    assert code == 0, stderr
    started = events[0]
    assert isinstance(started, Started)
    assert started.interpreter["switch_interval_s"] == pytest.approx(0.002)
    assert started.interpreter["python_gil_env"] == "1"
    samples = {e.strategy: e for e in events if isinstance(e, Sample)}
    for name, sample in samples.items():
        assert sample.latency_p50_s is not None and sample.latency_p99_s is not None
        assert 0 <= sample.latency_p50_s <= sample.latency_p99_s
        shipped = STRATEGIES[name].kind == "processes"
        assert (sample.transfer_s is not None) == shipped, name
        if sample.transfer_s is not None:
            assert 0 < sample.transfer_s < sample.wall_s
    assert samples["process-pool"].pool_startup_s is not None


def test_output_from_workloads_and_children_goes_to_stderr(tmp_path: Path) -> None:
    script = tmp_path / "noisy.py"
    script.write_text(
        "import os, sys\n"
        f"sys.path.insert(0, {str(WORKER.parent)!r})\n"
        "import serve\n"
        "stream = serve.take_stdout()\n"
        "print('noise from python')\n"
        "os.system('echo noise from a child')\n"
        "serve.writer(stream)({'event': 'done', 'ok': True})\n"
    )
    done = subprocess.run(
        [sys.executable, "-I", str(script)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == '{"event":"done","ok":true}\n'
    assert "noise from python" in done.stderr and "noise from a child" in done.stderr


def test_a_closed_stdout_ends_the_worker_quietly() -> None:
    payload = spec(workload="sleep", size=1_000_000, workers=[1], strategies=["serial"], repeat=50)
    proc = subprocess.Popen(
        [sys.executable, "-I", str(WORKER)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    proc.stdin.write(json.dumps(payload))
    proc.stdin.close()
    assert isinstance(parse_event(proc.stdout.readline()), Started)
    proc.stdout.close()
    assert proc.wait(timeout=10) == 1
    assert "Traceback" not in proc.stderr.read()
    proc.stderr.close()


@pytest.mark.skipif(not PY38.exists(), reason="no Python 3.8 at " + str(PY38))
def test_the_oldest_supported_python(tmp_path: Path) -> None:
    payload = spec(workload="pidigits", size=4000, repeat=1, warmup=0)
    env_python = os.fspath(PY38)
    code, events, stderr = run_worker(payload, python=env_python, cwd=tmp_path)
    assert code == 0, stderr
    started = events[0]
    assert isinstance(started, Started) and started.interpreter["version"].startswith("3.8")
    samples = [e for e in events if isinstance(e, Sample)]
    assert len(samples) == 2 * len(RUNNABLE)
    assert len({(s.workers, s.checksums) for s in samples}) == 2


def test_the_gil_before_and_after_the_workloads_imports_is_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An extension without free-threading support turns the GIL on when it is imported: the
    worker imports the workload before `started` and reports the state on both sides."""
    state = {"on": False}
    monkeypatch.setattr(sys, "_is_gil_enabled", lambda: state["on"], raising=False)
    monkeypatch.setattr(
        worker.CatalogBackend, "load_workload", lambda self, name: state.update(on=True)
    )
    emitted: list[dict[str, Any]] = []
    assert worker.run(spec(strategies=["serial"], workers=[1], repeat=1), emitted.append) == 0
    info = emitted[0]["interpreter"]
    assert info["gil_enabled_before_imports"] is False and info["gil_enabled"] is True


def test_a_workload_that_cannot_be_imported_is_one_error_event(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(self: Any, name: str) -> None:
        raise ImportError("no module named nowhere")

    monkeypatch.setattr(worker.CatalogBackend, "load_workload", broken)
    emitted: list[dict[str, Any]] = []
    assert worker.run(spec(strategies=["serial"]), emitted.append) == 1
    assert emitted == [
        protocol.error_event("could not import workload seed: ImportError: no module named nowhere")
    ]
