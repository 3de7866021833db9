"""`gilbench seed`: the article's experiment, measured here, beside the article's own figures."""

from __future__ import annotations

import argparse
import sys

from gilbench_tui.commands.common import (
    check_output_path,
    execute,
    spec_from_args,
    terminal_width,
    write_outputs,
)
from gilbench_tui.engine import seed
from gilbench_tui.engine.store import Store
from gilbench_tui.render.seed_table import seed_note, seed_table


def seed_command(args: argparse.Namespace) -> int:
    spec = spec_from_args(args, base=seed.seed_spec())
    store = Store(args.data_dir)
    store.check_writable()
    check_output_path(args.json, "--json")
    check_output_path(args.csv, "--csv")
    if not args.quiet:
        tasks = sum(spec.workers) * len(spec.strategies) * (spec.repeat + spec.warmup)
        print(
            f"The article's experiment: {tasks} tasks of {spec.size:,} random.random() appends, "
            "serial, threads and processes with 2, 3 and 4 tasks.",
            file=sys.stderr,
        )
        if spec.size >= seed.SEED_SIZE:
            print(
                "At the article's size this takes a few minutes; --size 2M is a quicker look. "
                "Ctrl+C stops.",
                file=sys.stderr,
            )
    run, failure = execute(spec, store, args.quiet)
    out = sys.stderr if args.json == "-" else sys.stdout
    if run is not None:
        write_outputs(run, args)
        print(seed_table(run), file=out)
        print(file=out)
        print(run.verdict, file=out)
        for warning in run.warnings:
            print(f"warning: {warning}", file=out)
        print(file=out)
        print(seed_note(run, width=terminal_width() - 2), file=out)
        if args.markdown:
            from gilbench_tui.engine.export import to_markdown

            print(file=out)
            print(to_markdown(run), file=out, end="")
        print(f"saved run {run.id} in {store.path}", file=sys.stderr)
    if failure:
        print(f"gilbench: error: {failure}", file=sys.stderr)
        return 1
    return 0
