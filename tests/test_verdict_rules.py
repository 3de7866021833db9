"""Each verdict rule alone, on fixed data: when it speaks, what it says, and when it stays silent."""

from __future__ import annotations

from dataclasses import replace

from gilbench_tui.engine import verdict_rules as v
from gilbench_tui.engine.results import Cluster
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.verdict import Finding
from tests.verdict_data import (
    BUSY,
    NO_GIL,
    OLD_MACHINE,
    QUIET,
    SHARED,
    TASKSET,
    WORKLOADS,
    evidence,
    res,
    seed_run,
)

SERIAL = res("serial", 1.0)


def reason(finding: Finding | None) -> str:
    assert finding is not None and finding.reason is not None
    return finding.reason


def headline(finding: Finding | None) -> str:
    assert finding is not None and finding.headline is not None
    return finding.headline


# Data that cannot be read.


def test_nothing_measured() -> None:
    finding = v.nothing_measured(evidence())
    assert headline(finding) == "Nothing was measured"
    assert finding is not None and finding.confidence == "inconclusive"
    assert v.nothing_measured(evidence(*seed_run(1.0, 1.9))) is None


def test_wrong_results_replace_the_ranking() -> None:
    run = [SERIAL, res("threads", 1.0), res("processes", 1.9, ok=False)]
    finding = v.wrong_results(evidence(*run))
    assert headline(finding).startswith("Checksums disagree (processes ×2)")
    assert finding is not None and finding.confidence == "inconclusive"
    assert v.wrong_results(evidence(*seed_run(1.0, 1.9))) is None


def test_a_run_stopped_early_names_what_is_missing_and_speaks_of_what_it_finished() -> None:
    run = [*seed_run(1.0, 1.9), res("serial", 1.0, k=4)]
    e = evidence(*run, spec=BenchSpec(workers=(2, 4, 8)))
    assert e.workers == 2
    finding = v.incomplete(e)
    assert reason(finding) == (
        "the run is incomplete: no results for threads ×4, processes ×4, serial ×8 and 2 more"
    )
    assert finding is not None and finding.confidence == "inconclusive" and not finding.final
    assert v.incomplete(evidence(*seed_run(1.0, 1.9))) is None


def test_a_result_without_times_is_missing() -> None:
    failed = replace(res("processes", 1.9), times_s=[], median_s=0.0)
    assert "processes ×2" in reason(v.incomplete(evidence(SERIAL, res("threads", 1.0), failed)))


def test_no_serial() -> None:
    assert "no serial run" in headline(v.no_serial(evidence(res("threads", None))))
    assert v.no_serial(evidence(*seed_run(1.0, 1.9))) is None


def test_serial_only() -> None:
    assert headline(v.serial_only(evidence(SERIAL))) == "Serial only: 2 s for 2 task(s)"
    assert v.serial_only(evidence(*seed_run(1.0, 1.9))) is None


def test_one_worker() -> None:
    finding = v.one_worker(evidence(res("serial", 1.0, k=1), res("threads", 1.0, k=1)))
    assert headline(finding).startswith("With 1 worker")
    assert v.one_worker(evidence(*seed_run(1.0, 1.9))) is None


# The machine.


def test_a_busy_machine_names_what_was_seen() -> None:
    finding = v.machine_busy(evidence(*seed_run(1.0, 1.25, others=0.9), machine=BUSY))
    assert reason(finding) == (
        "the machine was busy: other programs used 0.9 cores during the run; "
        "a busy loop got only 1.3× of 2× around the run"
    )
    assert finding is not None and finding.confidence == "likely" and not finding.final
    steal = [replace(r, steal_fraction=0.12) for r in seed_run(1.0, 1.9)]
    assert "the hypervisor took 12% of the CPU time (steal)" in reason(
        v.machine_busy(evidence(*steal))
    )
    assert v.machine_busy(evidence(*seed_run(1.0, 1.9, others=0.2))) is None
    assert v.machine_busy(evidence(*seed_run(1.0, 1.9), machine=OLD_MACHINE)) is None


def test_a_loop_on_one_usable_core_is_not_a_busy_machine() -> None:
    assert v.machine_busy(evidence(*seed_run(0.98, 0.84), machine=TASKSET)) is None


