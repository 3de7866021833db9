"""Short words about a past run, for the history list, the run and compare screens and the delete
dialog. Plain functions of the run document, tested without a terminal."""

from __future__ import annotations

from datetime import datetime

from gilbench_tui.engine.labels import interpreter_label
from gilbench_tui.engine.results import Interpreter, RunDocument
from gilbench_tui.engine.spec import format_size, format_workers


def short_date(iso: str) -> str:
    """`2025-01-03T09:15:02+01:00` → `2025-01-03 09:15`, the clock of the machine that ran it."""
    try:
        stamp = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return stamp.strftime("%Y-%m-%d %H:%M")


def interpreter_short(interpreter: Interpreter) -> str:
    """`CPython 3.12.3`, `CPython 3.13.1t` (free-threaded), `PyPy 3.10.14`: where room is short."""
    i = interpreter
    return interpreter_label(i.implementation, i.version, i.gil_disabled_build, short=True)


def what_was_run(document: RunDocument) -> str:
    """`seed · 2M items · workers 2,4,8 · serial, threads, processes · repeat 3`."""
    spec = document.spec
    items = "items in all" if spec.split else "items a task"
    parts = [
        spec.workload,
        f"{format_size(spec.size)} {items}",
        f"workers {format_workers(spec.workers)}",
        ", ".join(spec.strategies),
        f"repeat {spec.repeat}",
    ]
    options = [
        name
        for name, on in (("return data", spec.return_data), ("wake-up latency", spec.latency_probe))
        if on
    ]
    if spec.switch_interval_s is not None:
        options.append(f"switch {spec.switch_interval_s * 1e3:g} ms")
    return " · ".join(parts + options)


def run_summary(document: RunDocument) -> str:
    """`20250103-091502-a1b2c3 · 2025-01-03 09:15 · seed 2M · CPython 3.12.3 · demo-host`."""
    spec = document.spec
    return " · ".join(
        [
            document.id,
            short_date(document.started_at),
            f"{spec.workload} {format_size(spec.size)}",
            interpreter_short(document.interpreter),
            document.machine.hostname,
        ]
    )
