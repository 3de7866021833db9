"""What the verdict's rules read: a run's results with its machine, workload record, interpreter and
spec (`Evidence`), and what a rule says back (`Finding`).

The thresholds live here, so every rule reads a speedup the same way:

- A speedup of at least FASTER is a gain worth the name; at most SLOWER, a loss; in between,
  about as fast as serial.
- A speedup is *undecided* when its 95% interval holds both 1.0 (no gain) and FASTER (a gain): the
  run cannot tell "threads do nothing" from "threads help". That is the one question every rule
  hangs on (does this strategy run in parallel?), so it is the one the intervals must settle. An
  interval that holds 1.0 and reaches down to SLOWER does not unsettle "no gain"; the rules that
  claim "slower than serial" check that the whole interval lies below 1.0 themselves.
- A run whose results have no intervals (stored before they were kept, or one repeat) is not
  undecided, but neither can its intervals decide it: its confidence is at most "likely".
- The machine was busy when others used more than BUSY_OTHER_CORES cores, steal passed
  HIGH_STEAL, or a plain busy loop got less than LOW_CAPACITY of min(k, usable) around the run
  (the same limits as the run's warnings, engine.aggregate). Nothing measured means nothing seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from gilbench_tui.engine.aggregate import BUSY_OTHER_CORES, HIGH_STEAL, LOW_CAPACITY, amdahl_fits
from gilbench_tui.engine.gil_measured import MeasuredGil
from gilbench_tui.engine.gil_measured import measure as measure_gil
from gilbench_tui.engine.results import Cluster, Interpreter, Machine, StrategyResult
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.stats import NOISY_CV
from gilbench_tui.engine.verdict_detail import Confidence
from gilbench_tui.probe.catalog import STRATEGIES, Workload

FASTER = 1.15
SLOWER = 0.9
SCALES = 1.5
#: Fewer repeats than this cannot show how much the times vary: no verdict is then clear.
MIN_REPEATS = 3
#: Start-up above this share of a strategy's time: the run is too small to say anything else.
STARTUP_DOMINATES = 0.25
#: The GIL tag of a workload the catalog does not know (a file or module of the user's).
UNKNOWN_TAG = "unknown"


@dataclass(frozen=True)
class Evidence:
    """A finished run as the rules see it. `workload` is the catalog's record, None for a
    workload the catalog does not know."""

    results: Sequence[StrategyResult]
    machine: Machine
    workload: Workload | None
    interpreter: Interpreter
    spec: BenchSpec
    #: The user's Dask cluster the dask strategies ran on (--dask-scheduler), else None.
    cluster: Cluster | None = None

    @property
    def gil_tag(self) -> str:
        return self.workload.gil if self.workload is not None else UNKNOWN_TAG

    @property
    def contends_on(self) -> str | None:
        return self.workload.contends_on if self.workload is not None else None

    @cached_property
    def workers(self) -> int:
        """The worker count the verdict speaks of: the largest at which every strategy the run
        measured has a result (a run stopped early speaks of what it finished), else the largest."""
        measured = {r.strategy for r in self.results}
        complete = [k for k in self.counts if measured <= self.strategies_at(k)]
        return max(complete or self.counts or [0])

    @cached_property
    def counts(self) -> list[int]:
        return sorted({r.workers for r in self.results})

    def strategies_at(self, k: int) -> set[str]:
        return {r.strategy for r in self.results if r.workers == k and usable_result(r)}

    @cached_property
    def missing(self) -> list[str]:
        """`processes ×4` for every strategy the run measured somewhere but not at a count the
        spec asked for (stopped early, or failed there)."""
        measured = list(dict.fromkeys(r.strategy for r in self.results))
        counts = sorted({*self.spec.workers, *self.counts})
        return [
            f"{name} ×{k}" for k in counts for name in measured if name not in self.strategies_at(k)
        ]

    @cached_property
    def at_k(self) -> list[StrategyResult]:
        return [r for r in self.results if r.workers == self.workers]

    @cached_property
    def ranked(self) -> list[StrategyResult]:
        """The strategies other than serial at that count, fastest first."""
        others = [r for r in self.at_k if r.strategy != "serial"]
        return sorted(others, key=lambda r: r.speedup or 0.0, reverse=True)

    @cached_property
    def has_serial(self) -> bool:
        return any(r.strategy == "serial" for r in self.at_k)

    # The machine.

    @property
    def capacity_limit(self) -> float:
        """The most parallelism the limits allow: usable cores, or the quota when lower."""
        return self.machine.parallel_capacity

    @property
    def ideal(self) -> float:
        """The best speedup k tasks could get here: min(k, usable)."""
        return min(float(self.workers), self.capacity_limit)

    @property
    def limited(self) -> bool:
        """An affinity mask or a CPU quota leaves fewer CPUs than the machine has."""
        return self.machine.usable < self.machine.logical_cpus or self.machine.cpu_quota is not None

    @cached_property
    def capacity_now(self) -> float | None:
        """What a busy loop got from min(k, usable) processes around the run (the mean of before
        and after), or None when it was not measured."""
        found = [c for c in (self.machine.capacity_before, self.machine.capacity_after) if c]
        return sum(found) / len(found) if found else None

    @cached_property
    def capacity_low(self) -> float | None:
        """The lower capacity measured around the run, when it fell below LOW_CAPACITY × ideal."""
        found = [c for c in (self.machine.capacity_before, self.machine.capacity_after) if c]
        if not found or self.ideal <= 1 or min(found) >= LOW_CAPACITY * self.ideal:
            return None
        return min(found)

    @cached_property
    def other_cores(self) -> float | None:
        """The most cores others used during any result, when above BUSY_OTHER_CORES."""
        seen = max((r.other_cpu_cores or 0.0 for r in self.results), default=0.0)
        return seen if seen > BUSY_OTHER_CORES else None

    @cached_property
    def steal(self) -> float | None:
        seen = max((r.steal_fraction or 0.0 for r in self.results), default=0.0)
        return seen if seen > HIGH_STEAL else None

    @property
    def busy(self) -> bool:
        return any(x is not None for x in (self.other_cores, self.steal, self.capacity_low))

    # The strategies at the count spoken of, by what their catalog record says they are.

    def of_kind(self, *kinds: str) -> list[StrategyResult]:
        """Those of `kinds` that ran here: on a user's cluster the dask strategies ran there."""
        return [r for r in self.ranked if _kind(r.strategy) in kinds and not self.remote(r)]

    def remote(self, r: StrategyResult) -> bool:
        """Ran on the user's Dask cluster, not on this machine's cores."""
        record = STRATEGIES.get(r.strategy)
        return self.cluster is not None and record is not None and record.standing

    @cached_property
    def on_cluster(self) -> list[StrategyResult]:
        return [r for r in self.ranked if self.remote(r)]

    @cached_property
    def threads(self) -> StrategyResult | None:
        """The plain `threads` strategy, else the first one of its kind (a thread pool)."""
        found = self.of_kind("threads")
        plain = [r for r in found if r.strategy == "threads"]
        return next(iter(plain or found), None)

    @cached_property
    def own_interpreters(self) -> list[StrategyResult]:
        """Processes, pools of them and subinterpreters: tasks with a GIL each."""
        return self.of_kind("processes", "interpreters")

    @property
    def threads_scale(self) -> bool:
        t = self.threads
        return t is not None and scales(t, self.workers)

    @property
    def threads_lose(self) -> bool:
        """Threads slower than serial, and the interval says so too."""
        t = self.threads
        return t is not None and below(t, 1.0) and (t.speedup or 0.0) <= SLOWER

    @property
    def parallelism_shown(self) -> bool:
        """Some task with its own interpreter gained, or a busy loop did around the run: the
        machine could run tasks in parallel, so a strategy that did not is held back by itself."""
        if any(gains(r) for r in self.own_interpreters):
            return True
        return self.capacity_now is None or self.capacity_now >= FASTER

    @cached_property
    def measured_gil(self) -> MeasuredGil | None:
        """How the workload treated the GIL, as this run measured it (for a user's code)."""
        fits = amdahl_fits(self.results, self.machine.usable)
        return measure_gil(self.results, self.machine, fits, self.interpreter.gil_enabled)

    @cached_property
    def undecided(self) -> list[StrategyResult]:
        return [r for r in self.ranked if is_undecided(r)]

    @cached_property
    def unsteady(self) -> bool:
        """Too few repeats to see the spread, a spread too wide, or no interval to decide with."""
        return any(
            r.cv > NOISY_CV
            or len(r.times_s) < MIN_REPEATS
            or (r.strategy != "serial" and r.speedup_ci95 is None)
            for r in self.at_k
        )


