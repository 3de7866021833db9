"""Workloads whose time goes into C code that releases the GIL while it works.

Each feeds its C library large chunks (≥ 1 MiB, or a 192×192 matrix product), so the GIL is free
for most of the time: k threads then run on k cores. Each is sized so that 2M items take roughly
0.15-0.3 s on one core of a 2020s machine.
"""

from __future__ import annotations

import bz2 as bz2_module
import hashlib
import importlib
import os
import zlib as zlib_module
from typing import TYPE_CHECKING, Any, List, Optional

if TYPE_CHECKING or __package__:
    from .tasks_common import Output, fold, random_bytes, text_bytes
else:  # imported by path (worker.py run by path, or inside a subinterpreter)
    from tasks_common import Output, fold, random_bytes, text_bytes

_CHUNK = 1 << 20

_SHA_BYTES_PER_ITEM = 128


def sha256_unavailable() -> Optional[str]:
    """None when hashlib has SHA-256 here (a FIPS or stripped build may not), otherwise why not."""
    if "sha256" in hashlib.algorithms_available:
        return None
    return "hashlib has no sha256 on this interpreter"


def sha256(size: int, task_index: int, keep: bool = False) -> Output:
    """SHA-256 of a large buffer (C code that releases the GIL)

    Hashes size × 128 bytes (256 MiB at size 2M), fed in 1 MiB chunks of one buffer made once
    from task_index; making the buffer costs a few percent of hashing it. hashlib drops the GIL
    for updates over 2047 bytes, so only tiny sizes keep it. The kept data is the digest.
    """
    total = size * _SHA_BYTES_PER_ITEM
    hasher = hashlib.sha256()
    if total:
        length = min(total, _CHUNK)
        buffer = random_bytes(task_index, length)
        chunks, rest = divmod(total, length)
        for _ in range(chunks):
            hasher.update(buffer)
        if rest:
            hasher.update(memoryview(buffer)[:rest])
    digest = hasher.digest()
    return Output(int.from_bytes(digest[:8], "big") >> 1, digest if keep else None)


def _compress_chunks(
    compress: Any, size: int, task_index: int, per_item: int, keep: bool
) -> Output:
    """Compress size × per_item bytes of text-like data in 1 MiB calls; checksum the output."""
    total = size * per_item
    buffer = text_bytes(task_index, min(total, _CHUNK))
    view = memoryview(buffer)
    crc = 0
    compressed_bytes = 0
    kept: List[bytes] = []
    done = 0
    while done < total:
        length = min(len(buffer), total - done)
        packed = compress(view[:length] if length < len(buffer) else buffer)
        crc = zlib_module.crc32(packed, crc)
        compressed_bytes += len(packed)
        if keep:
            kept.append(packed)
        done += length
    checksum = fold(size, task_index, compressed_bytes, crc)
    return Output(checksum, kept if keep else None)


_ZLIB_BYTES_PER_ITEM = 4


def zlib(size: int, task_index: int, keep: bool = False) -> Output:
    """zlib compression (C code that releases the GIL)

    Compresses size × 4 bytes of text-like data (8 MB at size 2M, about half of it survives)
    with zlib.compress at the default level, 1 MiB a call; zlib releases the GIL while it
    deflates. The kept data is the list of compressed chunks.
    """
    return _compress_chunks(zlib_module.compress, size, task_index, _ZLIB_BYTES_PER_ITEM, keep)


_BZ2_BYTES_PER_ITEM = 2


def bz2(size: int, task_index: int, keep: bool = False) -> Output:
    """bz2 compression (C code that releases the GIL)

    Compresses size × 2 bytes of text-like data (4 MB at size 2M) with bz2.compress, 1 MiB a
    call; the bz2 module releases the GIL while it compresses. The kept data is the list of
    compressed chunks.
    """
    return _compress_chunks(bz2_module.compress, size, task_index, _BZ2_BYTES_PER_ITEM, keep)


_MATRIX_ORDER = 192
_MATRIX_ITEMS_PER_PRODUCT = 3375
_BLAS_THREAD_VARIABLES = (
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
)


def numpy_unavailable() -> Optional[str]:
    """None when numpy imports here, otherwise why not.

    Before the first import, BLAS is limited to one thread (unless the environment already says
    otherwise): a multithreaded BLAS would use every core inside one task, and k tasks would no
    longer mean k cores.
    """
    for variable in _BLAS_THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")
    try:
        importlib.import_module("numpy")
    except Exception as exc:  # ImportError, or a broken build raising anything at import
        text = " ".join(str(exc).split())
        return f"numpy does not import on this interpreter ({type(exc).__name__}: {text})"
    return None


def numpy(size: int, task_index: int, keep: bool = False) -> Output:
    """numpy matrix multiply (C code that releases the GIL)

    Multiplies two 192×192 float64 matrices (small enough to stay in a core's own cache) once
    per 3375 items (593 products at size 2M), with BLAS held to one thread per task. Entries are
    small integers, so every product is exact and the checksum does not depend on the BLAS's
    summation order. The kept data is the last product.
    """
    np: Any = importlib.import_module("numpy")
    order = _MATRIX_ORDER
    state = np.random.RandomState(task_index)
    left = state.randint(0, 10, (order, order)).astype(np.float64)
    right = state.randint(0, 10, (order, order)).astype(np.float64)
    products = -(-size // _MATRIX_ITEMS_PER_PRODUCT)
    checksum = fold(size, task_index, products)
    product = None
    for index in range(products):
        product = left @ right
        checksum = fold(checksum, int(product[index % order, (index * 7) % order]))
    if product is not None:
        checksum = fold(checksum, int(product.sum()))
    return Output(checksum, product if keep else None)
