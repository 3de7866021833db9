"""What a catalog record is: the Strategy and Workload records, the kinds, and code references.

The records themselves are registered in catalog.py; this module only says what they hold and
how a record's code is found. A record names its code as a reference, `"module:function"` (a
module without a dot is a module of this directory), loaded only when something runs, so that
importing the records loads no task and no strategy. Standard library only, Python 3.8+.
"""

from __future__ import annotations

import importlib
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
    standing: bool = False  # what it starts is a cluster, which people keep running between
    # jobs: its start-up is reported (pool_startup_s) but not held against the tasks

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
    # "module:function" run before every timed run, off the clock, with the number of tasks
    reset: Optional[str] = None
    # Its tasks share state in the process (contends_on): which task computes what depends on how
    # they interleave, so only the sum of the task checksums is checked, and strategies that give
    # each task its own interpreter share nothing and cannot be compared.
    shared_state: bool = False
    task_args: Tuple[Any, ...] = ()  # when given, `task` is called with them to make the task
    # function (a user's code: usercode.UserTask(reference)); they must be plain literals

    def load_task(self) -> TaskFunc:
        func: TaskFunc = load(self.task)(*self.task_args) if self.task_args else load(self.task)
        return func

    def load_async_task(self) -> Optional[AsyncTaskFunc]:
        func: Optional[AsyncTaskFunc] = load(self.async_task) if self.async_task else None
        return func

    def before_run(self, tasks: int = 0) -> None:
        """What the workload resets before each timed run of `tasks` tasks (`reset`), if
        anything."""
        if self.reset is not None:
            load(self.reset)(tasks)

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
    None when it can run here (and run `workload`, unless that is None), otherwise why not. One
    that reads spec keys of its own, or emits events while it measures, has `configure(spec,
    emit)`, called once before anything runs (strategy_dask: the scheduler, `cluster` events).
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
