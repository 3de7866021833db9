"""`gilbench run`: measure headless and print a table, the verdict and charts.

With `--python a,b,c` the same spec runs on each interpreter in turn (each run kept in the history)
and a matrix puts their medians and speedups side by side.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gilbench_tui.commands.common import (
    check_outputs,
    execute,
    export_targets,
    spec_from_args,
    write_exports,
)
from gilbench_tui.commands.config import report_problems
from gilbench_tui.commands.report import conclude, print_comparison, print_markdown, print_report
from gilbench_tui.engine import config
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.spec import BenchSpec, SpecError
from gilbench_tui.engine.store import Store


def run_command(args: argparse.Namespace) -> int:
    settings = config.load()
    report_problems(settings)
    base = settings.over(BenchSpec())
    pythons = [p.strip() for p in (args.python or "").split(",") if p.strip()]
    if len(pythons) > 1:
        return _matrix(args, pythons, base)
    spec = spec_from_args(args, base)
    store = Store(args.data_dir)
    store.check_writable()
    check_outputs(args)
    run, failure = execute(spec, store, args.quiet)
    return conclude(run, failure, args, store, print_report)


def _matrix(args: argparse.Namespace, pythons: list[str], base: BenchSpec) -> int:
    from gilbench_tui.engine.cross_interpreter import comparison_id

    comparison = comparison_id()
    if args.json or args.csv:
        raise SpecError("--json and --csv take one interpreter; export matrix runs from history")
    check_outputs(args)
    if any(not Path(target).expanduser().is_dir() for _, target in export_targets(args)):
        raise SpecError("with several interpreters, --export-* takes a folder: a file each run")
    specs = []
    for python in pythons:
        args.python = python
        specs.append(spec_from_args(args, base))
    store = Store(args.data_dir)
    store.check_writable()
    runs: list[RunDocument] = []
    failed = False
    for spec in specs:
        print(f"── {spec.python}", file=sys.stderr)
        run, failure = execute(spec, store, args.quiet, comparison)
        if run is not None:
            runs.append(run)
            write_exports(run, args)
            print_report(run, sys.stdout, charts=False)
            if args.markdown:
                print_markdown(run, sys.stdout)
            print()
        if failure:
            print(f"gilbench: error: {spec.python}: {failure}", file=sys.stderr)
            failed = True
    if runs:
        print_comparison(runs)
        print(
            f"saved runs {', '.join(r.id for r in runs)} as comparison {comparison} "
            f"in {store.path}",
            file=sys.stderr,
        )
    return 1 if failed else 0
