"""What the article's figures beside a seed run mean, and why modern Python differs from them."""

from __future__ import annotations

import textwrap

from gilbench_tui.engine import seed
from gilbench_tui.engine.results import RunDocument


def article_note(run: RunDocument, width: int = 100) -> str:
    names = ", ".join(f"{seed.ARTICLE_NAMES[n]} is {n}" for n in seed.SEED_STRATEGIES)
    columns = (
        "article, article ×: the seconds and speedups the article published (Python 2, 10M items "
        f"a task, its author's machine); its {names} here."
    )
    size_note = (
        "Compare the speedups: the seconds are another machine's."
        if run.spec.size == seed.SEED_SIZE
        else f"This run used {run.spec.size:,} items a task: compare the speedups, not the seconds."
    )
    return "\n".join(
        [
            textwrap.fill(f"{columns} {size_note}", width),
            "",
            textwrap.fill(seed.WHY_MODERN_DIFFERS, width),
            "",
            textwrap.fill(seed.SEED_LOOP_NOTE, width),
        ]
    )
