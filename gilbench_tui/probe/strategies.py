"""How k tasks run, and what one run costs: the dispatch from a strategy's record to its module.

measure() times the whole run the way the article did (creation and start included, up to the
last join) and records beside it the start-up time, the CPU time of the worker tree and every
task's checksum. Each strategy's record in the catalog names the strategy_*.py module that does
this, so nothing here knows a strategy by name.

Not every strategy runs everywhere: available(name) says why one cannot run on this interpreter,
available_for(name, workload) also why it cannot run a given workload (the workload's record says
where it cannot run; the strategy's module knows what else it needs, a coroutine variant say).

Imported inside the worker process, on any Python >= 3.8, standard library only, either as
`gilbench_tui.probe.strategies` or, when worker.py is run by path, as the top-level module
`strategies`. Importing it imports no strategy module.
"""

from __future__ import annotations

import multiprocessing
import sys
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional

if TYPE_CHECKING or __package__:
    from . import catalog, records
    from .measurement import Measurement, TaskError
else:  # the worker process run by path has put this directory on sys.path
    import catalog
    import records
    from measurement import Measurement, TaskError

__all__ = [
    "Measurement",
    "TaskError",
    "available",
    "available_for",
    "configure",
    "measure",
    "prepare",
    "start_method",
]

_SERVER_PRELOAD = (
    "gc",
    "hashlib",
    "json",
    "multiprocessing.connection",
    "pkgutil",
    "platform",
    "random",
    "runpy",
    "sysconfig",
    "threading",
    "concurrent.futures.process",
)


def available(name: str) -> Optional[str]:
    """None when `name` can run on this interpreter, otherwise the reason it cannot."""
    strategy = catalog.STRATEGIES.get(name)
    if strategy is None:
        return f"unknown strategy {name!r} (known: {', '.join(catalog.STRATEGIES)})"
    method = strategy.context_method
    if method is not None and method not in multiprocessing.get_all_start_methods():
        return f"the {method} start method is not available on {sys.platform}"
    return _unavailable(strategy, None)


def available_for(name: str, workload_name: str) -> Optional[str]:
    """None when strategy `name` can run `workload_name` here, otherwise the reason it cannot.

    Whether the workload itself runs here (numpy installed?) is its record's unavailable().
    """
    reason = available(name)
    if reason is not None:
        return reason
    try:
        workload = catalog.workload(workload_name)
    except KeyError:
        return f"unknown workload {workload_name!r} (known: {', '.join(catalog.WORKLOADS)})"
    strategy = catalog.STRATEGIES[name]
    reason = workload.cannot_run_in.get(strategy.kind)
    if reason is not None:
        return reason
    return _unavailable(strategy, workload)


def _unavailable(strategy: records.Strategy, workload: Optional[records.Workload]) -> Optional[str]:
    """What the strategy's own module says; a module without `unavailable` runs everywhere."""
    check = getattr(strategy.implementation(), "unavailable", None)
    reason: Optional[str] = None if check is None else check(strategy, workload)
    return reason


def configure(spec: Dict[str, Any], emit: Callable[[Dict[str, Any]], None]) -> None:
    """Hand the spec and the event stream to each strategy module that asks (`configure`)."""
    done = set()
    for name in spec["strategies"]:
        module = catalog.STRATEGIES[name].implementation()
        hook = getattr(module, "configure", None)
        if hook is not None and module not in done:
            done.add(module)
            hook(spec, emit)


def start_method(name: str) -> Optional[str]:
    """The start method a process strategy uses (the platform default for `processes`)."""
    strategy = catalog.STRATEGIES.get(name)
    if strategy is None or strategy.start_method is None:
        return None
    return strategy.context_method or multiprocessing.get_start_method()


def prepare(name: str) -> None:
    """Start what a strategy starts once per worker process, the fork server, so no sample pays for it.

    The server preloads what the probe imports, as an application would with
    set_forkserver_preload(), so children do not each import it again. Older CPython releases
    ignore the parent's sys.path and a `__main__` run by path there (gh-117378, gh-126631): then
    only the standard-library part loads and each child still imports the probe's own modules.
    One no-op child then waits until the server is ready.
    """
    if start_method(name) != "forkserver":
        return
    from multiprocessing import forkserver

    module = records.qualified(catalog.STRATEGIES[name].module)
    forkserver.set_forkserver_preload(["__main__", *_SERVER_PRELOAD, module])
    ctx: Any = multiprocessing.get_context("forkserver")
    proc = ctx.Process(target=_noop, name="gilbench-warmup", daemon=True)
    proc.start()
    proc.join()
    if proc.exitcode != 0:
        raise RuntimeError(f"the fork server's first child exited with code {proc.exitcode}")


def _noop() -> None:
    """A child that does nothing, to start the fork server before anything is timed."""


def measure(
    name: str, workload_name: str, sizes: List[int], return_data: bool = False
) -> Measurement:
    """Run len(sizes) tasks with strategy `name`; task i does sizes[i] items, seeded by i.

    With return_data every task keeps its full result; process strategies ship it back to this
    process and report the time that took as transfer_s.
    """
    if not sizes:
        raise ValueError("measure() needs at least one task")
    reason = available_for(name, workload_name)
    if reason is not None:
        raise ValueError(reason)
    strategy = catalog.STRATEGIES[name]
    workload = catalog.workload(workload_name)
    workload.before_run(len(sizes))  # serial runs it again, on the thread its tasks run on
    return strategy.implementation().measure(strategy, workload, sizes, return_data)
