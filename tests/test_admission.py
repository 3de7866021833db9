"""Admission: each problem is tied to the field to change, and the CLI and the runner ask it."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import pytest

from gilbench_tui.cli import build_parser
from gilbench_tui.commands.common import FORCE_HINT, spec_from_args
from gilbench_tui.engine import admission
from gilbench_tui.engine.admission import Problem, admit, problems
from gilbench_tui.engine.runner import RunFailed, Runner
from gilbench_tui.engine.spec import BenchSpec, SpecError, validate
from tests.demo import demo_interpreters

GiB = 2**30
PLENTY = 1024 * GiB
LEGACY = next(info for info in demo_interpreters() if info.legacy)

ONE_FIELD_WRONG = [
    (BenchSpec(workload="nope"), "workload", "unknown workload 'nope'"),
    (BenchSpec(size=0), "size", "at least 1"),
    (BenchSpec(workers=()), "workers", "no task counts"),
    (BenchSpec(workers=(0,)), "workers", "task count 0 is outside"),
    (BenchSpec(strategies=()), "strategies", "no strategy"),
    (BenchSpec(strategies=("serial", "fibers")), "strategies", "unknown strategy 'fibers'"),
    (BenchSpec(repeat=0), "repeat", "repeat must be between"),
    (BenchSpec(warmup=-1), "warmup", "warmup must be between"),
    (BenchSpec(size=3, workers=(4,), split=True), "size", "cannot be divided among 4 tasks"),
    (BenchSpec(switch_interval_s=5.0), "switch_interval_s", "switch interval"),
    (BenchSpec(timeout_s=0), "timeout_s", "timeout"),
    (BenchSpec(auto_repeat=True, max_time_s=-1), "max_time_s", "time budget"),
    (BenchSpec(max_time_s=10), "max_time_s", "give both or neither"),
]


@pytest.mark.parametrize(("spec", "field", "words"), ONE_FIELD_WRONG)
def test_each_problem_names_its_field(spec: BenchSpec, field: str, words: str) -> None:
    found = problems(spec, available=PLENTY)
    assert [problem.field for problem in found] == [field]
    assert words in found[0].message
    with pytest.raises(SpecError) as refused:
        validate(spec)
    assert str(refused.value) == found[0].message


def test_every_wrong_field_is_reported_once_in_the_order_shown() -> None:
    spec = BenchSpec(workload="nope", size=0, workers=(), strategies=(), repeat=0, timeout_s=-1)
    found = problems(spec, interpreter=LEGACY, available=PLENTY)
    fields = [problem.field for problem in found]
    assert fields == ["workload", "size", "workers", "strategies", "repeat", "timeout_s", "python"]


def test_an_interpreter_that_cannot_run_the_spec_is_the_python_fields_problem() -> None:
    spec = BenchSpec(workload="sha256")
    assert problems(spec, available=PLENTY) == [], "unknown interpreter: not checked"
    (found,) = problems(spec, interpreter=LEGACY, available=PLENTY)
    assert (
        found.field == "python" and "runs only the seed and seed-shared workloads" in found.message
    )
    assert problems(BenchSpec(workload="seed"), interpreter=LEGACY, available=PLENTY) == []
    (options,) = problems(BenchSpec(latency_probe=True), interpreter=LEGACY, available=PLENTY)
    assert options.field == "python" and "need 3.8" in options.message


def test_the_memory_guard_is_the_size_fields_problem_and_can_be_skipped() -> None:
    big = BenchSpec(size=300_000_000, workers=(4,))
    (found,) = problems(big, available=24 * GiB)
    assert found == Problem("size", found.message, guard=True)
    assert "needs about" in found.message
    assert problems(big, memory=False, available=24 * GiB) == []
    assert problems(BenchSpec(size=2_000_000), available=24 * GiB) == []


def test_the_memory_guard_waits_for_sound_fields_but_not_for_the_interpreter() -> None:
    wrong = BenchSpec(size=300_000_000, workers=(4,), repeat=0)
    assert [p.field for p in problems(wrong, available=GiB)] == ["repeat"]
    legacy = BenchSpec(workload="seed", size=300_000_000, workers=(4,), return_data=True)
    found = problems(legacy, interpreter=LEGACY, available=GiB)
    assert [p.field for p in found] == ["python", "size"]


def test_admit_raises_the_first_problem_and_hints_only_at_the_guard() -> None:
    spec = BenchSpec()
    assert admit(spec, available=PLENTY) is spec
    big = BenchSpec(size=300_000_000, workers=(4,))
    with pytest.raises(SpecError, match=r"fewer tasks, or --force$"):
        admit(big, available=GiB, guard_hint=", or --force")
    with pytest.raises(SpecError, match=r"repeat must be between 1 and 1000, not 0$"):
        admit(big.with_changes(repeat=0), available=GiB, guard_hint=", or --force")


class Recorder:
    """Stands in for admission.admit: records how it was asked, then refuses or admits."""

    def __init__(self, refuse: str | None = None) -> None:
        self.calls: list[dict[str, Any]] = []
        self.refuse = refuse

    def __call__(self, spec: BenchSpec, **kwargs: Any) -> BenchSpec:
        self.calls.append({"spec": spec, **kwargs})
        if self.refuse is not None:
            raise SpecError(self.refuse)
        return spec


@pytest.mark.parametrize(("force", "memory"), [([], True), (["--force"], False)])
def test_the_cli_admits_through_admission(
    monkeypatch: pytest.MonkeyPatch, force: list[str], memory: bool
) -> None:
    recorder = Recorder()
    monkeypatch.setattr(admission, "admit", recorder)
    args = build_parser().parse_args(["run", "--size", "5k", "--workers", "1-3", *force])
    spec = spec_from_args(args)
    (call,) = recorder.calls
    assert call["spec"] == spec and spec.workers == (1, 2, 3)
    assert call["memory"] is memory
    assert call["guard_hint"] == FORCE_HINT
    assert call["interpreter"] is None, "no --python: the running one, inspected by the runner"


def test_the_cli_hands_the_chosen_interpreter_to_admission(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder = Recorder()
    monkeypatch.setattr(admission, "admit", recorder)
    spec_from_args(build_parser().parse_args(["run", "--python", sys.executable]))
    (call,) = recorder.calls
    assert call["interpreter"].path == sys.executable


def test_the_runner_admits_without_the_memory_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = Recorder(refuse="not today")
    monkeypatch.setattr(admission, "admit", recorder)
    with pytest.raises(RunFailed, match=r"^not today$"):
        asyncio.run(Runner().run(BenchSpec(size=1000)))
    (call,) = recorder.calls
    assert call["memory"] is False
    assert call["interpreter"].path == sys.executable
