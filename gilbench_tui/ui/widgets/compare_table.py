"""Two runs side by side, pyperf style: per strategy and worker count both medians and how the
second compares with the first ("1.19× slower", "(not significant, p=0.31)" when a rank test on
their times cannot tell them apart)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from gilbench_tui.engine.compare import Comparison, compare
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render import numbers

COLUMNS = ("strategy", "k", "before", "after", "× before", "× after", "after vs before")


def ratio_text(row: Comparison) -> Text:
    """The engine's words, green when the second run is faster, red when slower, dim in the noise."""
    style = "dim" if not row.significant else "green" if row.ratio < 1 else "red"
    return Text(row.describe(), style=style)


def compare_cells(row: Comparison) -> list[str | Text]:
    return [
        row.strategy,
        Text(str(row.workers), justify="right"),
        Text(numbers.short_seconds(row.before_s), justify="right"),
        Text(numbers.short_seconds(row.after_s), justify="right"),
        Text(numbers.ratio(row.before_speedup), justify="right"),
        Text(numbers.ratio(row.after_speedup), justify="right"),
        ratio_text(row),
    ]


def unmatched(before: RunDocument, after: RunDocument) -> list[str]:
    """`strategy ×k` measured in only one of the two runs, said so rather than left out."""
    lines = []
    for label, one, other in (("before", before, after), ("after", after, before)):
        missing = [
            f"{r.strategy} ×{r.workers}"
            for r in one.results
            if other.result(r.strategy, r.workers) is None
        ]
        if missing:
            lines.append(f"only {label}: " + ", ".join(missing))
    return lines


class CompareTable(DataTable[str | Text]):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, cell_padding=1)
        self.rows_compared: list[Comparison] = []

    def show(self, before: RunDocument, after: RunDocument) -> None:
        self.rows_compared = compare(before, after)
        rows = [compare_cells(row) for row in self.rows_compared]
        self.clear(columns=True)
        for index, label in enumerate(COLUMNS):
            widest = max((cell_len(str(row[index])) for row in rows), default=0)
            self.add_column(label, width=max(cell_len(label), widest))
        for row in rows:
            self.add_row(*row)
