"""Plain-text tables for the CLI."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render import columns

#: The narrowest a wrapped last column gets, however narrow the terminal.
MIN_LAST_COLUMN = 12


def grid(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: set[int] | None = None,
    width: int | None = None,
    cut: bool = False,
    squeeze: Sequence[int] = (),
) -> str:
    """Columns padded to fit; columns in `right` (default: all but the first) right-aligned.

    With `width`, a last column that would run past it is wrapped onto continuation lines that
    start where it starts (or with `cut`, cut short with `…`), at least MIN_LAST_COLUMN wide.
    When the other columns alone leave it less than that, those in `squeeze` (left-aligned text
    before the last; numbers are never cut) give up room, the widest first and none below
    MIN_SQUEEZED, their cells cut short with `…`; no line is then
    longer than `width` unless what cannot be squeezed already is."""
    right = set(range(1, len(headers))) if right is None else right
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=False)]
    last = len(widths) - 1
    if width is not None:  # only left-aligned text before the last column is ever cut short
        text = [i for i in squeeze if i < last and i not in right]
        _squeeze(widths, text, width - MIN_LAST_COLUMN - 2 * last)
    indent = sum(widths[:last]) + 2 * last
    if width is not None and indent + widths[last] > width:
        widths[last] = min(widths[last], max(MIN_LAST_COLUMN, width - indent))

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells[:last]):
            cell = _shorten(str(cell), widths[i])
            out.append(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]))
        text = str(cells[last])
        if cut:
            text = _shorten(text, widths[last])
        pieces = textwrap.wrap(text, widths[last]) or [""]
        head = "  ".join([*out, pieces[0]]).rstrip()
        return "\n".join([head, *(" " * indent + piece for piece in pieces[1:])])

    rule = "  ".join("─" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


#: The narrowest a squeezed column gets.
MIN_SQUEEZED = 8


def _squeeze(widths: list[int], columns: Sequence[int], room: int) -> None:
    """Narrow `columns` (the widest first, none below MIN_SQUEEZED) until all but the last
    column fit in `room`."""
    while sum(widths[:-1]) > room:
        widest = max(columns, key=lambda i: widths[i], default=None)
        if widest is None or widths[widest] <= MIN_SQUEEZED:
            return
        widths[widest] -= 1


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def fold(line: str, width: int | None, indent: str = "  ") -> str:
    """A line of prose wrapped to `width`, continuation lines indented under its first word;
    a line's own leading spaces are kept."""
    if width is None or len(line) <= width:
        return line
    lead = line[: len(line) - len(line.lstrip())]
    pieces = textwrap.wrap(
        line.strip(),
        width,
        initial_indent=lead,
        subsequent_indent=lead + indent,
        break_on_hyphens=False,
    )
    return "\n".join(pieces)


def _form(
    shown: Sequence[columns.Column], run: RunDocument, short: bool
) -> tuple[list[str], list[list[str]], list[int]]:
    """Headings, cells and each column's width with its gap, in the long or the short form."""
    headers = [column.short_heading if short else column.heading for column in shown]
    rows = [[column.cell(r, short=short) for column in shown] for r in run.results]
    widths = [max(len(c) for c in col) + 2 for col in zip(headers, *rows, strict=True)]
    return headers, rows, widths


def results_table(run: RunDocument, width: int | None = None) -> str:
    """A row per result, the run's columns (see `columns`) in their long form; where that is
    wider than `width`, their short form, and then less the columns that give way, as the app."""
    shown = columns.shown(run)
    headers, rows, widths = _form(shown, run, short=False)
    if width is not None and sum(widths) - 2 > width:
        headers, rows, widths = _form(shown, run, short=True)
        if sum(widths) - 2 > width:
            shown = columns.fit(shown, widths, width + 2)
            headers, rows, widths = _form(shown, run, short=True)
    right = {i for i, column in enumerate(shown) if column.right}
    return grid(headers, rows, right, width=width)


def header(run: RunDocument) -> str:
    spec = run.spec
    from gilbench_tui.engine.spec import format_size, format_workers

    mode = " (split)" if spec.split else " per task"
    return (
        f"{spec.workload} · size {format_size(spec.size)}{mode} · workers {format_workers(spec.workers)}"
        f" · repeat {spec.repeat} (+{spec.warmup} warm-up) · {run.interpreter.label}"
        f" · {run.machine.logical_cpus} CPUs"
    )
