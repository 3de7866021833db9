"""`gilbench` with no command: the app, its panes preset from the run options."""

from __future__ import annotations

import argparse

from gilbench_tui.commands.common import spec_from_args
from gilbench_tui.commands.config import report_problems
from gilbench_tui.engine import config
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.store import Store

APP_DEFAULT = BenchSpec(size=1_000_000, workers=(2,), repeat=3, warmup=1, auto_repeat=True)


def tui_command(args: argparse.Namespace) -> int:
    settings = config.load()
    report_problems(settings)
    spec = spec_from_args(args, base=settings.over(APP_DEFAULT))
    store = Store(args.data_dir)
    store.check_writable()
    from gilbench_tui.ui.app import create_app

    app = create_app(
        spec=spec, store=store, settings=settings, meter_interval_s=settings.meter_interval_s
    )
    app.run()
    return 0
