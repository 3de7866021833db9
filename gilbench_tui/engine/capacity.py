"""Capacity now: the speedup a plain busy loop gets from k processes on this machine, this moment.

A machine that gives two busy loops only 1.3× (another program holds a core, a quota caps the
container) cannot give processes more, and the GIL is not to blame. The measurement runs
probe/capacity.py in a subprocess of this interpreter (a few hundred milliseconds); it is taken
before a run and again after it, and the verdict reads every speedup against it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "probe" / "capacity.py"
TIMEOUT_S = 20.0


@dataclass(frozen=True)
class Capacity:
    processes: int
    single_s: float
    parallel_s: float
    speedup: float


def command(processes: int, python: str | None = None) -> list[str]:
    return [python or sys.executable, "-I", str(SCRIPT), str(processes)]


def parse(output: str, processes: int) -> Capacity | None:
    """The script's JSON line; None when it is missing or not understood."""
    try:
        data = json.loads(output.strip().splitlines()[-1])
        single, parallel = float(data["single_s"]), float(data["parallel_s"])
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if single <= 0 or parallel <= 0:
        return None
    speedup = min(float(processes), processes * single / parallel)
    return Capacity(processes, single, parallel, speedup)


def measure(processes: int, timeout_s: float = TIMEOUT_S) -> Capacity | None:
    """Blocking; None when it could not be measured (the run still goes on without it)."""
    if processes <= 1:
        return Capacity(1, 0.0, 0.0, 1.0)
    try:
        done = subprocess.run(
            command(processes),
            capture_output=True,
            text=True,
            timeout=timeout_s,
            stdin=subprocess.DEVNULL,
            check=False,
            start_new_session=True,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return parse(done.stdout, processes) if done.returncode == 0 else None


async def measure_async(processes: int, timeout_s: float = TIMEOUT_S) -> Capacity | None:
    """As measure(), without blocking the event loop; on cancel or time-out the script and the
    loops it forked are killed (they run in a process group of their own)."""
    if processes <= 1:
        return Capacity(1, 0.0, 0.0, 1.0)
    try:
        proc = await asyncio.create_subprocess_exec(
            *command(processes),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return None
    talking = asyncio.ensure_future(proc.communicate())
    try:
        done, _ = await asyncio.wait({talking}, timeout=timeout_s)
    except asyncio.CancelledError:
        talking.cancel()
        await _stop(proc)
        raise
    if not done:
        talking.cancel()
        await _stop(proc)
        return None
    out, _ = talking.result()
    return parse(out.decode("utf-8", "replace"), processes) if proc.returncode == 0 else None


async def _stop(proc: asyncio.subprocess.Process) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    if proc.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
        await proc.wait()
