"""The measured GIL tag of a user's code, and the verdict's advice for it, on fixed data."""

from __future__ import annotations

import dataclasses

import pytest

from gilbench_tui.engine.gil_measured import measure
from gilbench_tui.engine.spec import BenchSpec
from tests.verdict_data import BUSY, QUIET, TASKSET, judged, res, seed_run

MINE = "/home/me/work.py:work"


def user_spec(*strategies: str, workers: tuple[int, ...] = (2,)) -> BenchSpec:
    return BenchSpec(workload=MINE, workers=workers, strategies=strategies)


@pytest.mark.parametrize(
    ("threads", "tag", "behaviour"),
    [
        (1.02, "holds the GIL", "holds"),
        (0.85, "holds the GIL", "holds"),
        (1.90, "releases the GIL", "releases"),
        (1.45, "mixed (about 64% parallel)", "mixed"),
    ],
)
def test_the_tag_reads_the_threads_against_what_the_machine_gave(
    threads: float, tag: str, behaviour: str
) -> None:
    found = measure(seed_run(threads, 1.9), QUIET)
    assert found is not None
    assert (found.tag, found.behaviour) == (tag, behaviour)
    assert found.shown == f"{tag} (measured)"


def test_a_busy_machine_sets_the_yardstick() -> None:
    """1.3× when a busy loop got 1.3×: all the machine gave, so the code runs in parallel."""
    found = measure(seed_run(1.28, 1.3), BUSY)
    assert found is not None and found.behaviour == "releases"


def test_no_tag_where_nothing_could_run_in_parallel() -> None:
    assert measure(seed_run(1.0, 1.0), TASKSET) is None
    assert measure([res("serial", 1.0), res("processes", 1.9)], QUIET) is None


def test_tasks_that_barely_use_the_cpu_wait() -> None:
    waiting = dataclasses.replace(res("threads", 1.95), cpu_s=0.05)
    found = measure([res("serial", 1.0), waiting], TASKSET)
    assert found is not None and found.behaviour == "waits"


def test_a_sweep_gives_amdahls_fraction() -> None:
    found = measure(seed_run(1.5, 1.9), QUIET, {"threads": 0.1})
    assert found is not None and found.swept
    assert found.parallel_fraction == pytest.approx(0.9)
    assert found.behaviour == "releases"


def test_the_verdict_advises_processes_for_code_that_holds_the_gil() -> None:
    found = judged(seed_run(1.02, 1.93), spec=user_spec("serial", "threads", "processes"))
    assert found.headline == "Use processes: threads 1.02×, processes 1.93×"
    assert any("holds the GIL (measured)" in r for r in found.reasons)


def test_the_verdict_says_threads_are_enough_when_they_scale() -> None:
    found = judged(seed_run(1.90, 1.93), spec=user_spec("serial", "threads", "processes"))
    assert found.headline == "Threads are enough: 1.90× without pickling"
    assert any("releases the GIL (measured)" in r for r in found.reasons)


def test_the_verdict_says_when_neither_helps() -> None:
    found = judged(seed_run(1.0, 1.02), spec=user_spec("serial", "threads", "processes"))
    assert found.headline.startswith("Neither helps at 2 tasks: threads 1.00×, processes 1.02×")


def test_the_verdict_counts_what_shipping_results_back_cost() -> None:
    results = seed_run(1.02, 1.6)
    results[2] = dataclasses.replace(results[2], transfer_s=0.2)
    spec = dataclasses.replace(user_spec("serial", "threads", "processes"), return_data=True)
    found = judged(results, spec=spec)
    assert any("shipping the results back cost processes 200 ms" in r for r in found.reasons)


def test_the_catalogs_workloads_keep_their_declared_tag() -> None:
    found = judged(seed_run(1.02, 1.93))
    assert not found.headline.startswith("Use processes")
    assert all("(measured)" not in r for r in found.reasons)


def test_with_the_gil_off_the_tag_speaks_of_parallelism_not_of_the_gil() -> None:
    free = measure(seed_run(1.9, 1.9), QUIET, gil_enabled=False)
    assert free is not None and free.tag == "runs in parallel (the GIL is off)"
    stuck = measure(seed_run(1.0, 1.9), QUIET, gil_enabled=False)
    assert stuck is not None and stuck.tag == "serialised without a GIL (contention)"


def test_the_verdict_reads_the_tag_with_the_gil_off() -> None:
    from tests.verdict_data import NO_GIL

    found = judged(
        seed_run(1.9, 1.9), interpreter=NO_GIL, spec=user_spec("serial", "threads", "processes")
    )
    assert any("runs in parallel (the GIL is off) (measured)" in r for r in found.reasons)


def test_no_tag_when_the_runs_own_processes_gained_nothing() -> None:
    """A busy loop that found a free core for a moment is not enough: the processes in the same
    run must show the machine gave parallelism too."""
    assert measure(seed_run(0.83, 0.80), QUIET) is None
    uneven = dataclasses.replace(QUIET, capacity_before=1.42, capacity_after=0.93)
    assert measure(seed_run(0.83, 1.9), uneven) is None


def test_the_runs_own_processes_are_a_yardstick_too() -> None:
    """Processes got 1.9× though the busy loop read 1.5×: threads at 1.85× ran in parallel."""
    found = measure(
        seed_run(1.85, 1.9), dataclasses.replace(QUIET, capacity_before=1.5, capacity_after=1.5)
    )
    assert found is not None and found.behaviour == "releases"


def test_on_a_busy_machine_neither_gaining_is_not_advice_to_stay_serial() -> None:
    busy = dataclasses.replace(QUIET, capacity_before=1.67, capacity_after=0.75)
    found = judged(
        seed_run(0.96, 0.92), machine=busy, spec=user_spec("serial", "threads", "processes")
    )
    assert "keep it serial" not in found.headline
    assert found.headline.endswith("but the machine was busy: measure again when it is quiet")
    assert found.confidence == "inconclusive"
