"""`gilbench seed`: the article's experiment, measured here, beside the article's own figures."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from gilbench_tui.commands.common import check_outputs, execute, spec_from_args, terminal_width
from gilbench_tui.commands.report import conclude, print_report
from gilbench_tui.engine import seed
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.store import Store
from gilbench_tui.render.article import article_note


def seed_command(args: argparse.Namespace) -> int:
    spec = spec_from_args(args, base=seed.seed_spec())
    store = Store(args.data_dir)
    store.check_writable()
    check_outputs(args)
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
    return conclude(run, failure, args, store, _beside_the_article)


def _beside_the_article(run: RunDocument, out: TextIO) -> None:
    """The report, whose table carries the article's figures for this workload, and a note on them."""
    print_report(run, out, charts=False)
    print(file=out)
    print(article_note(run, width=terminal_width() - 2), file=out)
