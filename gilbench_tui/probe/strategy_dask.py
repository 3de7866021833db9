"""dask-threads and dask-processes: k tasks on a Dask cluster, a local one or the user's.

The question Dask asks its users is the GIL question in another form: threads per worker
(`nthreads`) or worker processes (`nworkers`)? dask-threads runs the k tasks as threads of one
Dask worker process, so they share its GIL; dask-processes runs them on k single-threaded workers.

Without a scheduler address the cluster is a distributed.LocalCluster made for the sample on
127.0.0.1 with no dashboard, and like a pool's it is started, and every worker has imported the
task, before the clock: that is pool_startup_s, reported apart. With `dask_scheduler` in the spec
the tasks run on that scheduler's workers instead: dask-threads on the worker with the most
threads, dask-processes spread one by one over every worker; connecting is then the start-up.

The task reaches the workers by module path: this module's run_task, pickled by reference as
`gilbench_tui.probe.strategy_dask` when the package is importable (so any worker with
gilbench-tui installed runs it), else by the probe directory's top-level name, which the local
cluster's worker processes can import because they inherit the worker process's sys.path.
The workload's task travels as its catalog reference (with, for a user's own code, the file path
and function, so the file must be at that path on every worker's host) and is loaded there.

dask and distributed are imported here only when a dask strategy runs (dask_cluster.py), never at
import time, so the probe stays standard-library only everywhere else. Python 3.8+.
"""

from __future__ import annotations

import importlib
import sys
import time
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple

if TYPE_CHECKING or __package__:
    from . import records, system_load
    from .measurement import Measurement, TaskError, explain, failed
    from .strategy_processes import crc32, verify
else:  # the worker process run by path has put this directory on sys.path
    import records
    import system_load
    from measurement import Measurement, TaskError, explain, failed
    from strategy_processes import crc32, verify

if TYPE_CHECKING:
    from .records import Strategy, Workload

INSTALL_HINT = "pip install 'gilbench-tui[dask]'"
PACKAGE = "gilbench_tui.probe"
REQUIRED = ("dask", "distributed")

# checksum, time.time() at start, time.time() when it ended, pickled data (keep only), its CRC-32
TaskReport = Tuple[int, float, float, Optional[bytes], Optional[int]]
Emit = Callable[[Dict[str, Any]], None]

_settings: Dict[str, Any] = {"scheduler": None, "emit": None}


def configure(options: Dict[str, Any], emit: Optional[Emit]) -> None:
    """The spec's scheduler address (None: a local cluster) and where cluster events go."""
    _settings["scheduler"] = options.get("dask_scheduler")
    _settings["emit"] = emit


def unavailable(strategy: Strategy, workload: Optional[Workload]) -> Optional[str]:
    """Why not here: dask or distributed missing on this interpreter, with the one-line fix."""
    from importlib.util import find_spec

    missing = [name for name in REQUIRED if find_spec(name) is None]
    if missing:
        return f"needs {' and '.join(missing)} on this interpreter: {INSTALL_HINT}"
    return None


#: A workload's task as it travels to the workers: its "module:function" and, for a user's own
#: code, the arguments that make the task from it (records.Workload.task_args).
TaskRef = Tuple[str, Tuple[Any, ...]]


def load_task(ref: TaskRef) -> Any:
    """The task function on a worker; a user's file is imported there by its path."""
    name, args = ref
    return records.load(name)(*args) if args else records.load(name)


def run_task(ref: TaskRef, size: int, index: int, keep: bool) -> TaskReport:
    """One task on a Dask worker; with keep its data travels as bytes pickled here."""
    import pickle

    func = load_task(ref)
    begin = time.time()
    output = func(size, index, keep)
    blob = pickle.dumps(output.data, pickle.HIGHEST_PROTOCOL) if keep else None
    crc = None if blob is None else crc32(blob)
    return output.checksum, begin, time.time(), blob, crc


def worker_cpu() -> float:
    """The CPU time of the Dask worker process it runs in: its tasks' and its own upkeep."""
    return time.process_time()


def warm(ref: TaskRef) -> TaskRef:
    """Run once on each worker before the clock: the task's module is imported there by then."""
    load_task(ref)
    return ref


def task_functions() -> Any:
    """This module as the workers import it: from the installed package where it is importable,
    else by the probe directory's name."""
    try:
        return importlib.import_module(PACKAGE + ".strategy_dask")
    except ImportError:
        return sys.modules[__name__]


def measure(strategy: Strategy, workload: Workload, sizes: List[int], keep: bool) -> Measurement:
    """Start or reach the cluster and warm it (pool_startup_s), then time k tasks on it.

    cpu_s is this process's CPU (the client and, for a local cluster, its scheduler) and every
    task's worker process's, read on the workers before and after the clock. Start-up and
    transfer compare the workers' wall clocks with this one's: exact on one machine, as good
    as the hosts' clock synchronisation on a cluster."""
    if TYPE_CHECKING or __package__:
        from . import dask_cluster
    else:
        import dask_cluster

    count = len(sizes)
    made = time.perf_counter()
    with dask_cluster.Session(strategy.kind, count, _settings["scheduler"]) as session:
        functions = task_functions()
        # qualified on the worker by the records module it runs with
        ref = (workload.task, tuple(workload.task_args))
        places = session.placement(count)
        session.warm(functions.warm, ref, places)
        pool_startup = time.perf_counter() - made
        with session.metrics(_settings["emit"]):
            workers_cpu0 = session.on_workers(functions.worker_cpu, places)
            system_load.clock_started()
            cpu0 = time.process_time()
            wall0 = time.time()
            t0 = time.perf_counter()
            futures = session.submit(functions.run_task, ref, sizes, keep, places)
            reports, transfers = _gather(futures, count)
            wall = time.perf_counter() - t0
            cpu = time.process_time() - cpu0
            system_load.clock_stopped()
            workers_cpu1 = session.on_workers(functions.worker_cpu, places)
    cpu += sum(max(0.0, workers_cpu1[a] - workers_cpu0.get(a, 0.0)) for a in workers_cpu1)
    verify([(r[0], r[1], r[2], r[4]) for r in reports], [r[3] for r in reports])
    begins = [r[1] for r in reports]
    return Measurement(
        wall,
        max(0.0, max(begins) - wall0),
        max(0.0, cpu),
        sum(transfers) if keep else None,
        [r[0] for r in reports],
        max(0.0, pool_startup),
    )


def _gather(futures: List[Any], count: int) -> Tuple[List[TaskReport], List[float]]:
    """Every task's report in task order, and per task the time from its end on the worker until
    its result was here: until the client heard it had finished, plus fetching the result."""
    heard = [0.0] * count
    for index, future in enumerate(futures):
        future.add_done_callback(_stamp(heard, index))
    reports: List[TaskReport] = []
    transfers: List[float] = []
    for index, future in enumerate(futures):
        asked = time.time()
        try:
            report = future.result()
        except Exception as exc:
            raise TaskError(failed(index, count, explain(exc))) from None
        fetched = time.time()
        finished = heard[index] or fetched
        reports.append(report)
        transfers.append(max(0.0, finished - report[2]) + max(0.0, fetched - max(asked, finished)))
    return reports, transfers


def _stamp(heard: List[float], index: int) -> Callable[[Any], None]:
    def done(_: Any) -> None:
        heard[index] = time.time()

    return done
