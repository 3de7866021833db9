"""The workload registry: every entry complete, checksums depending only on (size, task_index)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gilbench_tui.probe import workloads
from gilbench_tui.probe.workloads import GIL_BEHAVIOURS, WORKLOADS, available, describe

TINY_SIZES = (0, 1, 2, 7, 2001, 5000)


def test_the_registry_holds_the_expected_workloads_in_order() -> None:
    assert list(WORKLOADS) == ["seed", "pidigits", "sha256", "sleep"]


@pytest.mark.parametrize("name", list(WORKLOADS))
def test_every_workload_is_described(name: str) -> None:
    workload = WORKLOADS[name]
    assert workload.name == name
    assert workload.gil in GIL_BEHAVIOURS
    assert workload.label and "\n" not in workload.label
    assert workload.label == (workload.func.__doc__ or "").strip().splitlines()[0]
    assert workload.description and "\n" not in workload.description
    assert available(name) == (True, "")


def test_gil_behaviours_match_what_the_work_does() -> None:
    gil = {name: w.gil for name, w in WORKLOADS.items()}
    assert gil == {"seed": "holds", "pidigits": "holds", "sha256": "releases", "sleep": "waits"}


def test_the_seed_label_names_the_articles_loop() -> None:
    assert "random.random()" in WORKLOADS["seed"].label


@pytest.mark.parametrize("name", list(WORKLOADS))
def test_checksums_are_deterministic_and_in_range(name: str) -> None:
    func = WORKLOADS[name].func
    for size in TINY_SIZES:
        for task_index in (0, 3):
            first = func(size, task_index)
            assert isinstance(first, int)
            assert 0 <= first < workloads.CHECKSUM_LIMIT
            assert func(size, task_index) == first


@pytest.mark.parametrize("name", list(WORKLOADS))
def test_size_changes_the_checksum(name: str) -> None:
    func = WORKLOADS[name].func
    assert len({func(size, 1) for size in (10, 11, 3000)}) == 3


def test_seed_task_index_changes_the_checksum() -> None:
    checksums = [workloads.seed(500, index) for index in range(8)]
    assert len(set(checksums)) == len(checksums)


def test_seed_checksum_follows_the_articles_list() -> None:
    import random

    rng = random.Random(4)
    values = [rng.random() for _ in range(300)]
    scaled = [int(values[i] * 2**53) for i in (0, 150, 299)]
    assert workloads.seed(300, 4) == workloads._fold(300, *scaled)
    assert workloads.seed(0, 4) == workloads._fold(0)


def test_machin_pi_is_right() -> None:
    assert str(workloads._machin_pi(30)) == "3141592653589793238462643383279"


def test_sha256_hashes_size_times_128_bytes() -> None:
    import hashlib
    import random

    data = random.Random(2).getrandbits(8 * 1280).to_bytes(1280, "little")
    expected = int.from_bytes(hashlib.sha256(data).digest()[:8], "big") >> 1
    assert workloads.sha256(10, 2) == expected


def test_sleep_waits_about_size_times_100_ns() -> None:
    import time

    started = time.perf_counter()
    workloads.sleep(200_000, 0)
    assert 0.02 <= time.perf_counter() - started < 0.5


def test_unknown_workloads_are_not_available() -> None:
    ok, reason = available("nope")
    assert not ok
    assert "nope" in reason and "seed" in reason


def test_describe_lists_every_workload() -> None:
    rows = describe()
    assert [row[0] for row in rows] == list(WORKLOADS)
    assert all(len(row) == 4 and all(row) for row in rows)


def test_importing_the_probe_modules_is_cheap_and_inert() -> None:
    code = (
        "import sys, threading, multiprocessing\n"
        "import gilbench_tui.probe.workloads, gilbench_tui.probe.strategies\n"
        "assert threading.active_count() == 1\n"
        "assert not multiprocessing.active_children()\n"
        "assert 'gilbench_tui.probe.worker' not in sys.modules\n"
        "assert not any(m.startswith('gilbench_tui.engine') for m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)
