"""Runs a BenchSpec in a worker process and turns its event stream into a RunDocument.

The worker process runs on the chosen interpreter by file path (`python -I probe/worker.py`), in a
session of its own, so cancelling or timing out kills the whole tree it started (task threads and
processes, pools, fork servers) with one signal to its process group.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import signal
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from gilbench_tui.engine import admission, aggregate, machine, repeats
from gilbench_tui.engine.capacity import Capacity, measure_async
from gilbench_tui.engine.cluster import cluster_record
from gilbench_tui.engine.events import (
    MAX_LINE,
    ClusterSeen,
    Done,
    Event,
    ProtocolError,
    Round,
    Sample,
    Started,
    WorkerError,
    parse_event,
)
from gilbench_tui.engine.gil_measured import measure as measure_gil
from gilbench_tui.engine.interpreters import InterpreterInfo, inspect_interpreter, resolve_python
from gilbench_tui.engine.results import Interpreter, Machine, RunDocument
from gilbench_tui.engine.spec import DEFAULT_MAX_TIME_S, BenchSpec, SpecError
from gilbench_tui.engine.verdict import verdict
from gilbench_tui.probe.catalog import WORKLOADS

PROBE_DIR = Path(__file__).resolve().parent.parent / "probe"
WORKER_PATH = PROBE_DIR / "worker.py"
LEGACY_WORKER_PATH = PROBE_DIR / "legacy_worker.py"
STDERR_TAIL = 8192

EventHandler = Callable[[Event], None]


class RunFailed(Exception):
    """The worker failed; `partial` holds whatever was measured before it did."""

    def __init__(self, message: str, partial: RunDocument | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.partial = partial


@dataclass
class _Collected:
    started: Started | None = None
    samples: list[Sample] = field(default_factory=list)
    errors: list[WorkerError] = field(default_factory=list)
    done: Done | None = None
    protocol_error: str | None = None
    cluster: ClusterSeen | None = None  # the user's Dask cluster, as last described


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def new_run_id() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)


@dataclass
class _Steering:
    """Answers the worker after each measured round of an auto-repeat run: another, or stop."""

    spec: BenchSpec
    proc: asyncio.subprocess.Process
    collected: _Collected
    began: float

    async def answer(self, event: Round) -> Round:
        found = repeats.precision(self.collected.samples, self.spec.strategies, self.spec.workers)
        budget = self.spec.max_time_s or DEFAULT_MAX_TIME_S
        more = not found.enough() and time.monotonic() - self.began < budget
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"continue\n" if more else b"stop\n")
        with contextlib.suppress(ConnectionError):
            await self.proc.stdin.drain()
        return replace(event, rounds=found.rounds, widest=found.widest, more=more)


CapacityProbe = Callable[[int], Awaitable[Capacity | None]]


class Runner:
    def __init__(
        self, worker_path: Path = WORKER_PATH, measure_capacity: CapacityProbe = measure_async
    ) -> None:
        self.worker_path = worker_path
        self.measure_capacity = measure_capacity
        self._inspected: dict[str, InterpreterInfo] = {}

    def interpreter(self, python: str | None) -> InterpreterInfo:
        """What the chosen interpreter is (asked once per path); SpecError if it does not answer."""
        path = resolve_python(python)
        if path not in self._inspected:
            self._inspected[path] = inspect_interpreter(path)
        return self._inspected[path]

    def command(self, spec: BenchSpec) -> list[str]:
        """The worker's command line: isolated mode, or the legacy worker on an old interpreter.

        SpecError unless admitted: the fields and the interpreter's support, not the memory
        guard, which the caller ran before (or skipped, as the CLI's --force asks)."""
        info = self.interpreter(spec.python)
        admission.admit(spec, interpreter=info, memory=False)
        if info.legacy:
            return [info.path, "-E", "-s", "-B", str(LEGACY_WORKER_PATH)]
        flags = ["-I"]
        gil = str(spec.gil) if spec.gil is not None else os.environ.get("PYTHON_GIL")
        if gil in ("0", "1") and info.version_info >= (3, 13, 0):
            flags += ["-X", f"gil={gil}"]  # -I ignores PYTHON_GIL; -X carries it through
        return [info.path, *flags, str(self.worker_path)]

    async def run(
        self,
        spec: BenchSpec,
        on_event: EventHandler | None = None,
        on_partial: Callable[[RunDocument], None] | None = None,
    ) -> RunDocument:
        """Measure `spec`; raises RunFailed, or CancelledError after killing the worker tree.

        When cancelled after some repeats were measured, `on_partial` gets a document of what was
        measured so far (marked incomplete), so that nothing measured is lost.
        """
        try:
            command = self.command(spec)
        except SpecError as exc:
            raise RunFailed(str(exc)) from None
        started_at = now_iso()
        machine_info = machine.collect()
        capacity_k = min(max(spec.workers), machine_info.usable)
        machine_info = replace(machine_info, capacity_before=await self._capacity(capacity_k))
        collected = _Collected()
        clock = time.monotonic()
        proc = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,
            limit=MAX_LINE + 1024,
        )
        stderr_task = asyncio.ensure_future(_tail(proc.stderr))
        try:
            assert proc.stdin is not None
            proc.stdin.write(json.dumps(spec.worker_payload()).encode() + b"\n")
            with contextlib.suppress(ConnectionError):
                await proc.stdin.drain()
            if not spec.auto_repeat:
                proc.stdin.close()
            steer = _Steering(spec, proc, collected, clock) if spec.auto_repeat else None
            reading = self._read(proc, collected, on_event, steer)
            if spec.timeout_s is not None:
                try:
                    await asyncio.wait_for(reading, spec.timeout_s)
                except asyncio.TimeoutError:
                    kill_tree(proc.pid)
                    await proc.wait()
                    message = f"the run timed out after {spec.timeout_s:g} s and was stopped"
                    raise RunFailed(
                        message, self._partial(spec, collected, machine_info, started_at, message)
                    ) from None
            else:
                await reading
            await proc.wait()
            kill_tree(proc.pid)  # a worker that died leaves its task processes in the group
        except BaseException as exc:
            if proc.returncode is None:
                kill_tree(proc.pid)
                with contextlib.suppress(ProcessLookupError):
                    await proc.wait()
            stderr_task.cancel()
            if on_partial is not None and isinstance(
                exc, asyncio.CancelledError | KeyboardInterrupt
            ):
                partial = self._partial(spec, collected, machine_info, started_at, "cancelled")
                if partial is not None:
                    on_partial(partial)
            raise
        stderr_text = await stderr_task
        failure = _failure(proc.returncode, collected, stderr_text)
        if failure is not None:
            raise RunFailed(
                failure, self._partial(spec, collected, machine_info, started_at, failure)
            )
        machine_info = replace(machine_info, capacity_after=await self._capacity(capacity_k))
        return self._document(spec, collected, machine_info, started_at)

    async def _capacity(self, processes: int) -> float | None:
        found = await self.measure_capacity(processes)
        return None if found is None else round(found.speedup, 3)

    async def _read(
        self,
        proc: asyncio.subprocess.Process,
        collected: _Collected,
        on_event: EventHandler | None,
        steer: _Steering | None = None,
    ) -> None:
        assert proc.stdout is not None
        while True:
            try:
                line = await proc.stdout.readline()
            except (ValueError, asyncio.LimitOverrunError):
                collected.protocol_error = "the worker printed a line longer than 1 MB"
                kill_tree(proc.pid)
                return
            if not line:
                return
            if not line.strip():
                continue
            try:
                event = parse_event(line)
            except ProtocolError as exc:
                collected.protocol_error = str(exc)
                kill_tree(proc.pid)
                return
            if isinstance(event, Started):
                collected.started = event
            elif isinstance(event, Sample):
                collected.samples.append(event)
            elif isinstance(event, WorkerError):
                collected.errors.append(event)
            elif isinstance(event, Round):
                event = await steer.answer(event) if steer is not None else event
            elif isinstance(event, ClusterSeen):
                collected.cluster = collected.cluster if event.local else event
            else:
                collected.done = event
            if on_event is not None:
                on_event(event)

    def _document(
        self,
        spec: BenchSpec,
        collected: _Collected,
        machine_info: Machine,
        started_at: str,
        failure: str | None = None,
    ) -> RunDocument:
        interpreter = _interpreter(collected.started)
        results, warnings = aggregate.summarise(spec, collected.samples, machine_info)
        unavailable = dict(collected.started.unavailable) if collected.started else {}
        for name, why in unavailable.items():
            warnings.append(f"{name} did not run: {why}")
        warnings += list(dict.fromkeys(e.message for e in collected.errors if not e.fatal))
        if failure is not None:
            warnings.insert(0, f"incomplete: {failure}")
        if spec.auto_repeat:
            measured = {s.repeat for s in collected.samples if s.phase == "measure"}
            spec = replace(spec, repeat=max(1, len(measured)))
        cluster = None if collected.cluster is None else cluster_record(collected.cluster)
        workload = WORKLOADS.get(spec.workload)
        detail = verdict(results, machine_info, workload, interpreter, spec, cluster=cluster)
        amdahl = aggregate.amdahl_fits(results, machine_info.usable)
        return RunDocument(
            id=new_run_id(),
            started_at=started_at,
            finished_at=now_iso(),
            machine=machine_info,
            interpreter=interpreter,
            spec=spec,
            results=results,
            verdict=detail.line,
            warnings=warnings,
            amdahl=amdahl,
            unavailable=unavailable,
            verdict_detail=detail,
            cluster=cluster,
            gil_measured=measure_gil(results, machine_info, amdahl, interpreter.gil_enabled)
            if spec.user_code
            else None,
        )

    def _partial(
        self,
        spec: BenchSpec,
        collected: _Collected,
        machine_info: Machine,
        started_at: str,
        failure: str,
    ) -> RunDocument | None:
        if not any(s.phase == "measure" for s in collected.samples):
            return None
        return self._document(spec, collected, machine_info, started_at, failure)


