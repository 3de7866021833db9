"""What the tool touches: loopback only, nothing left listening, stored data read as JSON only."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import psutil

import gilbench_tui
from gilbench_tui.probe.catalog import WORKLOADS

PACKAGE = Path(gilbench_tui.__file__).parent


def test_the_socket_workload_uses_loopback_only_and_leaves_nothing_listening() -> None:
    me = psutil.Process()
    seen: set[str] = set()
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            for conn in me.net_connections(kind="inet"):
                for address in (conn.laddr, conn.raddr):
                    if address:
                        seen.add(address.ip)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for index in range(3):
            WORKLOADS["socket"].load_task()(200_000, index)
    finally:
        done.set()
        watcher.join()
    assert seen, "the watcher saw no socket at all"
    assert seen <= {"127.0.0.1"}
    assert [c for c in me.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN] == []


def test_stored_data_is_never_unpickled_or_evaluated() -> None:
    """History, specs and events are JSON; pickle appears only where the probe's own child
    processes hand results back through multiprocessing, never for anything read from disk."""
    risky = re.compile(r"\b(pickle\.loads?|marshal\.loads?|eval\(|exec\(|yaml\.load)\b")
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "probe":
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if risky.search(line):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == []
