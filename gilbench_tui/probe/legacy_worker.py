"""The legacy worker: the article's experiment on Python 2.7 (and on any 3.x), standard library only.

Run as `python2.7 legacy_worker.py < spec.json` (Python 2 has no -I; the parent passes -E -s).
It speaks worker.py's protocol through the same serve loop (serve.py, protocol.py) but knows only
what Python 2 can run: the seed and seed-shared workloads with the serial, threads and processes strategies, whose
modules are written for 2.7 too. Any other requested strategy is listed in `started` as
unavailable. It runs the very seed function the modern worker runs, and Python 2's
random.Random(int) draws the same numbers, so the checksums agree across the two workers.

It cannot read the catalog (Python 3.8+), so LEGACY_WORKLOADS and LEGACY_STRATEGIES below name
what it runs; a test checks them against the records marked `legacy_worker` there.

Written in the subset of Python 2.7 and 3: no annotations (type comments instead), no f-strings,
no keyword-only arguments.
"""

# Python 2 syntax on purpose: keep the 2.7-compatible spellings that pyupgrade would modernise.
# ruff: noqa: UP031

import platform
import sys

MYPY = False
if MYPY:  # type checking only: Python 2 has no typing module
    from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple  # noqa: F401

    from .measurement import Measurement  # noqa: F401
    from .records import TaskFunc  # noqa: F401

if MYPY or __package__:  # imported as gilbench_tui.probe.legacy_worker (the tests)
    from . import (
        serve,
        strategy_processes,
        strategy_serial,
        strategy_threads,
        tasks_seed,
        tasks_shared,
    )
else:  # run by path, as the parent runs it: this directory is sys.path[0]
    import serve
    import strategy_processes
    import strategy_serial
    import strategy_threads
    import tasks_seed
    import tasks_shared


def _processes(func, sizes, keep):
    # type: (TaskFunc, List[int], bool) -> Measurement
    return strategy_processes.run(None, func, sizes, keep)


LEGACY_WORKLOADS = {"seed": tasks_seed.seed, "seed-shared": tasks_shared.seed_shared}
_RESETS = {"seed-shared": tasks_shared.prepare}  # the catalog's `reset` of those workloads
LEGACY_STRATEGIES = (
    ("serial", strategy_serial.run),
    ("threads", strategy_threads.run),
    ("processes", _processes),
)  # type: Sequence[Tuple[str, Callable[[TaskFunc, List[int], bool], Measurement]]]
_RUNNERS = dict(LEGACY_STRATEGIES)


class LegacyBackend(serve.Backend):
    """The seed experiment, on whatever Python runs this file."""

    workloads = LEGACY_WORKLOADS

    def interpreter_info(self):
        # type: () -> Dict[str, Any]
        info = serve.interpreter_info()
        info["legacy_worker"] = True
        return info

    def strategy_unavailable(self, strategy, workload):
        # type: (str, str) -> Optional[str]
        if strategy in _RUNNERS:
            return None
        return "the legacy worker (for Python %s) runs only %s" % (
            platform.python_version(),
            ", ".join(name for name, _ in LEGACY_STRATEGIES),
        )

    def measure(self, strategy, workload, sizes, keep):
        # type: (str, str, List[int], bool) -> Measurement
        reset = _RESETS.get(workload)
        if reset is not None:
            reset(len(sizes))
        return _RUNNERS[strategy](LEGACY_WORKLOADS[workload], sizes, keep)


BACKEND = LegacyBackend()


def run(data, emit):
    # type: (Any, Callable[[Dict[str, Any]], None]) -> int
    """Validate `data`, run its plan and emit every event; return the exit code."""
    return serve.serve(data, emit, BACKEND)


if __name__ == "__main__":
    sys.exit(serve.main(BACKEND))
