"""`gilbench workloads`: the catalog's workloads, with how each treats the GIL."""

from __future__ import annotations

from gilbench_tui.probe.catalog import WORKLOADS
from gilbench_tui.render.table import grid


def workloads_command() -> int:
    rows = [[w.name, w.gil, w.description] for w in WORKLOADS.values()]
    print(grid(["workload", "GIL", "what it does"], rows, right=set()))
    return 0
