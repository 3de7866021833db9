"""`gilbench run`: measure headless and print a table, the verdict and charts."""

from __future__ import annotations

import argparse
import sys

from gilbench_tui.commands.common import check_output_path, execute, spec_from_args, write_outputs
from gilbench_tui.commands.report import print_report
from gilbench_tui.engine.store import Store


def run_command(args: argparse.Namespace) -> int:
    spec = spec_from_args(args)
    store = Store(args.data_dir)
    store.check_writable()
    check_output_path(args.json, "--json")
    check_output_path(args.csv, "--csv")
    run, failure = execute(spec, store, args.quiet)
    out = sys.stderr if args.json == "-" else sys.stdout
    if run is not None:
        write_outputs(run, args)
        print_report(run, out)
        if args.markdown:
            from gilbench_tui.engine.export import to_markdown

            print(file=out)
            print(to_markdown(run), file=out, end="")
        print(f"saved run {run.id} in {store.path}", file=sys.stderr)
    if failure:
        print(f"gilbench: error: {failure}", file=sys.stderr)
        return 1
    return 0
