"""The plain-language verdict: what the numbers say about threads and processes for this workload.

The verdict speaks of the largest worker count measured. Its headline ranks the strategies there
by speedup; its reasons come from `RULES`, an ordered list of small rules. Each rule reads the
`Evidence` and returns a `Finding` or None; a finding adds a reason (or replaces the headline, for
data that cannot be ranked), may lower the confidence, and by default ends the list: the first
rule that explains the numbers speaks. A new rule is a function and its place in the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from gilbench_tui.engine.results import Interpreter, StrategyResult
from gilbench_tui.engine.stats import NOISY_CV
from gilbench_tui.engine.verdict_detail import Confidence, Verdict, least_sure
from gilbench_tui.probe.catalog import STRATEGIES

__all__ = ["RULES", "Evidence", "Finding", "Verdict", "verdict"]

FASTER = 1.15
SLOWER = 0.9
SCALES = 1.5
#: Fewer repeats than this cannot show how much the times vary: no verdict is then clear.
MIN_REPEATS = 3


def starts_interpreters(strategy: str) -> bool:
    """Whether `strategy` starts an interpreter per task inside the timed run (the processes
    strategies, not the pools or subinterpreters, whose start-up is reported apart)."""
    record = STRATEGIES.get(strategy)
    return record is not None and record.timed_startup


@dataclass(frozen=True)
class Evidence:
    """What the rules read: the run's results, its workload's GIL tag, interpreter and cores."""

    results: Sequence[StrategyResult]
    gil_tag: str
    interpreter: Interpreter
    cores: int

    @cached_property
    def workers(self) -> int:
        """The largest worker count measured: the one the verdict speaks of."""
        return max((r.workers for r in self.results), default=0)

    @cached_property
    def ranked(self) -> list[StrategyResult]:
        """The strategies other than serial at that count, fastest first."""
        at_k = [r for r in self.results if r.workers == self.workers and r.strategy != "serial"]
        return sorted(at_k, key=lambda r: r.speedup or 0.0, reverse=True)

    @cached_property
    def has_serial(self) -> bool:
        return any(r.strategy == "serial" and r.workers == self.workers for r in self.results)

    def speedup(self, strategy: str) -> float | None:
        found = [r.speedup or 0.0 for r in self.ranked if r.strategy == strategy]
        return found[0] if found else None

    @property
    def threads(self) -> float | None:
        return self.speedup("threads")

    @property
    def threads_scale(self) -> bool:
        x, k = self.threads, self.workers
        return x is not None and (x >= SCALES or (x >= FASTER and k <= 2 and x >= 0.7 * k))

    @property
    def gil_holds(self) -> bool:
        """The workload holds the GIL and this interpreter has one."""
        return self.gil_tag == "holds" and self.interpreter.gil_enabled

    @cached_property
    def unsteady(self) -> bool:
        """Too few repeats to see the spread, or a spread too wide, at the count spoken of."""
        at_k = [r for r in self.results if r.workers == self.workers]
        return any(r.cv > NOISY_CV or len(r.times_s) < MIN_REPEATS for r in at_k)


@dataclass(frozen=True)
class Finding:
    reason: str | None = None
    #: Replaces the ranking as the headline: for data the ranking cannot speak of.
    headline: str | None = None
    confidence: Confidence | None = None
    #: Later rules are not consulted.
    final: bool = True


Rule = Callable[[Evidence], Finding | None]
UNUSABLE: Confidence = "inconclusive"


def nothing_measured(e: Evidence) -> Finding | None:
    return None if e.results else Finding(headline="Nothing was measured", confidence=UNUSABLE)


def no_serial(e: Evidence) -> Finding | None:
    if e.has_serial:
        return None
    headline = f"At {e.workers} workers: no serial run to compare with; add serial to see speedups"
    return Finding(headline=headline, confidence=UNUSABLE)


def serial_only(e: Evidence) -> Finding | None:
    if e.ranked:
        return None
    headline = f"Serial only: {e.results[-1].median_s:.3g} s for {e.workers} task(s)"
    return Finding(headline=headline, confidence=UNUSABLE)


def one_worker(e: Evidence) -> Finding | None:
    if e.workers != 1:
        return None
    headline = "With 1 worker nothing runs in parallel; measure 2 or more to compare strategies"
    return Finding(headline=headline, confidence=UNUSABLE)


def one_core(e: Evidence) -> Finding | None:
    if e.cores >= 2:
        return None
    return Finding("this machine has one core, so nothing can run in parallel", confidence="likely")


def threads_overlap_waiting(e: Evidence) -> Finding | None:
    if not (e.threads_scale and e.gil_tag == "waits"):
        return None
    return Finding("threads overlap the waiting; the GIL is free while they wait")


def gil_off(e: Evidence) -> Finding | None:
    if not (e.threads_scale and not e.interpreter.gil_enabled):
        return None
    return Finding("the GIL is off in this interpreter, so threads run Python in parallel")


def gil_released(e: Evidence) -> Finding | None:
    if not e.threads_scale:
        return None
    return Finding("threads run in parallel because this workload releases the GIL")


def threads_lose_to_the_gil(e: Evidence) -> Finding | None:
    if e.threads is None or e.threads >= SLOWER or not e.gil_holds:
        return None
    return Finding(
        "threads are slower than serial: the GIL serialises this workload and hand-overs cost extra"
    )


def threads_lose_to_start_up(e: Evidence) -> Finding | None:
    if e.threads is None or e.threads >= SLOWER:
        return None
    return Finding(
        "threads are slower than serial: starting them costs more than so small a run "
        "(try a larger size)"
    )


def gil_serialises(e: Evidence) -> Finding | None:
    if e.threads is None or e.threads >= FASTER or not e.gil_holds:
        return None
    return Finding("the GIL serialises this workload")


def processes_gain_little(e: Evidence) -> Finding | None:
    speeds = [r.speedup or 0.0 for r in e.ranked if starts_interpreters(r.strategy)]
    if not speeds or max(speeds) >= FASTER:
        return None
    return Finding(
        "processes gain little: start-up and transfer cost as much as the work (try a larger size)"
    )


#: In order: data that cannot be ranked, the machine, then what threads and processes show.
RULES: list[Rule] = [
    nothing_measured,
    no_serial,
    serial_only,
    one_worker,
    one_core,
    threads_overlap_waiting,
    gil_off,
    gil_released,
    threads_lose_to_the_gil,
    threads_lose_to_start_up,
    gil_serialises,
    processes_gain_little,
]


def verdict(
    results: Sequence[StrategyResult],
    gil_tag: str,
    interpreter: Interpreter,
    cores: int,
    rules: Sequence[Rule] = RULES,
) -> Verdict:
    """The findings of `rules` on these results; `.line` is the one-line verdict."""
    evidence = Evidence(results, gil_tag, interpreter, cores)
    confidence: Confidence = "likely" if evidence.unsteady else "clear"
    headline: str | None = None
    reasons: list[str] = []
    for rule in rules:
        finding = rule(evidence)
        if finding is None:
            continue
        headline = finding.headline or headline
        reasons += [finding.reason] if finding.reason else []
        confidence = least_sure(confidence, finding.confidence or confidence)
        if finding.final:
            break
    return Verdict(headline or ranking(evidence), reasons, confidence)


def ranking(e: Evidence) -> str:
    """`At 2 workers: processes 1.96× faster; threads 0.97×`."""
    parts = [_phrase(r, first=i == 0) for i, r in enumerate(e.ranked)]
    return f"At {e.workers} workers: " + "; ".join(parts)


def _phrase(r: StrategyResult, first: bool) -> str:
    x = r.speedup or 0.0
    if x >= FASTER:
        return f"{r.strategy} {x:.2f}× faster"
    if x <= SLOWER and first:
        return f"{r.strategy} {1 / x:.2f}× slower" if x > 0 else f"{r.strategy} failed"
    return f"{r.strategy} {x:.2f}×"
