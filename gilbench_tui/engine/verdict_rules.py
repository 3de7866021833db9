"""The verdict's rules, in the order they are checked (`RULES`).

Each rule reads the `Evidence` and returns a `Finding` or None. The order is the argument:

1. data that cannot be read (nothing, wrong checksums, missing results, no serial, serial only,
   one worker) speaks first and says so, with results that cannot be compared (a finding);
2. then, for a run on a user's Dask cluster, the workers and hosts the dask strategies ran on;
   then the interpreter, when a free-threaded build ran with the GIL on (who turned it on), and
   the machine: busy, or giving no parallelism at all, so nothing is blamed on the GIL that
   the machine did;
3. then intervals too wide to decide whether a strategy gains;
4. then runs too small to say anything but "larger";
5. then the limits the run met: k above the usable cores, and what processes got of what the
   machine could give right now;
6. then waiting workloads, whose waits overlap even on one core, before the one-core rule;
7. last what threads show about the GIL: off, released, or serialising.

A rule that explains the numbers ends the list (`final`); the machine, the cap and the capacity
reading add a reason and let later rules speak. A rule names only what its data shows: a
mechanism the run did not measure is not a reason.
"""

from __future__ import annotations

from collections.abc import Callable

from gilbench_tui.engine.verdict_detail import Confidence
from gilbench_tui.engine.verdict_evidence import (
    FASTER,
    STARTUP_DOMINATES,
    UNKNOWN_TAG,
    Evidence,
    Finding,
    gains,
    scales,
    startup_share,
)
from gilbench_tui.probe.catalog import STRATEGIES

Rule = Callable[[Evidence], Finding | None]
UNUSABLE: Confidence = "inconclusive"
#: How many missing results a reason names before it counts the rest.
NAMED = 3


def nothing_measured(e: Evidence) -> Finding | None:
    return None if e.results else Finding(headline="Nothing was measured", confidence=UNUSABLE)


def wrong_results(e: Evidence) -> Finding | None:
    wrong = [f"{r.strategy} ×{r.workers}" for r in e.results if not r.checksum_ok]
    if not wrong:
        return None
    headline = (
        f"Checksums disagree ({_named(wrong)}): a strategy lost or changed results, "
        "so its times prove nothing"
    )
    return Finding(headline=headline, confidence=UNUSABLE)


def not_compared(e: Evidence) -> Finding | None:
    """Results whose checksums could not be compared (tasks that share state, each in its own
    interpreter): a finding about the workload, not a failure; the reason says what happened."""
    reasons: dict[str, list[str]] = {}
    for r in e.results:
        if r.not_comparable:
            reasons.setdefault(r.not_comparable, []).append(r.strategy)
    if not reasons:
        return None
    said = [f"{' and '.join(dict.fromkeys(names))}: {why}" for why, names in reasons.items()]
    return Finding("; ".join(said), final=False)


def incomplete(e: Evidence) -> Finding | None:
    if not e.missing:
        return None
    reason = f"the run is incomplete: no results for {_named(e.missing)}"
    return Finding(reason, confidence=UNUSABLE, final=False)


def no_serial(e: Evidence) -> Finding | None:
    if e.has_serial:
        return None
    headline = f"At {e.workers} workers: no serial run to compare with; add serial to see speedups"
    return Finding(headline=headline, confidence=UNUSABLE)


def serial_only(e: Evidence) -> Finding | None:
    if e.ranked:
        return None
    headline = f"Serial only: {e.at_k[-1].median_s:.3g} s for {e.workers} task(s)"
    return Finding(headline=headline, confidence=UNUSABLE)


def one_worker(e: Evidence) -> Finding | None:
    if e.workers != 1:
        return None
    headline = "With 1 worker nothing runs in parallel; measure 2 or more to compare strategies"
    return Finding(headline=headline, confidence=UNUSABLE)


def machine_busy(e: Evidence) -> Finding | None:
    """Others' load, steal and a low capacity, each as measured: the machine, not the workload,
    may have set the speedups."""
    seen = []
    if e.other_cores is not None:
        seen.append(f"other programs used {e.other_cores:.1f} cores during the run")
    if e.steal is not None:
        seen.append(f"the hypervisor took {e.steal:.0%} of the CPU time (steal)")
    if e.capacity_low is not None:
        seen.append(f"a busy loop got only {e.capacity_low:.1f}× of {e.ideal:g}× around the run")
    if not seen:
        return None
    return Finding("the machine was busy: " + "; ".join(seen), confidence="likely", final=False)


def no_parallelism_now(e: Evidence) -> Finding | None:
    """Not even a plain busy loop ran in parallel, and no strategy gained: the run cannot tell
    the GIL from a machine that had no core to spare."""
    now = e.capacity_now
    if now is None or now >= FASTER or e.ideal < FASTER or any(gains(r) for r in e.ranked):
        return None
    return Finding(
        f"not even a plain busy loop ran in parallel around the run ({now:.2f}× of "
        f"{e.ideal:g}×): this run cannot show what the GIL does",
        confidence=UNUSABLE,
    )


