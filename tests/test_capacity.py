"""Capacity now: the busy-loop measurement, its parsing, and how it fails."""

from __future__ import annotations

import asyncio

import pytest

from gilbench_tui.engine import capacity


def test_one_process_needs_no_measurement() -> None:
    assert capacity.measure(1) == capacity.Capacity(1, 0.0, 0.0, 1.0)


def test_parse_reads_the_script_line_and_caps_at_k() -> None:
    line = '{"processes": 2, "single_s": 0.05, "parallel_s": 0.0625, "capacity": 1.6}'
    found = capacity.parse("noise\n" + line, 2)
    assert found is not None
    assert found.speedup == pytest.approx(1.6)
    faster_than_possible = '{"single_s": 0.05, "parallel_s": 0.02}'
    capped = capacity.parse(faster_than_possible, 2)
    assert capped is not None and capped.speedup == 2.0


@pytest.mark.parametrize("text", ["", "not json", '{"single_s": 0}', '{"single_s": "a"}', "[1]"])
def test_parse_refuses_what_it_does_not_understand(text: str) -> None:
    assert capacity.parse(text, 2) is None


def test_a_real_measurement_is_a_speedup_between_zero_and_k() -> None:
    """Only the rule: whatever the machine is doing, 0 < capacity ≤ k."""
    found = capacity.measure(2)
    assert found is not None
    assert 0 < found.speedup <= 2.0
    assert found.single_s > 0 and found.parallel_s > 0


async def test_the_async_measurement_agrees_in_kind_and_can_be_cancelled() -> None:
    found = await capacity.measure_async(2)
    assert found is not None and 0 < found.speedup <= 2.0
    task = asyncio.ensure_future(capacity.measure_async(2))
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


def test_a_broken_interpreter_gives_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(capacity, "command", lambda k, python=None: ["false"])
    assert capacity.measure(2) is None
