"""What the headless commands share: the spec from the options, progress, saving and reporting."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from gilbench_tui.engine import admission
from gilbench_tui.engine import spec as specs
from gilbench_tui.engine.events import Event, Round, Sample, Started, WorkerError
from gilbench_tui.engine.progress import Progress, format_eta
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.spec import BenchSpec, SpecError
from gilbench_tui.engine.store import Store, StoreError

#: How the CLI ends the memory guard's refusal: --force skips the guard.
FORCE_HINT = ", or --force to run it anyway"


def spec_from_args(args: argparse.Namespace, base: BenchSpec | None = None) -> BenchSpec:
    """Options over a base spec, each parsed by the engine's parsers, then admitted (fields, the
    interpreter, and the memory guard unless --force); SpecError on bad input."""
    spec = base or BenchSpec()
    changes: dict[str, object] = {}
    if getattr(args, "workload", None) is not None:
        changes["workload"] = specs.parse_workload(args.workload)
        changes["workload_sha256"] = None
    if args.size is not None:
        changes["size"] = specs.parse_size(args.size)
    if getattr(args, "workers", None) is not None:
        changes["workers"] = specs.parse_workers(args.workers)
    if getattr(args, "strategies", None) is not None:
        changes["strategies"] = specs.parse_strategies(args.strategies)
    if args.repeat is not None:
        spec = specs.with_repeat(spec, specs.parse_repeat(args.repeat))
    if getattr(args, "max_time", None) is not None:
        changes["max_time_s"] = _positive_seconds(args.max_time, "--max-time")
    if args.warmup is not None:
        changes["warmup"] = specs.parse_count(args.warmup, "warmup", 0)
    if getattr(args, "split", False):
        changes["split"] = True
    if args.python is not None:
        from gilbench_tui.engine.interpreters import resolve_python

        changes["python"] = resolve_python(args.python)
    if args.timeout is not None:
        changes["timeout_s"] = _positive_seconds(args.timeout, "timeout")
    if getattr(args, "switch_interval", None) is not None:
        changes["switch_interval_s"] = _positive_seconds(args.switch_interval, "switch interval")
    if getattr(args, "gil", None) is not None:
        changes["gil"] = int(args.gil)
    if getattr(args, "return_data", False):
        changes["return_data"] = True
    if getattr(args, "latency", False):
        changes["latency_probe"] = True
    if getattr(args, "dask_scheduler", None) is not None:
        changes["dask_scheduler"] = _scheduler(args.dask_scheduler)
    result = spec.with_changes(**changes)
    interpreter = None
    if result.python is not None:
        from gilbench_tui.engine.interpreters import inspect_interpreter

        interpreter = inspect_interpreter(result.python)
    admitted = admission.admit(
        result,
        interpreter=interpreter,
        memory=not getattr(args, "force", False),
        guard_hint=FORCE_HINT,
    )
    if admitted.dask_scheduler is not None:
        from gilbench_tui.engine.cluster import scheduler_unusable

        python = admitted.python or sys.executable
        problem = scheduler_unusable(admitted.dask_scheduler, python)
        if problem is not None:
            raise SpecError(problem)
    return with_user_code(admitted) if admitted.user_code else admitted


def _scheduler(text: str) -> str:
    """--dask-scheduler: an address, or a scheduler file's address."""
    from gilbench_tui.engine.cluster import resolve_scheduler

    try:
        return resolve_scheduler(text)
    except ValueError as exc:
        raise SpecError(str(exc)) from None


def with_user_code(spec: BenchSpec) -> BenchSpec:
    """A spec naming the user's own code, once that code imports on the chosen interpreter (in a
    process of its own), with its file's hash; SpecError with the interpreter's one line if not.
    Only a command line that names the code gets here: nothing stored is ever imported."""
    from gilbench_tui.engine import usercode

    problem = usercode.interpreter_problem(spec.workload, spec.python or sys.executable)
    if problem is not None:
        raise SpecError(problem)
    return spec.with_changes(workload_sha256=usercode.file_sha256(spec.workload))