def test_no_parallelism_now() -> None:
    stalled = replace(QUIET, capacity_before=1.02, capacity_after=1.04)
    finding = v.no_parallelism_now(evidence(*seed_run(0.5, 0.72), machine=stalled))
    assert reason(finding) == (
        "not even a plain busy loop ran in parallel around the run (1.03× of 2×): "
        "this run cannot show what the GIL does"
    )
    assert finding is not None and finding.confidence == "inconclusive"
    assert v.no_parallelism_now(evidence(*seed_run(1.0, 1.9), machine=stalled)) is None
    assert v.no_parallelism_now(evidence(*seed_run(1.0, 1.25), machine=BUSY)) is None
    assert v.no_parallelism_now(evidence(*seed_run(1.0, 0.84), machine=TASKSET)) is None


# Intervals.


def test_an_interval_holding_both_no_gain_and_a_gain_is_inconclusive() -> None:
    wide = [SERIAL, res("threads", 1.1, ci=(0.92, 1.31)), res("processes", 1.9)]
    finding = v.undecided(evidence(*wide))
    assert reason(finding) == (
        "inconclusive: threads 1.10× could be anywhere from 0.92× to 1.31×; "
        "more repeats (--repeat auto) would settle it"
    )
    assert finding is not None and finding.confidence == "inconclusive" and finding.final


def test_narrow_intervals_and_intervals_on_one_side_decide() -> None:
    assert v.undecided(evidence(*seed_run(1.0, 1.9))) is None
    no_gain = [SERIAL, res("threads", 0.97, ci=(0.85, 1.1)), res("processes", 1.9)]
    assert v.undecided(evidence(*no_gain)) is None
    small_gain = [SERIAL, res("threads", 1.2, ci=(1.02, 1.4))]
    assert v.undecided(evidence(*small_gain)) is None
    without = [SERIAL, res("threads", 1.1, ci=None)]
    assert v.undecided(evidence(*without)) is None


# Run size and limits.


def test_start_up_that_dominates_says_the_run_is_too_small() -> None:
    tiny = [SERIAL, res("threads", 0.9), res("processes", 0.6, startup_s=1.4)]
    finding = v.startup_dominated(evidence(*tiny))
    assert reason(finding) == (
        "too small a run: start-up is 42% of the time (processes); try a larger size"
    )
    assert finding is not None and not finding.final  # threads may still show the GIL
    assert v.startup_dominated(evidence(*seed_run(1.0, 1.9))) is None


def test_threads_that_spend_their_time_starting_say_nothing_else() -> None:
    tiny = [SERIAL, res("threads", 0.7, startup_s=1.5)]
    finding = v.startup_dominated(evidence(*tiny))
    assert "start-up is 52% of the time (threads)" in reason(finding)
    assert finding is not None and finding.final


def test_a_strategy_that_scales_was_not_held_back_by_its_start_up() -> None:
    assert v.startup_dominated(evidence(SERIAL, res("processes", 1.9, startup_s=0.3))) is None


def test_a_pools_start_up_is_read_beside_its_time() -> None:
    pool = replace(res("process-pool", 0.8), pool_startup_s=2.5)
    assert "start-up is 50% of the time (process-pool)" in reason(
        v.startup_dominated(evidence(SERIAL, pool))
    )


def test_capped_names_the_usable_cores_and_why() -> None:
    finding = v.capped(evidence(*seed_run(0.98, 0.84), machine=TASKSET))
    assert reason(finding) == (
        "capped at 1 usable core (affinity 1 of 2): the 2 tasks take turns on it"
    )
    assert finding is not None and finding.confidence == "likely" and not finding.final
    hardware = v.capped(evidence(*seed_run(1.0, 1.9, k=4)))
    assert reason(hardware) == "capped at 2 usable cores: 4 tasks finish at most 2× sooner"
    assert hardware is not None and hardware.confidence is None
    quota = replace(QUIET, cpu_quota=1.5, usable_cpus_reason="cgroup quota 1.5 CPUs")
    assert reason(v.capped(evidence(*seed_run(1.0, 1.4), machine=quota))).startswith(
        "capped at a quota of 1.5 CPUs (cgroup quota 1.5 CPUs): 2 tasks finish at most 1.5×"
    )
    assert v.capped(evidence(*seed_run(1.0, 1.9))) is None


