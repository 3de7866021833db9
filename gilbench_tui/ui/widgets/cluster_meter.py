"""The Dask workers' CPU, beside the local cores, while a dask strategy runs.

A dask strategy's tasks run in Dask worker processes, on this machine (a local cluster) or on
others (--dask-scheduler), so the local per-core meter cannot show them all. Their scheduler hears
each worker's CPU with its heartbeats; the worker process passes that on in `cluster` events, and
this widget draws a bar a worker, labelled by host, scaled to the worker's threads (a worker with
four threads can use 400%). Hidden whenever no dask strategy is running.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from gilbench_tui.engine.events import ClusterSeen, ClusterWorker

BAR_CELL_MIN = 24
MAX_LINES = 4


class ClusterMeter(Widget):
    """Shows the last ClusterSeen, or nothing (display off) between dask samples."""

    DEFAULT_CSS = """
    ClusterMeter {
        height: auto;
        display: none;
    }
    ClusterMeter.-shown { display: block; }
    ClusterMeter > .cluster-meter--label { color: $text-muted; }
    ClusterMeter > .cluster-meter--busy { color: $success; }
    ClusterMeter > .cluster-meter--track { color: $panel-lighten-2; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "cluster-meter--label",
        "cluster-meter--busy",
        "cluster-meter--track",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._seen: ClusterSeen | None = None

    @property
    def seen(self) -> ClusterSeen | None:
        return self._seen

    def show(self, seen: ClusterSeen | None) -> None:
        """Draw the cluster as last described; None hides the meter."""
        relayout = (seen is None) != (self._seen is None) or (
            seen is not None and self._seen is not None and seen.workers != self._seen.workers
        )
        self._seen = seen
        self.set_class(seen is not None, "-shown")
        self.refresh(layout=relayout)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self._seen is None:
            return 0
        return 1 + min(MAX_LINES, -(-len(self._seen.workers) // self._per_line(width)))

    def _per_line(self, width: int) -> int:
        return max(1, width // BAR_CELL_MIN)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"cluster-meter--{name}", partial=True)

    def render(self) -> Text:
        seen = self._seen
        if seen is None:
            return Text()
        width = self.size.width
        label = self._style("label")
        where = "local cluster" if seen.local else seen.scheduler
        hosts = len({w.host for w in seen.workers})
        head = Text(f"dask {where} · {len(seen.workers)} workers on {hosts} host", style=label)
        head.append("s" if hosts != 1 else "", label)
        head.truncate(width, overflow="ellipsis")
        per_line = self._per_line(width)
        cell = width // per_line
        lines = [head]
        workers = sorted(seen.workers, key=lambda w: (w.host, w.address))
        for start in range(0, min(len(workers), per_line * MAX_LINES), per_line):
            line = Text()
            for worker in workers[start : start + per_line]:
                line.append_text(self._bar(worker, cell))
            lines.append(line)
        return Text("\n").join(lines)

    def _bar(self, worker: ClusterWorker, cell: int) -> Text:
        """`host ████░░ 95%`, full at 100% a thread."""
        host = worker.host if len(worker.host) <= 15 else worker.host[:14] + "…"
        bar = max(1, cell - len(host) - 7)
        text = Text(f"{host} ", style=self._style("label"))
        if worker.cpu_percent is None:
            text.append("·" * bar, self._style("track"))
            text.append("    – ")
            return text
        share = worker.cpu_percent / (100 * worker.threads)
        filled = max(0, min(bar, round(share * bar)))
        text.append("█" * filled, self._style("busy"))
        text.append("░" * (bar - filled), self._style("track"))
        text.append(f"{worker.cpu_percent:4.0f}% ")
        return text
