"""The human-readable report of a run: header, table, verdict, warnings and charts."""

from __future__ import annotations

from typing import TextIO

from gilbench_tui.commands.common import terminal_width, use_color
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render import chart, table


def print_report(run: RunDocument, out: TextIO, charts: bool = True) -> None:
    print(table.header(run), file=out)
    print(file=out)
    print(table.results_table(run), file=out)
    print(file=out)
    print(run.verdict, file=out)
    amdahl = table.amdahl_line(run)
    if amdahl:
        print(amdahl, file=out)
    for warning in run.warnings:
        print(f"warning: {warning}", file=out)
    if charts and run.results:
        color = use_color(out)
        width = terminal_width()
        print(file=out)
        print(chart.time_chart(run, width=width, color=color), file=out)
        speed = chart.speedup_chart(run, width=width, color=color)
        if speed:
            print(file=out)
            print(speed, file=out)
        sweep = chart.sweep_chart(run, width=width, color=color)
        if sweep:
            print(file=out)
            print(sweep, file=out)