def test_processes_are_read_against_the_capacity_around_the_run() -> None:
    finding = v.processes_against_capacity(evidence(*seed_run(1.0, 1.55), machine=BUSY))
    assert (
        reason(finding)
        == "processes 1.55× is as much as the 1.30× this machine could give right now"
    )
    slower = replace(QUIET, capacity_before=1.6, capacity_after=1.6)
    assert reason(v.processes_against_capacity(evidence(*seed_run(1.0, 1.55), machine=slower))) == (
        "processes 1.55× is 97% of the 1.60× this machine could give right now"
    )
    assert v.processes_against_capacity(evidence(*seed_run(1.0, 1.9), machine=OLD_MACHINE)) is None
    assert v.processes_against_capacity(evidence(*seed_run(1.0, 0.84), machine=TASKSET)) is None


# What threads show.


def test_waits_overlap_even_on_one_core() -> None:
    sleep = WORKLOADS["sleep"]
    run = [SERIAL, res("threads", 1.95), res("asyncio", 1.9)]
    assert reason(v.waits_overlap(evidence(*run, workload=sleep, machine=TASKSET))) == (
        "threads and asyncio overlap the waits: the GIL is free while a task waits"
    )
    assert v.waits_overlap(evidence(*seed_run(1.95, 1.9))) is None
    assert v.waits_overlap(evidence(*seed_run(1.0, 1.9), workload=sleep)) is None


def test_one_core() -> None:
    finding = v.one_core(evidence(*seed_run(0.98, 0.84), machine=TASKSET))
    assert "on one usable core nothing computes in parallel" in reason(finding)
    assert "GIL serialises" not in reason(finding)
    assert v.one_core(evidence(*seed_run(1.0, 1.9))) is None


def test_gil_off_threads_that_scale() -> None:
    finding = v.gil_off(evidence(*seed_run(1.85, 1.9), interpreter=NO_GIL))
    assert reason(finding) == "the GIL is off: threads run Python in parallel"
    assert v.gil_off(evidence(*seed_run(1.85, 1.9))) is None


def test_gil_off_threads_slower_than_serial_contend_for_what_the_record_names() -> None:
    run = [SERIAL, res("threads", 0.6, ci=(0.55, 0.66)), res("processes", 1.9)]
    found = reason(v.gil_off(evidence(*run, interpreter=NO_GIL, workload=SHARED)))
    assert found == (
        "threads are slower than serial with the GIL off: "
        "they contend for the module-level random generator"
    )
    assert "small" not in found
    unnamed = reason(v.gil_off(evidence(*run, interpreter=NO_GIL)))
    assert unnamed.endswith("they contend for a shared object")
    flat = [SERIAL, res("threads", 1.0), res("processes", 1.9)]
    assert reason(v.gil_off(evidence(*flat, interpreter=NO_GIL, workload=SHARED))) == (
        "the GIL is off, yet threads gain nothing: they contend for the module-level random generator"
    )


def test_gil_off_slower_needs_the_whole_interval_below_serial() -> None:
    unsure = [SERIAL, res("threads", 0.88, ci=(0.8, 1.04)), res("processes", 1.9)]
    assert reason(v.gil_off(evidence(*unsure, interpreter=NO_GIL))).startswith(
        "the GIL is off, yet threads gain nothing"
    )


def test_gil_released() -> None:
    sha = WORKLOADS["sha256"]
    assert reason(v.gil_released(evidence(*seed_run(1.8, 1.9), workload=sha))) == (
        "threads run in parallel because this workload releases the GIL"
    )
    assert "try a larger size" in reason(
        v.gil_released(evidence(*seed_run(0.7, 1.9), workload=sha))
    )
    assert v.gil_released(evidence(*seed_run(1.8, 1.9))) is None
    assert v.gil_released(evidence(*seed_run(1.8, 1.9), workload=sha, interpreter=NO_GIL)) is None


def test_gil_serialises() -> None:
    assert reason(v.gil_serialises(evidence(*seed_run(1.0, 1.9)))) == (
        "the GIL serialises this workload: threads take turns"
    )
    assert reason(v.gil_serialises(evidence(*seed_run(0.74, 1.9)))) == (
        "the GIL serialises this workload: threads take turns"
    )
    assert v.gil_serialises(evidence(*seed_run(1.8, 1.9))) is None
    assert v.gil_serialises(evidence(*seed_run(1.0, 1.9), interpreter=NO_GIL)) is None
    assert v.gil_serialises(evidence(*seed_run(1.0, 1.9), workload=WORKLOADS["zlib"])) is None


