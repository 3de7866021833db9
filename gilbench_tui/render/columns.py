"""Which figures a run's table shows, under what heading, written how: one list, read by the CLI
table, the app's results table, CSV and Markdown.

A column is shown always, when some result has a value for it (pool start-up, transfer, wake-up
latency: only some runs measure them), beside the article's experiment (its published figures),
or only in exports (the raw figures a script wants: CV, start-up, CPU seconds, every time). So the
CLI, the app and Markdown show the same columns for the same run, and CSV carries every figure.

The median and the speedup are written with their 95% intervals, `1.95× ±0.04` (see Estimate).
That interval replaces the IQR in the tables: both say how far a figure can be trusted, the
interval says it of the median itself (the IQR, of single repeats), and two ± columns side by
side would read as one. The IQR stays in CSV beside the interval's two ends.

The app writes the short forms under the short headings to fit beside the spec panes; when even
those do not fit, it leaves out the columns with a `drop_rank`, lowest first (efficiency is speedup
÷ k, and the p99 wake-up tells more than the p50), and scrolls sideways for the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from gilbench_tui.engine import intervals, seed
from gilbench_tui.engine.results import RunDocument, StrategyResult
from gilbench_tui.render import numbers

Writer = Callable[[Any], str]


@dataclass(frozen=True)
class Format:
    """How one kind of figure is written: long (CLI, Markdown), short (the app), for CSV (None:
    not exported, being derived or not a measurement)."""

    long: Writer
    short: Writer
    export: Writer | None


class When(Enum):
    ALWAYS = "always"
    MEASURED = "when a result has a value"
    ARTICLE = "beside the article's experiment"
    EXPORT = "only in exports"


@dataclass(frozen=True)
class Column:
    #: The CSV header: the result's field it shows, or a name for a derived figure.
    key: str
    heading: str
    short_heading: str
    format: Format
    when: When = When.ALWAYS
    right: bool = True
    #: Where the app is short of room, columns with a rank give way, the lowest first.
    drop_rank: int | None = None
    #: The figure; by default the result's field named `key`.
    value: Callable[[StrategyResult], Any] | None = None

    def get(self, result: StrategyResult) -> Any:
        return getattr(result, self.key) if self.value is None else self.value(result)

    def cell(self, result: StrategyResult, short: bool = False) -> str:
        write = self.format.short if short else self.format.long
        return write(self.get(result))

    def export_cell(self, result: StrategyResult) -> str:
        assert self.format.export is not None, f"{self.key} is not exported"
        return self.format.export(self.get(result))


def article_seconds(result: StrategyResult) -> float | None:
    """What the article published for this strategy and task count, if it measured them."""
    return seed.ARTICLE_SECONDS.get(result.strategy, {}).get(result.workers)


def article_speedup(result: StrategyResult) -> float | None:
    if article_seconds(result) is None:
        return None
    return seed.article_speedup(result.strategy, result.workers)


@dataclass(frozen=True)
class Estimate:
    """A figure and its 95% interval: written `1.95× ±0.04`, the larger distance to either end
    (intervals of ratios and of skewed times are not symmetric; ± shows the wider side)."""

    point: float | None
    interval: tuple[float, float] | None

    @property
    def half(self) -> float | None:
        return intervals.half_width(self.interval, self.point)


def median_estimate(result: StrategyResult) -> Estimate:
    return Estimate(result.median_s, result.median_ci95_s)


def speedup_estimate(result: StrategyResult) -> Estimate:
    return Estimate(result.speedup, result.speedup_ci95)


def _checksum(result: StrategyResult) -> str:
    return f"{_mark(result)} {result.checksum[:8]}"


def _mark(result: StrategyResult) -> str:
    """✓ or ✗; `–` where the checksum could not be compared (the run's notes say why)."""
    return "–" if result.not_comparable else numbers.check(result.checksum_ok)


def _or_empty(value: str | None) -> str:
    return value or ""


def _times(times: Sequence[float]) -> str:
    return " ".join(numbers.export_seconds(t) for t in times)


def _interval(bounds: tuple[float, float] | None) -> str:
    """`lo hi` for CSV, like the times; empty when there is no interval."""
    return "" if bounds is None else " ".join(numbers.export_seconds(b) for b in bounds)


TEXT = Format(str, str, str)
#: The median and the speedup with their intervals; CSV has the bare figure (and the interval's
#: ends in columns of their own).
SECONDS_CI = Format(
    lambda e: numbers.seconds(e.point, e.half),
    lambda e: numbers.short_seconds(e.point, half=e.half),
    lambda e: numbers.export_seconds(e.point),
)
RATIO_CI = Format(
    lambda e: numbers.ratio(e.point, e.half),
    lambda e: numbers.ratio(e.point, e.half),
    lambda e: numbers.export_fraction(e.point),
)
#: Times beside the main ones: two digits in the app.
BRIEF_SECONDS = Format(numbers.seconds, numbers.brief_seconds, numbers.export_seconds)
PERCENT = Format(numbers.percent, numbers.percent, numbers.export_fraction)
RAW_SECONDS = Format(str, str, numbers.export_seconds)
RAW_FRACTION = Format(str, str, numbers.export_fraction)
RAW_INTERVAL = Format(str, str, _interval)
#: The article's figures are not measurements: they stay out of CSV.
ARTICLE_SECONDS = Format(numbers.seconds, numbers.short_seconds, None)
ARTICLE_RATIO = Format(numbers.ratio, numbers.ratio, None)
EXPORT = When.EXPORT
MEASURED = When.MEASURED
ARTICLE = When.ARTICLE

COLUMNS: tuple[Column, ...] = (
    Column("strategy", "strategy", "strategy", TEXT, right=False),
    Column("workers", "workers", "k", TEXT),
    Column("median_s", "median ±95% CI", "median", SECONDS_CI, value=median_estimate),
    Column("iqr_s", "IQR", "IQR", RAW_SECONDS, EXPORT),
    Column("cv", "CV", "CV", RAW_FRACTION, EXPORT),
    Column("startup_s", "start-up", "start", RAW_SECONDS, EXPORT),
    Column("cpu_s", "CPU time", "CPU s", RAW_SECONDS, EXPORT),
    Column("speedup", "speedup ±95% CI", "speedup", RATIO_CI, value=speedup_estimate),
    Column("efficiency", "efficiency", "eff", PERCENT, drop_rank=1),
    Column("utilisation", "CPU util", "CPU", PERCENT),
    Column("check", "checksum", "✓", Format(_checksum, _mark, None), value=lambda r: r),
    Column("checksum", "checksum", "checksum", TEXT, EXPORT),
    Column("checksum_ok", "checksum ok", "ok", TEXT, EXPORT),
    Column("not_comparable", "not compared", "n/c", Format(str, str, _or_empty), EXPORT),
    Column("pool_startup_s", "pool start", "pool", BRIEF_SECONDS, MEASURED),
    Column("transfer_s", "transfer", "transfer", BRIEF_SECONDS, MEASURED),
    Column("latency_p50_s", "wake p50", "wake p50", BRIEF_SECONDS, MEASURED, drop_rank=2),
    Column("latency_p99_s", "wake p99", "wake p99", BRIEF_SECONDS, MEASURED),
    Column("article_s", "article", "article", ARTICLE_SECONDS, ARTICLE, value=article_seconds),
    Column("article_speedup", "article ×", "art.×", ARTICLE_RATIO, ARTICLE, value=article_speedup),
    Column("median_ci95_s", "median 95% CI", "CI", RAW_INTERVAL, EXPORT),
    Column("speedup_ci95", "speedup 95% CI", "CI×", RAW_INTERVAL, EXPORT),
    Column("other_cpu_cores", "others' cores", "others", RAW_FRACTION, EXPORT),
    Column("steal_fraction", "steal", "steal", RAW_FRACTION, EXPORT),
    Column("times_s", "times", "times", Format(str, str, _times), EXPORT),
)

BY_KEY = {column.key: column for column in COLUMNS}


def has_values(column: Column, results: Sequence[StrategyResult]) -> bool:
    return any(column.get(r) is not None for r in results)


def shows_article(run: RunDocument) -> bool:
    """The article's figures go beside runs of its workload that share a strategy and task count."""
    return run.spec.workload == "seed" and has_values(BY_KEY["article_s"], run.results)


def is_shown(column: Column, run: RunDocument) -> bool:
    if column.when is When.ALWAYS:
        return True
    if column.when is When.MEASURED:
        return has_values(column, run.results)
    if column.when is When.ARTICLE:
        return shows_article(run)
    return False


def shown(run: RunDocument) -> list[Column]:
    """The columns of `run`'s table, the same in the CLI, the app and Markdown."""
    return [column for column in COLUMNS if is_shown(column, run)]


def exported() -> list[Column]:
    """CSV's columns: every figure, whether or not this run has it, so a file's header is fixed."""
    return [column for column in COLUMNS if column.format.export is not None]


def fit(columns: Sequence[Column], widths: Sequence[int], room: int) -> list[Column]:
    """`columns` less those that give way, lowest `drop_rank` first, until `widths` fit `room`."""
    kept = list(zip(columns, widths, strict=True))
    for rank in sorted({c.drop_rank for c in columns if c.drop_rank is not None}):
        if sum(width for _, width in kept) <= room:
            break
        kept = [(c, w) for c, w in kept if c.drop_rank != rank]
    return [column for column, _ in kept]
