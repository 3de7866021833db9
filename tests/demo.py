"""Fixed fake data: a runner, a sampler, interpreters and a history that behave like the real ones
without measuring.

The UI tests, the snapshot tests and screenshots/make_screenshots.py drive the app with these, so
what they show never depends on the machine they run on. The numbers follow the shape real runs
have on a GIL build: threads as slow as serial, processes close to k times faster.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace

from gilbench_tui.engine.aggregate import amdahl_fits
from gilbench_tui.engine.events import (
    ClusterSeen,
    ClusterWorker,
    Done,
    PlanItem,
    Sample,
    Started,
    WorkerError,
)
from gilbench_tui.engine.interpreters import InterpreterInfo
from gilbench_tui.engine.intervals import median_interval
from gilbench_tui.engine.results import Interpreter, Machine, RunDocument, StrategyResult
from gilbench_tui.engine.runner import RunFailed
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.verdict import verdict
from gilbench_tui.monitor import CoreSample
from gilbench_tui.probe.catalog import STRATEGIES, WORKLOADS
from gilbench_tui.ui.services import EventHandler, PartialHandler
from tests.run_schema import check_run

SECONDS_PER_ITEM = 90e-9
DEMO_INTERPRETER = Interpreter(
    executable="/usr/bin/python3.12",
    implementation="cpython",
    version="3.12.3",
    gil_disabled_build=False,
    gil_enabled=True,
    switch_interval_s=0.005,
)
FREE_THREADED = Interpreter(
    executable="/opt/pythons/3.13.1t/bin/python3.13t",
    implementation="cpython",
    version="3.13.1",
    gil_disabled_build=True,
    gil_enabled=False,
    switch_interval_s=0.005,
)
#: What a strategy that ships results back pays for it, per task, when --return-data is on.
TRANSFER_S = 0.004


def demo_plan(
    spec: BenchSpec, unavailable: Mapping[str, str] | None = None
) -> tuple[PlanItem, ...]:
    """The worker's order: warm-up rounds, then repeats; each round every worker count × strategy."""
    strategies = [s for s in spec.strategies if s not in (unavailable or {})]
    plan = []
    for round_index in range(spec.warmup + spec.repeat):
        phase = "warmup" if round_index < spec.warmup else "measure"
        repeat = round_index if phase == "warmup" else round_index - spec.warmup
        for k in spec.workers:
            for strategy in strategies:
                plan.append(PlanItem(phase, repeat, strategy, k))
    return tuple(plan)


#: What starting one task process costs, by start method (fork and the platform default: cheap).
START_S = {"spawn": 0.09, "forkserver": 0.03}


