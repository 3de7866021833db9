"""The note shown instead of the app when the terminal is smaller than about 60×16."""

from __future__ import annotations

from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 16


class TooSmall(Static):
    """Hidden by the screen's CSS unless a breakpoint class says the terminal is too small."""

    DEFAULT_CSS = """
    TooSmall {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
        color: $text-warning;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            f"This terminal is too small for gilbench.\n"
            f"Make it at least {MIN_WIDTH}×{MIN_HEIGHT}.\n"
            "q quits · a run in progress goes on",
            id=id,
            markup=False,
        )
