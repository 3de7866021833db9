"""`gilbench doctor`: is this machine fit to measure threads against processes right now?"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from gilbench_tui.commands.common import table_width
from gilbench_tui.engine.doctor import advise, examine
from gilbench_tui.render.table import fold, grid


def doctor_command(args: argparse.Namespace) -> int:
    seen = examine()
    checks = advise(seen)
    if getattr(args, "json", False):
        print(json.dumps({"examination": asdict(seen), "checks": [asdict(c) for c in checks]}))
        return 0
    rows = [[("✓ " if c.ok else "! ") + c.topic, c.value] for c in checks]
    print(grid(["check", "reading"], rows, right=set(), width=table_width()))
    advice = [c.advice for c in checks if c.advice]
    print()
    if advice:
        for line in advice:
            print(fold(f"! {line}", table_width()))
    else:
        print("Nothing here should disturb a measurement.")
    return 0
