"""The article's table beside ours: seconds and speedups for 2, 3 and 4 tasks."""

from __future__ import annotations

import textwrap

from gilbench_tui.engine import seed
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render import numbers
from gilbench_tui.render.table import grid


def seed_rows(run: RunDocument) -> list[list[str]]:
    rows = []
    for k in seed.SEED_WORKERS:
        for name in seed.SEED_STRATEGIES:
            ours = run.result(name, k)
            rows.append(
                [
                    str(k),
                    f"{seed.ARTICLE_NAMES[name]} / {name}",
                    numbers.seconds(seed.ARTICLE_SECONDS[name][k]),
                    numbers.ratio(seed.article_speedup(name, k)),
                    numbers.seconds(ours.median_s) if ours else "–",
                    numbers.ratio(ours.speedup) if ours else "–",
                ]
            )
    return rows


def seed_table(run: RunDocument) -> str:
    headers = [
        "tasks",
        "strategy",
        "article (Python 2)",
        "speedup",
        f"measured ({run.interpreter.label})",
        "speedup",
    ]
    return grid(headers, seed_rows(run), right={0, 2, 3, 4, 5})


def seed_note(run: RunDocument, width: int = 100) -> str:
    size_note = (
        "The article's seconds are for 10M items on its author's machine; compare the speedups."
        if run.spec.size == seed.SEED_SIZE
        else f"The article used 10M items per task, this run {run.spec.size:,}: "
        "compare the speedups, not the seconds."
    )
    return "\n".join(
        [
            textwrap.fill(size_note, width),
            "",
            textwrap.fill(seed.WHY_MODERN_DIFFERS, width),
            "",
            textwrap.fill(seed.SEED_LOOP_NOTE, width),
        ]
    )
