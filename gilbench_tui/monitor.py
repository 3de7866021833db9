"""Per-core CPU load and the CPU use of the worker's process tree, sampled with psutil.

The app calls `CoreSampler.sample()` from a timer at most twice a second; nothing here imports
Textual, so the sampler is tested on its own and the UI can be driven by a fake one.

The worker tree's CPU time is counted so that short-lived children are not lost: every live process
in the tree contributes its own user + system time plus the time of the children it has already
reaped (the kernel moves a reaped child's time into its parent's `children_*` fields). That total
only grows, so its change between two samples, divided by the wall time between them, is the tree's
CPU use, even when the `processes` strategy starts and joins workers between two samples.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, Generic, Protocol, TypeVar

import psutil

T = TypeVar("T")

#: Two samples a second at most: the meters must not cost the benchmark CPU.
MIN_INTERVAL_S = 0.5


@dataclass(frozen=True)
class CoreSample:
    """One reading: the load of each logical core and of the worker tree, in percent."""

    cores: tuple[float, ...]
    tree_percent: float | None = None
    tree_processes: int = 0
    at: float = 0.0
    #: The CPU use of the process that samples (the app itself), in percent of one core.
    own_percent: float | None = None
    #: Indexes of the cores this process may not run on (CPU affinity).
    unusable: frozenset[int] = frozenset()

    @property
    def core_count(self) -> int:
        return len(self.cores)

    @property
    def total_percent(self) -> float:
        """The machine's load as a share of all its cores (0-100)."""
        return sum(self.cores) / len(self.cores) if self.cores else 0.0

    @property
    def tree_cores(self) -> float | None:
        """How many cores' worth of CPU the worker tree used (200% → 2.0)."""
        return None if self.tree_percent is None else self.tree_percent / 100.0

    @property
    def others_cores(self) -> float:
        """Cores' worth of CPU used by everything but the worker tree and the app itself."""
        busy = sum(self.cores) / 100.0
        ours = (self.tree_cores or 0.0) + (self.own_percent or 0.0) / 100.0
        return max(0.0, busy - ours)

    @property
    def usable_count(self) -> int:
        return self.core_count - len(self.unusable)


class Sampler(Protocol):
    """What the app needs from a sampler; tests and screenshots inject a fake one."""

    @property
    def core_count(self) -> int: ...

    @property
    def usable_count(self) -> int:
        """The cores this process may run on: what `cores` means in the workers field."""
        ...

    def sample(self, root_pid: int | None = None) -> CoreSample: ...


class RingBuffer(Generic[T]):
    """The last `capacity` items, oldest first; appending to a full buffer drops the oldest."""

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("a ring buffer needs a capacity of at least 1")
        self._items: deque[T] = deque(maxlen=capacity)

    @property
    def capacity(self) -> int:
        maxlen = self._items.maxlen
        assert maxlen is not None
        return maxlen

    def append(self, item: T) -> None:
        self._items.append(item)

    def clear(self) -> None:
        self._items.clear()

    def latest(self) -> T | None:
        return self._items[-1] if self._items else None

    def items(self) -> list[T]:
        return list(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items))


@dataclass(frozen=True)
class _TreeReading:
    root_pid: int
    cpu_s: float
    at: float


class CoreSampler:
    """Reads per-core load and the worker tree's CPU use; call `sample()` at most every 0.5 s.

    psutil reports per-core load as the change since its previous call, so the very first reading
    (which covers the time since boot, or nothing) is taken and discarded at construction.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        psutil_module: Any = psutil,
    ) -> None:
        self._clock = clock
        self._psutil = psutil_module
        self._core_count = len(self._psutil.cpu_percent(interval=None, percpu=True)) or (
            os.cpu_count() or 1
        )
        self._tree: _TreeReading | None = None
        self._own: _TreeReading | None = None
        self._unusable = _unusable_cores(self._core_count)

    @property
    def core_count(self) -> int:
        return self._core_count

    @property
    def usable_count(self) -> int:
        from gilbench_tui.engine.cpus import usable_cpus

        return usable_cpus().count

    def sample(self, root_pid: int | None = None) -> CoreSample:
        """The load since the previous call; the tree's load when `root_pid` is being watched."""
        cores = tuple(
            _clamp(float(p), 0.0, 100.0)
            for p in self._psutil.cpu_percent(interval=None, percpu=True)
        )
        now = self._clock()
        own = self._own_percent(now, len(cores))
        base = CoreSample(cores, at=now, own_percent=own, unusable=self._unusable)
        if root_pid is None:
            self._tree = None
            return base
        reading = self._read_tree(root_pid)
        if reading is None:
            self._tree = None
            return base
        cpu_s, processes = reading
        previous = self._tree
        self._tree = _TreeReading(root_pid, cpu_s, now)
        if previous is None or previous.root_pid != root_pid or now <= previous.at:
            return replace(base, tree_processes=processes)
        percent = _rate(cpu_s - previous.cpu_s, now - previous.at, len(cores))
        return replace(base, tree_percent=percent, tree_processes=processes)

    def _own_percent(self, now: float, cores: int) -> float | None:
        """This process's CPU use since the previous sample (the app drawing and sampling)."""
        try:
            times = self._psutil.Process(os.getpid()).cpu_times()
        except (self._psutil.NoSuchProcess, self._psutil.AccessDenied, AttributeError):
            return None
        cpu_s = float(times.user + times.system)
        previous, self._own = self._own, _TreeReading(os.getpid(), cpu_s, now)
        if previous is None or now <= previous.at:
            return None
        return _rate(cpu_s - previous.cpu_s, now - previous.at, cores)

    def _read_tree(self, root_pid: int) -> tuple[float, int] | None:
        """Total CPU seconds of the tree rooted at `root_pid` and how many processes it holds."""
        errors = (self._psutil.NoSuchProcess, self._psutil.AccessDenied)
        try:
            root = self._psutil.Process(root_pid)
            members = [root, *root.children(recursive=True)]
        except errors:
            return None
        total = 0.0
        alive = 0
        for process in members:
            try:
                times = process.cpu_times()
            except errors:
                continue
            alive += 1
            total += times.user + times.system
            total += getattr(times, "children_user", 0.0) + getattr(times, "children_system", 0.0)
        return (total, alive) if alive else None


def _rate(used_s: float, elapsed_s: float, cores: int) -> float:
    """CPU seconds over wall seconds, in percent of one core, within what the cores allow."""
    return _clamp(100.0 * max(0.0, used_s) / elapsed_s, 0.0, 100.0 * cores)


def _unusable_cores(count: int) -> frozenset[int]:
    """The cores outside this process's affinity mask (none where the mask cannot be read)."""
    getter = getattr(os, "sched_getaffinity", None)
    if getter is None:
        return frozenset()
    try:
        allowed = getter(0)
    except OSError:
        return frozenset()
    return frozenset(i for i in range(count) if i not in allowed)


def _clamp(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))
