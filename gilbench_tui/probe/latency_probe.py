"""How late a thread wakes while a measurement runs: the convoy effect, as ccbench measured it.

A probe thread in the worker process (the parent of any task processes) sleeps 1 ms in a loop and
records how much later than asked it woke up, which includes the wait to get the GIL back. With
CPU-bound threads in the same process it must queue for the GIL behind them (up to a switch
interval, 5 ms by default, each time); when the tasks run in other processes or interpreters it
wakes almost on time.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Any, List, Optional, Sequence, Tuple

INTERVAL_S = 0.001


def percentile(values: Sequence[float], percent: float) -> Optional[float]:
    """The nearest-rank percentile (a value that was observed), or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100.0 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


class LatencyProbe:
    """`with LatencyProbe() as probe: measure(...)`, then `probe.percentiles()`.

    Entering waits until the thread is sleeping, so the whole measurement is covered; leaving
    stops and joins it. Every wake-up that completes is recorded, even the one after the stop.
    """

    def __init__(self, interval_s: float = INTERVAL_S) -> None:
        self.interval_s = interval_s
        self.delays: List[float] = []
        self._stop = threading.Event()
        self._running = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="gilbench-latency", daemon=True)

    def __enter__(self) -> LatencyProbe:
        self._thread.start()
        self._running.wait()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        interval = self.interval_s
        self._running.set()
        while not self._stop.is_set():
            asked = time.perf_counter()
            time.sleep(interval)
            self.delays.append(max(0.0, time.perf_counter() - asked - interval))

    def percentiles(self) -> Tuple[Optional[float], Optional[float]]:
        """(p50, p99) of the wake-up delays in seconds; (None, None) if none was recorded."""
        return percentile(self.delays, 50), percentile(self.delays, 99)
