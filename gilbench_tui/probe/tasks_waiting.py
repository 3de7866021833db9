"""Workloads that spend their time waiting: on a timer, on the disk, on a socket.

While a thread waits in a system call it has released the GIL, so k threads overlap their waits.
`sleep` and `socket` also come as coroutines, for the asyncio strategy; the standard library has
no asynchronous file I/O, so `file-io` does not. Each is sized so that 2M items take roughly
0.1-0.3 s here.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
import zlib
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator, List, Tuple

if TYPE_CHECKING:
    import asyncio

if TYPE_CHECKING or __package__:
    from .tasks_common import Output, fold, random_bytes
else:  # imported by path (worker.py run by path, or inside a subinterpreter)
    from tasks_common import Output, fold, random_bytes

_SLEEP_S_PER_ITEM = 100e-9
_SLEEP_CHUNK_S = 0.01


def _sleeps(size: int) -> List[float]:
    """The sleeps of `size` × 100 ns of waiting: as few as keep each within 10 ms, as I/O waits
    would be, all of one length. How many there are depends on `size` only, so the checksum can
    count them: a task that skipped its waiting would not give the same checksum."""
    total = size * _SLEEP_S_PER_ITEM
    count = max(1, -(-int(total * 1e6) // int(_SLEEP_CHUNK_S * 1e6)))
    return [total / count] * count


def sleep(size: int, task_index: int, keep: bool = False) -> Output:
    """Wait in short sleeps (stands in for I/O, needs no CPU)

    Waits size × 100 ns in total (0.2 s at size 2M) in equal sleeps of at most 10 ms; each sleep
    releases the GIL and re-takes it. The checksum counts the sleeps taken; the kept data is
    the time each one really lasted.
    """
    slept: List[float] = []
    for seconds in _sleeps(size):
        began = time.perf_counter()
        time.sleep(seconds)
        slept.append(time.perf_counter() - began)
    return Output(fold(size, task_index, len(slept)), slept if keep else None)


async def sleep_async(size: int, task_index: int, keep: bool = False) -> Output:
    """The same waits as `sleep`, as asyncio.sleep() on the running event loop."""
    import asyncio  # only here: importing asyncio costs the parent ~25 ms it rarely needs

    slept: List[float] = []
    for seconds in _sleeps(size):
        began = time.perf_counter()
        await asyncio.sleep(seconds)
        slept.append(time.perf_counter() - began)
    return Output(fold(size, task_index, len(slept)), slept if keep else None)


_FILE_BYTES = 1 << 16
_FILE_BYTES_PER_ITEM = 8


def file_io(size: int, task_index: int, keep: bool = False) -> Output:
    """Write, fsync and read back temporary files (waits on the disk)

    Writes size × 8 bytes (16 MB at size 2M) as 64 KiB files in a private temporary directory,
    fsyncs each one, reads it back and checks it; the directory is removed at the end, also on
    failure. Each write, fsync and read releases the GIL while the kernel and the disk work; how
    far threads overlap depends on the disk (one journal serialises many fsyncs). The kept data
    is every byte read back.
    """
    total = size * _FILE_BYTES_PER_ITEM
    payload = random_bytes(task_index, min(total, _FILE_BYTES))
    kept: List[bytes] = []
    crc = files = done = 0
    directory = tempfile.mkdtemp(prefix="gilbench-io-")
    try:
        while done < total:
            chunk = payload[: total - done]
            path = os.path.join(directory, f"{files}.bin")
            with open(path, "wb") as handle:
                handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            with open(path, "rb") as handle:
                back = handle.read()
            if back != chunk:
                raise OSError(f"{path} read back {len(back)} bytes that differ from those written")
            crc = zlib.crc32(back, crc)
            if keep:
                kept.append(back)
            files += 1
            done += len(chunk)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return Output(fold(size, task_index, files, crc), b"".join(kept) if keep else None)


_SOCKET_ITEMS_PER_REQUEST = 10_000
_SOCKET_REQUEST = 4096
_SOCKET_DELAY_S = 0.001
_SOCKET_TIMEOUT_S = 30.0


def _requests(size: int) -> int:
    """One request per 10,000 items: 200 at size 2M, 0.2 s of waiting for the 1 ms answers."""
    return max(1, size // _SOCKET_ITEMS_PER_REQUEST)


def _echo_checksum(size: int, task_index: int, requests: int, payload: bytes) -> int:
    """Every answer is verified byte for byte, so the checksum follows from what was sent."""
    return fold(size, task_index, requests, zlib.crc32(payload))


@contextmanager
def _loopback_pair() -> Iterator[Tuple[socket.socket, socket.socket]]:
    """A connected (client, server-side) pair on 127.0.0.1; the listener closes once it accepted.

    The timeout turns a stuck exchange into an error instead of a hang.
    """
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        for sock in (listener, client):
            sock.settimeout(_SOCKET_TIMEOUT_S)
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        client.connect(listener.getsockname())
        server, _ = listener.accept()
    finally:
        listener.close()
    try:
        server.settimeout(_SOCKET_TIMEOUT_S)
        for sock in (client, server):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        yield client, server
    finally:
        server.close()
        client.close()


_WAIT_ALL = getattr(socket, "MSG_WAITALL", 0)


def _recv_exactly(sock: socket.socket, view: memoryview) -> None:
    """Fill `view`: one blocking call (MSG_WAITALL) where the platform allows it."""
    got = 0
    while got < len(view):
        count = sock.recv_into(view[got:], len(view) - got, _WAIT_ALL)
        if not count:
            raise ConnectionError(f"the loopback peer closed after {got} of {len(view)} bytes")
        got += count


def _slow_peer(server: socket.socket, requests: int, failures: List[BaseException]) -> None:
    """A service that answers each request after 1 ms, as a remote one would: it sleeps, so the
    waiting costs no CPU and holds no GIL."""
    try:
        request = memoryview(bytearray(_SOCKET_REQUEST))
        for _ in range(requests):
            _recv_exactly(server, request)
            time.sleep(_SOCKET_DELAY_S)
            server.sendall(request)
    except BaseException as exc:
        failures.append(exc)


def socket_echo(size: int, task_index: int, keep: bool = False) -> Output:
    """Requests over loopback TCP to a peer that answers after 1 ms (waits on the network)

    Opens a listener on 127.0.0.1 and an ephemeral port, connects to it, and sends one 4 KiB
    request per 10,000 items (200 at size 2M); a peer thread answers each after sleeping 1 ms,
    as a remote service would, and the answer is checked. The task spends its time blocked in
    recv() waiting for the answer, with the GIL free, so k tasks in threads overlap their
    waits. Nothing stays open after the task. The kept data is the number of requests and the
    last answer.
    """
    requests = _requests(size)
    payload = random_bytes(task_index, _SOCKET_REQUEST)
    answer = bytearray(len(payload))
    failures: List[BaseException] = []
    with _loopback_pair() as (client, server):
        peer = threading.Thread(
            target=_slow_peer, args=(server, requests, failures), name="gilbench-peer"
        )
        peer.start()
        try:
            for _ in range(requests):
                client.sendall(payload)
                _recv_exactly(client, memoryview(answer))
                if answer != payload:
                    raise ConnectionError("the answer came back different from the request")
        finally:
            client.shutdown(socket.SHUT_RDWR)
            peer.join()
    if failures:
        raise ConnectionError(f"the loopback peer failed: {failures[0]!r}")
    checksum = _echo_checksum(size, task_index, requests, payload)
    return Output(checksum, (requests, bytes(answer)) if keep else None)


async def socket_echo_async(size: int, task_index: int, keep: bool = False) -> Output:
    """The same requests with asyncio streams: a server on the running loop answers each after
    asyncio.sleep(1 ms)."""
    import asyncio

    requests = _requests(size)
    payload = random_bytes(task_index, _SOCKET_REQUEST)

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            for _ in range(requests):
                request = await reader.readexactly(_SOCKET_REQUEST)
                await asyncio.sleep(_SOCKET_DELAY_S)
                writer.write(request)
                await writer.drain()
        except asyncio.IncompleteReadError:
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    last = b""
    try:
        port = server.sockets[0].getsockname()[1]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for _ in range(requests):
                writer.write(payload)
                await writer.drain()
                last = await asyncio.wait_for(reader.readexactly(len(payload)), _SOCKET_TIMEOUT_S)
                if last != payload:
                    raise ConnectionError("the answer came back different from the request")
        finally:
            writer.close()
            await writer.wait_closed()
    finally:
        server.close()
        await server.wait_closed()
    checksum = _echo_checksum(size, task_index, requests, payload)
    return Output(checksum, (requests, last) if keep else None)
