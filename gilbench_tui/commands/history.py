"""`gilbench history | show ID | compare ID1 ID2 | export ID`: the runs kept in runs.jsonl."""

from __future__ import annotations

import argparse
import sys

from gilbench_tui.commands.report import print_report
from gilbench_tui.engine.compare import comparability, compare, too_few_repeats
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.spec import SpecError, format_size, format_workers
from gilbench_tui.engine.store import History, Store
from gilbench_tui.engine.usercode import short_name
from gilbench_tui.render import numbers
from gilbench_tui.render.metadata import metadata_lines
from gilbench_tui.render.table import grid
from gilbench_tui.render.verdict_text import headline


def _load(args: argparse.Namespace) -> History:
    history = Store(args.data_dir).load()
    problem = history.describe_problems()
    if problem:
        print(f"gilbench: {problem}", file=sys.stderr)
    return history


def _find(history: History, prefix: str) -> RunDocument:
    """A run by id or prefix; one that is missing, ambiguous or unreadable is bad input (exit 2)."""
    try:
        return history.find(prefix)
    except LookupError as exc:
        raise SpecError(str(exc.args[0])) from None


def history_command(args: argparse.Namespace) -> int:
    history = _load(args)
    if not history.runs:
        print(f"no runs yet in {Store(args.data_dir).path}")
        return 0
    rows = []
    for run in history.runs[-args.last :] if args.last else history.runs:
        rows.append(
            [
                run.id,
                run.started_at[:16].replace("T", " "),
                short_name(run.spec.workload),
                format_size(run.spec.size),
                format_workers(run.spec.workers),
                run.interpreter.label,
                headline(run, 60),
            ]
        )
    headers = ["id", "date", "workload", "size", "workers", "interpreter", "verdict"]
    print(grid(headers, rows, right={3}))
    return 0


def show_command(args: argparse.Namespace) -> int:
    run = _find(_load(args), args.id)
    print(f"run {run.id} · {run.started_at} → {run.finished_at}")
    print_report(run, sys.stdout, charts=not args.no_chart)
    print()
    print("\n".join(metadata_lines(run)))
    return 0


def compare_command(args: argparse.Namespace) -> int:
    history = _load(args)
    before, after = _find(history, args.id1), _find(history, args.id2)
    rows = compare(before, after)
    print(
        f"{before.id}: {before.spec.workload} {format_size(before.spec.size)}, "
        f"{before.interpreter.label}, {before.machine.hostname}"
    )
    print(
        f"{after.id}: {after.spec.workload} {format_size(after.spec.size)}, "
        f"{after.interpreter.label}, {after.machine.hostname}"
    )
    rule = comparability(before, after)
    for difference in rule.differences:
        print(f"note: {difference}")
    if not rule.same_work:
        print("note: different work, so the times are not divided; compare the speedups")
    if not rows:
        print("the runs have no strategy and task count in common")
        return 0
    table = [
        [
            c.strategy,
            str(c.workers),
            numbers.seconds(c.before_s),
            numbers.seconds(c.after_s),
            numbers.ratio(c.before_speedup),
            numbers.ratio(c.after_speedup),
            c.describe(),
        ]
        for c in rows
    ]
    headers = ["strategy", "workers", before.id, after.id, "× first", "× second", "second vs first"]
    print()
    print(grid(headers, table, right={1, 2, 3, 4, 5}))
    note = too_few_repeats(rows)
    if note:
        print(f"note: {note}")
    return 0


def export_command(args: argparse.Namespace) -> int:
    from gilbench_tui.engine.export import render

    run = _find(_load(args), args.id)
    sys.stdout.write(render(run, args.format))
    return 0
