"""The catalog: one record per strategy and per workload, holding every fact about each.

Everything that needs to know what a strategy or a workload is reads its record here: the worker
process (dispatch, availability), the engine (spec parsing, the memory guard, the verdict), the
CLI and the app. Nothing anywhere guesses from a name.

- A new workload is a task function in a tasks_*.py module (see tasks_common) and one Workload
  record in WORKLOADS below.
- A new strategy is a strategy_*.py module with `measure(strategy, workload, sizes, keep)` (and
  `unavailable(strategy, workload)` when it cannot run everywhere; see records.StrategyModule)
  and one Strategy record in STRATEGIES below.

What each field means is records.py's; records name their code as `"module:function"`, so
importing the catalog loads no task and no strategy: the parent imports it for names. Standard
library only, Python 3.8+; imported as `gilbench_tui.probe.catalog`, or as the top-level module
`catalog` in a worker run by path.
"""

from __future__ import annotations

import importlib
import os
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING or __package__:
    from . import records
else:  # the worker process run by path has put this directory on sys.path
    import records

# The record types and the vocabulary, for whoever reads the catalog (records.py defines them).
Kind = records.Kind
Strategy = records.Strategy
Workload = records.Workload
KINDS = records.KINDS
GIL_BEHAVIOURS = records.GIL_BEHAVIOURS
DEFAULT_START_METHOD = records.DEFAULT_START_METHOD

TEST_WORKLOADS_ENV = "GILBENCH_TEST_WORKLOADS"

STRATEGIES = {
    s.name: s
    for s in (
        Strategy(
            "serial",
            "The k tasks one after another on one thread of the worker process: the baseline.",
            "serial",
            "strategy_serial",
            legacy_worker=True,
        ),
        Strategy(
            "threads",
            "k threading.Thread in one process: they share one GIL unless the work releases it.",
            "threads",
            "strategy_threads",
            legacy_worker=True,
        ),
        Strategy(
            "processes",
            "k multiprocessing.Process with the platform's default start method.",
            "processes",
            "strategy_processes",
            DEFAULT_START_METHOD,
            legacy_worker=True,
        ),
        Strategy(
            "processes-fork",
            "k processes forked from the worker: cheap to start, copies the parent.",
            "processes",
            "strategy_processes",
            "fork",
            needs="the fork start method (POSIX)",
        ),
        Strategy(
            "processes-forkserver",
            "k processes forked from a clean server process started once.",
            "processes",
            "strategy_processes",
            "forkserver",
            needs="the forkserver start method (POSIX)",
        ),
        Strategy(
            "processes-spawn",
            "k fresh interpreters that import the probe: the slowest start.",
            "processes",
            "strategy_processes",
            "spawn",
        ),
        Strategy(
            "thread-pool",
            "A ThreadPoolExecutor of k threads; its start-up is reported apart.",
            "threads",
            "strategy_thread_pool",
            startup_apart=True,
        ),
        Strategy(
            "process-pool",
            "A ProcessPoolExecutor of k processes (default start method); "
            "its start-up is reported apart.",
            "processes",
            "strategy_process_pool",
            DEFAULT_START_METHOD,
            startup_apart=True,
        ),
        Strategy(
            "asyncio",
            "k coroutines on one event loop in one thread: overlaps waits, never computes "
            "in parallel.",
            "coroutines",
            "strategy_asyncio",
            needs="a coroutine variant of the workload",
        ),
        Strategy(
            "subinterpreters",
            "k subinterpreters, each with its own GIL, run from k threads (CPython 3.12+).",
            "interpreters",
            "strategy_interpreters",
            needs="CPython 3.12+",
            startup_apart=True,
        ),
        Strategy(
            "interpreter-pool",
            "An InterpreterPoolExecutor of k interpreters, each with its own GIL (CPython "
            "3.14+); its start-up is reported apart.",
            "interpreters",
            "strategy_interpreter_pool",
            needs="CPython 3.14+",
            startup_apart=True,
        ),
        Strategy(
            "dask-threads",
            "One Dask worker with k threads (a LocalCluster, or --dask-scheduler's workers): "
            "they share its GIL; the cluster's start-up is reported apart.",
            "threads",
            "strategy_dask",
            needs="dask and distributed (pip install 'gilbench-tui[dask]')",
            startup_apart=True,
            standing=True,
        ),
        Strategy(
            "dask-processes",
            "k single-threaded Dask worker processes (a LocalCluster, or --dask-scheduler's "
            "workers); the cluster's start-up is reported apart.",
            "processes",
            "strategy_dask",
            "spawn",  # how a LocalCluster starts its worker processes
            needs="dask and distributed (pip install 'gilbench-tui[dask]')",
            startup_apart=True,
            standing=True,
        ),
    )
}

