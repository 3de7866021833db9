"""Plain-text tables for the CLI."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render import columns

#: The narrowest a wrapped last column gets, however narrow the terminal.
MIN_LAST_COLUMN = 20


def grid(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: set[int] | None = None,
    width: int | None = None,
) -> str:
    """Columns padded to fit; columns in `right` (default: all but the first) right-aligned.

    With `width`, a last column that would run past it is wrapped onto continuation lines that
    start where it starts (at least MIN_LAST_COLUMN wide), so no line is longer than `width`
    unless the other columns alone already are."""
    right = set(range(1, len(headers))) if right is None else right
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=False)]
    last = len(widths) - 1
    indent = sum(widths[:last]) + 2 * last
    if width is not None and indent + widths[last] > width:
        widths[last] = max(MIN_LAST_COLUMN, width - indent)

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells[:last]):
            out.append(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]))
        pieces = textwrap.wrap(str(cells[last]), widths[last]) or [""]
        head = "  ".join([*out, pieces[0]]).rstrip()
        return "\n".join([head, *(" " * indent + piece for piece in pieces[1:])])

    rule = "  ".join("─" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def results_table(run: RunDocument) -> str:
    """A row per result, the run's columns (see `columns`) in their long form."""
    shown = columns.shown(run)
    rows = [[column.cell(r) for column in shown] for r in run.results]
    right = {i for i, column in enumerate(shown) if column.right}
    return grid([column.heading for column in shown], rows, right)


def header(run: RunDocument) -> str:
    spec = run.spec
    from gilbench_tui.engine.spec import format_size, format_workers

    mode = " (split)" if spec.split else " per task"
    return (
        f"{spec.workload} · size {format_size(spec.size)}{mode} · workers {format_workers(spec.workers)}"
        f" · repeat {spec.repeat} (+{spec.warmup} warm-up) · {run.interpreter.label}"
        f" · {run.machine.logical_cpus} CPUs"
    )
