"""How a user's function treats the GIL, measured rather than declared.

The catalog's workloads say what they do with the GIL; a user's function cannot, so its tag is
read from the run: the threads' speedup over serial, set against what parallelism this machine
gave right now (a busy loop in min(k, usable) processes around the run, or the usable cores when
that was not measured), and the CPU the threads used.

- Tasks whose threads used less than WAITING_CORES of CPU per second of wall time, and gained,
  spent their time waiting: **waits**.
- Otherwise the share of the work that ran in parallel is Amdahl's p, from the threads' speedup S
  on n = what the machine gave: S = 1 / ((1 - p) + p / n). When the run swept two or more task
  counts, the fit over all of them (aggregate.amdahl_fits) gives p instead.
- The machine's parallelism is read from the busy loop (before and after: both must show it) and
  from the run's own process strategies (one of them must have gained, when any ran).
- p at least RELEASES: **releases the GIL**; at most HOLDS: **holds the GIL**; in between,
  **mixed (about N% parallel)**.

With no threads result, no serial one, or a machine that gave no parallelism at all (not even the
busy loop ran faster), nothing can be measured and there is no tag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Literal

from gilbench_tui.engine.typed_json import AtLeast
from gilbench_tui.probe.catalog import STRATEGIES

if TYPE_CHECKING:  # results.py holds a MeasuredGil, so it is imported for types only
    from gilbench_tui.engine.results import Machine, StrategyResult

Behaviour = Literal["holds", "releases", "waits", "mixed"]
RELEASES = 0.75
HOLDS = 0.25
WAITING_CORES = 0.5
#: Below this speedup a busy loop ran nothing in parallel: no tag can be measured.
NO_PARALLELISM = 1.15


@dataclass(frozen=True)
class MeasuredGil:
    """The measured GIL behaviour of a run's workload (`gil_measured` in the run's JSON)."""

    behaviour: Behaviour
    #: The words shown: `holds the GIL`, `releases the GIL`, `waits`, `mixed (about 60% parallel)`.
    tag: str
    #: Amdahl's parallel fraction p of the threads, 0..1.
    parallel_fraction: Annotated[float, AtLeast(0)]
    #: Whether p comes from a sweep of task counts (else from one count).
    swept: bool = False

    @property
    def shown(self) -> str:
        """`holds the GIL (measured)`."""
        return f"{self.tag} (measured)"


def measure(
    results: Sequence[StrategyResult],
    machine: Machine,
    amdahl: dict[str, float] | None = None,
    gil_enabled: bool = True,
) -> MeasuredGil | None:
    """The tag from the threads at the largest count with a serial result, or None. With the
    GIL off (a free-threaded build) nothing holds or releases it: the tag says how much of the
    code ran in parallel, and "holds" means the threads contend for something else."""
    counts = sorted(
        {r.workers for r in results if r.strategy == "threads"}
        & {r.workers for r in results if r.strategy == "serial"}
    )
    if not counts:
        return None
    k = counts[-1]
    threads = next(r for r in results if r.strategy == "threads" and r.workers == k)
    speedup = threads.speedup or 0.0
    if threads.median_s <= 0 or speedup <= 0:
        return None
    busy_cores = threads.cpu_s / threads.median_s
    if busy_cores < WAITING_CORES and speedup >= NO_PARALLELISM:
        return MeasuredGil("waits", "waits (the GIL is free meanwhile)", 1.0)
    gave = _parallelism(k, machine, results)
    if gave is None:
        return None
    fraction = (amdahl or {}).get("threads")
    swept = fraction is not None
    p = 1.0 - fraction if fraction is not None else _amdahl_p(speedup, gave)
    p = min(1.0, max(0.0, p))
    if not gil_enabled:
        return _without_gil(p, swept)
    if p >= RELEASES:
        return MeasuredGil("releases", "releases the GIL", p, swept)
    if p <= HOLDS:
        return MeasuredGil("holds", "holds the GIL", p, swept)
    return MeasuredGil("mixed", f"mixed (about {p:.0%} parallel)", p, swept)


def _without_gil(p: float, swept: bool) -> MeasuredGil:
    if p >= RELEASES:
        return MeasuredGil("releases", "runs in parallel (the GIL is off)", p, swept)
    if p <= HOLDS:
        return MeasuredGil("holds", "serialised without a GIL (contention)", p, swept)
    return MeasuredGil("mixed", f"mixed (about {p:.0%} parallel, the GIL is off)", p, swept)


def _parallelism(k: int, machine: Machine, results: Sequence[StrategyResult]) -> float | None:
    """What k tasks could gain here right now, or None when the run showed no parallelism.

    The yardsticks are the busy loop around the run (both readings must show parallelism: a
    machine that gave it only before or only after cannot be read) and, when the run measured
    them, the strategies whose tasks have an interpreter each: if none of them gained either,
    nothing ran in parallel and the threads' figure says nothing about the GIL."""
    ideal = min(float(k), machine.parallel_capacity)
    found = [c for c in (machine.capacity_before, machine.capacity_after) if c]
    if found and min(found) < NO_PARALLELISM:
        return None
    own = [
        r.speedup or 0.0
        for r in results
        if r.workers == k and _own_interpreter(r.strategy) and r.strategy != "serial"
    ]
    if own and max(own) < NO_PARALLELISM:
        return None
    gave = sum(found) / len(found) if found else ideal
    return min(ideal, max([gave, *own]))


def _own_interpreter(strategy: str) -> bool:
    record = STRATEGIES.get(strategy)
    return record is not None and record.own_interpreter


def _amdahl_p(speedup: float, n: float) -> float:
    """Amdahl's p from S on n: 1/S = (1 - p) + p/n, so p = (1 - 1/S) / (1 - 1/n)."""
    return (1.0 - 1.0 / speedup) / (1.0 - 1.0 / n)
