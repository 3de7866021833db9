"""How late a thread wakes while a measurement runs: the convoy effect, as ccbench measured it.

The wake-up sampler is a thread in the worker process (the parent of any task processes) that
sleeps 1 ms in a loop and records how much later than asked it woke up, which includes the wait
to get the GIL back. With CPU-bound threads in the same process it must queue for the GIL behind
them (up to a switch interval, 5 ms by default, each time); when the tasks run in other processes
or interpreters it wakes almost on time. The spec asks for it with `latency_probe`; samples then
carry its p50 and p99 as latency_p50_s and latency_p99_s.

Written in the subset of Python that runs on 2.7 and 3.x (both workers use it): no annotations.
"""

# Python 2 syntax on purpose: keep the 2.7-compatible spellings that pyupgrade would modernise.
# ruff: noqa: RUF046, UP004

import math
import threading
import time

MYPY = False
if MYPY:  # type checking only: Python 2 has no typing module
    from typing import Any, List, Optional, Sequence, Tuple  # noqa: F401

if MYPY or __package__:
    from .measurement import clock
else:  # the worker process run by path has put this directory on sys.path
    from measurement import clock

INTERVAL_S = 0.001


def percentile(values, percent):
    # type: (Sequence[float], float) -> Optional[float]
    """The nearest-rank percentile (a value that was observed), or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, int(math.ceil(percent / 100.0 * len(ordered))))
    return ordered[min(rank, len(ordered)) - 1]


class WakeupSampler(object):
    """`with WakeupSampler() as sampler: measure(...)`, then `sampler.percentiles()`.

    Entering waits until the thread is sleeping, so the whole measurement is covered; leaving
    stops and joins it. Every wake-up that completes is recorded, even the one after the stop.
    """

    def __init__(self, interval_s=INTERVAL_S):
        # type: (float) -> None
        self.interval_s = interval_s
        self.delays = []  # type: List[float]
        self._stop = threading.Event()
        self._running = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="gilbench-wakeup")
        self._thread.daemon = True

    def __enter__(self):
        # type: () -> WakeupSampler
        self._thread.start()
        self._running.wait()
        return self

    def __exit__(self, *exc_info):
        # type: (*Any) -> None
        self._stop.set()
        self._thread.join()

    def _loop(self):
        # type: () -> None
        interval = self.interval_s
        self._running.set()
        while not self._stop.is_set():
            asked = clock()
            time.sleep(interval)
            self.delays.append(max(0.0, clock() - asked - interval))

    def percentiles(self):
        # type: () -> Tuple[Optional[float], Optional[float]]
        """(p50, p99) of the wake-up delays in seconds; (None, None) if none was recorded."""
        return percentile(self.delays, 50), percentile(self.delays, 99)