def undecided(e: Evidence) -> Finding | None:
    if not e.undecided:
        return None
    ranges = [
        f"{r.strategy} {r.speedup or 0.0:.2f}× could be anywhere from "
        f"{r.speedup_ci95[0]:.2f}× to {r.speedup_ci95[1]:.2f}×"
        for r in e.undecided
        if r.speedup_ci95 is not None
    ]
    reason = f"inconclusive: {'; '.join(ranges)}; more repeats (--repeat auto) would settle it"
    return Finding(reason, confidence=UNUSABLE)


def startup_dominated(e: Evidence) -> Finding | None:
    """A strategy that did not scale and spent over a quarter of its time starting. When that
    is a threads strategy its number says nothing about the GIL, and the list ends there."""
    shares = [
        (share, r.strategy)
        for r in e.ranked
        if (share := startup_share(r)) is not None and not scales(r, e.workers)
    ]
    share, name = max(shares, default=(0.0, ""))
    if share <= STARTUP_DOMINATES:
        return None
    reason = f"too small a run: start-up is {share:.0%} of the time ({name}); try a larger size"
    threads = {r.strategy for r in e.of_kind("threads", "coroutines")}
    return Finding(reason, final=name in threads)


def dask_cluster(e: Evidence) -> Finding | None:
    """The dask strategies ran on the user's cluster: its workers and hosts are their limit, not
    this machine's cores, so the verdict speaks of those (the later rules of cores and capacity
    read only what ran here)."""
    cluster = e.cluster
    if cluster is None or not e.on_cluster:
        return None
    hosts = len(cluster.hosts)
    shape = (
        f"{cluster.workers} worker{'s' if cluster.workers != 1 else ''} × "
        f"{cluster.threads_per_worker} thread{'s' if cluster.threads_per_worker != 1 else ''} "
        f"on {hosts} host{'s' if hosts != 1 else ''} ({_named(cluster.hosts)})"
    )
    best = e.on_cluster[0]
    reason = f"{best.strategy} {best.speedup or 0.0:.2f}× ran on the Dask cluster's {shape}"
    slots = cluster.workers * cluster.threads_per_worker
    if e.workers > cluster.workers and STRATEGIES[best.strategy].own_interpreter:
        reason += f": {e.workers} tasks share {cluster.workers} workers"
    elif e.workers > slots:
        reason += f": {e.workers} tasks share {slots} worker threads"
    return Finding(reason, final=False)


def capped(e: Evidence) -> Finding | None:
    """More tasks than usable cores. Under an affinity mask or a quota the verdict speaks of
    that limit, not of the machine, so it is at most likely."""
    limit = e.capacity_limit
    if e.workers <= limit:
        return None
    machine = e.machine
    if machine.cpu_quota is not None and machine.cpu_quota < machine.usable:
        where = f"a quota of {machine.cpu_quota:g} CPUs"
    else:
        where = f"{machine.usable} usable core{'s' if machine.usable != 1 else ''}"
    why = machine.usable_cpus_reason
    where += f" ({why})" if why and why != "all" else ""
    if limit <= 1:
        reason = f"capped at {where}: the {e.workers} tasks take turns on it"
    else:
        reason = f"capped at {where}: {e.workers} tasks finish at most {limit:g}× sooner"
    return Finding(reason, confidence="likely" if e.limited else None, final=False)


def processes_against_capacity(e: Evidence) -> Finding | None:
    """The best task-per-interpreter strategy against what a busy loop got around the run."""
    now = e.capacity_now
    if now is None or e.ideal < FASTER or not e.own_interpreters:
        return None
    best = e.own_interpreters[0]
    x = best.speedup or 0.0
    share = x / now if now > 0 else 0.0
    of = "as much as" if share >= 0.995 else f"{share:.0%} of"
    return Finding(
        f"{best.strategy} {x:.2f}× is {of} the {now:.2f}× this machine could give right now",
        final=False,
    )


def your_code(e: Evidence) -> Finding | None:
    """A user's own function: advice in plain words (threads, processes, or neither), with the
    GIL behaviour this run measured and, when results were shipped back, what that cost."""
    if not e.spec.user_code or (e.threads is None and not e.own_interpreters):
        return None
    t = e.threads
    p = e.own_interpreters[0] if e.own_interpreters else None
    tx, px = (t.speedup or 0.0) if t else 0.0, (p.speedup or 0.0) if p else 0.0
    figures = ", ".join(f"{r.strategy} {r.speedup or 0.0:.2f}×" for r in (t, p) if r is not None)
    if t is not None and gains(t) and (p is None or tx >= 0.9 * px or not gains(p)):
        headline = f"Threads are enough: {tx:.2f}× without pickling"
    elif p is not None and gains(p):
        headline = f"Use {p.strategy}: {figures}"
    elif e.busy:
        return Finding(
            headline=f"Neither gained at {e.workers} tasks ({figures}), but the machine was busy: "
            "measure again when it is quiet",
            confidence=UNUSABLE,
        )
    else:
        headline = (
            f"Neither helps at {e.workers} tasks: {figures}; keep it serial or give each task "
            "more work"
        )
    reasons = []
    if e.measured_gil is not None:
        sweep = " over the task counts" if e.measured_gil.swept else ""
        reasons.append(
            f"it {e.measured_gil.shown}: about {e.measured_gil.parallel_fraction:.0%} of it ran "
            f"in parallel in threads{sweep}"
        )
    if p is not None and p.transfer_s:
        reasons.append(
            f"shipping the results back cost {p.strategy} {p.transfer_s * 1e3:.3g} ms of its "
            f"{p.median_s * 1e3:.3g} ms"
        )
    return Finding("; ".join(reasons) or None, headline=headline)


