"""The per-core sampler, the worker tree's CPU use and the ring buffer."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import namedtuple
from dataclasses import dataclass, field

import psutil
import pytest

from gilbench_tui.monitor import MIN_INTERVAL_S, CoreSample, CoreSampler, RingBuffer

Times = namedtuple("Times", "user system children_user children_system")


class FakeNoSuchProcess(Exception):
    pass


class FakeAccessDenied(Exception):
    pass


@dataclass
class FakeProcess:
    pid: int
    table: FakePsutil

    def children(self, recursive: bool = False) -> list[FakeProcess]:
        return [FakeProcess(p, self.table) for p in self.table.children.get(self.pid, [])]

    def cpu_times(self) -> Times:
        if self.pid not in self.table.times:
            raise FakeNoSuchProcess(self.pid)
        return self.table.times[self.pid]


@dataclass
class FakePsutil:
    """Per-core readings in order, and a process table the test edits between samples."""

    readings: list[list[float]]
    times: dict[int, Times] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=dict)
    calls: int = 0
    NoSuchProcess: type[Exception] = FakeNoSuchProcess
    AccessDenied: type[Exception] = FakeAccessDenied

    def cpu_percent(self, interval: float | None = None, percpu: bool = False) -> list[float]:
        assert interval is None and percpu
        reading = self.readings[min(self.calls, len(self.readings) - 1)]
        self.calls += 1
        return reading

    def Process(self, pid: int) -> FakeProcess:  # psutil's own spelling
        if pid not in self.times:
            raise FakeNoSuchProcess(pid)
        return FakeProcess(pid, self)


@dataclass
class Clock:
    now: float = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_first_reading_is_discarded() -> None:
    fake = FakePsutil([[100.0, 100.0], [10.0, 30.0]])
    sampler = CoreSampler(psutil_module=fake, clock=Clock())
    assert fake.calls == 1
    assert sampler.core_count == 2
    assert sampler.sample().cores == (10.0, 30.0)


def test_readings_are_clamped_and_summed() -> None:
    fake = FakePsutil([[0.0] * 4, [-1.0, 50.0, 100.0, 130.0]])
    sample = CoreSampler(psutil_module=fake, clock=Clock()).sample()
    assert sample.cores == (0.0, 50.0, 100.0, 100.0)
    assert sample.total_percent == 62.5
    assert sample.tree_percent is None and sample.tree_cores is None


def test_tree_cpu_counts_live_and_reaped_children() -> None:
    clock = Clock()
    fake = FakePsutil([[0.0, 0.0]], times={10: Times(1.0, 0.0, 0.0, 0.0)})
    sampler = CoreSampler(psutil_module=fake, clock=clock)
    first = sampler.sample(10)
    assert first.tree_percent is None, "the first reading of a tree has nothing to compare with"
    assert first.tree_processes == 1
    # 0.5 s later two children have each used 0.4 s and the root 0.1 s.
    clock.now += 0.5
    fake.children = {10: [11, 12]}
    fake.times.update(
        {10: Times(1.1, 0.0, 0.0, 0.0), 11: Times(0.4, 0, 0, 0), 12: Times(0.3, 0.1, 0, 0)}
    )
    second = sampler.sample(10)
    assert second.tree_percent == pytest.approx(180.0)
    assert second.tree_processes == 3
    # The children are joined: their time moves into the root's children_* fields.
    clock.now += 0.5
    fake.children = {}
    fake.times = {10: Times(1.2, 0.0, 1.2, 0.2)}
    third = sampler.sample(10)
    assert third.tree_percent == pytest.approx(100.0 * (2.6 - 1.9) / 0.5)
    assert third.tree_cores == pytest.approx(third.tree_percent / 100)


def test_tree_percent_is_capped_at_all_cores() -> None:
    clock = Clock()
    fake = FakePsutil([[0.0, 0.0]], times={10: Times(0.0, 0, 0, 0)})
    sampler = CoreSampler(psutil_module=fake, clock=clock)
    sampler.sample(10)
    clock.now += 0.5
    fake.times[10] = Times(50.0, 0, 0, 0)
    assert sampler.sample(10).tree_percent == 200.0


def test_a_gone_or_new_root_restarts_the_tree_reading() -> None:
    clock = Clock()
    fake = FakePsutil([[0.0]], times={10: Times(1.0, 0, 0, 0), 20: Times(5.0, 0, 0, 0)})
    sampler = CoreSampler(psutil_module=fake, clock=clock)
    sampler.sample(10)
    clock.now += 0.5
    assert sampler.sample(20).tree_percent is None
    del fake.times[20]
    clock.now += 0.5
    gone = sampler.sample(20)
    assert gone.tree_percent is None and gone.tree_processes == 0
    clock.now += 0.5
    assert sampler.sample(None).tree_percent is None


def test_ring_buffer_keeps_the_newest() -> None:
    ring: RingBuffer[int] = RingBuffer(3)
    assert ring.latest() is None and len(ring) == 0
    for value in range(5):
        ring.append(value)
    assert ring.items() == [2, 3, 4] == list(ring)
    assert ring.latest() == 4 and ring.capacity == 3
    ring.clear()
    assert ring.items() == []
    with pytest.raises(ValueError):
        RingBuffer(0)


def test_core_sample_properties() -> None:
    sample = CoreSample((10.0, 30.0), tree_percent=150.0, tree_processes=2)
    assert sample.core_count == 2
    assert sample.total_percent == 20.0
    assert sample.tree_cores == 1.5
    assert CoreSample(()).total_percent == 0.0


def test_the_meters_rate_limit_is_two_hertz() -> None:
    assert MIN_INTERVAL_S == 0.5


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_real_tree_of_busy_processes_is_measured() -> None:
    """Two spinning grandchildren under one child: the tree uses about two cores' worth."""
    code = (
        "import multiprocessing as mp, time\n"
        "def spin():\n"
        "    end = time.perf_counter() + 1.5\n"
        "    while time.perf_counter() < end: pass\n"
        "if __name__ == '__main__':\n"
        "    ps = [mp.get_context('fork').Process(target=spin) for _ in range(2)]\n"
        "    [p.start() for p in ps]; [p.join() for p in ps]\n"
    )
    root = subprocess.Popen([sys.executable, "-c", code])
    try:
        sampler = CoreSampler()
        sampler.sample(root.pid)
        time.sleep(0.2)
        sampler.sample(root.pid)
        time.sleep(0.6)
        sample = sampler.sample(root.pid)
    finally:
        root.wait(timeout=10)
    assert sample.tree_processes >= 3
    # Only a floor: other work on a small machine may take most of the cores meanwhile.
    assert sample.tree_percent is not None
    assert sample.tree_percent > 25
    assert len(sample.cores) == (psutil.cpu_count() or 1)


def test_the_monitor_does_not_import_textual() -> None:
    code = (
        "import sys, gilbench_tui.monitor\n"
        "bad = [m for m in ('textual', 'rich', 'textual_plotext') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
