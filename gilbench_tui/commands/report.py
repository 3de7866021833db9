"""The human-readable report of a run: header, table, verdict, warnings and charts; and how the
measuring commands end (outputs written, report printed, where the run was saved, exit code)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TextIO

from gilbench_tui.commands.common import terminal_width, use_color, write_outputs
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.store import Store
from gilbench_tui.render import chart, table
from gilbench_tui.render.verdict_text import amdahl_line, gil_line, verdict_lines


def print_report(run: RunDocument, out: TextIO, charts: bool = True) -> None:
    print(table.header(run), file=out)
    print(file=out)
    print(table.results_table(run), file=out)
    print(file=out)
    print("\n".join(verdict_lines(run)), file=out)
    gil = gil_line(run)
    if gil:
        print(gil, file=out)
    amdahl = amdahl_line(run)
    if amdahl:
        print(amdahl, file=out)
    for warning in run.warnings:
        print(f"warning: {warning}", file=out)
    if charts and run.results:
        color = use_color(out)
        width = terminal_width()
        for drawn in chart.run_charts(run, width=width, color=color):
            print(file=out)
            print(drawn, file=out)


def print_markdown(run: RunDocument, out: TextIO) -> None:
    from gilbench_tui.engine.export import to_markdown

    print(file=out)
    print(to_markdown(run), file=out, end="")


def conclude(
    run: RunDocument | None,
    failure: str | None,
    args: argparse.Namespace,
    store: Store,
    report: Callable[[RunDocument, TextIO], None],
) -> int:
    """Write the outputs asked for and `report` the run (to stderr when JSON goes to stdout); say
    where it was saved; 1 when it failed."""
    if run is not None:
        out = sys.stderr if args.json == "-" else sys.stdout
        write_outputs(run, args)
        report(run, out)
        if args.markdown:
            print_markdown(run, out)
        print(f"saved run {run.id} in {store.path}", file=sys.stderr)
    if failure:
        print(f"gilbench: error: {failure}", file=sys.stderr)
        return 1
    return 0
