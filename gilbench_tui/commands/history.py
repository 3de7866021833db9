"""`gilbench history | show RUN | export RUN`: the runs kept in runs.jsonl (compare has its own
module). A RUN is any reference `references.resolve` accepts: `last`, `last~N`, a short id, an id."""

from __future__ import annotations

import argparse
import sys

from gilbench_tui.commands.common import check_output_path, table_width
from gilbench_tui.commands.report import print_comparison, print_report
from gilbench_tui.engine.cross_interpreter import members
from gilbench_tui.engine.cross_interpreter import name as interpreter_name
from gilbench_tui.engine.references import short_id
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.spec import SpecError, format_size, format_workers
from gilbench_tui.engine.store import History, Store
from gilbench_tui.engine.usercode import short_name
from gilbench_tui.render.metadata import metadata_lines
from gilbench_tui.render.table import fold, grid
from gilbench_tui.render.verdict_text import headline


def load_history(args: argparse.Namespace) -> History:
    history = Store(args.data_dir).load()
    problem = history.describe_problems()
    if problem:
        print(f"gilbench: {problem}", file=sys.stderr)
    return history


def find_run(history: History, ref: str) -> RunDocument:
    """A run by reference (see references.resolve); one that is missing, ambiguous or unreadable
    is bad input (exit 2)."""
    try:
        return history.find(ref)
    except LookupError as exc:
        raise SpecError(str(exc.args[0])) from None


def history_command(args: argparse.Namespace) -> int:
    history = load_history(args)
    if not history.runs:
        print(f"no runs yet in {Store(args.data_dir).path}")
        return 0
    rows = []
    ids = [run.id for run in history.runs]
    for run in history.runs[-args.last :] if args.last else history.runs:
        rows.append(
            [
                short_id(run.id, ids),
                run.started_at[:16].replace("T", " "),
                short_name(run.spec.workload),
                format_size(run.spec.size),
                format_workers(run.spec.workers),
                interpreter_name(run),
                headline(run, 200),
            ]
        )
    headers = ["id", "date", "workload", "size", "workers", "interpreter", "verdict"]
    print(grid(headers, rows, right={3}, width=table_width(), cut=True, squeeze=(2,)))
    return 0


def show_command(args: argparse.Namespace) -> int:
    history = load_history(args)
    together = members(history.runs, args.id.strip())
    if together:
        print(f"comparison {args.id.strip()}: runs {', '.join(r.id for r in together)}")
        print_comparison(together)
        return 0
    run = find_run(history, args.id)
    print(fold(f"run {run.id} · {run.started_at} → {run.finished_at}", table_width()))
    print_report(run, sys.stdout, charts=not args.no_chart)
    print()
    print("\n".join(fold(line, table_width()) for line in metadata_lines(run)))
    return 0


def export_command(args: argparse.Namespace) -> int:
    from gilbench_tui.engine import export

    run = find_run(load_history(args), args.id)
    if args.output is None:
        sys.stdout.write(export.render(run, args.format))
        return 0
    check_output_path(args.output, "--output", folder_ok=True)
    print(f"wrote {export.write(run, args.format, args.output)}", file=sys.stderr)
    return 0
