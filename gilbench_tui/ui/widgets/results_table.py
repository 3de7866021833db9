"""The results of a run as a table; for the seed workload, the article's figures beside ours.

Pool start-up, result transfer and the latency probe's p99 wake-up delay get a column each when a
run measured them; the efficiency column (speedup ÷ k) then makes room for them. Numbers are
written short (three significant digits, two in the extra columns) so the table fits beside the
spec panes at 100 columns; the CLI and exports keep the long form.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from gilbench_tui.engine.results import RunDocument, StrategyResult
from gilbench_tui.engine.seed import ARTICLE_SECONDS, article_speedup

COLUMNS = ("strategy", "k", "median", "IQR", "speedup", "eff", "CPU", "✓")
ARTICLE_COLUMNS = ("article", "art.×")
#: Columns only some runs have: the header, and the StrategyResult field it shows.
OPTIONAL_COLUMNS = (
    ("pool", "pool_startup_s"),
    ("transfer", "transfer_s"),
    ("wake p99", "latency_p99_s"),
)
#: The column left out when optional ones are shown: speedup ÷ k, derived from two others.
EFFICIENCY = COLUMNS.index("eff")


def short_seconds(value: float | None, digits: int = 3) -> str:
    """`digits` significant digits (2 or 3) and a unit: 1.23s, 45.6ms, 789µs."""
    if value is None:
        return "–"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if value >= scale or unit == "µs":
            number = value / scale
            if number >= 100:
                return f"{number:.0f}{unit}"
            if number >= 10:
                return f"{number:.{max(0, digits - 2)}f}{unit}"
            return f"{number:.{digits - 1}f}{unit}"
    return "–"  # pragma: no cover - the loop always returns


def short_ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def short_percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def shows_article(document: RunDocument) -> bool:
    """The article's figures go beside runs of its workload that share a strategy and task count."""
    return document.spec.workload == "seed" and any(
        r.workers in ARTICLE_SECONDS.get(r.strategy, {}) for r in document.results
    )


def optional_columns(document: RunDocument) -> list[tuple[str, str]]:
    """The optional columns with a value in at least one result."""
    return [
        (header, name)
        for header, name in OPTIONAL_COLUMNS
        if any(getattr(r, name) is not None for r in document.results)
    ]


def result_cells(
    result: StrategyResult,
    *,
    best: bool,
    article: bool,
    extra: list[tuple[str, str]] | None = None,
) -> list[str | Text]:
    speedup = Text(short_ratio(result.speedup), justify="right", style="bold" if best else "")
    cells: list[str | Text] = [
        result.strategy,
        Text(str(result.workers), justify="right"),
        Text(short_seconds(result.median_s), justify="right"),
        Text("±" + short_seconds(result.iqr_s, 2), justify="right"),
        speedup,
        Text(short_percent(result.efficiency), justify="right"),
        Text(short_percent(result.utilisation), justify="right"),
        Text("✓", style="bold green") if result.checksum_ok else Text("✗", style="bold red"),
    ]
    if extra:
        del cells[EFFICIENCY]
        for _, name in extra:
            cells.append(Text(short_seconds(getattr(result, name), 2), justify="right"))
    if article:
        seconds = ARTICLE_SECONDS.get(result.strategy, {}).get(result.workers)
        cells.append(Text(short_seconds(seconds), justify="right", style="italic"))
        ratio = None if seconds is None else article_speedup(result.strategy, result.workers)
        cells.append(Text(short_ratio(ratio), justify="right", style="italic"))
    return cells


class ResultsTable(DataTable[str | Text]):
    """One row per strategy and worker count, in the order the spec listed them."""

    DEFAULT_CSS = """
    ResultsTable {
        height: auto;
        max-height: 14;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, cell_padding=1)
        self.document: RunDocument | None = None

    def on_mount(self) -> None:
        self._set_columns(COLUMNS, [])

    def show(self, document: RunDocument) -> None:
        self.document = document
        article = shows_article(document)
        extra = optional_columns(document)
        best = max(
            (r.speedup or 0.0 for r in document.results if r.strategy != "serial"), default=0
        )
        rows = [
            result_cells(r, best=r.strategy != "serial" and (r.speedup or 0.0) == best > 0,
                         article=article, extra=extra)
            for r in document.results
        ]  # fmt: skip
        base = tuple(c for i, c in enumerate(COLUMNS) if not (extra and i == EFFICIENCY))
        labels = (*base, *(header for header, _ in extra), *(ARTICLE_COLUMNS if article else ()))
        self.clear(columns=True)
        self._set_columns(labels, rows)
        for row in rows:
            self.add_row(*row)

    def _set_columns(self, labels: tuple[str, ...], rows: list[list[str | Text]]) -> None:
        """Columns as wide as their widest cell, set up front: the table then never renders
        a header sized for an empty table (it measures new rows only when idle)."""
        for index, label in enumerate(labels):
            widest = max((cell_len(str(row[index])) for row in rows), default=0)
            self.add_column(label, width=max(cell_len(label), widest))
