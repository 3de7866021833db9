"""The workload registry: what one task does, and how it behaves under the GIL.

A task function is `func(size, task_index) -> checksum`. It does work proportional to `size`,
seeded only by `task_index`, and returns a non-negative int below 2**63 that depends only on
(size, task_index), so the parent can check that every strategy computed the same thing (the
article's multiprocessing version silently lost its results). The first line of the function's
docstring is the label people see.

This module is imported by the parent for names and labels, so importing it must stay cheap: no
work at import time, standard library only, and it must run on Python 3.8+.
"""

from __future__ import annotations

import hashlib
import random
import time
from typing import Callable, Dict, List, NamedTuple, Tuple

TaskFunc = Callable[[int, int], int]

GIL_BEHAVIOURS = ("holds", "releases", "waits")
CHECKSUM_LIMIT = 1 << 63
_MASK64 = (1 << 64) - 1


class Workload(NamedTuple):
    """One registered workload; `label` comes from the task function's docstring."""

    name: str
    label: str
    gil: str
    description: str
    func: TaskFunc


def _fold(*values: int) -> int:
    """FNV-1a style mixing of ints into one checksum in [0, 2**63)."""
    digest = 0xCBF29CE484222325
    for value in values:
        digest = ((digest ^ (value & _MASK64)) * 0x100000001B3) & _MASK64
    return digest >> 1


def seed(size: int, task_index: int) -> int:
    """Append random.random() to a list (pure Python, the article's loop)

    Kept as plain as the article wrote it: a for-loop calling `out.append(rng.random())`. The
    checksum reads three elements, not the whole list, so that checking costs nothing measurable;
    the last element still depends on every draw before it.
    """
    rng = random.Random(task_index)
    out: List[float] = []
    for _ in range(size):
        out.append(rng.random())
    if not out:
        return _fold(0)
    return _fold(
        len(out), int(out[0] * 2**53), int(out[len(out) // 2] * 2**53), int(out[-1] * 2**53)
    )


_PI_DIGITS_PER_ROUND = 500
_PI_ITEMS_PER_ROUND = 2000


def _arccot(x: int, unity: int) -> int:
    """arccot(x) = arctan(1/x) as a fixed-point integer scaled by `unity` (Taylor series)."""
    total = power = unity // x
    x_squared = x * x
    divisor = 3
    negative = True
    while True:
        power //= x_squared
        term = power // divisor
        if not term:
            return total
        total = total - term if negative else total + term
        negative = not negative
        divisor += 2


def _machin_pi(digits: int) -> int:
    """pi × 10**digits by Machin's formula, pi = 16·arctan(1/5) − 4·arctan(1/239)."""
    guard = 10
    unity: int = 10 ** (digits + guard)
    scale: int = 10**guard
    return (4 * (4 * _arccot(5, unity) - _arccot(239, unity))) // scale


def pidigits(size: int, task_index: int) -> int:
    """Digits of pi with big integers (pure Python, Machin's formula)

    Every 2000 items are one round computing pi to about 500 digits (the precision varies a little
    with round and task_index); a remainder is a last round at proportionally lower precision.
    Rounds keep the cost linear in size; 2000 items a round make size 2M cost about what the seed
    loop costs at 2M.
    """
    rounds, rest = divmod(size, _PI_ITEMS_PER_ROUND)
    checksum = _fold(size, task_index)
    for round_index in range(rounds):
        digits = _PI_DIGITS_PER_ROUND + (task_index + round_index) % 16
        checksum = _fold(checksum, _machin_pi(digits))
    if rest:
        digits = rest * _PI_DIGITS_PER_ROUND // _PI_ITEMS_PER_ROUND + 1
        checksum = _fold(checksum, _machin_pi(digits))
    return checksum


_SHA_BYTES_PER_ITEM = 128
_SHA_CHUNK = 1 << 20


def sha256(size: int, task_index: int) -> int:
    """SHA-256 of a large buffer (C code that releases the GIL)

    Hashes size × 128 bytes (256 MiB at size 2M), fed in 1 MiB chunks of one buffer made once
    from task_index; making the buffer costs a few percent of hashing it. hashlib drops the GIL
    for updates over 2047 bytes, so only tiny sizes keep it.
    """
    total = size * _SHA_BYTES_PER_ITEM
    hasher = hashlib.sha256()
    if total:
        length = min(total, _SHA_CHUNK)
        buffer = random.Random(task_index).getrandbits(8 * length).to_bytes(length, "little")
        chunks, rest = divmod(total, length)
        for _ in range(chunks):
            hasher.update(buffer)
        if rest:
            hasher.update(memoryview(buffer)[:rest])
    return int.from_bytes(hasher.digest()[:8], "big") >> 1


_SLEEP_S_PER_ITEM = 100e-9
_SLEEP_CHUNK_S = 0.01


def sleep(size: int, task_index: int) -> int:
    """Wait in short sleeps (stands in for I/O, needs no CPU)

    Waits size × 100 ns in total (0.2 s at size 2M) in sleeps of at most 10 ms, as I/O waits
    would be; each sleep releases the GIL and re-takes it. A deadline keeps the total exact
    despite oversleeping.
    """
    deadline = time.perf_counter() + size * _SLEEP_S_PER_ITEM
    while True:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            break
        time.sleep(min(remaining, _SLEEP_CHUNK_S))
    return _fold(size, task_index)


def _workload(func: TaskFunc, gil: str, description: str) -> Workload:
    doc = (func.__doc__ or func.__name__).strip()
    return Workload(func.__name__, doc.splitlines()[0].strip(), gil, description, func)


WORKLOADS: Dict[str, Workload] = {
    w.name: w
    for w in (
        _workload(
            seed,
            "holds",
            "Builds a list of random floats in a Python loop; bytecode needs the GIL, "
            "so threads take turns.",
        ),
        _workload(
            pidigits,
            "holds",
            "Big-integer arithmetic driven from Python; every step holds the GIL, "
            "so threads take turns.",
        ),
        _workload(
            sha256,
            "releases",
            "Hashes megabytes in C; hashlib releases the GIL while it hashes, "
            "so threads run in parallel.",
        ),
        _workload(
            sleep,
            "waits",
            "Sleeps like a task waiting on I/O; the GIL is free while it waits, "
            "so threads overlap the waits.",
        ),
    )
}


def available(name: str) -> Tuple[bool, str]:
    """Whether `name` can run on this interpreter, and why not when it cannot."""
    if name not in WORKLOADS:
        return False, f"unknown workload {name!r} (known: {', '.join(WORKLOADS)})"
    if name == "sha256" and "sha256" not in hashlib.algorithms_available:
        return False, "hashlib has no sha256 on this interpreter"
    return True, ""


def describe() -> List[Tuple[str, str, str, str]]:
    """(name, label, gil, description) for every workload, in registry order."""
    return [(w.name, w.label, w.gil, w.description) for w in WORKLOADS.values()]
