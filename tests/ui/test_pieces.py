"""Plain unit tests of the UI's pure parts: layout arithmetic, number formats, chart data."""

from __future__ import annotations

import math

import pytest

from gilbench_tui.engine.events import PlanItem
from gilbench_tui.engine.progress import ProgressView
from gilbench_tui.engine.seed import seed_spec
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.probe.catalog import STRATEGIES
from gilbench_tui.render import columns
from gilbench_tui.render.numbers import percent, ratio, short_seconds
from gilbench_tui.render.palette import STRATEGY_COLOURS, colour_of, marker_of
from gilbench_tui.render.series import speedup_bars, time_bars
from gilbench_tui.ui.bench_job import interpreter_label
from gilbench_tui.ui.screens.help import help_markdown
from gilbench_tui.ui.widgets.core_meter import (
    cell_layout,
    core_rows,
    level_glyph,
    sparkline,
)
from gilbench_tui.ui.widgets.results_table import result_cells
from gilbench_tui.ui.widgets.run_progress import describe
from tests.demo import demo_document, demo_plan


@pytest.mark.parametrize(
    ("cores", "width", "mode", "rows"),
    [(2, 66, "bars", 1), (8, 66, "bars", 2), (16, 66, "cells", 1), (64, 66, "cells", 2),
     (128, 66, "glyphs", 3), (128, 48, "glyphs", 4), (256, 66, "glyphs", 5)],
)  # fmt: skip
def test_core_layout_stays_compact(cores: int, width: int, mode: str, rows: int) -> None:
    assert cell_layout(cores, width)[0] == mode
    assert core_rows(cores, width) == rows


@pytest.mark.parametrize("width", [1, 5, 9, 17, 40, 66, 120])
def test_every_core_gets_a_cell_at_any_width(width: int) -> None:
    _, per_line, _ = cell_layout(128, width)
    assert per_line >= 1
    assert core_rows(128, width) == math.ceil(128 / per_line)


def test_level_glyphs_and_sparkline() -> None:
    assert level_glyph(0) == " "
    assert level_glyph(100) == "█"
    assert level_glyph(100, top=7) == "▇"
    assert sparkline([None, 0.0, 1.0, 2.0], top=2.0, width=10) == "  ▄█"
    assert sparkline([1.0] * 50, top=1.0, width=5) == "█████"
    assert sparkline([1.0], top=0.0, width=0) == ""


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "–"), (1.234, "1.23s"), (12.34, "12.3s"), (123.4, "123s"), (0.0456, "45.6ms"),
     (0.000789, "789µs"), (0.0, "0.00µs")],
)  # fmt: skip
def test_short_seconds(value: float | None, text: str) -> None:
    assert short_seconds(value) == text


def test_short_ratio_and_percent() -> None:
    assert ratio(1.7345) == "1.73×"
    assert ratio(None) == "–"
    assert percent(0.456) == "46%"
    assert percent(None) == "–"


def test_result_cells_mark_checksums_and_the_article() -> None:
    document = demo_document(seed_spec(size=1_000_000))
    serial = document.results[0]
    shown = columns.shown(document)
    cells = [str(c) for c in result_cells(serial, shown, best=0.0)]
    assert cells[0] == "serial" and cells[6] == "✓"
    assert cells[-2:] == ["4.12s", "1.00×"]
    assert columns.shows_article(document)
    assert not columns.shows_article(demo_document(BenchSpec(workload="sha256", workers=(2,))))


def test_time_and_speedup_bars() -> None:
    document = demo_document(seed_spec(size=1_000_000))
    times = time_bars(document)
    assert times.workers == [2, 3, 4]
    assert list(times.series) == ["serial", "threads", "processes"]
    assert times.title == "median time (ms)"
    assert times.series["serial"].values[0] == pytest.approx(document.results[0].median_s * 1e3)
    speedups = speedup_bars(document)
    assert "serial" not in speedups.series and speedups.reference == 1.0
    assert speedups.groups(20) == ["2 workers", "3 workers", "4 workers"]
    assert speedups.groups(5) == ["k=2", "k=3", "k=4"]
    assert time_bars(None).empty and speedup_bars(None).empty


def test_colours_and_markers_cover_every_strategy() -> None:
    colours = {colour_of(name) for name in STRATEGIES}
    assert len(colours) == len(STRATEGIES), "every strategy has a colour of its own"
    assert colour_of("unknown") not in colours
    assert set(STRATEGY_COLOURS) <= set(STRATEGIES)
    order = ["serial", "threads", "processes"]
    assert len({marker_of(name, order) for name in order}) == 3


def test_progress_line_counts_the_eta_down() -> None:
    item = PlanItem("measure", 1, "threads", 3)
    view = ProgressView(done=5, total=27, current=item, eta_s=12.0, elapsed_s=3.0)
    assert describe(view) == "threads ×3 · repeat 2 · 5/27 · ETA 12s"
    assert describe(view, 5.0).endswith("ETA 7s")
    assert describe(view, 60.0).endswith("ETA 0s")
    done = ProgressView(done=27, total=27, current=None, eta_s=0.0, elapsed_s=9.0)
    assert "finishing" in describe(done)


def test_interpreter_label() -> None:
    assert interpreter_label({"implementation": "cpython", "version": "3.12.3"}) == "CPython 3.12.3"
    free = {"implementation": "cpython", "version": "3.13.1", "gil_disabled_build": True}
    assert interpreter_label(free) == "CPython 3.13.1 (free-threaded), GIL off"
    assert interpreter_label({}) == "python"


def test_demo_plan_matches_the_workers_order() -> None:
    spec = BenchSpec(workers=(2, 4), strategies=("serial", "threads"), repeat=2, warmup=1)
    plan = demo_plan(spec)
    assert len(plan) == spec.measurements
    assert plan[0] == PlanItem("warmup", 0, "serial", 2)
    assert plan[4] == PlanItem("measure", 0, "serial", 2)


def test_help_covers_keys_strategies_and_the_gil() -> None:
    text = help_markdown()
    for key in ("`r`", "`x`", "`s`", "`?`", "`q`", "`tab / shift+tab`"):
        assert key in text
    for name in STRATEGIES:
        assert f"**{name}**" in text
    assert "Why threads don't speed up pure-Python code" in text
    assert "Which work releases the GIL" in text
