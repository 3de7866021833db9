"""The worker process: read a spec as JSON on stdin, run the plan, print one JSON event a line.

Run by path with nothing installed, on any Python >= 3.8:
`python -I .../probe/worker.py < spec.json`. The protocol (events, fields, exit codes) is
protocol.py's and the order of things serve.py's; this module plugs the catalog into them: every
strategy and workload it lists, measured by strategies.measure().

A strategy that cannot run here (or cannot run this workload) is not an error: it is left out of
the plan and named, with the reason, in `started`'s `unavailable`. Only when nothing requested
can run does the worker stop with exit 2. Optional spec keys: `return_data` (process strategies
ship every task's full result back; samples get `transfer_s`), `switch_interval_s` (set with
sys.setswitchinterval before anything runs) and `latency_probe` (samples get the p50 and p99
wake-up delay of a thread sleeping 1 ms in a loop while the measurement runs).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Callable, Collection, Dict, Iterator, List, Optional

if TYPE_CHECKING or __package__:
    from . import catalog, serve, strategies
    from .measurement import Measurement
else:  # run by path: `-I` keeps this directory off sys.path, and spawn children need it there too
    _HERE = os.path.dirname(os.path.abspath(__file__))
    if _HERE not in sys.path:
        sys.path.insert(0, _HERE)
    import catalog
    import serve
    import strategies
    from measurement import Measurement

__all__ = ["BACKEND", "CatalogBackend", "main", "run"]


class Workloads(Collection[str]):
    """The catalog's workload names, and any `FILE.py:FUNC` or `package.module:FUNC` of a user's
    (whether it loads is workload_unavailable's question)."""

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (name in catalog.WORKLOADS or ":" in name)

    def __iter__(self) -> Iterator[str]:
        return iter(catalog.WORKLOADS)

    def __len__(self) -> int:
        return len(catalog.WORKLOADS)


class CatalogBackend(serve.Backend):
    """Every strategy and workload of the catalog, and the user's own functions."""

    workloads = Workloads()
    strategies = catalog.STRATEGIES
    _noted = 0

    def workload_unavailable(self, workload: str) -> Optional[str]:
        if workload in catalog.WORKLOADS:
            return catalog.WORKLOADS[workload].unavailable()
        reason: Optional[str] = catalog.user_code().problem(workload)
        return reason

    def notes(self) -> List[str]:
        """Once for each type of value a user's function returned that no checksum can hold."""
        unchecked: List[str] = catalog.user_code().UNCHECKED
        fresh = unchecked[self._noted :]
        self._noted = len(unchecked)
        return [f"results not checked: the function returned a {name}" for name in fresh]

    def strategy_unavailable(self, strategy: str, workload: str) -> Optional[str]:
        return strategies.available_for(strategy, workload)

    def configure(self, spec: Dict[str, Any], emit: Callable[[Dict[str, Any]], None]) -> None:
        strategies.configure(spec, emit)

    def prepare(self, strategy: str) -> None:
        strategies.prepare(strategy)

    def load_workload(self, workload: str) -> None:
        record = catalog.workload(workload)
        record.load_task()
        record.load_async_task()

    def measure(self, strategy: str, workload: str, sizes: List[int], keep: bool) -> Measurement:
        return strategies.measure(strategy, workload, sizes, keep)


BACKEND = CatalogBackend()


def run(data: Any, emit: Callable[[Dict[str, Any]], None]) -> int:
    """Validate `data`, run its plan and emit every event; return the exit code."""
    return serve.serve(data, emit, BACKEND)


def main() -> int:
    return serve.main(BACKEND)


if __name__ == "__main__":
    sys.exit(main())
