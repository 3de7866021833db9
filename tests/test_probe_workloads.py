"""The catalog's workloads: every record complete, checksums depending only on (size, task_index)."""

from __future__ import annotations

import asyncio
import hashlib
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

import pytest

from gilbench_tui.probe import (
    tasks_common,
    tasks_native,
    tasks_python,
    tasks_seed,
    tasks_shared,
    tasks_waiting,
)
from gilbench_tui.probe.catalog import GIL_BEHAVIOURS, WORKLOADS
from gilbench_tui.probe.tasks_common import Output
from tests import pythons

TINY_SIZES = (0, 1, 2, 7, 2001, 5000)
PY311 = pythons.python("3.11")
NUMPY_HERE = WORKLOADS["numpy"].unavailable() is None
RUNNABLE = [name for name, w in WORKLOADS.items() if w.unavailable() is None]
EXPECTED_GIL = {
    "seed": "holds",
    "seed-shared": "holds",
    "pidigits": "holds",
    "primes": "holds",
    "sha256": "releases",
    "zlib": "releases",
    "bz2": "releases",
    "numpy": "releases",
    "sleep": "waits",
    "file-io": "waits",
    "socket": "waits",
}


def test_the_registry_holds_the_expected_workloads_in_order() -> None:
    assert list(WORKLOADS) == list(EXPECTED_GIL)
    assert len(WORKLOADS) >= 10


@pytest.mark.parametrize("name", list(WORKLOADS))
def test_every_workload_is_described(name: str) -> None:
    workload = WORKLOADS[name]
    assert workload.name == name
    assert workload.gil in GIL_BEHAVIOURS
    assert workload.label and "\n" not in workload.label
    assert workload.label == (workload.load_task().__doc__ or "").strip().splitlines()[0]
    assert workload.description and "\n" not in workload.description


def test_gil_behaviours_match_what_the_work_does() -> None:
    assert {name: w.gil for name, w in WORKLOADS.items()} == EXPECTED_GIL


def test_only_waiting_workloads_have_a_coroutine_variant() -> None:
    assert {name for name, w in WORKLOADS.items() if w.async_task} == {"sleep", "socket"}
    assert all(WORKLOADS[name].gil == "waits" for name in ("sleep", "socket"))


def test_the_seed_label_names_the_articles_loop() -> None:
    assert "random.random()" in WORKLOADS["seed"].label


def task(name: str) -> Any:
    """The workload's task, reset before each call as before a timed run (seed-shared reseeds)."""
    workload = WORKLOADS[name]

    def call(size: int, task_index: int, keep: bool = False) -> Output:
        workload.before_run()
        return workload.load_task()(size, task_index, keep)

    return call


@pytest.mark.parametrize("name", RUNNABLE)
def test_checksums_are_deterministic_and_in_range(name: str) -> None:
    func = task(name)
    for size in TINY_SIZES:
        for task_index in (0, 3):
            first = func(size, task_index)
            assert isinstance(first, Output) and first.data is None
            assert isinstance(first.checksum, int)
            assert 0 <= first.checksum < tasks_common.CHECKSUM_LIMIT
            assert func(size, task_index) == first


@pytest.mark.parametrize("name", [n for n in RUNNABLE if not WORKLOADS[n].shared_state])
def test_size_and_task_index_change_the_checksum(name: str) -> None:
    func = task(name)
    assert len({func(size, 1).checksum for size in (10, 11, 3000)}) == 3
    assert len({func(3000, index).checksum for index in range(4)}) == 4


@pytest.mark.parametrize("name", RUNNABLE)
def test_keep_returns_the_data_and_the_same_checksum(name: str) -> None:
    func = task(name)
    plain, kept = func(3000, 2), func(3000, 2, keep=True)
    assert kept.checksum == plain.checksum
    assert kept.data is not None


@pytest.mark.parametrize("name", [n for n, w in WORKLOADS.items() if w.async_task])
def test_coroutine_variants_agree_with_the_blocking_ones(name: str) -> None:
    workload = WORKLOADS[name]
    async_func = workload.load_async_task()
    assert async_func is not None
    for size, index in ((0, 0), (7, 1), (3000, 2)):
        output = asyncio.run(async_func(size, index, True))
        assert output.checksum == workload.load_task()(size, index).checksum
        assert output.data is not None


def test_seed_checksum_follows_the_articles_list() -> None:
    rng = random.Random(4)
    values = [rng.random() for _ in range(300)]
    scaled = [int(values[i] * 2**53) for i in (0, 150, 299)]
    assert tasks_seed.seed(300, 4).checksum == tasks_common.fold(300, *scaled)
    assert tasks_seed.seed(0, 4).checksum == tasks_common.fold(0)
    assert tasks_seed.seed(300, 4, keep=True).data == values


