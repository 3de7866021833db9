"""The verdict: each rule alone, then the rules together as the runner uses them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gilbench_tui.engine import verdict as v
from gilbench_tui.engine.results import StrategyResult
from gilbench_tui.engine.verdict import Evidence, Finding, Verdict, verdict
from tests.factories import INTERPRETER, result

NO_GIL = replace(INTERPRETER, gil_enabled=False, gil_disabled_build=True)


def evidence(
    *results: StrategyResult, tag: str = "holds", cores: int = 2, gil: bool = True
) -> Evidence:
    return Evidence(list(results), tag, INTERPRETER if gil else NO_GIL, cores)


def pair(threads: float, *, workers: int = 2) -> list[StrategyResult]:
    """serial and threads at `workers`, threads at speedup `threads`."""
    return [result("serial", workers, 1.0, 1.0), result("threads", workers, 1.0 / threads, threads)]


def reason(finding: Finding | None) -> str:
    assert finding is not None and finding.reason is not None
    return finding.reason


# Each rule alone: when it speaks, and when it stays silent.


def test_nothing_measured() -> None:
    finding = v.nothing_measured(evidence())
    assert finding is not None and finding.headline == "Nothing was measured"
    assert finding.confidence == "inconclusive"
    assert v.nothing_measured(evidence(*pair(1.0))) is None


def test_no_serial() -> None:
    finding = v.no_serial(evidence(result("threads", 2, 1.0, None)))
    assert finding is not None and "no serial run" in str(finding.headline)
    assert v.no_serial(evidence(*pair(1.0))) is None


def test_serial_only() -> None:
    finding = v.serial_only(evidence(result("serial", 2, 1.5, 1.0)))
    assert finding is not None and finding.headline == "Serial only: 1.5 s for 2 task(s)"
    assert v.serial_only(evidence(*pair(1.0))) is None


def test_one_worker() -> None:
    finding = v.one_worker(evidence(*pair(1.0, workers=1)))
    assert finding is not None and str(finding.headline).startswith("With 1 worker")
    assert v.one_worker(evidence(*pair(1.0))) is None


def test_one_core() -> None:
    assert "one core" in reason(v.one_core(evidence(*pair(1.0), cores=1)))
    assert v.one_core(evidence(*pair(1.0), cores=2)) is None


def test_threads_overlap_waiting() -> None:
    assert "waiting" in reason(v.threads_overlap_waiting(evidence(*pair(2.0), tag="waits")))
    assert v.threads_overlap_waiting(evidence(*pair(1.0), tag="waits")) is None
    assert v.threads_overlap_waiting(evidence(*pair(2.0), tag="releases")) is None


def test_gil_off() -> None:
    assert "GIL is off" in reason(v.gil_off(evidence(*pair(1.8), gil=False)))
    assert v.gil_off(evidence(*pair(1.8))) is None
    assert v.gil_off(evidence(*pair(1.0), gil=False)) is None


def test_gil_released() -> None:
    assert "releases the GIL" in reason(v.gil_released(evidence(*pair(1.8), tag="releases")))
    scales_at_two = evidence(*pair(1.45))  # at 2 workers, 1.45× is 70% of the ideal
    assert "releases the GIL" in reason(v.gil_released(scales_at_two))
    assert v.gil_released(evidence(*pair(1.45, workers=4))) is None


def test_threads_lose_to_the_gil() -> None:
    assert "hand-overs" in reason(v.threads_lose_to_the_gil(evidence(*pair(0.74))))
    assert v.threads_lose_to_the_gil(evidence(*pair(0.74), tag="releases")) is None
    assert v.threads_lose_to_the_gil(evidence(*pair(0.74), gil=False)) is None
    assert v.threads_lose_to_the_gil(evidence(*pair(0.95))) is None


def test_threads_lose_to_start_up() -> None:
    assert "larger size" in reason(v.threads_lose_to_start_up(evidence(*pair(0.7))))
    assert v.threads_lose_to_start_up(evidence(*pair(0.95))) is None


def test_gil_serialises() -> None:
    assert reason(v.gil_serialises(evidence(*pair(0.97)))) == "the GIL serialises this workload"
    assert v.gil_serialises(evidence(*pair(1.2))) is None
    assert v.gil_serialises(evidence(*pair(0.97), tag="releases")) is None


def test_processes_gain_little() -> None:
    slow = [result("serial", 2, 1.0, 1.0), result("processes-spawn", 2, 1.0, 1.05)]
    assert "gain little" in reason(v.processes_gain_little(evidence(*slow)))
    fast = [result("serial", 2, 1.0, 1.0), result("processes", 2, 0.5, 1.9)]
    assert v.processes_gain_little(evidence(*fast)) is None
    assert v.processes_gain_little(evidence(*pair(1.0))) is None


# The rules together.


def test_gil_bound_workload() -> None:
    results = [
        result("serial", 2, 1.2, 1.0),
        result("threads", 2, 1.24, 0.97),
        result("processes", 2, 0.61, 1.96),
    ]
    found = verdict(results, "holds", INTERPRETER, 2)
    assert found == Verdict(
        "At 2 workers: processes 1.96× faster; threads 0.97×",
        ["the GIL serialises this workload"],
        "clear",
    )
    assert found.line == (
        "At 2 workers: processes 1.96× faster; threads 0.97×: the GIL serialises this workload."
    )


def test_threads_slower_than_serial_like_python_2() -> None:
    results = [result("serial", 2, 4.1, 1.0), result("threads", 2, 5.5, 0.74)]
    text = verdict(results, "holds", INTERPRETER, 2).line
    assert text.startswith("At 2 workers: threads 1.35× slower")
    assert "slower than serial" in text


@pytest.mark.parametrize(
    ("tag", "gil", "words"),
    [
        ("releases", True, "releases the GIL"),
        ("holds", False, "GIL is off"),
        ("waits", True, "waiting"),
    ],
)
def test_threads_that_scale_say_why(tag: str, gil: bool, words: str) -> None:
    results = [result("serial", 2, 1.0, 1.0), result("threads", 2, 0.55, 1.82)]
    found = verdict(results, tag, INTERPRETER if gil else NO_GIL, 2)
    assert words in found.line and len(found.reasons) == 1


def test_slow_threads_on_a_workload_that_releases_the_gil_blame_the_size() -> None:
    results = [result("serial", 2, 0.001, 1.0), result("threads", 2, 0.0014, 0.7)]
    assert "try a larger size" in verdict(results, "releases", INTERPRETER, 2).line


def test_uses_the_largest_worker_count_and_edge_cases() -> None:
    results = [
        result("serial", 1, 1.0, 1.0),
        result("threads", 1, 1.0, 1.0),
        result("serial", 4, 4.0, 1.0),
        result("threads", 4, 4.0, 1.0),
    ]
    assert verdict(results, "holds", INTERPRETER, 2).line.startswith("At 4 workers")
    assert verdict([], "holds", INTERPRETER, 2).line == "Nothing was measured."
    assert "no serial" in verdict([result("threads", 2, 1, None)], "holds", INTERPRETER, 2).line
    one_core = verdict([result("serial", 2, 1, 1.0), result("processes", 2, 1, 1.0)], "holds",
                       INTERPRETER, 1)  # fmt: skip
    assert "one core" in one_core.line and one_core.confidence == "likely"
    one = verdict(
        [result("serial", 1, 1, 1.0), result("threads", 1, 1, 1.0)], "holds", INTERPRETER, 2
    )
    assert "With 1 worker" in one.line and one.confidence == "inconclusive" and not one.reasons


def test_noisy_or_unrepeated_times_make_a_verdict_likely_not_clear() -> None:
    results = pair(0.97)
    assert verdict(results, "holds", INTERPRETER, 2).confidence == "clear"
    noisy = [replace(results[0], cv=0.25), results[1]]
    assert verdict(noisy, "holds", INTERPRETER, 2).confidence == "likely"
    once = [replace(r, times_s=r.times_s[:1]) for r in results]
    assert verdict(once, "holds", INTERPRETER, 2).confidence == "likely"


def test_a_rule_can_be_inserted_without_touching_the_others() -> None:
    def busy_machine(e: Evidence) -> Finding:
        return Finding("another program used 0.9 cores", confidence="likely", final=False)

    found = verdict(pair(0.97), "holds", INTERPRETER, 2, rules=[busy_machine, *v.RULES])
    assert found.reasons == ["another program used 0.9 cores", "the GIL serialises this workload"]
    assert found.confidence == "likely"
