"""The dask strategies against real Dask: a LocalCluster per sample, and a scheduler with two
workers started here on 127.0.0.1 as a user would start them by hand (`dask scheduler`,
`dask worker`), reached with --dask-scheduler. Without dask on an interpreter, the strategies are
unavailable with the install hint. The scheduler and workers are stopped after the module's tests,
and no process of theirs is left (checked by pid)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
import pytest

from gilbench_tui.engine.events import ClusterSeen, Sample, Started, parse_event
from gilbench_tui.probe import worker
from gilbench_tui.probe.catalog import STRATEGIES

if os.environ.get("GILBENCH_REQUIRE_DASK") != "1":  # CI sets it: there the extra must be in
    pytest.importorskip("distributed", reason="the [dask] extra is not installed")

WORKER = Path(worker.__file__)
GILBENCH = [sys.executable, "-m", "gilbench_tui"]
HINT = "pip install 'gilbench-tui[dask]'"
DASK = ["dask-threads", "dask-processes"]
SIZE = 50_000


@dataclass(frozen=True)
class Scheduler:
    address: str
    file: Path
    pids: tuple[int, ...]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _tree(procs: list[subprocess.Popen[bytes]]) -> set[int]:
    pids = set()
    for proc in procs:
        pids.add(proc.pid)
        with contextlib.suppress(psutil.NoSuchProcess):
            pids |= {child.pid for child in psutil.Process(proc.pid).children(recursive=True)}
    return pids


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scheduler]:
    """`dask scheduler` and two single-threaded `dask worker`s on 127.0.0.1, free ports."""
    from distributed import Client

    folder = tmp_path_factory.mktemp("dask")
    file = folder / "scheduler.json"
    dask = [sys.executable, "-m", "dask"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": folder}
    procs = [
        subprocess.Popen(
            [*dask, "scheduler", "--host", "127.0.0.1", "--port", str(free_port()),
             "--no-dashboard", "--scheduler-file", str(file)],
            start_new_session=True, **quiet,
        )
    ]  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        for name in ("w1", "w2"):
            procs.append(
                subprocess.Popen(
                    [*dask, "worker", "--scheduler-file", str(file), "--host", "127.0.0.1",
                     "--nthreads", "1", "--no-dashboard", "--name", name,
                     "--memory-limit", "0"],
                    start_new_session=True, **quiet,
                )
            )  # fmt: skip
        address = json.loads(file.read_text())["address"]
        with Client(address, timeout=30, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=60)
        yield Scheduler(address, file, tuple(sorted(_tree(procs))))
    finally:
        pids = _tree(procs)
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        deadline = time.monotonic() + 20
        while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in pids if _alive(pid)], "a Dask process was left running"


def run_worker(payload: dict[str, Any], python: str = sys.executable) -> tuple[int, list[Any]]:
    done = subprocess.run(
        [python, "-I", str(WORKER)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=180,
    )
    return done.returncode, [parse_event(line) for line in done.stdout.splitlines()]


def gilbench(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*GILBENCH, *args], capture_output=True, text=True, timeout=timeout, check=False
    )


def spec(**changes: Any) -> dict[str, Any]:
    base = {"workload": "seed", "size": SIZE, "workers": [2], "strategies": ["serial", *DASK]}
    return {**base, "repeat": 1, "warmup": 0, **changes}


def test_both_dask_strategies_agree_with_serial_on_a_local_cluster() -> None:
    code, events = run_worker(spec(return_data=True))
    assert code == 0
    samples = {e.strategy: e for e in events if isinstance(e, Sample)}
    assert set(samples) == {"serial", *DASK}
    assert samples["dask-threads"].checksums == samples["serial"].checksums
    assert samples["dask-processes"].checksums == samples["serial"].checksums
    for name in DASK:
        assert samples[name].pool_startup_s is not None and samples[name].pool_startup_s > 0
        assert samples[name].transfer_s is not None
    clusters = [e for e in events if isinstance(e, ClusterSeen)]
    assert clusters and all(
        c.local and c.scheduler.startswith("tcp://127.0.0.1:") for c in clusters
    )
    shapes = {tuple(w.threads for w in c.workers) for c in clusters}
    assert shapes == {(2,), (1, 1)}, "one worker with 2 threads, then 2 single-threaded workers"


def test_the_tasks_spread_over_an_existing_schedulers_workers(scheduler: Scheduler) -> None:
    code, events = run_worker(spec(dask_scheduler=scheduler.address, workers=[2, 3]))
    assert code == 0
    samples = [e for e in events if isinstance(e, Sample)]
    assert len(samples) == 6
    by_k: dict[int, set[tuple[int, ...]]] = {}
    for sample in samples:
        by_k.setdefault(sample.workers, set()).add(sample.checksums)
    assert all(len(checksums) == 1 for checksums in by_k.values())
    seen = [e for e in events if isinstance(e, ClusterSeen)]
    assert seen and not any(c.local for c in seen)
    assert {c.scheduler for c in seen} == {scheduler.address}
    assert all(len(c.workers) == 2 and {w.host for w in c.workers} == {"127.0.0.1"} for c in seen)


def test_run_with_dask_scheduler_records_the_cluster(scheduler: Scheduler) -> None:
    done = gilbench(
        "run", "--workload", "seed", "--size", "100k", "--workers", "2", "--repeat", "2",
        "--warmup", "0", "--strategies", "serial,dask-processes", "--dask-scheduler",
        scheduler.address, "--json", "-", "--quiet", "--data-dir", str(scheduler.file.parent),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    run = json.loads(done.stdout)
    assert run["cluster"] == {
        "scheduler": scheduler.address,
        "workers": 2,
        "threads_per_worker": 1,
        "hosts": ["127.0.0.1"],
    }
    assert run["spec"]["dask_scheduler"] == scheduler.address
    assert all(r["checksum_ok"] for r in run["results"])
    assert "2 workers × 1 thread on 1 host (127.0.0.1)" in run["verdict"]


def test_a_scheduler_file_is_as_good_as_its_address(scheduler: Scheduler) -> None:
    done = gilbench(
        "run", "--workload", "seed", "--size", "20k", "--workers", "2", "--repeat", "1",
        "--warmup", "0", "--strategies", "serial,dask-threads", "--dask-scheduler",
        str(scheduler.file), "--json", "-", "--quiet", "--data-dir", str(scheduler.file.parent),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["cluster"]["scheduler"] == scheduler.address


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    done = gilbench("run", "--strategies", "serial,dask-processes", "--dask-scheduler", address,
                    "--data-dir", str(tmp_path), timeout=60)  # fmt: skip
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and address in lines[0] and "cannot be reached" in lines[0]


def test_a_scheduler_without_a_dask_strategy_is_a_usage_error(tmp_path: Path) -> None:
    done = gilbench("run", "--strategies", "serial,threads", "--dask-scheduler",
                    "tcp://127.0.0.1:8786", "--data-dir", str(tmp_path), timeout=60)  # fmt: skip
    assert done.returncode == 2
    assert "dask-threads or dask-processes" in done.stderr


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh venv without dask (nor anything else): the worker needs only the standard library."""
    folder = tmp_path_factory.mktemp("bare") / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=120)
    python = str(folder / "bin" / "python")
    found = subprocess.run(
        [python, "-I", "-c", "import importlib.util as u; print(u.find_spec('dask') is None)"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    if found.stdout.strip() != "True":
        pytest.skip("the base interpreter has dask: no interpreter without it here")
    return python


def test_without_dask_the_strategies_are_unavailable_with_the_hint(bare_python: str) -> None:
    code, events = run_worker(spec(), python=bare_python)
    assert code == 0
    started = events[0]
    assert isinstance(started, Started)
    assert set(started.unavailable) == set(DASK)
    assert all(HINT in why for why in started.unavailable.values())
    assert {e.strategy for e in events if isinstance(e, Sample)} == {"serial"}


def test_without_dask_only_dask_strategies_exit_2_with_the_hint(
    bare_python: str, tmp_path: Path
) -> None:
    done = gilbench("run", "--python", bare_python, "--strategies", "dask-processes",
                    "--data-dir", str(tmp_path), timeout=60)  # fmt: skip
    assert done.returncode == 2
    assert HINT in done.stderr and len(done.stderr.strip().splitlines()) == 1
    mixed = gilbench("run", "--python", bare_python, "--strategies", "serial,dask-threads",
                     "--size", "10k", "--repeat", "1", "--warmup", "0", "--json", "-",
                     "--quiet", "--data-dir", str(tmp_path), timeout=120)  # fmt: skip
    assert mixed.returncode == 0, mixed.stderr
    assert HINT in json.loads(mixed.stdout)["unavailable"]["dask-threads"]


def test_the_dask_strategies_are_in_the_catalog_as_standing_pools() -> None:
    for name in DASK:
        record = STRATEGIES[name]
        assert record.startup_apart and record.standing and HINT in record.needs
    assert STRATEGIES["dask-threads"].kind == "threads"
    assert STRATEGIES["dask-processes"].own_interpreter


def test_something_that_is_not_a_scheduler_is_refused_before_the_run(tmp_path: Path) -> None:
    """A TCP connect alone would pass: the scheduler is asked through distributed itself."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(4)
        server.settimeout(60)
        address = f"tcp://127.0.0.1:{server.getsockname()[1]}"

        def answer_like_a_web_server() -> None:
            with contextlib.suppress(OSError):
                while True:
                    peer, _ = server.accept()
                    with peer:
                        peer.sendall(b"HTTP/1.0 400 Bad Request\r\n\r\n")

        threading.Thread(target=answer_like_a_web_server, daemon=True).start()
        done = gilbench("run", "--strategies", "serial,dask-processes", "--dask-scheduler",
                        address, "--data-dir", str(tmp_path), timeout=120)  # fmt: skip
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"gilbench: error: no Dask scheduler answers at {address}"
    )
