"""`gilbench compare RUN RUN [RUN…]`: runs from the history or from JSON files, each against the
first, as text, Markdown or JSON (see render.comparison)."""

from __future__ import annotations

import argparse
import sys

from gilbench_tui.commands.common import table_width
from gilbench_tui.commands.history import find_run, load_history
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.run_files import RunFileError, looks_like_a_file, read_runs
from gilbench_tui.engine.spec import SpecError
from gilbench_tui.engine.store import History
from gilbench_tui.render import comparison


def gather(args: argparse.Namespace) -> tuple[list[RunDocument], list[str]]:
    """The runs named, in order, and where each came from; SpecError (exit 2) for a reference
    that names no run or a file that holds none."""
    runs: list[RunDocument] = []
    sources: list[str] = []
    history: History | None = None
    for ref in args.runs:
        if looks_like_a_file(ref):
            try:
                found = read_runs(ref)
            except RunFileError as exc:
                raise SpecError(str(exc)) from None
            runs += found
            sources += [ref] * len(found)
            continue
        if history is None:
            history = load_history(args)
        runs.append(find_run(history, ref))
        sources.append("history")
    return runs, sources


def compare_command(args: argparse.Namespace) -> int:
    runs, sources = gather(args)
    if len(runs) < 2:
        raise SpecError(f"compare needs two runs or more; {len(runs)} given")
    if args.format == "json":
        text = comparison.as_json(runs, sources)
    elif args.format == "md":
        text = comparison.as_markdown(runs, sources)
    else:
        text = comparison.as_text(runs, sources, table_width())
    sys.stdout.write(text)
    return 0