def _positive_seconds(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise SpecError(f"{what} {text!r} is not a number of seconds") from None
    if not value > 0 or value != value or value == float("inf"):
        raise SpecError(f"{what} must be a positive number of seconds, not {text!r}")
    return value


def _export_options() -> list[tuple[str, str]]:
    """(format, option) of each `--export-*` option, its attribute named as argparse names it."""
    from gilbench_tui.engine.formats import FORMATS

    return [(fmt.name, fmt.option) for fmt in FORMATS.values()]


def _attribute(option: str) -> str:
    return option.lstrip("-").replace("-", "_")


def check_outputs(args: argparse.Namespace) -> None:
    """Refuse before the run, not after it, any output file that cannot be written."""
    check_output_path(args.json, "--json")
    check_output_path(args.csv, "--csv")
    for _, option in _export_options():
        check_output_path(getattr(args, _attribute(option), None), option, folder_ok=True)


def check_output_path(path: str | None, option: str, folder_ok: bool = False) -> None:
    """Refuse before the run, not after it, an output that cannot be written."""
    if path is None or path == "-":
        return
    target = Path(path).expanduser()
    parent = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        if folder_ok and os.access(target, os.W_OK):
            return
        raise SpecError(f"{option} {path!r} is a directory")
    if not parent.is_dir():
        raise SpecError(f"{option} {path!r}: the folder {str(parent)!r} does not exist")
    writable = os.access(target, os.W_OK) if target.exists() else os.access(parent, os.W_OK)
    if not writable:
        raise SpecError(f"{option} {path!r}: permission denied")


def classify(exc: BaseException) -> tuple[str, int]:
    """An exception that escaped a command → one line and an exit code."""
    if isinstance(exc, SpecError):
        return str(exc), 2
    if isinstance(exc, StoreError):
        return str(exc), 2
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", 1
    return f"{type(exc).__name__}: {exc} (run with --debug for details)", 1


class ProgressPrinter:
    """Progress on stderr: one rewritten line on a terminal, an occasional line elsewhere."""

    def __init__(
        self, stream: TextIO = sys.stderr, quiet: bool = False, budget_s: float | None = None
    ) -> None:
        self.stream = stream
        self.quiet = quiet
        self.budget_s = budget_s
        self.tty = stream.isatty()
        self.progress: Progress | None = None
        self.t0 = time.monotonic()
        self.last_print = 0.0

    def __call__(self, event: Event) -> None:
        if isinstance(event, Started):
            self.progress = Progress(event.plan, self.budget_s)
            self._show(force=True)
        elif isinstance(event, Round) and self.progress is not None:
            self.progress.update_round(event)
            self._show(force=True)
        elif isinstance(event, Sample) and self.progress is not None:
            self.progress.update(event)
            self._show(force=self.progress.done == len(self.progress.plan))
        elif isinstance(event, WorkerError) and not event.fatal and not self.quiet:
            self.clear()
            print(f"gilbench: worker: {event.message}", file=self.stream)

    def _show(self, force: bool = False) -> None:
        if self.quiet or self.progress is None:
            return
        now = time.monotonic()
        if not self.tty and not force and now - self.last_print < 2.0:
            return
        self.last_print = now
        view = self.progress.view(now - self.t0)
        width = len(str(view.total))
        count = f"[{view.done}]" if view.budget_s else f"[{view.done:>{width}}/{view.total}]"
        line = f"{count} {view.fraction:4.0%}  {view.describe()}  {format_eta(view.eta_s)}"
        if self.tty:
            self.stream.write("\r\x1b[2K" + line)
            self.stream.flush()
        else:
            print(line, file=self.stream, flush=True)

    def clear(self) -> None:
        if self.tty and not self.quiet:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


def execute(
    spec: BenchSpec, store: Store, quiet: bool, comparison: str | None = None
) -> tuple[RunDocument | None, str | None]:
    """Run and save (as part of `comparison`, when given). Returns the run (possibly partial)
    and the failure message, if any."""
    from gilbench_tui.engine.runner import RunFailed, Runner

    budget = (spec.max_time_s or specs.DEFAULT_MAX_TIME_S) if spec.auto_repeat else None
    printer = ProgressPrinter(quiet=quiet, budget_s=budget)

    async def measure() -> RunDocument:
        # SIGTERM and SIGHUP cancel like Ctrl+C does: the worker tree is killed, the partial kept.
        task = asyncio.current_task()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signum, task.cancel) if task else None
        return await Runner().run(spec, on_event=printer, on_partial=keep)

    def keep(partial: RunDocument) -> None:
        with contextlib.suppress(OSError):
            store.append(replace(partial, comparison=comparison))

    try:
        run = asyncio.run(measure())
    except asyncio.CancelledError:
        raise KeyboardInterrupt from None
    except RunFailed as exc:
        printer.clear()
        if exc.partial is not None:
            exc.partial = replace(exc.partial, comparison=comparison)
            try:
                store.append(exc.partial)
            except OSError as save_error:
                return exc.partial, f"{exc.message} (and saving it failed: {save_error})"
        return exc.partial, exc.message
    finally:
        printer.clear()
    run = replace(run, comparison=comparison)
    try:
        store.append(run)
    except OSError as exc:
        return run, f"the run was measured but not saved to the history: {exc}"
    if not run.checksums_ok:
        return run, "checksums differ between strategies: the results are wrong"
    return run, None


def write_outputs(run: RunDocument, args: argparse.Namespace) -> None:
    from gilbench_tui.engine import export

    if args.json == "-":
        sys.stdout.write(export.to_json(run))
    elif args.json:
        Path(args.json).expanduser().write_text(export.to_json(run), encoding="utf-8")
    if args.csv:
        Path(args.csv).expanduser().write_text(export.to_csv(run), encoding="utf-8")
    write_exports(run, args)


def export_targets(args: argparse.Namespace) -> list[tuple[str, str]]:
    """(format, file or folder) of each `--export-*` option given."""
    targets = [(fmt, getattr(args, _attribute(option), None)) for fmt, option in _export_options()]
    return [(fmt, target) for fmt, target in targets if target]


def write_exports(run: RunDocument, args: argparse.Namespace) -> None:
    """Write the `--export-*` files and say where each went."""
    from gilbench_tui.engine import export

    for fmt, target in export_targets(args):
        print(f"wrote {export.write(run, fmt, target)}", file=sys.stderr)


def use_color(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR")


def table_width() -> int | None:
    """The width tables and prose are fitted to: COLUMNS when set, the terminal's when stdout is
    one; None (lines as long as they are) when the output goes to a file or a pipe."""
    if os.environ.get("COLUMNS", "").strip().isdigit() or sys.stdout.isatty():
        return max(40, shutil.get_terminal_size((80, 24)).columns)
    return None


def terminal_width(default: int = 80) -> int:
    """The terminal's width (COLUMNS wins, as in shutil), kept within 40..120; `default` when
    the output is not a terminal."""
    columns = shutil.get_terminal_size((default, 24)).columns
    return max(40, min(columns, 120))
