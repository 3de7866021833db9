"""When two runs can be compared: the same work (workload, size, split). Other differences are
named, not refused."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gilbench_tui.engine.compare import comparability, compare, smallest_p, too_few_repeats
from gilbench_tui.engine.results import RunDocument
from tests.factories import INTERPRETER, MACHINE, result, run_document

BEFORE = run_document()


def changed(run: RunDocument = BEFORE, **spec: object) -> RunDocument:
    return replace(run, spec=run.spec.with_changes(**spec))


def slower(run: RunDocument, factor: float, times: tuple[float, ...] = (1.0,) * 3) -> RunDocument:
    """Every result `factor` times slower, its repeats spread by `times` around the median."""
    return replace(
        run,
        results=[
            replace(
                r, median_s=r.median_s * factor, times_s=[r.median_s * factor * t for t in times]
            )
            for r in run.results
        ],
    )


def test_the_same_run_is_comparable_with_no_differences() -> None:
    rule = comparability(BEFORE, BEFORE)
    assert rule.same_work and rule.differences == []


def test_another_workload_size_or_split_is_different_work() -> None:
    for other in (changed(workload="sha256"), changed(size=500_000), changed(split=True)):
        assert not comparability(BEFORE, other).same_work
    assert comparability(BEFORE, changed(size=500_000)).differences == [
        "different sizes: 2M a task vs 500k a task"
    ]
    assert comparability(BEFORE, changed(split=True)).differences == [
        "different sizes: 2M a task vs 2M in all"
    ]


def test_interpreters_machines_and_options_are_what_one_compares() -> None:
    free = replace(INTERPRETER, version="3.13.1", gil_disabled_build=True, gil_enabled=False)
    other = changed(
        replace(BEFORE, interpreter=free, machine=replace(MACHINE, hostname="big-server")),
        return_data=True,
        switch_interval_s=0.001,
    )
    rule = comparability(BEFORE, other)
    assert rule.same_work
    assert rule.differences == [
        "different interpreters: CPython 3.11.7 vs CPython 3.13.1t",
        "different machines: bench-host vs big-server",
        "return data: off vs on",
        "switch interval: default vs 1 ms",
    ]


def test_comparable_runs_get_ratios_and_different_work_gets_none() -> None:
    spread = (0.97, 0.99, 1.0, 1.01, 1.03)
    rows = compare(slower(BEFORE, 1.0, spread), slower(BEFORE, 1.5, spread))
    assert [row.describe() for row in rows] == ["1.50× slower"] * 3
    assert rows[2].before_speedup == rows[2].after_speedup == 1.96
    rows = compare(BEFORE, slower(changed(size=4_000_000), 2.0))
    assert {row.describe() for row in rows} == {"different work"}
    assert not any(row.significant for row in rows)


def test_only_shared_strategies_and_worker_counts_are_compared() -> None:
    other = run_document([result("serial", 2, 1.2, 1.0), result("threads", 4, 1.0, 1.2)])
    assert [(row.strategy, row.workers) for row in compare(BEFORE, other)] == [("serial", 2)]


def test_a_difference_the_rank_test_cannot_tell_from_noise_says_so() -> None:
    before = slower(BEFORE, 1.0, (0.9, 0.95, 1.0, 1.05, 1.1))
    after = slower(BEFORE, 1.02, (0.92, 0.97, 1.0, 1.06, 1.12))
    rows = compare(before, after)
    assert [row.describe() for row in rows] == ["1.02× slower (not significant, p=0.69)"] * 3
    assert not any(row.significant for row in rows)
    assert too_few_repeats(rows) is None


def test_three_repeats_against_three_can_never_be_significant() -> None:
    rows = compare(BEFORE, slower(BEFORE, 1.5))
    assert {row.describe() for row in rows} == {"1.50× slower (not significant, p=0.10)"}
    assert smallest_p(3, 3) == pytest.approx(0.1) and smallest_p(5, 5) == pytest.approx(2 / 252)
    note = too_few_repeats(rows)
    assert note is not None and "cannot go below p=0.10" in note


def test_a_faster_second_run_and_the_same_speed() -> None:
    spread = (0.97, 0.99, 1.0, 1.01, 1.03)
    rows = compare(slower(BEFORE, 1.2, spread), slower(BEFORE, 1.0, spread))
    assert {row.describe() for row in rows} == {"1.20× faster"}
    assert {row.describe() for row in compare(BEFORE, BEFORE)} == {"same speed"}
