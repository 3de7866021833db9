"""`gilbench workloads`: the catalog's workloads, with how each treats the GIL."""

from __future__ import annotations

from gilbench_tui.commands.common import table_width
from gilbench_tui.probe.catalog import WORKLOADS
from gilbench_tui.render.table import grid


def workloads_command() -> int:
    rows = [[w.name, w.gil, w.description] for w in WORKLOADS.values()]
    headers = ["workload", "GIL", "what it does"]
    print(grid(headers, rows, right=set(), width=table_width()))
    print("\nOr your own function: --workload FILE.py:FUNC or package.module:FUNC,")
    print("called as FUNC(size, index) or FUNC(); how it treats the GIL is measured.")
    return 0