def test_seed_shared_draws_from_the_module_level_generator_reseeded_per_run() -> None:
    random.seed(tasks_shared.SEED)
    expected = [random.random() for _ in range(600)]
    WORKLOADS["seed-shared"].before_run()
    first = tasks_shared.seed_shared(300, 0, keep=True)
    second = tasks_shared.seed_shared(300, 5, keep=True)  # the index plays no part
    assert first.data + second.data == expected
    scaled = [int(x * 2**53) for x in expected]
    assert first.checksum == sum(scaled[:300]) % tasks_common.CHECKSUM_LIMIT
    assert (first.checksum + second.checksum) % tasks_common.CHECKSUM_LIMIT == sum(scaled) % (
        tasks_common.CHECKSUM_LIMIT
    )


def test_seed_shared_appends_to_the_lists_made_before_the_run_as_the_article_did() -> None:
    """The thread that starts the tasks makes their lists (off the clock); each task takes its
    own out, so none is held after it returns, and a task with no list made for it (a fresh
    copy of the module in a spawned child) makes its own."""
    WORKLOADS["seed-shared"].before_run(2)
    made = list(tasks_shared._lists)
    assert [len(out) for out in made if out is not None] == [0, 0]
    first = tasks_shared.seed_shared(10, 1, keep=True)
    assert first.data is made[1] and len(first.data) == 10
    assert tasks_shared._lists == [made[0], None]
    assert tasks_shared.seed_shared(10, 1, keep=True).data is not made[1]  # taken already
    assert tasks_shared.seed_shared(10, 7, keep=True).data is not None  # none made for it


def test_seed_shareds_checksum_of_all_tasks_does_not_depend_on_who_drew_what() -> None:
    """Threads interleave their draws: any split of the same draws sums to the same total."""
    random.seed(tasks_shared.SEED)
    draws = [random.random() for _ in range(1000)]
    shuffled = random.Random(9).sample(draws, len(draws))
    whole = tasks_shared.exact_sum(draws)
    assert tasks_shared.exact_sum(shuffled[:123]) + tasks_shared.exact_sum(shuffled[123:]) == whole
    assert whole == sum(int(x * 2**53) for x in draws)


def test_machin_pi_is_right() -> None:
    assert str(tasks_python.machin_pi(30)) == "3141592653589793238462643383279"


def test_primes_finds_the_primes_of_its_window() -> None:
    output = tasks_python.primes(40 * 1000, 0, keep=True)
    start = 1_000_000
    expected = [n for n in range(start, start + 1000) if all(n % d for d in range(2, 1001))]
    assert output.data == expected


def test_sha256_hashes_size_times_128_bytes() -> None:
    data = random.Random(2).getrandbits(8 * 1280).to_bytes(1280, "little")
    digest = hashlib.sha256(data).digest()
    assert tasks_native.sha256(10, 2).checksum == int.from_bytes(digest[:8], "big") >> 1
    assert tasks_native.sha256(10, 2, keep=True).data == digest


@pytest.mark.parametrize(("name", "per_item"), [("zlib", 4), ("bz2", 2)])
def test_compressors_compress_size_times_their_bytes(name: str, per_item: int) -> None:
    import bz2

    chunks = WORKLOADS[name].load_task()(1000, 5, keep=True).data
    assert chunks is not None
    decompress = zlib.decompress if name == "zlib" else bz2.decompress
    assert b"".join(decompress(chunk) for chunk in chunks) == tasks_common.text_bytes(
        5, 1000 * per_item
    )


def test_compressible_text_is_made_of_17_letters() -> None:
    text = tasks_common.text_bytes(1, 10_000)
    assert set(text) <= set(b"etaoinshrdlucmfw ")
    assert len(zlib.compress(text)) < 0.7 * len(text)


def test_sleep_waits_about_size_times_100_ns() -> None:
    started = time.perf_counter()
    tasks_waiting.sleep(200_000, 0)
    assert 0.02 <= time.perf_counter() - started < 0.5


def test_file_io_reads_back_what_it_wrote_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    output = WORKLOADS["file-io"].load_task()(10_000, 3, keep=True)
    assert (
        output.data
        == tasks_common.random_bytes(3, 65536)
        + tasks_common.random_bytes(3, 65536)[: 80_000 - 65536]
    )
    assert list(tmp_path.iterdir()) == []


