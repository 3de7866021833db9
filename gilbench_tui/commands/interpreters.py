"""`gilbench interpreters`: the Pythons found on this machine, and how each treats the GIL."""

from __future__ import annotations

import argparse

from gilbench_tui.commands.common import table_width
from gilbench_tui.engine.interpreters import discover
from gilbench_tui.engine.labels import free_threading_status
from gilbench_tui.render.table import grid


def interpreters_command(args: argparse.Namespace) -> int:
    found, failed = discover()
    rows = []
    for info in found:
        build = "free-threaded" if info.gil_disabled_build else "GIL"
        gil = "off" if not info.gil_enabled else "on"
        interval = "–" if info.switch_interval_s is None else f"{info.switch_interval_s * 1e3:g} ms"
        note = " (seed only)" if info.legacy else ""
        rows.append([info.label + note, build, gil, interval, info.path])
    headers = ["interpreter", "build", "GIL now", "switch", "path"]
    print(grid(headers, rows, right=set(), width=table_width()))
    for info in found:
        if info.gil_disabled_build:
            status = free_threading_status(info.version_info)
            print(f"{info.label}: free-threaded build, {status}")
    if failed:
        if args.verbose:
            for line in failed:
                print(f"not usable: {line}")
        else:
            print(f"({len(failed)} more candidates did not answer; --verbose lists them)")
    return 0
