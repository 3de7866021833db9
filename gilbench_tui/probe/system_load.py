"""What the whole machine did while a measurement ran: busy, stolen and total CPU time.

Read from /proc/stat (Linux) before and after each measurement; elsewhere every figure is None.
The parent subtracts the worker tree's own CPU time from the machine's busy time to learn how
many cores everything else used meanwhile, and reads steal (time a hypervisor gave another
guest) as a share of the total. Jiffies are 10 ms on most systems, so a short measurement gets
a rough figure; the median over repeats smooths it.

Written in the subset of Python that runs on 2.7 and 3.x (the legacy worker may use it too).
"""

# Python 2 syntax on purpose: keep the 2.7-compatible spellings that pyupgrade would modernise.

import os

MYPY = False
if MYPY:  # type checking only: Python 2 has no typing module
    from typing import Dict, List, Optional, Tuple  # noqa: F401

    Reading = Tuple[float, float, float]

STAT = "/proc/stat"


def _ticks_per_second():
    # type: () -> Optional[float]
    try:
        return float(os.sysconf("SC_CLK_TCK"))
    except (AttributeError, ValueError, OSError):
        return None


def read(path=STAT):
    # type: (str) -> Optional[Reading]
    """(busy, steal, total) CPU seconds of all CPUs since boot, or None where unknown."""
    hz = _ticks_per_second()
    if not hz:
        return None
    try:
        with open(path) as stat:
            first = stat.readline().split()
    except OSError:
        return None
    if not first or first[0] != "cpu":
        return None
    try:
        ticks = [int(value) for value in first[1:]]
    except ValueError:
        return None
    ticks += [0] * (8 - len(ticks))
    user, nice, system, idle, iowait, irq, softirq, steal = ticks[:8]
    busy = user + nice + system + irq + softirq  # guest time is already inside user and nice
    total = busy + idle + iowait + steal
    return busy / hz, steal / hz, total / hz


def between(before, after):
    # type: (Optional[Reading], Optional[Reading]) -> Dict[str, Optional[float]]
    """The sample fields for what the machine did between two readings."""
    if before is None or after is None:
        return {"system_busy_s": None, "system_steal_s": None, "system_total_s": None}
    return {
        "system_busy_s": max(0.0, after[0] - before[0]),
        "system_steal_s": max(0.0, after[1] - before[1]),
        "system_total_s": max(0.0, after[2] - before[2]),
    }


_window = [None, None]  # type: List[Optional[Reading]]


def begin():
    # type: () -> None
    """Open the window a measurement's figures cover, before the strategy sets anything up."""
    _window[0], _window[1] = read(), None


def clock_started():
    # type: () -> None
    """A strategy that sets up before its clock (a cluster) moves the window's start to the
    clock's, so its set-up is not counted as other programs' load..."""
    _window[0] = read()


def clock_stopped():
    # type: () -> None
    """...and closes it when its clock stops, before it takes down what it set up."""
    _window[1] = read()


def end():
    # type: () -> Dict[str, Optional[float]]
    """The sample fields for the window: from its start until it was closed, or until now."""
    return between(_window[0], _window[1] or read())
