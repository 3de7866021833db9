"""Metadata about the machine a run was measured on, collected just before the run."""

from __future__ import annotations

import os
import platform
import socket
from pathlib import Path

from gilbench_tui.engine.cpus import usable_cpus
from gilbench_tui.engine.results import Machine


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(errors="replace").splitlines():
            key, _, value = line.partition(":")
            if (
                key.strip() in ("model name", "Hardware", "Processor", "cpu model")
                and value.strip()
            ):
                return value.strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def load_avg_1m() -> float | None:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def governor() -> str | None:
    """The cpufreq scaling governor of CPU 0 (Linux), which decides whether clocks hold steady."""
    try:
        path = Path("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")
        return path.read_text().strip() or None
    except OSError:
        return None


def cpu_freq_mhz() -> float | None:
    import psutil

    try:
        freq = psutil.cpu_freq()
    except (OSError, NotImplementedError, AttributeError):
        return None
    return float(freq.current) if freq and freq.current else None


def collect() -> Machine:
    import psutil

    usable = usable_cpus()
    return Machine(
        hostname=socket.gethostname(),
        os=f"{platform.system()} {platform.release()}",
        cpu_model=cpu_model(),
        logical_cpus=os.cpu_count() or 1,
        physical_cpus=psutil.cpu_count(logical=False),
        memory_bytes=int(psutil.virtual_memory().total),
        load_avg_1m=load_avg_1m(),
        cpu_freq_mhz=cpu_freq_mhz(),
        governor=governor(),
        usable_cpus=usable.count,
        usable_cpus_reason=usable.reason,
        cpu_quota=usable.quota,
    )
