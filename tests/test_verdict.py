"""The verdict's rules together, as the runner uses them: the issue's cases (a quiet machine, a
busy one, one limited to a core by taskset, a wide interval, a free-threaded build whose threads
contend), how sure each verdict is, and the one-line form. The rules alone are in
test_verdict_rules.py."""

from __future__ import annotations

from dataclasses import replace

from gilbench_tui.engine import verdict as v
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.verdict import Evidence, Finding, Verdict
from tests.factories import INTERPRETER
from tests.verdict_data import (
    BUSY,
    NO_GIL,
    OLD_MACHINE,
    QUIET,
    SHARED,
    TASKSET,
    WORKLOADS,
    judged,
    res,
    seed_run,
)

#: The run the CLI and the app show most: the seed at 2 tasks on a quiet 2-core machine.
QUIET_SEED = seed_run(1.0, 1.9)


def test_a_quiet_seed_run_is_clear_and_blames_the_gil() -> None:
    found = judged(QUIET_SEED)
    assert found == Verdict(
        "At 2 workers: processes 1.90× faster; threads 1.00×",
        [
            "processes 1.90× is 97% of the 1.95× this machine could give right now",
            "the GIL serialises this workload: threads take turns",
        ],
        "clear",
    )
    assert found.line == (
        "At 2 workers: processes 1.90× faster; threads 1.00×: processes 1.90× is 97% of the "
        "1.95× this machine could give right now; the GIL serialises this workload: threads "
        "take turns."
    )


def test_taskset_one_core_says_capped_and_never_blames_the_gil() -> None:
    found = judged(seed_run(0.98, 0.84), machine=TASKSET)
    assert found.headline == "At 2 workers: threads 0.98×; processes 0.84×"
    assert found.reasons == [
        "capped at 1 usable core (affinity 1 of 2): the 2 tasks take turns on it",
        "on one usable core nothing computes in parallel: this run cannot show what the GIL does",
    ]
    assert found.confidence == "likely"
    assert "serialises" not in found.line


def test_a_busy_machine_says_so_and_is_not_clear() -> None:
    found = judged(seed_run(1.0, 1.25, others=0.9), machine=BUSY)
    assert found.reasons[0] == (
        "the machine was busy: other programs used 0.9 cores during the run; "
        "a busy loop got only 1.3× of 2× around the run"
    )
    assert found.reasons[1] == (
        "processes 1.25× is 96% of the 1.30× this machine could give right now"
    )
    assert found.confidence == "likely"


def test_a_machine_that_gave_no_parallelism_blames_nothing_on_the_gil() -> None:
    """The issue's busy run: processes 1.38× slower, threads 0.50×, a CPU hog beside it."""
    hogged = replace(BUSY, capacity_before=1.02, capacity_after=1.05)
    found = judged(seed_run(0.5, 0.72, others=1.0), machine=hogged)
    assert found.headline == "At 2 workers: processes 1.39× slower; threads 0.50×"
    assert "the machine was busy: other programs used 1.0 cores" in found.reasons[0]
    assert "cannot show what the GIL does" in found.reasons[1]
    assert "serialises" not in found.line and found.confidence == "inconclusive"


def test_a_wide_interval_around_1_1_is_inconclusive() -> None:
    run = [res("serial", 1.0), res("threads", 1.1, ci=(0.91, 1.33)), res("processes", 1.9)]
    found = judged(run)
    assert found.confidence == "inconclusive"
    assert found.reasons[-1].startswith("inconclusive: threads 1.10× could be anywhere")
    assert "serialises" not in found.line


def test_free_threaded_threads_slower_than_serial_contend() -> None:
    run = [res("serial", 1.0), res("threads", 0.62, ci=(0.58, 0.66)), res("processes", 1.9)]
    found = judged(run, interpreter=NO_GIL, workload=SHARED)
    assert found.reasons[-1] == (
        "threads are slower than serial with the GIL off: "
        "they contend for the module-level random generator"
    )
    assert "small" not in found.line and found.confidence == "clear"


def test_free_threaded_threads_that_scale() -> None:
    found = judged(seed_run(1.85, 1.9), interpreter=NO_GIL)
    assert found.reasons[-1] == "the GIL is off: threads run Python in parallel"