WORKLOADS = {
    w.name: w
    for w in (
        Workload(
            "seed",
            "Append random.random() to a list (pure Python, the article's loop)",
            "holds",
            "Builds a list of random floats in a Python loop, each task with its own "
            "random.Random(task index) where the article shared one generator; bytecode needs "
            "the GIL, so threads take turns.",
            "tasks_seed:seed",
            bytes_per_item=8 * 9 // 8 + 24,  # a list slot (with over-allocation) and a float
            legacy_worker=True,
        ),
        Workload(
            "seed-shared",
            "Append random.random() to a list from the shared module-level generator "
            "(the article's code)",
            "holds",
            "The article's code exactly: every task appends the module-level random.random() to "
            "a list the starting thread made for it, one generator for all, seeded once per run; "
            "on a free-threaded build threads contend for its lock (and for lists they did not "
            "make), and every process draws from a generator of its own.",
            "tasks_shared:seed_shared",
            bytes_per_item=8 * 9 // 8 + 24,
            contends_on="the module-level random generator",
            legacy_worker=True,
            reset="tasks_shared:prepare",
            shared_state=True,
        ),
        Workload(
            "pidigits",
            "Digits of pi with big integers (pure Python, Machin's formula)",
            "holds",
            "Big-integer arithmetic driven from Python; every step holds the GIL, "
            "so threads take turns.",
            "tasks_python:pidigits",
        ),
        Workload(
            "primes",
            "Primes by trial division (pure Python)",
            "holds",
            "Trial division in a Python loop; every step holds the GIL, so threads take turns.",
            "tasks_python:primes",
            bytes_per_item=16,
        ),
        Workload(
            "sha256",
            "SHA-256 of a large buffer (C code that releases the GIL)",
            "releases",
            "Hashes megabytes in C; hashlib releases the GIL while it hashes, "
            "so threads run in parallel.",
            "tasks_native:sha256",
            needs="sha256 in hashlib",
            check="tasks_native:sha256_unavailable",
        ),
        Workload(
            "zlib",
            "zlib compression (C code that releases the GIL)",
            "releases",
            "Compresses megabytes with zlib in C, which releases the GIL; threads run in parallel.",
            "tasks_native:zlib",
        ),
        Workload(
            "bz2",
            "bz2 compression (C code that releases the GIL)",
            "releases",
            "Compresses megabytes with bz2 in C, which releases the GIL; threads run in parallel.",
            "tasks_native:bz2",
        ),
        Workload(
            "numpy",
            "numpy matrix multiply (C code that releases the GIL)",
            "releases",
            "Multiplies matrices with numpy (one BLAS thread per task), which releases the GIL; "
            "needs numpy on the interpreter.",
            "tasks_native:numpy",
            cannot_run_in=MappingProxyType(
                {"interpreters": "numpy does not support isolated subinterpreters"}
            ),
            needs="numpy",
            check="tasks_native:numpy_unavailable",
        ),
        Workload(
            "sleep",
            "Wait in short sleeps (stands in for I/O, needs no CPU)",
            "waits",
            "Sleeps like a task waiting on I/O; the GIL is free while it waits, "
            "so threads overlap the waits.",
            "tasks_waiting:sleep",
            async_task="tasks_waiting:sleep_async",
        ),
        Workload(
            "file-io",
            "Write, fsync and read back temporary files (waits on the disk)",
            "waits",
            "Writes, fsyncs and reads back temporary files; the GIL is free while the disk works.",
            "tasks_waiting:file_io",
        ),
        Workload(
            "socket",
            "Requests over loopback TCP to a peer that answers after 1 ms (waits on the network)",
            "waits",
            "Sends requests over TCP on 127.0.0.1 to a peer that answers each after 1 ms, as a "
            "remote service would; the GIL is free while a task waits for the answer.",
            "tasks_waiting:socket_echo",
            async_task="tasks_waiting:socket_echo_async",
        ),
    )
}


def workload(name: str) -> Workload:
    """The record of workload `name`: the catalog's, or for a user's `FILE.py:FUNC` (or
    `package.module:FUNC`) one built now (usercode.record); KeyError for anything else."""
    found = WORKLOADS.get(name)
    if found is not None:
        return found
    if ":" in name:
        record: Workload = user_code().record(name)
        return record
    raise KeyError(name)


def user_code() -> ModuleType:
    """probe/usercode.py, imported on first use: the catalog itself loads no code."""
    return importlib.import_module(records.qualified("usercode"))


if os.environ.get(TEST_WORKLOADS_ENV) == "1":
    WORKLOADS["crash"] = Workload(
        "crash",
        "Abort the process (a test-only workload, for checking how crashes are reported)",
        "holds",
        f"Aborts the process; only with {TEST_WORKLOADS_ENV}=1 (tests).",
        "tasks_faults:crash",
    )
