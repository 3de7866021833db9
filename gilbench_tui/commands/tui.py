"""`gilbench` with no command: the app, its panes preset from the run options."""

from __future__ import annotations

import argparse
import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gilbench_tui.engine.spec import BenchSpec


def app_default() -> BenchSpec:
    """The app's spec before the run options: auto repeats, a size that takes seconds."""
    from gilbench_tui.engine.spec import BenchSpec

    return BenchSpec(size=1_000_000, workers=(2,), repeat=3, warmup=1, auto_repeat=True)


def tui_command(args: argparse.Namespace) -> int:
    # Start-up makes tens of thousands of objects that live as long as the app; collecting
    # garbage among them only delays the first frame. So the collector is off while the engine,
    # Textual and the app are imported and built, and starts once the first frame is out, with
    # what start-up made frozen out of its later rounds.
    gc.disable()
    try:
        from gilbench_tui.commands.common import spec_from_args
        from gilbench_tui.commands.config import report_problems
        from gilbench_tui.engine import config
        from gilbench_tui.engine.store import Store

        settings = config.load()
        report_problems(settings)
        spec = spec_from_args(args, base=settings.over(app_default()))
        store = Store(args.data_dir)
        store.check_writable()
        from gilbench_tui.ui.app import create_app

        app = create_app(
            spec=spec, store=store, settings=settings, meter_interval_s=settings.meter_interval_s
        )
        app.call_after_refresh(collect_from_now_on)
        app.run()
    finally:
        gc.enable()
    return 0


def collect_from_now_on() -> None:
    gc.freeze()
    gc.enable()
