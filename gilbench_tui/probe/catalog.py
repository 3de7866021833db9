"""The catalog: one record per strategy and per workload, holding every fact about each.

Everything that needs to know what a strategy or a workload is reads its record here: the worker
process (dispatch, availability), the engine (spec parsing, the memory guard, the verdict), the
CLI and the app. Nothing anywhere guesses from a name.

- A new workload is a task function in a tasks_*.py module (see tasks_common) and one Workload
  line in WORKLOADS below.
- A new strategy is a strategy_*.py module with `measure(strategy, workload, sizes, keep)` (and
  `unavailable(strategy, workload)` when it cannot run everywhere; see StrategyModule) and one
  Strategy line in STRATEGIES below.

Records name their code as references, `"module:function"` (a module without a dot is a module of
this directory), loaded only when something runs. So importing the catalog loads no task and no
strategy: the parent imports it for names. Standard library only, Python 3.8+; imported as
`gilbench_tui.probe.catalog`, or as the top-level module `catalog` in a worker run by path.
"""

from __future__ import annotations

import importlib
import os
from types import MappingProxyType
from typing import (
    TYPE_CHECKING,
    Any,
    Coroutine,
    List,
    Mapping,
    NamedTuple,
    Optional,
    Protocol,
    Tuple,
    cast,
)

if TYPE_CHECKING:
    from .measurement import Measurement
    from .tasks_common import Output

GIL_BEHAVIOURS = ("holds", "releases", "waits")
DEFAULT_START_METHOD = "default"
TEST_WORKLOADS_ENV = "GILBENCH_TEST_WORKLOADS"


class Kind(NamedTuple):
    """What running tasks one way means, whichever strategy does it."""

    name: str
    concurrent: bool  # the k tasks are alive at the same time
    parallel: bool  # they can compute at the same time (threads: when the GIL lets them)
    own_interpreter: bool  # each task has an interpreter, and a GIL, of its own


KINDS = {
    kind.name: kind
    for kind in (
        Kind("serial", concurrent=False, parallel=False, own_interpreter=False),
        Kind("threads", concurrent=True, parallel=True, own_interpreter=False),
        Kind("coroutines", concurrent=True, parallel=False, own_interpreter=False),
        Kind("processes", concurrent=True, parallel=True, own_interpreter=True),
        Kind("interpreters", concurrent=True, parallel=True, own_interpreter=True),
    )
}


class Strategy(NamedTuple):
    """One way to run k tasks."""

    name: str
    description: str
    kind: str  # a key of KINDS
    module: str  # the strategy_*.py module that measures it (see StrategyModule)
    start_method: Optional[str] = None  # process kinds: fork, forkserver, spawn or "default"
    needs: str = ""  # what the interpreter must offer, in words; "" when any will do
    startup_apart: bool = False  # its pool or interpreters are made before the clock starts,
    # and that start-up is reported apart as pool_startup_s
    legacy_worker: bool = False  # the legacy worker (Python < 3.8) runs it too

    @property
    def concurrent(self) -> bool:
        return KINDS[self.kind].concurrent

    @property
    def parallel(self) -> bool:
        return KINDS[self.kind].parallel

    @property
    def own_interpreter(self) -> bool:
        return KINDS[self.kind].own_interpreter

    @property
    def context_method(self) -> Optional[str]:
        """The start method to ask multiprocessing for: None means the platform's default."""
        return None if self.start_method == DEFAULT_START_METHOD else self.start_method

    @property
    def timed_startup(self) -> bool:
        """Whether starting each task's interpreter is inside the timed wall (processes)."""
        return self.own_interpreter and not self.startup_apart

    def implementation(self) -> StrategyModule:
        """The module that measures this strategy, imported on first use."""
        return cast("StrategyModule", importlib.import_module(qualified(self.module)))


_NOWHERE: Mapping[str, str] = MappingProxyType({})


