"""The same spec on several interpreters: the decision a user makes from it, in words.

`gilbench run --python 3.11,3.13t …` measures one spec on each interpreter in turn; the matrix
puts the medians side by side, and `conclusion()` says what to pick: the fastest wall time over
every interpreter × strategy, and what a free-threaded build costs and gives against a GIL build
measured in the same comparison — its serial (single-thread) time, and its best threads against
the GIL build's best processes. The runs share a `comparison` id in the history, so the matrix is
kept as one comparison (`comparison_id()` makes it, `members()` finds them again).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime

from gilbench_tui.engine.results import RunDocument, StrategyResult
from gilbench_tui.probe.catalog import STRATEGIES

#: Serial times closer than this ratio are "about as fast".
SAME = 1.05


def comparison_id() -> str:
    return datetime.now().strftime("cmp-%Y%m%d-%H%M%S-") + secrets.token_hex(2)


def members(runs: Sequence[RunDocument], comparison: str) -> list[RunDocument]:
    """The runs of one comparison, in the order they were measured."""
    return [r for r in runs if r.comparison == comparison]


def name(run: RunDocument) -> str:
    """`3.11.7`, `3.13.5t`, `PyPy 3.10.14`: short, as a user types --python."""
    i = run.interpreter
    prefix = "" if i.implementation.lower() == "cpython" else f"{i.implementation} "
    return f"{prefix}{i.version}{'t' if i.gil_disabled_build else ''}"


def _seconds(value: float) -> str:
    return f"{value:.3g} s" if value >= 1 else f"{value * 1e3:.3g} ms"


def _best(run: RunDocument, k: int, kinds: tuple[str, ...]) -> StrategyResult | None:
    found = [
        r
        for r in run.results
        if r.workers == k and r.strategy in STRATEGIES and STRATEGIES[r.strategy].kind in kinds
    ]
    return min(found, key=lambda r: r.median_s, default=None)


def fastest(runs: Sequence[RunDocument], k: int) -> tuple[RunDocument, StrategyResult] | None:
    cells = [(run, r) for run in runs for r in run.results if r.workers == k]
    return min(cells, key=lambda cell: cell[1].median_s, default=None)


def single_thread_cost(free: RunDocument, gil: RunDocument, k: int) -> str | None:
    """`3.13.5t serial is 1.50× slower than 3.11.7's; its threads at 2 workers (0.9 s) against
    3.11.7's processes (0.8 s)`, or None without serial in both."""
    mine, theirs = free.result("serial", k), gil.result("serial", k)
    if mine is None or theirs is None or theirs.median_s <= 0 or mine.median_s <= 0:
        return None
    ratio = mine.median_s / theirs.median_s
    if ratio >= SAME:
        cost = f"{ratio:.2f}× slower than"
    elif ratio <= 1 / SAME:
        cost = f"{1 / ratio:.2f}× faster than"
    else:
        cost = "about as fast as"
    said = f"{name(free)} serial is {cost} {name(gil)}'s"
    threads = _best(free, k, ("threads",))
    processes = _best(gil, k, ("processes", "interpreters"))
    if threads is not None and processes is not None:
        said += (
            f"; its {threads.strategy} at {k} workers ({_seconds(threads.median_s)}) against "
            f"{name(gil)}'s {processes.strategy} ({_seconds(processes.median_s)})"
        )
    return said


def conclusion(runs: Sequence[RunDocument]) -> list[str]:
    """What the comparison says, a line each; empty with fewer than two runs."""
    if len(runs) < 2:
        return []
    counts = set.intersection(*({r.workers for r in run.results} for run in runs))
    if not counts:
        return []
    k = max(counts)
    lines = []
    best = fastest(runs, k)
    if best is not None:
        run, result = best
        lines.append(
            f"Fastest at {k} workers: {name(run)} {result.strategy}, {_seconds(result.median_s)}"
        )
    gil_builds = [r for r in runs if not r.interpreter.gil_disabled_build]
    for free in (r for r in runs if r.interpreter.gil_disabled_build):
        for gil in gil_builds[:1]:
            said = single_thread_cost(free, gil, k)
            if said:
                gil_state = "" if not free.interpreter.gil_enabled else " (its GIL was on)"
                lines.append(said + gil_state)
    return lines