def test_the_gil_is_not_blamed_when_the_machine_gave_no_parallelism() -> None:
    stalled = replace(QUIET, capacity_before=1.02, capacity_after=1.02)
    assert v.gil_serialises(evidence(*seed_run(1.0, 1.05), machine=stalled)) is None


def test_a_workload_the_catalog_does_not_know() -> None:
    assert reason(v.gil_serialises(evidence(*seed_run(1.0, 1.9), workload=None))) == (
        "threads gain nothing: this workload holds the GIL"
    )
    assert reason(v.outside_the_gil(evidence(*seed_run(1.8, 1.9), workload=None))) == (
        "threads run in parallel: this workload spends its time outside the GIL"
    )
    assert v.outside_the_gil(evidence(*seed_run(1.8, 1.9))) is None


def test_no_rule_blames_hand_overs() -> None:
    """Since 3.2 a waiting thread asks for the GIL and the holder drops it after the switch
    interval: "hand-overs cost extra" was Python 2's story, and no rule tells it."""
    import inspect

    assert "hand-over" not in inspect.getsource(v)


# A user's Dask cluster.


CLUSTER = Cluster("tcp://10.0.0.5:8786", workers=3, threads_per_worker=1, hosts=["a", "b"])


def test_dask_cluster_names_the_workers_and_hosts_the_dask_strategies_ran_on() -> None:
    run = [SERIAL, res("dask-processes", 2.7, k=3), res("dask-threads", 1.0, k=3)]
    finding = v.dask_cluster(replace(evidence(*run), cluster=CLUSTER))
    assert reason(finding) == (
        "dask-processes 2.70× ran on the Dask cluster's 3 workers × 1 thread on 2 hosts (a, b)"
    )
    assert finding is not None and not finding.final


def test_dask_cluster_says_when_the_tasks_outnumber_the_workers() -> None:
    run = [SERIAL, res("dask-processes", 2.9, k=6)]
    finding = v.dask_cluster(replace(evidence(*run), cluster=CLUSTER))
    assert reason(finding).endswith(": 6 tasks share 3 workers")


def test_dask_cluster_is_silent_without_a_cluster_and_local_rules_skip_its_strategies() -> None:
    run = [SERIAL, res("dask-processes", 1.9), res("threads", 1.0)]
    assert v.dask_cluster(evidence(*run)) is None
    remote = replace(evidence(*run), cluster=CLUSTER)
    assert [r.strategy for r in remote.own_interpreters] == []
    assert v.processes_against_capacity(remote) is None
    assert [r.strategy for r in evidence(*run).own_interpreters] == ["dask-processes"]


def test_results_that_cannot_be_compared_are_a_finding_that_lets_later_rules_speak() -> None:
    run = seed_run(1.0, 1.9)
    why = "every process drew the same numbers: fork copied the generator"
    marked = [replace(r, not_comparable=why) if r.strategy == "processes" else r for r in run]
    finding = v.not_compared(evidence(*marked, workload=SHARED))
    assert finding is not None and not finding.final
    assert reason(finding) == f"processes: {why}"
    assert v.not_compared(evidence(*run, workload=SHARED)) is None


def test_a_free_threaded_build_with_the_gil_on_says_who_turned_it_on() -> None:
    run = seed_run(1.0, 1.9)
    on = replace(NO_GIL, gil_enabled=True, gil_enabled_before_imports=True)
    assert v.gil_turned_on(evidence(*run, interpreter=NO_GIL)) is None
    assert v.gil_turned_on(evidence(*run)) is None  # a GIL build
    by_import = replace(on, gil_enabled_before_imports=False)
    found = v.gil_turned_on(evidence(*run, interpreter=by_import))
    assert found is not None and not found.final
    assert reason(found).startswith(
        "the GIL was off until the workload's imports loaded an extension"
    )
    by_flag = reason(v.gil_turned_on(evidence(*run, interpreter=replace(on, gil_option="1"))))
    assert by_flag == "the GIL was turned on with -X gil=1: a GIL build's run"
    by_env = reason(v.gil_turned_on(evidence(*run, interpreter=replace(on, python_gil_env="1"))))
    assert by_env == by_flag
    # and the later rules then read it as a GIL build's run
    assert v.gil_serialises(evidence(*run, interpreter=by_import)) is not None
