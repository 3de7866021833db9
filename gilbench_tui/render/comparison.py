"""Runs compared against the first, as text, Markdown or JSON: for each later run, a row per
strategy and task count both measured (both medians, each run's speedup, the ratio and whether
it is significant), the notes on what else differs, and the geometric mean of the ratios.

The figures come from `engine.compare`; this module only writes them.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gilbench_tui.engine.compare import (
    Comparability,
    Comparison,
    comparability,
    compare,
    geometric_mean,
    ratio_words,
    too_few_repeats,
)
from gilbench_tui.engine.references import short_id
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.spec import format_size
from gilbench_tui.render import numbers
from gilbench_tui.render.table import grid

FORMATS = ("text", "md", "json")


@dataclass(frozen=True)
class Pair:
    """One later run against the first."""

    before: RunDocument
    after: RunDocument
    rule: Comparability
    rows: list[Comparison]
    #: The geometric mean of the ratios, None when no medians were divided.
    mean: float | None


def pairs(runs: Sequence[RunDocument]) -> list[Pair]:
    base = runs[0]
    out = []
    for run in runs[1:]:
        rows = compare(base, run)
        out.append(Pair(base, run, comparability(base, run), rows, geometric_mean(rows)))
    return out


def labels(runs: Sequence[RunDocument]) -> list[str]:
    """Each run's short id; `#n` after it where the same run is given twice."""
    ids = [run.id for run in runs]
    distinct = sorted(set(ids))
    names = [short_id(run_id, distinct) for run_id in ids]
    return [f"{name}#{i + 1}" if names.count(name) > 1 else name for i, name in enumerate(names)]


def _describe(run: RunDocument, label: str, source: str) -> str:
    return (
        f"{label}: {run.spec.workload} {format_size(run.spec.size)}, {run.interpreter.label}, "
        f"{run.machine.hostname}, {run.started_at[:16].replace('T', ' ')} ({source})"
    )


def _notes(pair: Pair) -> list[str]:
    notes = list(pair.rule.differences)
    if not pair.rule.same_work:
        notes.append("different work, so the times are not divided; compare the speedups")
    if not pair.rows:
        notes.append("the runs have no strategy and task count in common")
    few = too_few_repeats(pair.rows)
    if few:
        notes.append(few)
    return notes


def _mean_line(pair: Pair, first: str, second: str) -> str:
    if pair.mean is None:
        return f"geometric mean: none ({second} and {first} share no comparable times)"
    words = ratio_words(pair.mean)
    verdict = (
        f"{second} runs at the same speed as {first}"
        if words == "same speed"
        else f"{second} is {words} than {first}"
    )
    count = len([r for r in pair.rows if r.comparable])
    return f"geometric mean of {count} ratios: {verdict} ({pair.mean:.3f})"


def _cells(row: Comparison) -> list[str]:
    return [
        row.strategy,
        str(row.workers),
        numbers.seconds(row.before_s),
        numbers.seconds(row.after_s),
        numbers.ratio(row.before_speedup),
        numbers.ratio(row.after_speedup),
        row.describe(),
    ]


def _headers(first: str, second: str) -> list[str]:
    return [
        "strategy",
        "workers",
        first,
        second,
        f"× {first}",
        f"× {second}",
        f"{second} vs {first}",
    ]


def _wrapped(text: str, width: int | None, indent: str = "  ") -> list[str]:
    if width is None:
        return [text]
    return textwrap.wrap(text, width, subsequent_indent=indent, break_on_hyphens=False) or [""]


def as_text(runs: Sequence[RunDocument], sources: Sequence[str], width: int | None) -> str:
    names = labels(runs)
    out = []
    for run, name, src in zip(runs, names, sources, strict=True):
        out += _wrapped(_describe(run, name, src), width)
    for index, pair in enumerate(pairs(runs), start=1):
        first, second = names[0], names[index]
        out.append("")
        if len(runs) > 2:
            out.append(f"── {second} against {first}")
        for note in _notes(pair):
            out += _wrapped(f"note: {note}", width)
        if pair.rows:
            out.append("")
            table = [_cells(row) for row in pair.rows]
            out.append(grid(_headers(first, second), table, right={1, 2, 3, 4, 5}, width=width))
            out += _wrapped(_mean_line(pair, first, second), width)
    return "\n".join(out) + "\n"


def as_markdown(runs: Sequence[RunDocument], sources: Sequence[str]) -> str:
    names = labels(runs)
    out = [
        f"- `{name}`: {_describe(run, name, src).split(': ', 1)[1]}"
        for run, name, src in zip(runs, names, sources, strict=True)
    ]
    for index, pair in enumerate(pairs(runs), start=1):
        first, second = names[0], names[index]
        out += ["", f"### `{second}` against `{first}`", ""]
        out += [f"> {note}" for note in _notes(pair)]
        if not pair.rows:
            continue
        if _notes(pair):
            out.append("")
        headers = _headers(first, second)
        out.append("| " + " | ".join(headers) + " |")
        out.append("|:---|" + "---:|" * 5 + ":---|")
        out += ["| " + " | ".join(_cells(row)) + " |" for row in pair.rows]
        out += ["", f"**{_mean_line(pair, first, second)}**"]
    return "\n".join(out) + "\n"


def as_json(runs: Sequence[RunDocument], sources: Sequence[str]) -> str:
    names = labels(runs)
    document: dict[str, Any] = {
        "schema": "gilbench.compare/1",
        "runs": [
            {"id": run.id, "short_id": name, "source": src}
            for run, name, src in zip(runs, names, sources, strict=True)
        ],
        "comparisons": [
            {
                "baseline": pair.before.id,
                "run": pair.after.id,
                "same_work": pair.rule.same_work,
                "differences": pair.rule.differences,
                "notes": _notes(pair),
                "geometric_mean": pair.mean,
                "rows": [
                    {
                        "strategy": row.strategy,
                        "workers": row.workers,
                        "baseline_median_s": row.before_s,
                        "median_s": row.after_s,
                        "baseline_speedup": row.before_speedup,
                        "speedup": row.after_speedup,
                        "ratio": row.ratio if row.comparable else None,
                        "p_value": row.p_value,
                        "significant": row.significant,
                        "verdict": row.describe(),
                    }
                    for row in pair.rows
                ],
            }
            for pair in pairs(runs)
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
