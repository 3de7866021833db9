"""The human-readable report of a run: header, table, verdict, warnings and charts; and how the
measuring commands end (outputs written, report printed, where the run was saved, exit code)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from gilbench_tui.commands.common import table_width, terminal_width, use_color, write_outputs
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.store import Store
from gilbench_tui.render import chart, table
from gilbench_tui.render.verdict_text import amdahl_line, gil_line, verdict_lines


def print_comparison(runs: Sequence[RunDocument], out: TextIO = sys.stdout) -> None:
    """One spec on several interpreters: the matrix, then what to pick."""
    from gilbench_tui.engine.cross_interpreter import conclusion
    from gilbench_tui.render.matrix import matrix_table

    print(matrix_table(runs, width=table_width()), file=out)
    for line in conclusion(runs):
        print(line, file=out)


def print_report(run: RunDocument, out: TextIO, charts: bool = True) -> None:
    width = table_width()
    print(table.fold(table.header(run), width), file=out)
    print(file=out)
    print(table.results_table(run, width=width), file=out)
    print(file=out)
    for line in verdict_lines(run):
        print(table.fold(line, width, indent="  "), file=out)
    gil = gil_line(run)
    if gil:
        print(table.fold(gil, width), file=out)
    amdahl = amdahl_line(run)
    if amdahl:
        print(table.fold(amdahl, width), file=out)
    for warning in run.warnings:
        print(table.fold(f"warning: {warning}", width), file=out)
    if charts and run.results:
        color = use_color(out)
        for drawn in chart.run_charts(run, width=terminal_width(), color=color):
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