def _interpreter(started: Started | None) -> Interpreter:
    info: dict[str, Any] = dict(started.interpreter) if started else {}
    info.setdefault("python_gil_env", os.environ.get("PYTHON_GIL"))
    defaults: dict[str, Any] = {
        "executable": "",
        "implementation": "unknown",
        "version": "",
        "gil_disabled_build": False,
        "gil_enabled": True,
        "switch_interval_s": None,
    }
    names = {f.name for f in fields(Interpreter)}
    return Interpreter(**{**defaults, **{k: v for k, v in info.items() if k in names}})


def _failure(returncode: int | None, collected: _Collected, stderr_text: str) -> str | None:
    fatal = [e for e in collected.errors if e.fatal]
    if fatal:
        return fatal[0].message
    if collected.protocol_error:
        return f"worker protocol error: {collected.protocol_error}"
    if returncode is not None and returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"the worker process was killed by {name}"
    if returncode:
        last = _last_line(stderr_text)
        detail = f": {last}" if last else ""
        return f"the worker process exited with code {returncode}{detail}"
    if collected.done is None:
        return "the worker process ended without finishing the run"
    bad = [r for r in collected.samples if not r.checksums]
    if bad:
        return "the worker returned no checksums"
    return None


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


async def _tail(stream: asyncio.StreamReader | None) -> str:
    """Keep the last few KB of the worker's stderr for error messages."""
    if stream is None:
        return ""
    buffer = b""
    while chunk := await stream.read(65536):
        buffer = (buffer + chunk)[-STDERR_TAIL:]
    return buffer.decode("utf-8", "replace")


def kill_tree(pid: int) -> None:
    """SIGKILL the worker's process group and any descendant that left it."""
    descendants: list[Any] = []
    try:
        import psutil

        descendants = psutil.Process(pid).children(recursive=True)
    except Exception:  # the process may be gone already; the group kill below still applies
        descendants = []
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    for child in descendants:
        with contextlib.suppress(Exception):
            child.kill()
