"""Compress blobs with zlib, as a backup tool or an upload pipeline does before sending them.

gilbench calls `compress(size, index)`: task `index` compresses `size` bytes of text-like data (in
blobs of 256 kB, made from the index) and returns the compressed sizes. zlib releases the GIL
while it compresses a buffer, so threads can work at the same time.

    gilbench run --workload examples/compress_blobs.py:compress --size 20M --workers 2
"""

from __future__ import annotations

import random
import zlib

BLOB_BYTES = 256 * 1024
WORDS = [b"invoice", b"customer", b"total", b"shipping", b"address", b"2026", b"EUR", b"\n"]


def _blob(index: int) -> bytes:
    rng = random.Random(index)
    return b" ".join(rng.choice(WORDS) for _ in range(BLOB_BYTES // 6))[:BLOB_BYTES]


def compress(size: int, index: int) -> list[int]:
    """Compress size / 256 kB blobs at level 6; return each blob's compressed length."""
    blob = _blob(index)
    return [len(zlib.compress(blob, 6)) for _ in range(max(1, size // BLOB_BYTES))]
