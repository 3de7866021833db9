"""How many CPUs this process may really use: affinity and cgroup quotas, not os.cpu_count().

`os.cpu_count()` counts the machine's logical CPUs. Under `taskset`, in a container with a CPU
quota or on a cgroup-limited server, a process gets fewer: k processes then finish at most
min(k, usable) times sooner, and every speedup must be read against that number.

Three limits are read and the smallest wins: the CPU affinity mask (`os.sched_getaffinity`, or
`os.process_cpu_count()` on 3.13+, which also honours PYTHON_CPU_COUNT), the cgroup v2
`cpu.max` quota of this process's cgroup and every parent, and the cgroup v1
`cpu.cfs_quota_us` / `cpu.cfs_period_us` pair. A quota of 1.5 CPUs is kept as a fraction
(`quota`) for ideal speedups and rounded up for `count` (two processes can both run, sharing
1.5 CPUs' worth of time).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class UsableCpus:
    """What this process may use; `reason` is for people ("affinity 1 of 2", "all")."""

    count: int
    logical: int
    quota: float | None
    reason: str

    @property
    def capacity(self) -> float:
        """The most parallelism the limits allow: the quota when there is one, else the count."""
        return min(float(self.count), self.quota) if self.quota is not None else float(self.count)

    def ideal(self, tasks: int) -> float:
        """The best speedup k tasks can reach here: min(k, usable capacity)."""
        return max(1.0, min(float(tasks), self.capacity))


def usable_cpus(
    proc: Path = Path("/proc"), cgroup_root: Path = Path("/sys/fs/cgroup")
) -> UsableCpus:
    """The CPUs this process may use now, and why (the paths are parameters for tests)."""
    logical = os.cpu_count() or 1
    affinity = _affinity()
    quota, quota_source = _cgroup_quota(proc, cgroup_root)
    count = logical
    reasons: list[str] = []
    if affinity is not None and affinity < logical:
        count = affinity
        reasons.append(f"affinity {affinity} of {logical}")
    if quota is not None and quota < count:
        count = max(1, math.ceil(quota - 1e-9))
        reasons.append(f"{quota_source} {quota:g} CPU{'s' if quota != 1 else ''}")
    else:
        quota = None
    return UsableCpus(
        count=max(1, count),
        logical=logical,
        quota=quota,
        reason="; ".join(reasons) if reasons else "all",
    )


def _affinity() -> int | None:
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        found = counter()
        return int(found) if found else None
    getter = getattr(os, "sched_getaffinity", None)
    if getter is None:
        return None
    try:
        return len(getter(0)) or None
    except OSError:
        return None


def _cgroup_quota(proc: Path, root: Path) -> tuple[float | None, str]:
    """The tightest CPU quota over this process's cgroup and its parents, v2 then v1."""
    v2, v1 = _cgroup_paths(proc / "self" / "cgroup")
    if v2 is not None:
        quota = _tightest(root / v2.lstrip("/"), root, _v2_quota)
        if quota is not None:
            return quota, "cgroup quota"
    if v1 is not None:
        for mount in ("cpu", "cpu,cpuacct", "cpuacct,cpu"):
            base = root / mount
            if base.is_dir():
                quota = _tightest(base / v1.lstrip("/"), base, _v1_quota)
                if quota is not None:
                    return quota, "cgroup quota"
    return None, ""


def _cgroup_paths(path: Path) -> tuple[str | None, str | None]:
    """(v2 path, v1 cpu controller path) from /proc/self/cgroup; None where absent."""
    try:
        text = path.read_text()
    except OSError:
        return None, None
    v2 = v1 = None
    for line in text.splitlines():
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        _, controllers, where = parts
        if controllers == "":
            v2 = where
        elif "cpu" in controllers.split(","):
            v1 = where
    return v2, v1


def _tightest(start: Path, root: Path, read: Callable[[Path], float | None]) -> float | None:
    """The smallest quota from `start` up to `root` (a parent's limit binds its children)."""
    best: float | None = None
    here = start
    while True:
        value = read(here)
        if value is not None:
            best = value if best is None else min(best, value)
        if here == root or root not in here.parents:
            return best
        here = here.parent


def _v2_quota(directory: Path) -> float | None:
    """`cpu.max` holds "max 100000" (no limit) or "150000 100000" (1.5 CPUs)."""
    try:
        fields = (directory / "cpu.max").read_text().split()
    except OSError:
        return None
    if len(fields) != 2 or fields[0] == "max":
        return None
    return _ratio(fields[0], fields[1])


def _v1_quota(directory: Path) -> float | None:
    """cfs_quota_us of -1 means no limit."""
    try:
        quota = (directory / "cpu.cfs_quota_us").read_text().strip()
        period = (directory / "cpu.cfs_period_us").read_text().strip()
    except OSError:
        return None
    return _ratio(quota, period)


def _ratio(quota: str, period: str) -> float | None:
    try:
        q, p = int(quota), int(period)
    except ValueError:
        return None
    if q <= 0 or p <= 0:
        return None
    return q / p
