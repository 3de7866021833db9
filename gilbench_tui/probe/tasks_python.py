"""Workloads that are pure Python: every step is bytecode, so they hold the GIL throughout.

The seed loop is one of them but lives in tasks_seed.py, which Python 2 can run too.

Each is sized so that 2M items take roughly 0.15-0.3 s on one core of a 2020s machine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List

if TYPE_CHECKING or __package__:
    from .tasks_common import Output, fold
else:  # imported by path (worker.py run by path, or inside a subinterpreter)
    from tasks_common import Output, fold


_PI_DIGITS_PER_ROUND = 500
_PI_ITEMS_PER_ROUND = 2000


def arccot(x: int, unity: int) -> int:
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


def machin_pi(digits: int) -> int:
    """pi × 10**digits by Machin's formula, pi = 16·arctan(1/5) − 4·arctan(1/239)."""
    guard = 10
    unity: int = 10 ** (digits + guard)
    scale: int = 10**guard
    return (4 * (4 * arccot(5, unity) - arccot(239, unity))) // scale


def pidigits(size: int, task_index: int, keep: bool = False) -> Output:
    """Digits of pi with big integers (pure Python, Machin's formula)

    Every 2000 items are one round computing pi to about 500 digits (the precision varies a little
    with round and task_index); a remainder is a last round at proportionally lower precision.
    Rounds keep the cost linear in size; 2000 items a round make size 2M cost about what the seed
    loop costs at 2M. The kept data is every round's pi.
    """
    rounds, rest = divmod(size, _PI_ITEMS_PER_ROUND)
    checksum = fold(size, task_index)
    values: List[int] = []
    precisions = [_PI_DIGITS_PER_ROUND + (task_index + r) % 16 for r in range(rounds)]
    if rest:
        precisions.append(rest * _PI_DIGITS_PER_ROUND // _PI_ITEMS_PER_ROUND + 1)
    for digits in precisions:
        pi = machin_pi(digits)
        checksum = fold(checksum, pi)
        if keep:
            values.append(pi)
    return Output(checksum, values if keep else None)


_PRIMES_ITEMS_PER_NUMBER = 40
_PRIMES_START = 1_000_000
_PRIMES_OFFSETS = 64
_PRIMES_OFFSET_STEP = 2_000


def primes(size: int, task_index: int, keep: bool = False) -> Output:
    """Primes by trial division (pure Python)

    Tests size / 40 consecutive numbers (50,000 at size 2M) from about a million by dividing by
    every odd number up to the square root. Each task_index starts its window a little further on
    (by at most 126,000), so tasks find different primes at nearly the same cost. The kept data is
    the list of primes found.
    """
    count = size // _PRIMES_ITEMS_PER_NUMBER
    start = _PRIMES_START + (task_index % _PRIMES_OFFSETS) * _PRIMES_OFFSET_STEP
    found: List[int] = []
    for number in range(start | 1, start + count, 2):
        divisor = 3
        while divisor * divisor <= number:
            if number % divisor == 0:
                break
            divisor += 2
        else:
            found.append(number)
    checksum = fold(size, task_index, len(found), sum(found), found[-1] if found else 0)
    return Output(checksum, found if keep else None)
