"""What every task function shares: its signature, its result, and the checksum folding.

A task function is `func(size, task_index, keep=False) -> Output`. It does work proportional to
`size`, seeded only by `task_index`, and returns an Output whose checksum is a non-negative int
below 2**63 that depends only on (size, task_index), so the parent can check that every strategy
computed the same thing. With `keep=True` the Output also carries the task's full result (the
seed's list of floats, the compressed chunks, ...), which process strategies ship back to the
parent to show what inter-process transfer costs; with `keep=False` its data is None, so nothing
is held on to that the measurement does not need.

Standard library only, Python 3.8+, no work at import time.
"""

from __future__ import annotations

from typing import Any, Coroutine, NamedTuple, Optional, Protocol

CHECKSUM_LIMIT = 1 << 63
_MASK64 = (1 << 64) - 1


class Output(NamedTuple):
    """What one task returns: its checksum, and its full result when it was asked to keep it."""

    checksum: int
    data: Optional[Any] = None


class TaskFunc(Protocol):
    def __call__(self, size: int, task_index: int, keep: bool = False) -> Output: ...


class AsyncTaskFunc(Protocol):
    def __call__(
        self, size: int, task_index: int, keep: bool = False
    ) -> Coroutine[Any, Any, Output]: ...


def fold(*values: int) -> int:
    """FNV-1a style mixing of ints into one checksum in [0, 2**63)."""
    digest = 0xCBF29CE484222325
    for value in values:
        digest = ((digest ^ (value & _MASK64)) * 0x100000001B3) & _MASK64
    return digest >> 1


def random_bytes(task_index: int, length: int) -> bytes:
    """`length` bytes that depend only on task_index (made in C: a few ms per MiB)."""
    import random

    if length <= 0:
        return b""
    return random.Random(task_index).getrandbits(8 * length).to_bytes(length, "little")


_TEXT_ALPHABET = b"etaoinshrdlucmfw "
_TEXT_TABLE = bytes(_TEXT_ALPHABET[b % len(_TEXT_ALPHABET)] for b in range(256))


def text_bytes(task_index: int, length: int) -> bytes:
    """Random bytes mapped onto 17 letters: compresses to about half, as real text roughly does."""
    return random_bytes(task_index, length).translate(_TEXT_TABLE)
