"""The runner against the real worker process, and against fake workers that misbehave."""

from __future__ import annotations

import asyncio
import os
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from gilbench_tui.engine.events import Done, Sample, Started
from gilbench_tui.engine.runner import RunFailed, Runner
from gilbench_tui.engine.spec import BenchSpec

SMALL = BenchSpec(
    workload="seed",
    size=20_000,
    workers=(1, 2),
    strategies=("serial", "threads", "processes"),
    repeat=2,
    warmup=1,
)


def fake_worker(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "worker.py"
    path.write_text("import json, os, sys, time\n" + textwrap.dedent(body))
    return path


STARTED = (
    'print(json.dumps({"event": "started", "pid": os.getpid(), "interpreter": {}, "plan": '
    '[{"phase": "measure", "repeat": 0, "strategy": "serial", "workers": 1}]}), flush=True)\n'
)


async def test_real_worker_measures_every_strategy_and_checksums_agree() -> None:
    events: list[object] = []
    run = await Runner().run(SMALL, on_event=events.append)
    assert isinstance(events[0], Started)
    assert isinstance(events[-1], Done)
    samples = [e for e in events if isinstance(e, Sample)]
    assert len(samples) == SMALL.measurements == len(events[0].plan)
    assert [(r.strategy, r.workers) for r in run.results] == [
        (s, k) for k in (1, 2) for s in ("serial", "threads", "processes")
    ]
    assert all(r.checksum_ok for r in run.results)
    assert all(len(r.times_s) == 2 for r in run.results)
    assert run.interpreter.executable
    assert run.interpreter.compiler and run.interpreter.timer_resolution_s
    assert run.machine.logical_cpus >= 1 and run.machine.memory_bytes > 0
    assert run.interpreter.version == ".".join(map(str, sys.version_info[:3]))
    assert run.verdict.startswith("At 2 workers")


async def test_worker_killed_by_a_signal_fails_with_a_clear_message(tmp_path: Path) -> None:
    worker = fake_worker(tmp_path, STARTED + "os.kill(os.getpid(), 9)\n")
    with pytest.raises(RunFailed, match="killed by SIGKILL"):
        await Runner(worker).run(SMALL)


async def test_worker_that_crashes_reports_its_last_stderr_line(tmp_path: Path) -> None:
    worker = fake_worker(tmp_path, STARTED + "raise RuntimeError('disk on fire')\n")
    with pytest.raises(RunFailed, match="exited with code 1: RuntimeError: disk on fire"):
        await Runner(worker).run(SMALL)


async def test_garbage_on_stdout_is_a_protocol_error(tmp_path: Path) -> None:
    worker = fake_worker(tmp_path, STARTED + "print('hello', flush=True)\ntime.sleep(30)\n")
    t0 = time.monotonic()
    with pytest.raises(RunFailed, match="protocol error"):
        await Runner(worker).run(SMALL)
    assert time.monotonic() - t0 < 10


async def test_worker_that_ends_early_is_a_failure(tmp_path: Path) -> None:
    worker = fake_worker(tmp_path, STARTED)
    with pytest.raises(RunFailed, match="without finishing"):
        await Runner(worker).run(SMALL)


async def test_timeout_kills_the_worker(tmp_path: Path) -> None:
    worker = fake_worker(tmp_path, STARTED + "time.sleep(60)\n")
    t0 = time.monotonic()
    with pytest.raises(RunFailed, match=r"timed out after 0\.5 s"):
        await Runner(worker).run(SMALL.with_changes(timeout_s=0.5))
    assert time.monotonic() - t0 < 5


async def test_cancel_kills_the_whole_tree(tmp_path: Path) -> None:
    """A worker with a grandchild: cancelling the run leaves neither alive."""
    worker = fake_worker(
        tmp_path,
        "import subprocess\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        + STARTED.replace('"interpreter": {}', '"interpreter": {"child": child.pid}')
        + "time.sleep(60)\n",
    )
    started: list[Started] = []
    task = asyncio.ensure_future(Runner(worker).run(SMALL, on_event=started.append))
    for _ in range(200):
        if started:
            break
        await asyncio.sleep(0.05)
    assert started, "the fake worker never started"
    pids = [started[0].pid, started[0].interpreter["child"]]
    t0 = time.monotonic()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        await asyncio.sleep(0.02)
    assert not any(_alive(p) for p in pids)
    assert time.monotonic() - t0 < 1.0


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


async def test_a_partial_run_keeps_what_was_measured(tmp_path: Path) -> None:
    sample = (
        'print(json.dumps({"event": "sample", "index": 0, "phase": "measure", "repeat": 0, '
        '"strategy": "serial", "workers": 1, "wall_s": 0.5, "startup_s": 0, "cpu_s": 0.5, '
        '"transfer_s": None, "checksums": [7]}), flush=True)\n'
    )
    worker = fake_worker(tmp_path, STARTED + sample + "os._exit(3)\n")
    spec = SMALL.with_changes(workers=(1,), strategies=("serial",), repeat=1, warmup=0)
    with pytest.raises(RunFailed) as info:
        await Runner(worker).run(spec)
    partial = info.value.partial
    assert partial is not None
    assert partial.results[0].median_s == 0.5
    assert partial.warnings[0].startswith("incomplete: the worker process exited with code 3")


def test_no_worker_left_behind_by_this_module() -> None:
    me = psutil.Process(os.getpid())
    assert [c for c in me.children(recursive=True) if c.status() != psutil.STATUS_ZOMBIE] == []


async def test_cancelling_hands_over_what_was_measured(tmp_path: Path) -> None:
    sample = (
        'print(json.dumps({"event": "sample", "index": 0, "phase": "measure", "repeat": 0, '
        '"strategy": "serial", "workers": 1, "wall_s": 0.25, "startup_s": 0, "cpu_s": 0.25, '
        '"transfer_s": None, "checksums": [7]}), flush=True)\n'
    )
    worker = fake_worker(tmp_path, STARTED + sample + "time.sleep(60)\n")
    spec = SMALL.with_changes(workers=(1,), strategies=("serial",), repeat=2, warmup=0)
    kept: list[object] = []
    samples: list[Sample] = []

    def on_event(event: object) -> None:
        if isinstance(event, Sample):
            samples.append(event)

    task = asyncio.ensure_future(Runner(worker).run(spec, on_event, on_partial=kept.append))
    for _ in range(200):
        if samples:
            break
        await asyncio.sleep(0.02)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert len(kept) == 1
    partial = kept[0]
    assert partial.results[0].times_s == [0.25]  # type: ignore[attr-defined]
    assert partial.warnings[0] == "incomplete: cancelled"  # type: ignore[attr-defined]
