"""Runs side by side: per strategy and worker count, both medians and the ratio, pyperf style; and
the one rule, shared by the CLI's `compare` and the app's compare screen, for when that ratio
means anything.

Whether a difference is real is a Mann-Whitney U test on the two runs' repeat times
(intervals.mann_whitney_p): below p = 0.05 the ratio stands as "1.15× slower", otherwise it reads
"1.15× slower (not significant, p=0.31)". With few repeats no difference can pass: three
against three can never give less than p = 0.10, and `too_few_repeats` says so.

The rule: two runs are comparable when they did the same work, that is the same workload at the
same size, divided the same way (`--split` makes the size a total, not a per-task figure). Then
the ratio of their medians says how much faster one was. Runs of different work are still shown
side by side (each run's speedups over its own serial can be read against the other's), but
their times are not divided.

What a comparison is usually for does not make runs incomparable: another interpreter (3.12
against 3.13t), another machine, return data, the latency probe or the switch interval. Those
are listed as differences, so whoever reads the ratios knows which of them changed as well.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gilbench_tui.engine.intervals import mann_whitney_p
from gilbench_tui.engine.labels import interpreter_label
from gilbench_tui.engine.results import Interpreter, RunDocument
from gilbench_tui.engine.spec import BenchSpec, format_size

#: Below this p-value a difference is significant.
ALPHA = 0.05


@dataclass(frozen=True)
class Comparability:
    #: The same workload, size and split: the ratio of the medians means something.
    same_work: bool
    #: What differs besides the timings, in words: `different sizes: 2M vs 500k`.
    differences: list[str]


def _size(spec: BenchSpec) -> str:
    return f"{format_size(spec.size)} {'in all' if spec.split else 'a task'}"


def _interpreter(i: Interpreter) -> str:
    return interpreter_label(i.implementation, i.version, i.gil_disabled_build, short=True)


def _switch(spec: BenchSpec) -> str:
    interval = spec.switch_interval_s
    return "default" if interval is None else f"{interval * 1e3:g} ms"


def _version(spec: BenchSpec) -> str:
    """The start of a user's file's hash: two versions of one function still do the same work
    (the point of comparing them), but the comparison says the code differs."""
    return (spec.workload_sha256 or "")[:12] or "unknown"


def _on(value: bool) -> str:
    return "on" if value else "off"


def comparability(before: RunDocument, after: RunDocument) -> Comparability:
    a, b = before.spec, after.spec
    pairs = [
        ("different workloads", a.workload, b.workload),
        ("different sizes", _size(a), _size(b)),
        (
            "different interpreters",
            _interpreter(before.interpreter),
            _interpreter(after.interpreter),
        ),
        ("different machines", before.machine.hostname, after.machine.hostname),
        ("return data", _on(a.return_data), _on(b.return_data)),
        ("latency probe", _on(a.latency_probe), _on(b.latency_probe)),
        ("switch interval", _switch(a), _switch(b)),
        ("your file changed between them", _version(a), _version(b)),
    ]
    differences = [f"{what}: {x} vs {y}" for what, x, y in pairs if x != y]
    same_work = (a.workload, a.size, a.split) == (b.workload, b.size, b.split)
    return Comparability(same_work, differences)


@dataclass(frozen=True)
class Comparison:
    strategy: str
    workers: int
    before_s: float
    after_s: float
    significant: bool
    #: False when the runs did different work: the medians are then not divided.
    comparable: bool = True
    #: Each run's speedup over its own serial: comparable even when the work differs.
    before_speedup: float | None = None
    after_speedup: float | None = None
    #: The Mann-Whitney p-value of the two runs' times (None when the work differs).
    p_value: float | None = None
    #: The smallest p-value the two runs' numbers of repeats allow (see smallest_p).
    least_p: float = 0.0

    @property
    def reachable(self) -> bool:
        """Whether the runs have repeats enough for any difference to be significant."""
        return self.least_p < ALPHA

    @property
    def ratio(self) -> float:
        """after ÷ before: above 1 the second run is slower."""
        return self.after_s / self.before_s if self.before_s > 0 else float("inf")

    def describe(self) -> str:
        """pyperf's words: `1.15× slower`, `1.15× slower (not significant, p=0.31)`."""
        if not self.comparable:
            return "different work"
        if self.ratio == 1:
            return "same speed"
        words = ratio_words(self.ratio)
        if self.significant:
            return words
        p = "" if self.p_value is None else f", p={self.p_value:.2f}"
        return f"{words} (not significant{p})"


def smallest_p(n1: int, n2: int) -> float:
    """The smallest two-sided p the exact test can give with n1 and n2 values: every value of
    one run below every value of the other, one split of the ranks in C(n1+n2, n1)."""
    if not n1 or not n2:
        return 1.0
    return min(1.0, 2 / math.comb(n1 + n2, n1))


def compare(before: RunDocument, after: RunDocument) -> list[Comparison]:
    """A row per strategy and worker count both runs measured, in the first run's order."""
    same_work = comparability(before, after).same_work
    rows = []
    for a in before.results:
        b = after.result(a.strategy, a.workers)
        if b is None:
            continue
        p = mann_whitney_p(a.times_s, b.times_s) if same_work else None
        rows.append(
            Comparison(
                a.strategy,
                a.workers,
                a.median_s,
                b.median_s,
                p is not None and p < ALPHA,
                same_work,
                a.speedup,
                b.speedup,
                p,
                smallest_p(len(a.times_s), len(b.times_s)),
            )
        )
    return rows


def too_few_repeats(rows: list[Comparison]) -> str | None:
    """A note when some comparison could not be significant whatever the times."""
    floors = [row.least_p for row in rows if row.comparable and not row.reachable]
    if not floors:
        return None
    return (
        f"too few repeats for a difference to be significant: the test cannot go below "
        f"p={max(floors):.2f} with so few times; measure with more (--repeat auto)"
    )


def geometric_mean(rows: list[Comparison]) -> float | None:
    """The geometric mean of the ratios (second ÷ first) of the rows whose medians are divided,
    pyperf's summary of many benchmarks: above 1 the second run is slower overall. None when no
    row has a ratio."""
    ratios = [row.ratio for row in rows if row.comparable and 0 < row.ratio < float("inf")]
    if not ratios:
        return None
    return math.exp(sum(math.log(r) for r in ratios) / len(ratios))


def ratio_words(ratio: float) -> str:
    """`1.15× slower`, `1.15× faster` or `same speed`, for a ratio second ÷ first."""
    if round(ratio, 2) == 1:
        return "same speed"
    return f"{ratio:.2f}× slower" if ratio > 1 else f"{1 / ratio:.2f}× faster"