class Workload(NamedTuple):
    """One kind of task; `label` is what people see, the task's docstring summary."""

    name: str
    label: str
    gil: str  # one of GIL_BEHAVIOURS
    description: str
    task: str  # "module:function", a TaskFunc
    async_task: Optional[str] = None  # "module:function", an AsyncTaskFunc for asyncio
    bytes_per_item: int = 0  # what a task holds per item at its peak (the memory guard)
    cannot_run_in: Mapping[str, str] = _NOWHERE  # kind → why this workload cannot run in it
    needs: str = ""  # what the interpreter must offer, in words; "" when any will do
    check: Optional[str] = None  # "module:function" → None when it runs here, else why not
    contends_on: Optional[str] = None  # the shared object its tasks contend on, if any
    legacy_worker: bool = False  # the legacy worker (Python < 3.8) runs it too

    def load_task(self) -> TaskFunc:
        func: TaskFunc = load(self.task)
        return func

    def load_async_task(self) -> Optional[AsyncTaskFunc]:
        func: Optional[AsyncTaskFunc] = load(self.async_task) if self.async_task else None
        return func

    def unavailable(self) -> Optional[str]:
        """None when this workload can run on this interpreter, otherwise why not."""
        if self.check is None:
            return None
        reason: Optional[str] = load(self.check)()
        return reason


class TaskFunc(Protocol):
    def __call__(self, size: int, task_index: int, keep: bool = False) -> Output: ...


class AsyncTaskFunc(Protocol):
    def __call__(
        self, size: int, task_index: int, keep: bool = False
    ) -> Coroutine[Any, Any, Output]: ...


class StrategyModule(Protocol):
    """What a strategy_*.py module offers: `measure`, one timed run of k tasks.

    A module whose strategy cannot run everywhere also has `unavailable(strategy, workload)`:
    None when it can run here (and run `workload`, unless that is None), otherwise why not.
    """

    def measure(
        self, strategy: Strategy, workload: Workload, sizes: List[int], keep: bool
    ) -> Measurement: ...


def qualified(module: str) -> str:
    """The importable name of a module reference: a module of this directory, or a dotted name."""
    if "." in module or not __package__:
        return module
    return f"{__package__}.{module}"


def reference(ref: str) -> Tuple[str, str]:
    """A `"module:name"` reference as (the module's importable name, the name in it)."""
    module, _, name = ref.partition(":")
    return qualified(module), name


def load(ref: str) -> Any:
    """The object a `"module:name"` reference names, importing its module on first use."""
    module, name = reference(ref)
    return getattr(importlib.import_module(module), name)


STRATEGIES = {
    s.name: s
    for s in (
        Strategy(
            "serial",
            "The k tasks one after another in the worker process: the baseline.",
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
    )
}

WORKLOADS = {
    w.name: w
    for w in (
        Workload(
            "seed",
            "Append random.random() to a list (pure Python, the article's loop)",
            "holds",
            "Builds a list of random floats in a Python loop; bytecode needs the GIL, "
            "so threads take turns.",
            "tasks_seed:seed",
            bytes_per_item=8 * 9 // 8 + 24,  # a list slot (with over-allocation) and a float
            legacy_worker=True,
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
            "Loopback TCP echo on 127.0.0.1 (waits on socket calls)",
            "waits",
            "Echoes data over a loopback TCP socket on 127.0.0.1; the GIL is free in every "
            "send and receive.",
            "tasks_waiting:socket_echo",
            async_task="tasks_waiting:socket_echo_async",
        ),
    )
}

if os.environ.get(TEST_WORKLOADS_ENV) == "1":
    WORKLOADS["crash"] = Workload(
        "crash",
        "Abort the process (a test-only workload, for checking how crashes are reported)",
        "holds",
        f"Aborts the process; only with {TEST_WORKLOADS_ENV}=1 (tests).",
        "tasks_faults:crash",
    )