@dataclass(frozen=True)
class Finding:
    reason: str | None = None
    #: Replaces the ranking as the headline: for data the ranking cannot speak of.
    headline: str | None = None
    confidence: Confidence | None = None
    #: Later rules are not consulted.
    final: bool = True


def usable_result(r: StrategyResult) -> bool:
    """A result with times to read: a strategy that failed has none, or none above zero."""
    return bool(r.times_s) and r.median_s > 0


def _kind(strategy: str) -> str | None:
    record = STRATEGIES.get(strategy)
    return record.kind if record is not None else None


def gains(r: StrategyResult) -> bool:
    """A speedup of at least FASTER whose interval, where there is one, lies above 1."""
    return (r.speedup or 0.0) >= FASTER and above(r, 1.0)


def scales(r: StrategyResult, workers: int) -> bool:
    """Runs its tasks in parallel: at least SCALES×, or at two tasks 70% of the ideal 2×."""
    x = r.speedup or 0.0
    return gains(r) and (x >= SCALES or (workers <= 2 and x >= 0.7 * workers))


def below(r: StrategyResult, value: float) -> bool:
    """The speedup's interval (or the speedup, when it has none) lies below `value`."""
    hi = r.speedup_ci95[1] if r.speedup_ci95 is not None else r.speedup
    return hi is not None and hi < value


def above(r: StrategyResult, value: float) -> bool:
    """The speedup's interval (or the speedup, when it has none) lies above `value`."""
    lo = r.speedup_ci95[0] if r.speedup_ci95 is not None else r.speedup
    return lo is not None and lo > value


def is_undecided(r: StrategyResult) -> bool:
    """The interval holds both 1.0 (no gain) and FASTER (a gain): it settles nothing."""
    if r.speedup_ci95 is None:
        return False
    lo, hi = r.speedup_ci95
    return lo <= 1.0 and hi >= FASTER


def startup_share(r: StrategyResult) -> float | None:
    """How much of the time starting the tasks took: the timed start-up of the wall time, or a
    pool's start-up (timed apart) of the two together."""
    record = STRATEGIES.get(r.strategy)
    if record is not None and record.standing:
        return None if r.median_s <= 0 else min(1.0, r.startup_s / r.median_s)
    if record is not None and record.startup_apart and r.pool_startup_s:
        return r.pool_startup_s / (r.pool_startup_s + r.median_s)
    if r.median_s > 0 and (record is None or record.concurrent):
        return min(1.0, r.startup_s / r.median_s)
    return None