def waits_overlap(e: Evidence) -> Finding | None:
    """Tasks that wait overlap their waits even on one core, so this comes before one_core."""
    if e.gil_tag != "waits":
        return None
    overlapping = [r for r in e.of_kind("threads", "coroutines") if scales(r, e.workers)]
    if not overlapping:
        return None
    names = " and ".join(r.strategy for r in overlapping[:2])
    return Finding(f"{names} overlap the waits: the GIL is free while a task waits")


def one_core(e: Evidence) -> Finding | None:
    if e.ideal >= FASTER:
        return None
    return Finding(
        "on one usable core nothing computes in parallel: this run cannot show what the GIL does",
        confidence="likely",
    )


def gil_turned_on(e: Evidence) -> Finding | None:
    """A free-threaded build that ran with the GIL on: say who turned it on, since the later
    rules then read the run as a GIL build's."""
    i = e.interpreter
    if not i.gil_disabled_build or not i.gil_enabled:
        return None
    if i.gil_reenabled_by_import:
        return Finding(
            "the GIL was off until the workload's imports loaded an extension module that does "
            "not declare free-threading support, and CPython turned it back on for the run "
            "(--gil 0 or PYTHON_GIL=0 keeps it off, at that module's risk)",
            final=False,
        )
    if "1" in (i.gil_option, i.python_gil_env):
        return Finding("the GIL was turned on with -X gil=1: a GIL build's run", final=False)
    return Finding("the GIL was on in this free-threaded build", final=False)


def gil_off(e: Evidence) -> Finding | None:
    """A free-threaded build with the GIL off: threads that do not scale contend for something
    they share; the run was not too small, it had no GIL to blame."""
    if e.interpreter.gil_enabled or e.threads is None:
        return None
    if e.threads_scale:
        return Finding("the GIL is off: threads run Python in parallel")
    if not e.parallelism_shown or gains(e.threads):
        return None
    shared = e.contends_on or "a shared object"
    if e.threads_lose:
        return Finding(
            f"threads are slower than serial with the GIL off: they contend for {shared}"
        )
    return Finding(f"the GIL is off, yet threads gain nothing: they contend for {shared}")


def gil_released(e: Evidence) -> Finding | None:
    if e.gil_tag != "releases" or not e.interpreter.gil_enabled or e.threads is None:
        return None
    if e.threads_scale:
        return Finding("threads run in parallel because this workload releases the GIL")
    if not e.parallelism_shown or gains(e.threads):
        return None
    return Finding(
        "threads gain nothing although this workload releases the GIL in its C calls; "
        "try a larger size"
    )


def gil_serialises(e: Evidence) -> Finding | None:
    """A GIL build, a workload that holds the GIL (or may), threads no faster than serial, and a
    machine that could run tasks in parallel: the GIL is what kept threads from doing so."""
    if e.gil_tag not in ("holds", UNKNOWN_TAG) or not e.interpreter.gil_enabled:
        return None
    if e.threads is None or gains(e.threads) or not e.parallelism_shown:
        return None
    if e.gil_tag == UNKNOWN_TAG:
        return Finding("threads gain nothing: this workload holds the GIL")
    return Finding("the GIL serialises this workload: threads take turns")


def outside_the_gil(e: Evidence) -> Finding | None:
    """A workload the catalog does not know whose threads scale: it spends its time where the
    GIL is free, in C code or waiting (the run cannot tell which)."""
    if e.gil_tag != UNKNOWN_TAG or not e.threads_scale:
        return None
    return Finding("threads run in parallel: this workload spends its time outside the GIL")


#: In order (see the module's docstring).
RULES: list[Rule] = [
    nothing_measured,
    wrong_results,
    not_compared,
    incomplete,
    no_serial,
    serial_only,
    one_worker,
    dask_cluster,
    gil_turned_on,
    machine_busy,
    no_parallelism_now,
    undecided,
    startup_dominated,
    capped,
    processes_against_capacity,
    your_code,
    waits_overlap,
    one_core,
    gil_off,
    gil_released,
    gil_serialises,
    outside_the_gil,
]


def _named(items: list[str]) -> str:
    more = len(items) - NAMED
    return ", ".join(items[:NAMED]) + (f" and {more} more" if more > 0 else "")
