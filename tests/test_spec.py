from __future__ import annotations

import pytest

from gilbench_tui.engine.spec import (
    MAX_AUTO_ROUNDS,
    BenchSpec,
    SpecError,
    format_size,
    format_workers,
    parse_count,
    parse_size,
    parse_strategies,
    parse_workers,
    parse_workload,
    validate,
    with_repeat,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2000000", 2_000_000),
        ("2M", 2_000_000),
        ("2m", 2_000_000),
        ("2e6", 2_000_000),
        ("500k", 500_000),
        ("1.5M", 1_500_000),
        ("2_000_000", 2_000_000),
        (" 10 ", 10),
        (7, 7),
    ],
)
def test_parse_size_accepts_the_usual_forms(text: str, expected: int) -> None:
    assert parse_size(text) == expected


@pytest.mark.parametrize(
    "text", ["abc", "-5", "0", "", "1.5", "2MM", "1e99", "nan", "inf", "0.0005k"]
)
def test_parse_size_rejects_bad_input_with_a_message(text: str) -> None:
    with pytest.raises(SpecError, match="size"):
        parse_size(text)


def test_format_size_round_trips() -> None:
    for size in (1, 999, 500_000, 2_000_000, 1_500_000, 10_000_000):
        assert parse_size(format_size(size)) == size


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2", (2,)),
        ("1,2,4", (1, 2, 4)),
        ("4,1,2,2", (1, 2, 4)),
        ("1-4", (1, 2, 3, 4)),
        ("cores", (2,)),
        ("1-cores", (1, 2)),
        ("1-2,4", (1, 2, 4)),
    ],
)
def test_parse_workers(text: str, expected: tuple[int, ...]) -> None:
    assert parse_workers(text, cores=2) == expected


@pytest.mark.parametrize("text", ["0", "", "a", "-1", "3-1", "1--2", "9", "1,,x", "2.5"])
def test_parse_workers_rejects(text: str) -> None:
    with pytest.raises(SpecError, match="worker"):
        parse_workers(text, cores=2)


def test_format_workers() -> None:
    assert format_workers((1, 2, 3, 4)) == "1-4"
    assert format_workers((1, 2, 4)) == "1,2,4"


def test_parse_strategies_keeps_order_and_drops_repeats() -> None:
    assert parse_strategies("threads, serial,threads") == ("threads", "serial")
    with pytest.raises(SpecError, match="unknown strategy 'greenlets'"):
        parse_strategies("serial,greenlets")
    with pytest.raises(SpecError):
        parse_strategies(" , ")


def test_parse_workload() -> None:
    assert parse_workload("SEED") == "seed"
    with pytest.raises(SpecError, match="unknown workload 'nope'"):
        parse_workload("nope")


def test_parse_count() -> None:
    assert parse_count("3", "repeat", 1) == 3
    for bad in ("0", "x", "-1", "1001"):
        with pytest.raises(SpecError, match="repeat"):
            parse_count(bad, "repeat", 1)


def test_validate_rejects_what_code_builds_wrong() -> None:
    validate(BenchSpec())
    with pytest.raises(SpecError):
        validate(BenchSpec(workers=()))
    with pytest.raises(SpecError):
        validate(BenchSpec(workers=(0,)))
    with pytest.raises(SpecError):
        validate(BenchSpec(size=3, workers=(4,), split=True))
    with pytest.raises(SpecError):
        validate(BenchSpec(timeout_s=0))


def test_spec_json_and_the_worker_payload() -> None:
    spec = BenchSpec(workload="sha256", size=123, workers=(1, 2), repeat=4, warmup=0, split=True)
    assert spec.measurements == 4 * 2 * 3
    assert spec.worker_payload()["repeat"] == 4
    auto = spec.with_changes(auto_repeat=True, max_time_s=10.0)
    assert auto.to_json()["auto_repeat"] is True and auto.to_json()["max_time_s"] == 10.0
    assert auto.worker_payload()["repeat"] == MAX_AUTO_ROUNDS


def test_a_repeat_count_drops_the_time_budget_of_auto() -> None:
    auto = with_repeat(BenchSpec(), None).with_changes(max_time_s=10.0)
    assert auto.auto_repeat and auto.max_time_s == 10.0
    counted = with_repeat(auto, 5)
    assert (counted.repeat, counted.auto_repeat, counted.max_time_s) == (5, False, None)
    validate(counted)
