"""Stopping a CLI run from outside: Ctrl+C, and a worker killed under it."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

#: A guard against hangs, not a timing claim: a busy machine may be slow, never stuck.
HANG_S = 10.0

LONG_RUN = ["run", "--workload", "seed", "--size", "20M", "--workers", "2", "--repeat", "20"]


def start(data_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "gilbench_tui", *LONG_RUN, "--strategies", "processes,threads"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "GILBENCH_DATA_DIR": str(data_dir)},
    )


def worker_of(pid: int) -> psutil.Process | None:
    """The CLI's worker process (not the capacity measurement that runs before it)."""
    for child in psutil.Process(pid).children():
        try:
            if any(part.endswith("worker.py") for part in child.cmdline()):
                return child
        except psutil.NoSuchProcess:
            continue
    return None


def tree(pid: int, minimum: int, timeout: float = 20.0) -> list[psutil.Process]:
    """The worker process and its descendants, once it has started its task processes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        worker = worker_of(pid)
        if worker is not None:
            with contextlib.suppress(psutil.NoSuchProcess):
                kids = [worker, *worker.children(recursive=True)]
                if len(kids) >= minimum:
                    return kids
        time.sleep(0.05)
    pytest.fail("the worker tree never appeared")


def gone(procs: list[psutil.Process], within: float) -> bool:
    _, alive = psutil.wait_procs(procs, timeout=within)
    return not [p for p in alive if p.status() != psutil.STATUS_ZOMBIE]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_ctrl_c_or_a_stop_signal_ends_the_run_with_exit_130(signum: int, tmp_path: Path) -> None:
    cli = start(tmp_path)
    kids = tree(cli.pid, minimum=3)  # worker + two task processes
    t0 = time.monotonic()
    cli.send_signal(signum)
    _, err = cli.communicate(timeout=10)
    assert cli.returncode == 130
    assert time.monotonic() - t0 < HANG_S
    assert gone(kids, within=HANG_S)
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == "gilbench: cancelled"


def test_worker_killed_by_sigkill_exits_1_with_one_line(tmp_path: Path) -> None:
    cli = start(tmp_path)
    kids = tree(cli.pid, minimum=3)
    worker = worker_of(cli.pid)
    assert worker is not None
    worker.kill()
    _, err = cli.communicate(timeout=10)
    assert cli.returncode == 1
    assert gone(kids, within=HANG_S), "the task processes outlived their worker"
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == (
        "gilbench: error: the worker process was killed by SIGKILL"
    )
