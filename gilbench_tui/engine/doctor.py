"""Is this machine fit to measure parallelism right now? pyperf's `system show`, for the GIL question.

`examine()` reads everything that can spoil a comparison of threads and processes — usable cores
and why, the frequency governor and turbo, load, steal, the busiest other processes, memory, and
the capacity a busy loop gets now — and `advise()` turns what it read into checks with advice.
Both are plain functions of plain data, so the rules are tested without a machine to spoil.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gilbench_tui.engine import capacity, cpus, machine

SAMPLE_S = 0.5
BUSY_OTHERS_CORES = 0.25
HIGH_STEAL = 0.05
LOW_MEMORY_BYTES = 1 << 30
CAPACITY_SHARE = 0.8
MAX_CAPACITY_PROCESSES = 16


@dataclass(frozen=True)
class OtherProcess:
    pid: int
    name: str
    cores: float


@dataclass(frozen=True)
class Examination:
    """What was read off the machine, over a short sample."""

    usable: cpus.UsableCpus
    governor: str | None
    turbo: bool | None
    load_avg_1m: float | None
    busy_cores: float
    steal_fraction: float
    others: list[OtherProcess] = field(default_factory=list)
    memory_available_bytes: int = 0
    memory_total_bytes: int = 0
    capacity: capacity.Capacity | None = None


@dataclass(frozen=True)
class Check:
    topic: str
    value: str
    advice: str | None = None

    @property
    def ok(self) -> bool:
        return self.advice is None


def turbo() -> bool | None:
    """Whether the CPU may boost above its base clock (Linux: intel_pstate or cpufreq boost)."""
    base = Path("/sys/devices/system/cpu")
    try:
        return (base / "intel_pstate" / "no_turbo").read_text().strip() == "0"
    except OSError:
        pass
    try:
        return (base / "cpufreq" / "boost").read_text().strip() == "1"
    except OSError:
        return None


def examine(sample_s: float = SAMPLE_S, measure_capacity: bool = True) -> Examination:
    """Read the machine for `sample_s` seconds, then measure capacity (a few hundred ms more)."""
    import psutil

    usable = cpus.usable_cpus()
    mine = {os.getpid()}
    procs = list(psutil.process_iter(["pid", "name"]))
    for proc in procs:
        try:
            proc.cpu_percent(None)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    before = psutil.cpu_times()
    time.sleep(sample_s)
    after = psutil.cpu_times()
    others = []
    for proc in procs:
        if proc.pid in mine:
            continue
        try:
            used = proc.cpu_percent(None) / 100.0
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        if used >= 0.05:
            others.append(OtherProcess(proc.pid, str(proc.info.get("name") or "?"), used))
    others.sort(key=lambda p: p.cores, reverse=True)
    busy, steal = busy_and_steal(before, after)
    memory = psutil.virtual_memory()
    k = min(MAX_CAPACITY_PROCESSES, max(2, usable.logical))
    return Examination(
        usable=usable,
        governor=machine.governor(),
        turbo=turbo(),
        load_avg_1m=machine.load_avg_1m(),
        busy_cores=busy,
        steal_fraction=steal,
        others=others[:5],
        memory_available_bytes=int(memory.available),
        memory_total_bytes=int(memory.total),
        capacity=capacity.measure(k) if measure_capacity else None,
    )


def busy_and_steal(before: Any, after: Any) -> tuple[float, float]:
    """Cores' worth of busy time, and the share of time stolen, between two psutil.cpu_times()."""
    fields = [name for name in before._fields if name not in ("guest", "guest_nice")]
    delta = {name: max(0.0, getattr(after, name) - getattr(before, name)) for name in fields}
    total = sum(delta.values())
    if total <= 0:
        return 0.0, 0.0
    idle = delta.get("idle", 0.0) + delta.get("iowait", 0.0)
    steal = delta.get("steal", 0.0)
    wall_cores = total / (os.cpu_count() or 1)
    busy = (total - idle - steal) / wall_cores if wall_cores > 0 else 0.0
    return busy, steal / total


def advise(seen: Examination) -> list[Check]:
    """One check per topic, with advice where the reading can spoil a measurement."""
    u = seen.usable
    checks = [
        Check(
            "usable cores",
            f"{u.count} of {u.logical} ({u.reason})",
            None
            if u.reason == "all"
            else f"only {u.capacity:g} CPUs' worth is usable: k processes finish at most "
            f"{u.capacity:g}× sooner, whatever the GIL does",
        )
    ]
    checks.append(_governor(seen.governor))
    checks.append(
        Check(
            "turbo",
            {True: "on", False: "off", None: "unknown"}[seen.turbo],
            "turbo boost lets one busy core run faster than several: parallel speedups read low"
            if seen.turbo
            else None,
        )
    )
    load = "unknown" if seen.load_avg_1m is None else f"{seen.load_avg_1m:.2f}"
    checks.append(
        Check(
            "load",
            f"{load} (1 min) · {seen.busy_cores:.2f} cores busy now",
            f"the load is {load} on {u.count} usable cores: wait, or expect noise"
            if seen.load_avg_1m is not None and seen.load_avg_1m > 0.5 * u.count
            else None,
        )
    )
    top = seen.others[0] if seen.others else None
    others_total = sum(p.cores for p in seen.others)
    checks.append(
        Check(
            "other processes",
            ", ".join(f"{p.name} ({p.pid}) {p.cores:.2f}" for p in seen.others[:3]) or "none busy",
            f"another process ({top.name}, pid {top.pid}) is using {top.cores:.2f} cores: "
            "results will understate processes"
            if top is not None and others_total >= BUSY_OTHERS_CORES
            else None,
        )
    )
    checks.append(
        Check(
            "steal",
            f"{seen.steal_fraction:.1%}",
            f"the hypervisor took {seen.steal_fraction:.0%} of CPU time (a noisy neighbour)"
            if seen.steal_fraction > HIGH_STEAL
            else None,
        )
    )
    checks.append(_memory(seen.memory_available_bytes, seen.memory_total_bytes))
    checks.append(_capacity(seen.capacity))
    return checks


def _governor(governor: str | None) -> Check:
    if governor is None:
        return Check("governor", "unknown (no cpufreq)")
    advice = (
        None
        if governor == "performance"
        else f"the {governor} governor changes clocks during a run; 'performance' holds them steady"
    )
    return Check("governor", governor, advice)


def _memory(available: int, total: int) -> Check:
    value = f"{available / 2**30:.1f} GiB available of {total / 2**30:.1f} GiB"
    low = available < LOW_MEMORY_BYTES
    return Check("memory", value, "little memory is free: large sizes may swap" if low else None)


def _capacity(found: capacity.Capacity | None) -> Check:
    if found is None:
        return Check("capacity now", "could not be measured", "the busy-loop measurement failed")
    value = f"{found.speedup:.2f}× from {found.processes} busy processes"
    short = found.speedup < CAPACITY_SHARE * found.processes
    advice = (
        f"{found.processes} busy loops get only {found.speedup:.2f}× right now: "
        "no strategy can do better until the machine is quieter"
        if short
        else None
    )
    return Check("capacity now", value, advice)
