"""The same spec on several interpreters: one row per strategy and worker count, a column each."""

from __future__ import annotations

from collections.abc import Sequence

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render import numbers
from gilbench_tui.render.table import grid


def matrix_table(runs: Sequence[RunDocument], width: int | None = None) -> str:
    keys: list[tuple[str, int]] = []
    for run in runs:
        for r in run.results:
            if (r.strategy, r.workers) not in keys:
                keys.append((r.strategy, r.workers))
    rows = []
    for name, k in keys:
        row = [name, str(k)]
        for run in runs:
            cell = run.result(name, k)
            row.append(
                f"{numbers.seconds(cell.median_s)} {numbers.ratio(cell.speedup)}" if cell else "–"
            )
        rows.append(row)
    headers = ["strategy", "workers", *(run.interpreter.label for run in runs)]
    return grid(headers, rows, width=width)
