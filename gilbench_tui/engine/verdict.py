"""The plain-language verdict: what the numbers say about threads and processes for this workload.

The verdict speaks of one worker count (the largest the run finished). Its headline ranks the
strategies there by speedup; its reasons come from `RULES` (verdict_rules), an ordered list of
small rules over the run's `Evidence` (verdict_evidence): its results, its machine (usable cores,
capacity, others' load), the workload's catalog record, the interpreter and the spec. A finding
adds a reason (or replaces the headline, for data that cannot be ranked), may lower the
confidence, and, when it explains the numbers, ends the list. A new rule is a function and its
place in the list.

Confidence: `clear` when every speedup's interval decides it, the machine was quiet and each
result has at least three repeats; `likely` when the verdict is decided but the times were noisy,
too few, without intervals, or the machine busy or limited; `inconclusive` when an interval holds
both "no gain" and "a gain", or the data cannot be read.
"""

from __future__ import annotations

from collections.abc import Sequence

from gilbench_tui.engine.results import Cluster, Interpreter, Machine, StrategyResult
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.verdict_detail import Confidence, Verdict, least_sure
from gilbench_tui.engine.verdict_evidence import FASTER, SLOWER, Evidence, Finding
from gilbench_tui.engine.verdict_rules import RULES, Rule
from gilbench_tui.probe.catalog import Workload

__all__ = ["RULES", "Evidence", "Finding", "Rule", "Verdict", "verdict"]


def verdict(
    results: Sequence[StrategyResult],
    machine: Machine,
    workload: Workload | None,
    interpreter: Interpreter,
    spec: BenchSpec,
    rules: Sequence[Rule] = RULES,
    cluster: Cluster | None = None,
) -> Verdict:
    """The findings of `rules` on this run; `.line` is the one-line verdict. `workload` is the
    catalog's record of the run's workload, None for one the catalog does not know; `cluster` the
    user's Dask cluster the dask strategies ran on."""
    evidence = Evidence(results, machine, workload, interpreter, spec, cluster)
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
