"""One column specification: the CLI table, Markdown and (in tests/ui) the app's table show the
same columns for the same run; CSV has every figure; number formats in one place."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gilbench_tui.engine import export
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.seed import seed_spec
from gilbench_tui.render import columns, numbers
from gilbench_tui.render.table import results_table
from tests.demo import demo_document
from tests.factories import run_document
from tests.test_export import measured_everything

PLAIN = [
    "strategy", "workers", "median ±95% CI", "speedup ±95% CI", "efficiency", "CPU util",
    "checksum",
]  # fmt: skip
MEASURED = ["pool start", "transfer", "wake p50", "wake p99"]


def cli_headings(text: str) -> list[str]:
    """The CLI table's header line, split where the rule under it has gaps."""
    header, rule = text.splitlines()[:2]
    spans, start = [], 0
    for part in rule.split("  "):
        spans.append((start, start + len(part)))
        start += len(part) + 2
    return [header[a:b].strip() for a, b in spans]


def markdown_headings(text: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.startswith("| strategy"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def not_seed(run: RunDocument) -> RunDocument:
    """The run as if of another workload: the article's figures stay away."""
    return replace(run, spec=run.spec.with_changes(workload="sha256"))


RUNS = {
    "plain": (not_seed(run_document()), PLAIN),
    "return data, latency, a pool": (
        not_seed(run_document(measured_everything())),
        PLAIN + MEASURED,
    ),
    "the article's": (run_document(), [*PLAIN, "article", "article ×"]),
}


@pytest.mark.parametrize("name", RUNS)
def test_cli_and_markdown_show_the_same_columns(name: str) -> None:
    run, expected = RUNS[name]
    assert [c.heading for c in columns.shown(run)] == expected
    assert cli_headings(results_table(run)) == expected
    assert markdown_headings(export.to_markdown(run)) == expected


def test_an_optional_column_appears_when_one_result_has_a_value() -> None:
    results = run_document().results
    one = [replace(results[0], transfer_s=0.002), *results[1:]]
    shown = [c.key for c in columns.shown(run_document(one))]
    assert "transfer_s" in shown and "pool_startup_s" not in shown


def test_the_article_goes_only_beside_its_workload() -> None:
    sha = demo_document(seed_spec(size=1_000_000).with_changes(workload="sha256"))
    assert not columns.shows_article(sha)
    assert all(c.when is not columns.ARTICLE for c in columns.shown(sha))


def test_every_table_column_but_derived_ones_is_exported() -> None:
    exported = {c.key for c in columns.exported()}
    derived = {"check", "article_s", "article_speedup"}
    assert {c.key for c in columns.COLUMNS if c.when is not columns.EXPORT} - derived <= exported


def test_fit_drops_efficiency_then_the_p50_and_nothing_else() -> None:
    shown = columns.shown(run_document(measured_everything()))
    widths = [10] * len(shown)
    assert columns.fit(shown, widths, 10 * len(shown)) == shown
    keys = [c.key for c in columns.fit(shown, widths, 10 * len(shown) - 1)]
    assert "efficiency" not in keys and "latency_p50_s" in keys
    keys = [c.key for c in columns.fit(shown, widths, 10 * (len(shown) - 1) - 1)]
    assert "efficiency" not in keys and "latency_p50_s" not in keys
    assert len(columns.fit(shown, widths, 0)) == len(shown) - 2


def test_long_and_short_cells() -> None:
    pool = measured_everything()[1]
    by_key = columns.BY_KEY
    assert by_key["median_s"].cell(pool) == "700.0 ms"
    assert by_key["median_s"].cell(pool, short=True) == "700ms"
    assert by_key["iqr_s"].export_cell(pool) == "0.010000"
    assert by_key["transfer_s"].cell(pool, short=True) == "8.0ms"
    assert by_key["check"].cell(pool) == "✓ 01234567"
    assert by_key["check"].cell(pool, short=True) == "✓"


def test_the_median_and_the_speedup_carry_their_intervals() -> None:
    processes = replace(
        run_document().results[2], median_ci95_s=(0.6, 0.625), speedup_ci95=(1.9, 2.0)
    )
    median, speedup = columns.BY_KEY["median_s"], columns.BY_KEY["speedup"]
    assert median.cell(processes) == "610.0 ms ±15.0"
    assert median.cell(processes, short=True) == "610ms ±15"
    assert speedup.cell(processes) == speedup.cell(processes, short=True) == "1.96× ±0.06"
    assert median.export_cell(processes) == "0.610000"
    assert speedup.export_cell(processes) == "1.9600"
    serial = replace(run_document().results[0], speedup_ci95=(1.0, 1.0))
    assert speedup.cell(serial) == "1.00×"


@pytest.mark.parametrize(
    ("value", "half", "long", "short"),
    [(1.234, 0.0123, "1.234 s ±0.012", "1.23s ±0.01"), (123.4, 2.6, "123 s ±3", "123s ±3"),
     (0.0456, 0.0012, "45.6 ms ±1.2", "45.6ms ±1.2"), (0.000789, 0.000012, "789 µs ±12",
     "789µs ±12")],
)  # fmt: skip
def test_seconds_with_a_half_width_share_the_unit(
    value: float, half: float, long: str, short: str
) -> None:
    assert numbers.seconds(value, half) == long
    assert numbers.short_seconds(value, half=half) == short


@pytest.mark.parametrize(
    ("value", "long", "short"),
    [(None, "–", "–"), (1.234, "1.234 s", "1.23s"), (123.4, "123 s", "123s"),
     (0.0456, "45.6 ms", "45.6ms"), (0.000789, "789 µs", "789µs")],
)  # fmt: skip
def test_seconds_long_and_short(value: float | None, long: str, short: str) -> None:
    assert numbers.seconds(value) == long
    assert numbers.short_seconds(value) == short
