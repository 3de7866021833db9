"""Where a stored run that cannot be drawn says so, instead of ending the app.

A stored run was written by this version, an older or a later one, another tool or a hand. The
reader checks its types, but drawing it may still fail on something no check foresaw; `guarded()`
turns that failure into one line shown in the run's place, with the traceback in the app's log.
Only the drawing of a run is guarded, never the app as a whole.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

from textual.dom import DOMNode
from textual.widgets import Static


def guarded(node: DOMNode, what: str, draw: Callable[[], object]) -> str | None:
    """Call `draw()`: None when it worked, else why `what` cannot be shown (the traceback is
    logged)."""
    try:
        draw()
    except Exception as exc:  # data of any shape: whatever it raises, the app goes on
        reason = f"{what} cannot be shown: {type(exc).__name__}: {exc}"
        node.log.error(reason + "\n" + traceback.format_exc())
        return reason
    return None


class RunProblem(Static):
    """Hidden until `explain()` says why a run cannot be shown."""

    DEFAULT_CSS = """
    RunProblem {
        display: none;
        height: auto;
        padding: 1 2;
        color: $text-error;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def explain(self, reason: str | None) -> None:
        self.update(f"⚠ {reason}" if reason else "")
        self.display = reason is not None
