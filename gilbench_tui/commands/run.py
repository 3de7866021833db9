"""`gilbench run`: measure headless and print a table, the verdict and charts.

With `--python a,b,c` the same spec runs on each interpreter in turn (each run kept in the history)
and a matrix puts their medians and speedups side by side.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from gilbench_tui.commands.common import check_output_path, execute, spec_from_args, write_outputs
from gilbench_tui.commands.report import print_report
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.spec import SpecError
from gilbench_tui.engine.store import Store


def run_command(args: argparse.Namespace) -> int:
    pythons = [p.strip() for p in (args.python or "").split(",") if p.strip()]
    if len(pythons) > 1:
        return _matrix(args, pythons)
    spec = spec_from_args(args)
    store = Store(args.data_dir)
    store.check_writable()
    check_output_path(args.json, "--json")
    check_output_path(args.csv, "--csv")
    run, failure = execute(spec, store, args.quiet)
    out = sys.stderr if args.json == "-" else sys.stdout
    if run is not None:
        write_outputs(run, args)
        _report(run, out, args.markdown)
        print(f"saved run {run.id} in {store.path}", file=sys.stderr)
    if failure:
        print(f"gilbench: error: {failure}", file=sys.stderr)
        return 1
    return 0


def _report(run: RunDocument, out: TextIO, markdown: bool, charts: bool = True) -> None:
    print_report(run, out, charts=charts)
    if markdown:
        from gilbench_tui.engine.export import to_markdown

        print(file=out)
        print(to_markdown(run), file=out, end="")


def _matrix(args: argparse.Namespace, pythons: list[str]) -> int:
    from gilbench_tui.render.matrix import matrix_table

    if args.json or args.csv:
        raise SpecError("--json and --csv take one interpreter; export matrix runs from history")
    specs = []
    for python in pythons:
        args.python = python
        specs.append(spec_from_args(args))
    store = Store(args.data_dir)
    store.check_writable()
    runs: list[RunDocument] = []
    failed = False
    for spec in specs:
        print(f"── {spec.python}", file=sys.stderr)
        run, failure = execute(spec, store, args.quiet)
        if run is not None:
            runs.append(run)
            _report(run, sys.stdout, args.markdown, charts=False)
            print()
        if failure:
            print(f"gilbench: error: {spec.python}: {failure}", file=sys.stderr)
            failed = True
    if runs:
        print(matrix_table(runs))
        print("saved runs " + ", ".join(r.id for r in runs) + f" in {store.path}", file=sys.stderr)
    return 1 if failed else 0
