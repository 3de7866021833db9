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


def _sleeps(size: int) -> Iterator[float]:
    """How long each sleep of `size` × 100 ns of waiting lasts: at most 10 ms, as I/O waits would
    be, up to a deadline that keeps the total exact despite oversleeping."""
    deadline = time.perf_counter() + size * _SLEEP_S_PER_ITEM
    while True:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            return
        yield min(remaining, _SLEEP_CHUNK_S)


def sleep(size: int, task_index: int, keep: bool = False) -> Output:
    """Wait in short sleeps (stands in for I/O, needs no CPU)

    Waits size × 100 ns in total (0.2 s at size 2M) in sleeps of at most 10 ms; each sleep
    releases the GIL and re-takes it. The kept data is how many sleeps it took.
    """
    sleeps = 0
    for seconds in _sleeps(size):
        time.sleep(seconds)
        sleeps += 1
    return Output(fold(size, task_index), sleeps if keep else None)


async def sleep_async(size: int, task_index: int, keep: bool = False) -> Output:
    """The same waits as `sleep`, as asyncio.sleep() on the running event loop."""
    import asyncio  # only here: importing asyncio costs the parent ~25 ms it rarely needs

    sleeps = 0
    for seconds in _sleeps(size):
        await asyncio.sleep(seconds)
        sleeps += 1
    return Output(fold(size, task_index), sleeps if keep else None)


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


_SOCKET_CHUNK = 1 << 16
_SOCKET_BYTES_PER_ITEM = 128
_SOCKET_BUFFER = 1 << 18
_SOCKET_TIMEOUT_S = 30.0


def _echo_checksum(size: int, task_index: int, total: int, payload: bytes) -> int:
    """The echo is verified byte for byte, so its checksum follows from what was sent."""
    return fold(size, task_index, total, zlib.crc32(payload))


@contextmanager
def _loopback_pair() -> Iterator[Tuple[socket.socket, socket.socket]]:
    """A connected (client, server-side) pair on 127.0.0.1; the listener closes once it accepted.

    Buffers of 256 KiB hold a whole 64 KiB chunk each way, so one thread can play both ends; the
    timeout turns a stuck exchange into an error instead of a hang.
    """
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        for sock in (listener, client):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, _SOCKET_BUFFER)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, _SOCKET_BUFFER)
            sock.settimeout(_SOCKET_TIMEOUT_S)
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        client.connect(listener.getsockname())
        server, _ = listener.accept()
    finally:
        listener.close()
    try:
        server.settimeout(_SOCKET_TIMEOUT_S)
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


def socket_echo(size: int, task_index: int, keep: bool = False) -> Output:
    """Loopback TCP echo on 127.0.0.1 (waits on socket calls)

    Opens a listener on 127.0.0.1 and an ephemeral port, connects to it, and echoes size × 128
    bytes (256 MB at size 2M) through it in 64 KiB chunks: the client sends, the server side
    receives and sends back, the client receives and checks. One thread plays both ends; every
    send and receive releases the GIL. Nothing stays open after the task. The kept data is the
    number of bytes echoed and the last chunk that came back.
    """
    total = size * _SOCKET_BYTES_PER_ITEM
    payload = random_bytes(task_index, min(total, _SOCKET_CHUNK))
    inbound = memoryview(bytearray(len(payload)))
    outbound = bytearray(len(payload))
    done = length = 0
    with _loopback_pair() as (client, server):
        while done < total:
            length = min(len(payload), total - done)
            sent = memoryview(payload)[:length]
            client.sendall(sent)
            _recv_exactly(server, inbound[:length])
            server.sendall(inbound[:length])
            _recv_exactly(client, memoryview(outbound)[:length])
            if (outbound if length == len(payload) else outbound[:length]) != sent:
                raise ConnectionError("the echo came back different from what was sent")
            done += length
    last = bytes(outbound[:length])
    checksum = _echo_checksum(size, task_index, total, payload)
    return Output(checksum, (total, last) if keep else None)


async def socket_echo_async(size: int, task_index: int, keep: bool = False) -> Output:
    """The same echo with asyncio streams: an asyncio server and client on the running loop."""
    import asyncio

    total = size * _SOCKET_BYTES_PER_ITEM
    payload = random_bytes(task_index, min(total, _SOCKET_CHUNK))

    async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                data = await reader.read(_SOCKET_CHUNK)
                if not data:
                    break
                writer.write(data)
                await writer.drain()
        finally:
            writer.close()

    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    last = b""
    try:
        port = server.sockets[0].getsockname()[1]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            done = 0
            while done < total:
                length = min(len(payload), total - done)
                sent = payload if length == len(payload) else payload[:length]
                writer.write(sent)
                await writer.drain()
                back = await asyncio.wait_for(reader.readexactly(length), _SOCKET_TIMEOUT_S)
                if back != sent:
                    raise ConnectionError("the echo came back different from what was sent")
                last = back
                done += length
        finally:
            writer.close()
            await writer.wait_closed()
    finally:
        server.close()
        await server.wait_closed()
    checksum = _echo_checksum(size, task_index, total, payload)
    return Output(checksum, (total, last) if keep else None)
