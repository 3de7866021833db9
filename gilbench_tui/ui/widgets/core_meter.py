"""Per-core load and the worker tree's CPU use, compact enough for a 128-core server.

A few cores get a labelled bar each; more get a block glyph each (eight load levels), two or
three cells wide while that fits two lines, else one cell in groups of eight, so 128 cores take
three lines at 70 columns. The first line sums it up: the load of
all cores, the worker tree's CPU use in cores (threads under the GIL stay near one), what every
other program uses in cores, in a colour of its own (someone else's load spoils a measurement),
and a sparkline of the tree's use over the last minute. Cores this process may not run on (CPU
affinity) are dimmed and crossed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from gilbench_tui.monitor import CoreSample

LEVELS = " ▁▂▃▄▅▆▇█"
BAR_CELL_MIN = 16
MAX_ROWS = 2
GROUP = 8
SPARK_MIN = 6


def bar_columns(cores: int, width: int) -> int:
    """How many labelled bars fit a line, or 0 when there are too many cores for bars."""
    columns = min(cores, max(1, width // BAR_CELL_MIN))
    return columns if math.ceil(cores / columns) <= MAX_ROWS else 0


def glyphs_per_line(width: int) -> int:
    """Cores per line in glyph mode: whole groups of eight, each followed by a space."""
    if width < GROUP + 1:
        return max(1, width)
    return max(1, (width + 1) // (GROUP + 1)) * GROUP


def cell_layout(cores: int, width: int) -> tuple[str, int, int]:
    """(mode, cores per line, cells per core): labelled bars, wide glyphs, or one glyph a core."""
    columns = bar_columns(cores, width)
    if columns:
        return "bars", columns, width // columns
    for cell in (4, 3, 2):
        per_line = width // cell
        if per_line and math.ceil(cores / per_line) <= MAX_ROWS:
            return "cells", per_line, cell
    return "glyphs", glyphs_per_line(width), 1


def core_rows(cores: int, width: int) -> int:
    """Lines the per-core part takes; depends on the core count and width, never on the load."""
    if cores <= 0:
        return 0
    _, per_line, _ = cell_layout(cores, width)
    return math.ceil(cores / per_line)


def level_glyph(percent: float, top: int = 8) -> str:
    """The block for `percent`; `top=7` keeps a sliver free so stacked rows stay apart."""
    return LEVELS[max(0, min(top, round(percent / 100 * top)))]


def cores_text(cores: float) -> str:
    """Cores' worth of CPU: one decimal below ten, whole numbers above."""
    return f"{cores:.1f}" if cores < 10 else f"{cores:.0f}"


def sparkline(values: Sequence[float | None], top: float, width: int) -> str:
    """The last `width` values as block glyphs scaled to `top`; None is a blank."""
    if width <= 0:
        return ""
    recent = list(values)[-width:]
    scale = top if top > 0 else 1.0
    return "".join(" " if v is None else level_glyph(100 * v / scale) for v in recent)


