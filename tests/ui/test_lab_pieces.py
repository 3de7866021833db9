"""Plain unit tests of the new pure parts: run summaries, the sweep's data, the options' parsing,
interpreter labels, compare notes and the verdict's extra lines."""

from __future__ import annotations

import dataclasses
import sys

import pytest

from gilbench_tui.engine.spec import BenchSpec, SpecError
from gilbench_tui.render import columns
from gilbench_tui.render.series import is_sweep, sweep_lines
from gilbench_tui.render.verdict_text import amdahl_line, headline
from gilbench_tui.ui.run_text import (
    interpreter_short,
    run_summary,
    short_date,
    what_was_run,
)
from gilbench_tui.ui.screens.compare import differences
from gilbench_tui.ui.widgets.compare_table import unmatched
from gilbench_tui.ui.widgets.history_table import history_cells
from gilbench_tui.ui.widgets.interpreter_pane import gil_tag, is_running, option_labels, short_label
from gilbench_tui.ui.widgets.options_pane import explain_switch, parse_switch, summary
from gilbench_tui.ui.widgets.results_table import result_cells
from gilbench_tui.ui.widgets.run_notes import shown_warnings
from tests.demo import (
    DEMO_INTERPRETER,
    FREE_THREADED,
    demo_document,
    demo_history,
    demo_interpreters,
)

RUNS = demo_history()


def test_short_date_keeps_the_clock_of_the_machine_that_ran() -> None:
    assert short_date("2025-01-03T09:15:02+01:00") == "2025-01-03 09:15"
    assert short_date("not a date") == "not a date"


def test_interpreter_short() -> None:
    assert interpreter_short(DEMO_INTERPRETER) == "CPython 3.12.3"
    assert interpreter_short(FREE_THREADED) == "CPython 3.13.1t"
    pypy = dataclasses.replace(DEMO_INTERPRETER, implementation="PyPy", version="3.10.14")
    assert interpreter_short(pypy) == "PyPy 3.10.14"


def test_history_headline_is_the_verdicts_own_cut_to_the_room() -> None:
    lab = RUNS[3]
    assert lab.verdict_detail is not None
    assert headline(lab, 200) == lab.verdict_detail.headline
    assert headline(lab, 12) == "At 4 worker…"
    old = dataclasses.replace(lab, verdict_detail=None, verdict="Nothing was measured.")
    assert headline(old, 48) == "Nothing was measured"


def test_what_was_run_and_summary() -> None:
    lab = RUNS[3]
    assert what_was_run(lab) == (
        "pidigits · 20k items a task · workers 2,4 · serial, threads, thread-pool, process-pool, "
        "subinterpreters · repeat 3 · wake-up latency"
    )
    assert run_summary(RUNS[0]) == (
        "20250103-091502-a1b2c3 · 2025-01-03 09:15 · seed 2M · CPython 3.12.3 · demo-host"
    )
    split = dataclasses.replace(RUNS[0], spec=RUNS[0].spec.with_changes(split=True,
                                                                        switch_interval_s=0.002))  # fmt: skip
    assert "2M items in all" in what_was_run(split) and "switch 2 ms" in what_was_run(split)


def test_history_cells() -> None:
    cells = [str(c) for c in history_cells(RUNS[4], marked=True, room=20)]
    assert cells[:6] == ["●", "fe3a9d", "2025-01-07 08:15", "seed", "2M",
                         "CPython 3.13.1t"]  # fmt: skip
    assert len(cells[6]) <= 20


def test_sweep_lines_need_three_worker_counts_and_cap_the_ideal_at_the_cores() -> None:
    document = demo_document(BenchSpec(workers=(2, 4, 8, 16)), cores=8)
    assert is_sweep(document)
    lines = sweep_lines(document)
    assert lines.workers == [2, 4, 8, 16]
    assert lines.ideal == [2.0, 4.0, 8.0, 8.0]
    assert "serial" not in lines.series
    x, y = lines.points("processes")
    assert x == [2, 4, 8, 16] and y[0] == pytest.approx(document.results[2].speedup)
    assert not is_sweep(demo_document(BenchSpec(workers=(2, 4))))
    assert not is_sweep(None) and sweep_lines(None).empty


def test_sweep_points_skip_missing_speedups() -> None:
    document = demo_document(BenchSpec(workers=(1, 2, 4), strategies=("threads", "processes")))
    assert sweep_lines(document).empty, "no serial: no speedups to draw"


@pytest.mark.parametrize(
    ("text", "seconds"), [("", None), ("5", 0.005), ("0.5", 0.0005), (" 1000 ", 1.0)]
)
def test_parse_switch_in_milliseconds(text: str, seconds: float | None) -> None:
    assert parse_switch(text) == seconds


@pytest.mark.parametrize("text", ["0", "1001", "1.2.3", "."])
def test_parse_switch_refuses(text: str) -> None:
    with pytest.raises(SpecError):
        parse_switch(text)


def test_options_summary_and_explanation() -> None:
    assert summary(set(), None) == "options"
    assert summary({"latency_probe"}, None) == "options: wake-up latency"
    assert summary(set(), 0.001) == "options: switch 1 ms"
    assert summary({"return_data", "latency_probe"}, 0.001) == "options: 3 on"
    assert explain_switch(None) == "" and explain_switch(0.0005) == "GIL switch every 0.5 ms"


def test_interpreter_labels() -> None:
    found = demo_interpreters()
    assert [short_label(info) for info in found] == [
        "3.12.3", "3.13.1", "3.13.1t", "PyPy 3.10.14", "2.7.18 seed only"
    ]  # fmt: skip
    assert [gil_tag(info)[0] for info in found] == [
        "GIL on", "GIL on", "GIL off", "GIL on", "seed only"
    ]  # fmt: skip
    assert is_running(found[0]) and not is_running(found[1])
    twin = dataclasses.replace(found[1], path="/usr/bin/python3.13")
    labels = option_labels([found[1], twin])
    assert labels == ["3.13.1 (pyenv)", "3.13.1 (/usr/bin)"]
    assert sys.executable == found[0].path


def test_compare_notes_name_what_differs_and_what_only_one_run_has() -> None:
    seed, sha = RUNS[0], RUNS[1]
    assert differences(seed, sha) == [
        "different workloads: seed vs sha256",
        "different sizes: 2M a task vs 500k a task",
    ]
    assert differences(RUNS[0], RUNS[4]) == [
        "different interpreters: CPython 3.12.3 vs CPython 3.13.1t"
    ]
    assert unmatched(seed, sha) == ["only before: serial ×8, threads ×8, processes ×8"]


def test_amdahl_line_best_scaling_first_and_warnings_without_unavailable() -> None:
    document = demo_document(BenchSpec(workers=(2, 4, 8)))
    line = amdahl_line(document)
    assert line is not None and line.startswith("Amdahl serial fraction: processes 0.0")
    assert line.index("processes") < line.index("threads")
    assert amdahl_line(demo_document(BenchSpec(workers=(2,)))) is None
    lab = RUNS[3]
    assert lab.warnings == ["subinterpreters did not run: needs Python 3.12 or newer"]
    assert shown_warnings(lab) == []


def test_measured_columns_and_their_short_cells() -> None:
    lab = RUNS[3]
    shown = columns.shown(lab)
    extra = [c.short_heading for c in shown if c.when is columns.MEASURED]
    assert extra == ["pool", "wake p50", "wake p99"]
    pool = next(r for r in lab.results if r.strategy == "thread-pool")
    cells = [str(c) for c in result_cells(pool, shown, best=0.0)]
    assert cells[-3:] == ["900µs", "3.1ms", "5.1ms"]
