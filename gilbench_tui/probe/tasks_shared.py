"""seed-shared: the article's code exactly, every task drawing from the module-level generator.

Every task calls the module-level `random.random()`, so all tasks share one generator, seeded once
per timed run by `prepare()` (the catalog's `reset`). As in the article, the thread that starts the
tasks makes each task's output list and the task appends to the list it is given: `prepare()` makes
them, off the clock, on that thread (for serial, the one thread its tasks run on, which owns its
lists as the article's serial run did). Which task draws which number then depends on
how the tasks interleave, but the multiset of numbers that serial or threads draw is always the
first k * size outputs of the generator. So each task's checksum is the exact sum of its draws
(each a multiple of 2**-53, counted in those units, mod 2**63), and only the sum over all tasks is
checked (the record's `shared_state`): it is the same in any interleaving.

On a free-threaded build the generator is guarded by a lock of its own, so threads contend for
it, and a thread appending to a list another thread made pays for sharing it (its reference
count is updated atomically, not by the owner's cheap path). A strategy that gives each task its own interpreter does not share it at all: a forked child
that copied the generator draws the very numbers its siblings draw (Python 2), and `random`
reseeds itself in a forked child since 3.7, as any fresh interpreter seeds itself from the OS.

Written in the subset of Python that runs on 2.7 and 3.x, like the seed workload.
"""

import itertools
import math
import random

MYPY = False
if MYPY:  # type checking only: Python 2 has no typing module
    from typing import List, Optional  # noqa: F401

if MYPY or __package__:
    from .tasks_common import CHECKSUM_LIMIT, Output
else:  # imported by path (the worker run by path, a spawned child, a subinterpreter)
    from tasks_common import CHECKSUM_LIMIT, Output

#: The seed of every timed run: the same numbers for every strategy and every repeat.
SEED = 1234
_UNITS = float(2**53)

#: The output lists of the timed run, made by `prepare()`; a task takes its own out.
_lists = []  # type: List[Optional[List[float]]]


def prepare(tasks=0):
    # type: (int) -> None
    """Before each timed run (off the clock): seed the shared module-level generator, and make
    the output list of each of its `tasks` tasks here, as the article's main loop made one for
    each job it started."""
    random.seed(SEED)
    _lists[:] = [[] for _ in range(tasks)]


def _take_list(task_index):
    # type: (int) -> List[float]
    """The list `prepare()` made for this task, or a new one where none was made for it (a
    spawned child, a subinterpreter: a fresh copy of this module)."""
    if task_index < len(_lists):
        out = _lists[task_index]
        if out is not None:
            _lists[task_index] = None  # the task's own from now on: freed when it is done
            return out
    return []


def exact_sum(values):
    # type: (List[float]) -> int
    """The sum of `values`, multiples of 2**-53 as random() draws them, exactly, in those units.

    math.fsum rounds once; the remainder is small enough to be exact, and both scale to integers
    without loss. Two C passes over the list, a small share of the loop that made it."""
    high = math.fsum(values)
    low = math.fsum(itertools.chain((-high,), values))
    return int(high * _UNITS) + int(low * _UNITS)


def seed_shared(size, task_index, keep=False):
    # type: (int, int, bool) -> Output
    """Append random.random() to a list from the shared module-level generator (the article's code)

    Every task draws from the one generator, as the article's did; `task_index` only picks the
    list made for it.
    """
    out = _take_list(task_index)
    for _ in range(size):
        out.append(random.random())
    return Output(exact_sum(out) % CHECKSUM_LIMIT, out if keep else None)
