"""What every task function shares: its result, the checksum folding, and seeded input bytes.

A task function is `func(size, task_index, keep=False) -> Output`. It does work proportional to
`size`, seeded only by `task_index`, and returns an Output whose checksum is a non-negative int
below 2**63 that depends only on (size, task_index), so the parent can check that every strategy
computed the same thing. With `keep=True` the Output also carries the task's full result (the
seed's list of floats, the compressed chunks, ...), which process strategies ship back to the
parent to show what inter-process transfer costs; with `keep=False` its data is None, so nothing
is held on to that the measurement does not need.

Written in the subset of Python that runs on 2.7 and 3.x, because the legacy worker's seed task
uses it too (random_bytes itself needs Python 3); no work at import time beyond a 256-byte table.
"""

# Python 2 syntax on purpose: keep the 2.7-compatible spellings that pyupgrade would modernise.
# ruff: noqa: UP014

import collections
import random

MYPY = False
if MYPY:  # type checking only: Python 2 has no typing module
    from typing import Any, NamedTuple, Optional

    Output = NamedTuple("Output", [("checksum", int), ("data", Optional[Any])])
else:
    Output = collections.namedtuple("Output", ["checksum", "data"])

CHECKSUM_LIMIT = 1 << 63
_MASK64 = (1 << 64) - 1


def fold(*values):
    # type: (*int) -> int
    """FNV-1a style mixing of ints into one checksum in [0, 2**63)."""
    digest = 0xCBF29CE484222325
    for value in values:
        digest = ((digest ^ (value & _MASK64)) * 0x100000001B3) & _MASK64
    return int(digest >> 1)


def random_bytes(task_index, length):
    # type: (int, int) -> bytes
    """`length` bytes that depend only on task_index (made in C: a few ms per MiB)."""
    if length <= 0:
        return b""
    return random.Random(task_index).getrandbits(8 * length).to_bytes(length, "little")


_TEXT_ALPHABET = bytearray(b"etaoinshrdlucmfw ")
_TEXT_TABLE = bytes(bytearray(_TEXT_ALPHABET[b % len(_TEXT_ALPHABET)] for b in range(256)))


def text_bytes(task_index, length):
    # type: (int, int) -> bytes
    """Random bytes mapped onto 17 letters: compresses to about half, as real text roughly does."""
    return random_bytes(task_index, length).translate(_TEXT_TABLE)
