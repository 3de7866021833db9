"""What the app's charts share: a chart of one run (`render.series`) drawn with the widget's own
plotext figure, rebuilt only when `plot()` is given new results or the widget is resized; the
meters' ticks never touch it, so a run pays for chart drawing once, when it ends."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render.series import Chart

Build = Callable[[RunDocument | None], Chart]


class RunPlot(PlotextPlot):
    DEFAULT_CSS = """
    RunPlot {
        min-height: 8;
        min-width: 24;
    }
    """

    def __init__(self, build: Build, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.build = build
        self.data = build(None)
        #: The strategies in legend order, so plain markers match the legend's.
        self.order: list[str] = []
        self._drawn_for: tuple[int, int] | None = None

    def plot(self, document: RunDocument | None) -> None:
        self.data = self.build(document)
        self.order = list(document.spec.strategies) if document is not None else []
        self._drawn_for = None
        self.refresh()

    def render(self) -> RenderResult:
        if self.data.empty:
            return Text(f"{self.data.title}\n\nno results yet", justify="center", style="dim")
        size = (self.size.width, self.size.height)
        if size != self._drawn_for:
            self.plt.clear_figure()
            self._draw(*size)
            self._drawn_for = size
        return super().render()

    def _draw(self, width: int, height: int) -> None:
        """Draw `self.data` on the cleared figure, for a widget of this size."""
        raise NotImplementedError