def test_waiting_workloads_overlap_on_one_core_too() -> None:
    run = [res("serial", 1.0), res("threads", 1.9)]
    found = judged(run, machine=TASKSET, workload=WORKLOADS["sleep"])
    assert found.reasons[-1] == "threads overlap the waits: the GIL is free while a task waits"
    assert not any("one usable core" in r for r in found.reasons)


def test_too_small_a_run_says_so_and_threads_still_speak() -> None:
    run = [res("serial", 1.0), res("threads", 0.95), res("processes", 0.7, startup_s=1.0)]
    assert judged(run).reasons == [
        "too small a run: start-up is 35% of the time (processes); try a larger size",
        "processes 0.70× is 36% of the 1.95× this machine could give right now",
        "the GIL serialises this workload: threads take turns",
    ]
    tiny_threads = [res("serial", 1.0), res("threads", 0.7, startup_s=1.0)]
    assert judged(tiny_threads).reasons == [
        "too small a run: start-up is 35% of the time (threads); try a larger size"
    ]


def test_more_tasks_than_cores_on_a_quiet_machine_can_still_be_clear() -> None:
    found = judged(seed_run(1.0, 1.9, k=4))
    assert found.reasons[0] == "capped at 2 usable cores: 4 tasks finish at most 2× sooner"
    assert found.reasons[-1] == "the GIL serialises this workload: threads take turns"
    assert found.confidence == "clear"


def test_a_stopped_run_speaks_of_the_count_it_finished_and_is_inconclusive() -> None:
    run = [*QUIET_SEED, res("serial", 1.0, k=4)]
    found = judged(run, spec=BenchSpec(workers=(2, 4)))
    assert found.headline.startswith("At 2 workers: processes 1.90× faster")
    assert found.reasons[0] == "the run is incomplete: no results for threads ×4, processes ×4"
    assert found.confidence == "inconclusive"


def test_unreadable_data_speaks_first() -> None:
    assert judged([]).line == "Nothing was measured."
    wrong = [res("serial", 1.0), res("processes", 1.9, ok=False)]
    assert judged(wrong).headline.startswith("Checksums disagree")
    assert "no serial" in judged([res("threads", None)]).line
    one = judged([res("serial", 1.0, k=1), res("threads", 1.0, k=1)])
    assert "With 1 worker" in one.line and one.confidence == "inconclusive" and not one.reasons


def test_the_largest_worker_count_is_the_one_spoken_of() -> None:
    run = [*seed_run(1.0, 1.0, k=1), *seed_run(1.0, 1.9, k=4)]
    assert judged(run).line.startswith("At 4 workers")


def test_noisy_unrepeated_or_interval_less_times_are_likely_not_clear() -> None:
    assert judged(QUIET_SEED).confidence == "clear"
    noisy = [replace(QUIET_SEED[0], cv=0.25), *QUIET_SEED[1:]]
    assert judged(noisy).confidence == "likely"
    once = [replace(r, times_s=r.times_s[:1]) for r in QUIET_SEED]
    assert judged(once).confidence == "likely"
    old = [replace(r, speedup_ci95=None) for r in QUIET_SEED]
    found = judged(old, machine=OLD_MACHINE)
    assert found.confidence == "likely"
    assert found.reasons == ["the GIL serialises this workload: threads take turns"]


def test_threads_slower_than_serial_are_still_the_gil_not_hand_overs() -> None:
    found = judged(seed_run(0.74, 1.9))
    assert found.headline == "At 2 workers: processes 1.90× faster; threads 0.74×"
    assert found.reasons[-1] == "the GIL serialises this workload: threads take turns"
    alone = judged([res("serial", 1.0), res("threads", 0.74)], machine=QUIET)
    assert alone.headline == "At 2 workers: threads 1.35× slower"
    assert "hand-over" not in alone.line


def test_a_rule_can_be_inserted_without_touching_the_others() -> None:
    def audit(e: Evidence) -> Finding:
        return Finding("an extra observation", confidence="likely", final=False)

    results = QUIET_SEED
    spec = BenchSpec(workers=(2,), strategies=("serial", "threads", "processes"))
    found = v.verdict(results, QUIET, WORKLOADS["seed"], INTERPRETER, spec, [audit, *v.RULES])
    assert found.reasons[0] == "an extra observation" and found.confidence == "likely"