def test_file_io_cleans_up_after_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def broken_fsync(fd: int) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk on fire"):
        WORKLOADS["file-io"].load_task()(1000, 0)
    assert list(tmp_path.iterdir()) == []


def test_socket_uses_only_loopback_and_leaves_nothing_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    addresses: list[Any] = []
    real_bind, real_connect = socket.socket.bind, socket.socket.connect
    opened: list[socket.socket] = []
    real_init = socket.socket.__init__

    def init(self: socket.socket, *args: Any, **kwargs: Any) -> None:
        real_init(self, *args, **kwargs)
        opened.append(self)

    def bind(self: socket.socket, address: Any) -> None:
        addresses.append(address)
        real_bind(self, address)

    def connect(self: socket.socket, address: Any) -> None:
        addresses.append(address)
        real_connect(self, address)

    monkeypatch.setattr(socket.socket, "__init__", init)
    monkeypatch.setattr(socket.socket, "bind", bind)
    monkeypatch.setattr(socket.socket, "connect", connect)
    output = WORKLOADS["socket"].load_task()(1000, 1, keep=True)
    assert output.data == (1, tasks_common.random_bytes(1, 4096))
    assert addresses[0] == ("127.0.0.1", 0)
    assert all(address[0] == "127.0.0.1" for address in addresses)
    assert opened and all(sock.fileno() == -1 for sock in opened)


def test_socket_echo_checks_what_comes_back(monkeypatch: pytest.MonkeyPatch) -> None:
    real_recv_exactly = tasks_waiting._recv_exactly
    calls: list[int] = []

    def corrupting(sock: socket.socket, view: memoryview) -> None:
        """The second receive of a chunk is the client's: flip a bit of what came back."""
        real_recv_exactly(sock, view)
        calls.append(1)
        if len(calls) == 2:
            view[0] ^= 0xFF

    monkeypatch.setattr(tasks_waiting, "_recv_exactly", corrupting)
    with pytest.raises(ConnectionError, match="came back different"):
        WORKLOADS["socket"].load_task()(100, 0)


@pytest.mark.skipif(NUMPY_HERE, reason="numpy imports on the test interpreter")
def test_numpy_is_unavailable_with_the_reason() -> None:
    reason = WORKLOADS["numpy"].unavailable()
    assert reason is not None
    assert reason.startswith("numpy does not import on this interpreter (")


@pytest.mark.skipif(not PY311.exists(), reason=f"no {PY311} (the pyenv Python with numpy)")
def test_numpy_workload_where_numpy_imports() -> None:
    probe_dir = Path(tasks_common.__file__).parent
    code = (
        "import os, sys\n"
        f"sys.path.insert(0, {str(probe_dir)!r})\n"
        "import catalog\n"
        "why = catalog.WORKLOADS['numpy'].unavailable()\n"
        "if why: print('SKIP', why); sys.exit(0)\n"
        "assert os.environ['OPENBLAS_NUM_THREADS'] == '1'\n"
        "f = catalog.WORKLOADS['numpy'].load_task()\n"
        "a, b = f(20000, 0), f(20000, 1)\n"
        "assert a == f(20000, 0) and a != b and a != f(30000, 0)\n"
        "kept = f(3375, 0, True).data\n"
        "import numpy as np\n"
        "s = np.random.RandomState(0)\n"
        "l = s.randint(0, 10, (192, 192)).astype(float); r = s.randint(0, 10, (192, 192))\n"
        "assert (kept == l @ r).all()\n"
        "print('OK')\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    done = subprocess.run(
        [str(PY311), "-I", "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stderr
    if done.stdout.startswith("SKIP"):
        pytest.skip(done.stdout)
    assert done.stdout.strip() == "OK"


def test_importing_the_catalog_and_the_dispatch_is_cheap_and_inert() -> None:
    """The parent imports the catalog for names: no task, no strategy, no work."""
    code = (
        "import sys, threading, multiprocessing\n"
        "import gilbench_tui.probe.catalog, gilbench_tui.probe.strategies\n"
        "assert threading.active_count() == 1\n"
        "assert not multiprocessing.active_children()\n"
        "loaded = [m for m in sys.modules if m.startswith('gilbench_tui.probe.')]\n"
        "assert not [m for m in loaded if m.rsplit('.', 1)[1].startswith(('tasks_', 'strategy_'))]\n"
        "assert 'numpy' not in sys.modules and 'asyncio' not in sys.modules\n"
        "assert 'gilbench_tui.probe.worker' not in sys.modules\n"
        "assert not any(m.startswith('gilbench_tui.engine') for m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)
