"""The seed workload: the article's loop, one function for both workers.

Pure Python, so it holds the GIL throughout. It is written in the subset of Python that runs on
2.7 and 3.x, so the legacy worker runs this very function on Python 2 and, since Python 2's
random.Random(int) draws the same numbers, gets the same checksums as the modern worker.
"""

import random

MYPY = False
if MYPY:  # type checking only: Python 2 has no typing module
    from typing import List  # noqa: F401

if MYPY or __package__:
    from .tasks_common import Output, fold
else:  # imported by path (the worker run by path, a spawned child, a subinterpreter)
    from tasks_common import Output, fold


def seed(size, task_index, keep=False):
    # type: (int, int, bool) -> Output
    """Append random.random() to a list (pure Python, the article's loop)

    Kept as plain as the article wrote it: a for-loop calling `out.append(rng.random())`. The
    checksum reads three elements, not the whole list, so that checking costs nothing measurable;
    the last element still depends on every draw before it. The kept data is the list itself.
    """
    rng = random.Random(task_index)
    out = []  # type: List[float]
    for _ in range(size):
        out.append(rng.random())
    if not out:
        return Output(fold(0), out if keep else None)
    scale = 2**53
    checksum = fold(
        len(out), int(out[0] * scale), int(out[len(out) // 2] * scale), int(out[-1] * scale)
    )
    return Output(checksum, out if keep else None)