class CoreMeter(Widget):
    """Shows the last CoreSample; `show()` is called at most twice a second."""

    DEFAULT_CSS = """
    CoreMeter {
        height: auto;
        min-height: 2;
    }
    CoreMeter > .core-meter--label { color: $text-muted; }
    CoreMeter > .core-meter--low { color: $primary; }
    CoreMeter > .core-meter--mid { color: $warning; }
    CoreMeter > .core-meter--high { color: $success; }
    CoreMeter > .core-meter--track { color: $panel-lighten-2; }
    CoreMeter > .core-meter--tree { color: $accent; text-style: bold; }
    CoreMeter > .core-meter--others { color: $error; text-style: bold; }
    CoreMeter > .core-meter--unusable { color: $text-disabled; text-style: strike; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "core-meter--label",
        "core-meter--low",
        "core-meter--mid",
        "core-meter--high",
        "core-meter--track",
        "core-meter--tree",
        "core-meter--others",
        "core-meter--unusable",
    }

    def __init__(self, core_count: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._core_count = max(1, core_count)
        self._sample: CoreSample | None = None
        self._history: list[float | None] = []

    @property
    def sample(self) -> CoreSample | None:
        return self._sample

    def show(self, sample: CoreSample, tree_history: Sequence[float | None] = ()) -> None:
        """Draw `sample`; `tree_history` is the tree's use in cores, oldest first."""
        relayout = sample.core_count != self._core_count
        self._core_count = max(1, sample.core_count)
        self._sample = sample
        self._history = list(tree_history)
        self.refresh(layout=relayout)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + core_rows(self._core_count, width)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"core-meter--{name}", partial=True)

    def _load_style(self, percent: float) -> Style:
        return self._style("low" if percent < 40 else "mid" if percent < 80 else "high")

    def render(self) -> Text:
        width = self.size.width
        if self._sample is None:
            return Text("cores: measuring…", style=self._style("label"))
        lines = [self._summary(self._sample, width)]
        lines.extend(self._cores(self._sample.cores, width))
        return Text("\n").join(lines)

    def _summary(self, sample: CoreSample, width: int) -> Text:
        label = self._style("label")
        text = Text()
        text.append("cpu ", label)
        text.append(f"{sample.total_percent:.0f}%", self._load_style(sample.total_percent))
        text.append(f" of {sample.core_count}", label)
        if sample.unusable:
            text.append(f" ({sample.usable_count} usable)", self._style("others"))
        text.append(" · worker tree ", label)
        if sample.tree_percent is None:
            text.append("idle" if sample.tree_processes == 0 else "starting", label)
        else:
            text.append(cores_text(sample.tree_percent / 100), self._style("tree"))
            text.append(" cores", label)
        others = sample.others_cores
        text.append(" · others ", label)
        text.append(cores_text(others), self._style("others" if others >= 0.25 else "label"))
        if sample.tree_percent is not None:
            plural = "s" if sample.tree_processes != 1 else ""
            text.append(f" · {sample.tree_processes} proc{plural}", label)
        room = width - text.cell_len - 2
        if room >= SPARK_MIN and any(v is not None for v in self._history):
            text.append("  ")
            text.append(sparkline(self._history, sample.core_count, room), self._style("tree"))
        text.truncate(width, overflow="ellipsis")
        return text

    def _cores(self, cores: Sequence[float], width: int) -> list[Text]:
        mode, per_line, cell = cell_layout(len(cores), width)
        unusable = self._sample.unusable if self._sample is not None else frozenset()
        if mode == "bars":
            return self._bars(cores, width, per_line, unusable)
        lines = []
        for start in range(0, len(cores), per_line):
            line = Text()
            for offset, percent in enumerate(cores[start : start + per_line]):
                if mode == "glyphs" and offset and offset % GROUP == 0:
                    line.append(" ")
                if start + offset in unusable:
                    line.append("×" * max(1, cell - 1), self._style("unusable"))
                elif percent < 100 / 16:
                    line.append("▁" * max(1, cell - 1), self._style("track"))
                else:
                    glyph = level_glyph(percent, top=7)
                    line.append(glyph * max(1, cell - 1), self._load_style(percent))
                if mode == "cells":
                    line.append(" ")
            lines.append(line)
        return lines

    def _bars(
        self, cores: Sequence[float], width: int, columns: int, unusable: frozenset[int]
    ) -> list[Text]:
        digits = len(str(len(cores) - 1))
        cell = width // columns
        bar = max(1, cell - digits - 7)
        lines = []
        for start in range(0, len(cores), columns):
            line = Text()
            for index in range(start, min(start + columns, len(cores))):
                percent = cores[index]
                filled = max(0, min(bar, round(percent / 100 * bar)))
                if index in unusable:
                    line.append(f"{index:>{digits}}×", self._style("unusable"))
                    line.append("░" * bar, self._style("unusable"))
                    line.append(f"{percent:4.0f}%", self._style("unusable"))
                    if index < start + columns - 1:
                        line.append(" ")
                    continue
                line.append(f"{index:>{digits}} ", self._style("label"))
                line.append("█" * filled, self._load_style(percent))
                line.append("░" * (bar - filled), self._style("track"))
                line.append(f"{percent:4.0f}%")
                if index < start + columns - 1:
                    line.append(" ")
            lines.append(line)
        return lines
