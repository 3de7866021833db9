"""One legend line for both charts: a colour (or, without colour, a fill character) per strategy."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from gilbench_tui.render.palette import colour_of, marker_of


class ChartLegend(Static):
    DEFAULT_CSS = """
    ChartLegend {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding-left: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)

    def show(self, strategies: Sequence[str]) -> None:
        order = list(strategies)
        text = Text()
        for name in order:
            if text:
                text.append("  ")
            r, g, b = colour_of(name)
            glyph = marker_of(name, order) if self.app.no_color else "■"
            text.append(glyph, Style.parse(f"rgb({r},{g},{b})"))
            text.append(f" {name}")
        self.update(text)
