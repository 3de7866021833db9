"""`gilbench config path | show`: where the settings file is, and the settings in effect."""

from __future__ import annotations

import argparse
import sys

from gilbench_tui.engine import config


def report_problems(settings: config.Settings) -> None:
    """Each unused setting, one line on stderr."""
    for problem in settings.problems:
        print(f"gilbench: {problem}", file=sys.stderr)


def config_command(args: argparse.Namespace) -> int:
    if args.action == "path":
        print(config.config_path())
        return 0
    settings = config.load()
    report_problems(settings)
    where = "" if settings.exists else " (not created yet: these are the defaults)"
    print(f"# {settings.path}{where}")
    sys.stdout.write(config.show(settings))
    return 0