def demo_seconds(strategy: str, workers: int, size: int, cores: int) -> float:
    """Serial does the k tasks in turn; tasks sharing one interpreter (and its GIL) take as long
    and a little more; tasks with an interpreter each run in waves of `cores`."""
    record = STRATEGIES[strategy]
    task = size * SECONDS_PER_ITEM
    if not record.concurrent:
        return workers * task
    if not record.own_interpreter:
        return workers * task * 1.04
    start = START_S.get(record.start_method or "", 0.012)
    waves = -(-workers // cores)
    return waves * task * 1.02 + start


def demo_cluster(spec: BenchSpec, item: PlanItem) -> ClusterSeen:
    """The `cluster` event a dask strategy's sample sends: a local cluster of one worker with k
    threads or k single-threaded workers, or the user's two hosts of two workers each."""
    if spec.dask_scheduler is not None:
        hosts = ("10.0.0.6", "10.0.0.6", "10.0.0.7", "10.0.0.7")
        workers = [
            ClusterWorker(f"tcp://{host}:{4100 + i}", host, 1, 97.0 - 30 * (i % 2))
            for i, host in enumerate(hosts)
        ]
        return ClusterSeen(spec.dask_scheduler, False, tuple(workers))
    threads = item.workers if STRATEGIES[item.strategy].kind == "threads" else 1
    count = 1 if threads > 1 else item.workers
    workers = [
        ClusterWorker(f"tcp://127.0.0.1:{4100 + i}", "127.0.0.1", threads, 99.0)
        for i in range(count)
    ]
    return ClusterSeen("tcp://127.0.0.1:4000", True, tuple(workers))


def _optional_fields(spec: BenchSpec, strategy: str, workers: int) -> dict[str, float | None]:
    """Pool start-up, transfer and wake-up latency, where a real run would have them."""
    record = STRATEGIES[strategy]
    holds = WORKLOADS[spec.workload].gil == "holds" if spec.workload in WORKLOADS else True
    gil_bound = holds and record.parallel and not record.own_interpreter and workers > 1
    late = 0.0051 if gil_bound else 0.00012
    pool_startup = 0.021 if record.own_interpreter else 0.0009
    return {
        "pool_startup_s": pool_startup if record.startup_apart else None,
        "transfer_s": TRANSFER_S * workers if spec.return_data and record.own_interpreter else None,
        "latency_p50_s": late * 0.6 if spec.latency_probe else None,
        "latency_p99_s": late if spec.latency_probe else None,
    }  # fmt: skip


def _spread(value: float | None, share: float) -> tuple[float, float] | None:
    return None if value is None else (value * (1 - share), value * (1 + share))


def demo_document(
    spec: BenchSpec,
    cores: int = 8,
    run_id: str = "20250101-120000-demo01",
    *,
    started_at: str = "2025-01-01T12:00:00+00:00",
    interpreter: Interpreter = DEMO_INTERPRETER,
    unavailable: Mapping[str, str] | None = None,
    factors: Mapping[str, float] | None = None,
) -> RunDocument:
    """A finished run of `spec`; `factors` scales a strategy's times (to make two runs differ)."""
    capacity = min(max(spec.workers), cores) * 0.97
    machine = Machine(
        "demo-host", "Linux 6.8", "Demo CPU 3.0 GHz", cores, cores // 2, 16 << 30, 0.4,
        usable_cpus=cores, usable_cpus_reason="all",
        capacity_before=capacity, capacity_after=capacity,
    )  # fmt: skip
    unavailable = dict(unavailable or {})
    factors = factors or {}
    results = []
    for k in spec.workers:
        serial = demo_seconds("serial", k, spec.size, cores) * factors.get("serial", 1.0)
        for index, strategy in enumerate(spec.strategies):
            if strategy in unavailable:
                continue
            median = demo_seconds(strategy, k, spec.size, cores) * factors.get(strategy, 1.0)
            has_serial = "serial" in spec.strategies
            speedup = serial / median if has_serial else None
            cpu = serial * (1.01 + 0.01 * index)
            times = [median * f for f in (0.99, 1.0, 1.02)][: spec.repeat]
            results.append(
                StrategyResult(
                    strategy=strategy,
                    workers=k,
                    times_s=times,
                    median_s=median,
                    iqr_s=median * 0.015,
                    cv=0.012,
                    startup_s=0.011 if STRATEGIES[strategy].own_interpreter else 0.0004,
                    cpu_s=cpu,
                    utilisation=cpu / (median * cores),
                    speedup=speedup,
                    efficiency=None if speedup is None else speedup / k,
                    checksum=f"{k:02d}5eedc0ffee{k:04d}",
                    checksum_ok=True,
                    median_ci95_s=median_interval(times),
                    speedup_ci95=_spread(speedup, 0.0 if strategy == "serial" else 0.02),
                    other_cpu_cores=0.05,
                    **_optional_fields(spec, strategy, k),
                )
            )
    detail = verdict(results, machine, WORKLOADS.get(spec.workload), interpreter, spec)
    document = RunDocument(
        id=run_id,
        started_at=started_at,
        finished_at=started_at.replace(":00+", ":09+"),
        machine=machine,
        interpreter=interpreter,
        spec=spec,
        results=results,
        verdict=detail.line,
        warnings=[f"{name} did not run: {why}" for name, why in unavailable.items()],
        amdahl=amdahl_fits(results, cores),
        unavailable=unavailable,
        verdict_detail=detail,
    )
    return check_run(document)


@dataclass
class DemoRunner:
    """Emits the events a real run would, then returns `demo_document(spec)`.

    `hold_at` stops before that sample until `release` is set (or the run is cancelled), which is
    how tests and screenshots catch the app mid-run; with `hold_in`, only in that run (1, 2, …). `fail` makes it raise RunFailed at the end,
    with a partial document when `partial` is true. `warning` sends one non-fatal WorkerError.
    `unavailable` names strategies that cannot run, with the reason, as a real worker does.
    The run is on the demo interpreter whose path the spec's `python` names (the running one for
    None), with an id of its own (`…demo01`, `…demo02`); `fail_on` fails only the runs on that
    interpreter's path.
    """

    cores: int = 8
    step_s: float = 0.0
    hold_at: int | None = None
    fail: str | None = None
    partial: bool = True
    warning: str | None = None
    unavailable: dict[str, str] = field(default_factory=dict)
    pid: int = field(default_factory=os.getpid)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    specs: list[BenchSpec] = field(default_factory=list)
    cancelled: bool = False
    fail_on: str | None = None
    hold_in: int | None = None

    def document(self, spec: BenchSpec) -> RunDocument:
        return demo_document(
            spec, self.cores, f"20250101-120000-demo{len(self.specs):02d}",
            interpreter=demo_interpreter(spec.python), unavailable=self.unavailable,
        )  # fmt: skip

    async def run(
        self,
        spec: BenchSpec,
        on_event: EventHandler | None = None,
        on_partial: PartialHandler | None = None,
    ) -> RunDocument:
        self.specs.append(spec)
        emit = on_event or (lambda event: None)
        plan = demo_plan(spec, self.unavailable)
        interpreter = asdict(demo_interpreter(spec.python))
        emit(Started(self.pid, interpreter, plan, dict(self.unavailable)))
        index = 0
        try:
            for index, item in enumerate(plan):
                if STRATEGIES[item.strategy].standing:
                    emit(demo_cluster(spec, item))
                if index == self.hold_at and self.hold_in in (None, len(self.specs)):
                    await self.release.wait()
                await asyncio.sleep(self.step_s)
                wall = demo_seconds(item.strategy, item.workers, spec.size, self.cores)
                emit(
                    Sample(
                        index,
                        item.phase,
                        item.repeat,
                        item.strategy,
                        item.workers,
                        wall,
                        0.001,
                        wall,
                        None,
                        tuple(range(item.workers)),
                    )
                )
                if index == 0 and self.warning:
                    emit(WorkerError(self.warning, fatal=False))
        except asyncio.CancelledError:
            self.cancelled = True
            if on_partial is not None and index > 0:
                on_partial(self.document(spec))
            raise
        fail = self.fail if self.fail_on in (None, spec.python) else None
        if fail is not None:
            partial = self.document(spec) if self.partial else None
            raise RunFailed(fail, partial)
        emit(Done(True))
        return self.document(spec)


@dataclass
class DemoSampler:
    """Idle cores lightly loaded; while a tree is watched, `busy_cores` of them near full."""

    cores: int = 8
    busy_cores: float = 8.0
    calls: int = 0

    @property
    def core_count(self) -> int:
        return self.cores

    @property
    def usable_count(self) -> int:
        return self.cores

    def sample(self, root_pid: int | None = None) -> CoreSample:
        self.calls += 1
        if root_pid is None:
            loads = tuple(float(2 + (i * 7) % 9) for i in range(self.cores))
            return CoreSample(loads, at=self.calls * 0.5)
        full = int(self.busy_cores)
        loads = tuple(
            float(95 + (i * 3) % 5) if i < full else float(4 + (i * 5) % 7)
            for i in range(self.cores)
        )
        return CoreSample(loads, self.busy_cores * 100 * 0.98, full + 1, self.calls * 0.5)


def _info(
    path: str, executable: str, implementation: str, version: str, *, free: bool = False
) -> InterpreterInfo:
    major, minor, micro = (int(part) for part in version.split("."))
    return InterpreterInfo(
        path=path,
        executable=executable,
        implementation=implementation,
        version=version,
        version_info=(major, minor, micro),
        gil_disabled_build=free,
        gil_enabled=not free,
        switch_interval_s=0.005,
        compiler="GCC 13.2.0",
    )


def demo_interpreters() -> list[InterpreterInfo]:
    """What discovery finds on a typical developer machine; the first one is the running Python
    (its path is this process's, so the app takes it as the default)."""
    pyenv = "/opt/.pyenv/versions"
    return [
        _info(sys.executable, "/usr/bin/python3.12", "CPython", "3.12.3"),
        _info(f"{pyenv}/3.13.1/bin/python3", f"{pyenv}/3.13.1/bin/python3.13", "CPython",
              "3.13.1"),
        _info(f"{pyenv}/3.13.1t/bin/python3", FREE_THREADED.executable, "CPython", "3.13.1",
              free=True),
        _info("/usr/bin/pypy3", "/usr/lib/pypy3.10/bin/pypy3.10", "PyPy", "3.10.14"),
        _info(f"{pyenv}/2.7.18/bin/python", f"{pyenv}/2.7.18/bin/python2.7", "CPython", "2.7.18"),
    ]  # fmt: skip


def demo_interpreter(python: str | None) -> Interpreter:
    """The run document's interpreter for a spec's `python`: the demo interpreter found at that
    path, the running one (3.12.3) for None or a path the demo does not know."""
    found = next((i for i in demo_interpreters() if i.path == python), None)
    if found is None:
        return DEMO_INTERPRETER
    return Interpreter(
        executable=found.executable, implementation=found.implementation.lower(),
        version=found.version, gil_disabled_build=found.gil_disabled_build,
        gil_enabled=found.gil_enabled, switch_interval_s=found.switch_interval_s,
    )  # fmt: skip


def demo_discover(
    found: list[InterpreterInfo] | None = None, failures: list[str] | None = None
) -> Callable[[Callable[[], bool]], tuple[list[InterpreterInfo], list[str]]]:
    """A discovery that answers at once with `found` (the demo interpreters by default)."""

    def discover(cancelled: Callable[[], bool]) -> tuple[list[InterpreterInfo], list[str]]:
        return (demo_interpreters() if found is None else list(found)), list(failures or [])

    return discover


SCALING = BenchSpec(workload="seed", size=2_000_000, workers=(2, 4, 8))


def demo_history() -> list[RunDocument]:
    """A few days of runs, oldest first: the seed on 3.12 and on a free-threaded 3.13, hashing,
    a sleep sweep and a lab run with the pools, the latency probe and an unavailable strategy."""
    lab = BenchSpec(
        workload="pidigits", size=20_000, workers=(2, 4),
        strategies=("serial", "threads", "thread-pool", "process-pool", "subinterpreters"),
        latency_probe=True,
    )  # fmt: skip
    return [
        demo_document(SCALING, run_id="20250103-091502-a1b2c3",
                      started_at="2025-01-03T09:15:02+00:00"),
        demo_document(BenchSpec(workload="sha256", size=500_000, workers=(2, 4)),
                      run_id="20250104-143010-d4e5f6", started_at="2025-01-04T14:30:10+00:00",
                      factors={"threads": 0.55}),
        demo_document(BenchSpec(workload="sleep", size=1_000, workers=(1, 2, 4, 8),
                                strategies=("serial", "threads", "asyncio")),
                      run_id="20250105-180755-778899", started_at="2025-01-05T18:07:55+00:00",
                      factors={"threads": 0.26, "asyncio": 0.27}),
        demo_document(lab, run_id="20250106-101112-0a0b0c",
                      started_at="2025-01-06T10:11:12+00:00",
                      unavailable={"subinterpreters": "needs Python 3.12 or newer"}),
        demo_document(SCALING, run_id="20250107-081530-fe3a9d",
                      started_at="2025-01-07T08:15:30+00:00", interpreter=FREE_THREADED,
                      factors={"serial": 1.08, "threads": 0.31, "processes": 1.01}),
    ]  # fmt: skip


def demo_comparison() -> list[RunDocument]:
    """The seed on 3.12 and on a free-threaded 3.13, kept as one comparison (`--python a,b`)."""
    comparison = "cmp-20250107-081530-ab12"
    gil = demo_document(
        SCALING, run_id="20250107-081530-c0ffee", started_at="2025-01-07T08:15:30+00:00"
    )
    free = demo_document(
        SCALING,
        run_id="20250107-081545-f7ee01",
        started_at="2025-01-07T08:15:45+00:00",
        interpreter=FREE_THREADED,
        factors={"serial": 1.08, "threads": 0.55, "processes": 1.01},
    )
    return [replace(gil, comparison=comparison), replace(free, comparison=comparison)]  # fmt: skip
