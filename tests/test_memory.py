from __future__ import annotations

import re

import pytest

from gilbench_tui.engine.memory import BYTES_PER_INTERPRETER, estimate_peak_bytes, memory_problem
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.probe.catalog import WORKLOADS

GiB = 2**30


def test_estimate_grows_with_size_and_concurrency() -> None:
    small = estimate_peak_bytes(BenchSpec(size=1_000_000, workers=(2,)))
    big = estimate_peak_bytes(BenchSpec(size=10_000_000, workers=(2,)))
    wide = estimate_peak_bytes(BenchSpec(size=10_000_000, workers=(4,)))
    assert small < big < wide
    serial_only = estimate_peak_bytes(
        BenchSpec(size=10_000_000, workers=(4,), strategies=("serial",))
    )
    assert serial_only * 3 < wide


def test_seed_at_the_articles_size_is_about_a_third_of_a_gib_per_task() -> None:
    one = estimate_peak_bytes(BenchSpec(size=10_000_000, workers=(1,), strategies=("serial",)))
    assert 0.3 * GiB < one < 0.4 * GiB


def test_split_divides_the_items() -> None:
    whole = estimate_peak_bytes(BenchSpec(size=8_000_000, workers=(4,)))
    split = estimate_peak_bytes(BenchSpec(size=8_000_000, workers=(4,), split=True))
    assert split < whole / 2


def test_refuses_what_does_not_fit() -> None:
    spec = BenchSpec(size=300_000_000, workers=(4,))
    problem = memory_problem(spec, available=24 * GiB)
    assert problem is not None
    assert re.search(r"needs about .* GiB .* smaller size or fewer tasks", problem)
    assert memory_problem(BenchSpec(size=2_000_000, workers=(4,)), available=24 * GiB) is None


def test_bounded_workloads_need_little() -> None:
    assert estimate_peak_bytes(BenchSpec(workload="sha256", size=10**10, workers=(2,))) < GiB


def test_the_guard_reads_the_records_not_the_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tasks alive at once and an interpreter per task come from the strategy's kind, the bytes
    per item from the workload's record."""

    def peak(strategy: str, workload: str = "sha256") -> int:
        return estimate_peak_bytes(
            BenchSpec(workload=workload, size=1000, workers=(4,), strategies=(strategy,))
        )

    assert peak("processes-spawn") - peak("threads") == 4 * BYTES_PER_INTERPRETER
    assert peak("subinterpreters") == peak("process-pool") == peak("processes")
    assert peak("asyncio") == peak("thread-pool") == peak("threads") > peak("serial")
    before = peak("serial")
    monkeypatch.setitem(WORKLOADS, "sha256", WORKLOADS["sha256"]._replace(bytes_per_item=1000))
    assert peak("serial") == before + 1000 * 1000
