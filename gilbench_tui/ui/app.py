"""The Textual app, built by `create_app()` from its collaborators so tests can inject fakes.

The app itself is thin: it holds the services, shows the main screen, opens help and quits
(cancelling a run first, so no worker process outlives the app). The main screen opens the history,
run, compare and metadata screens.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.theme import Theme

from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.monitor import MIN_INTERVAL_S, Sampler
from gilbench_tui.ui.messages import ThemeNotRemembered
from gilbench_tui.ui.screens.main import MainScreen
from gilbench_tui.ui.services import (
    BenchRunner,
    Discover,
    HistoryStore,
    Services,
    discover_interpreters,
    examine_machine,
)

if TYPE_CHECKING:
    from textual.message import Message
    from textual.pilot import Pilot

    from gilbench_tui.engine.config import Settings
    from gilbench_tui.engine.doctor import Check


#: How long `run_test` waits for the main screen's panes; far more than they ever take.
PANES_TIMEOUT_S = 30.0


class GilbenchApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "gilbench"
    SUB_TITLE = "threads or processes? measured live"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, services: Services, spec: BenchSpec) -> None:
        super().__init__()
        self.services = services
        self.spec = spec
        self._main: MainScreen | None = None
        #: The theme the config file holds, so only a change is written.
        self.remembered_theme: str | None = None

    @property
    def main_screen(self) -> MainScreen:
        if self._main is None:
            self._main = MainScreen(self.services, self.spec)
        return self._main

    def get_default_screen(self) -> MainScreen:
        return self.main_screen

    def on_mount(self) -> None:
        settings = self.services.settings
        if settings is None:
            return
        for problem in settings.problems:
            self.notify(problem, title="Config", severity="warning", timeout=10, markup=False)
        if settings.theme is not None:
            if settings.theme in self.available_themes:
                self.theme = settings.theme
            else:
                known = ", ".join(sorted(self.available_themes))
                self.notify(
                    f"config {settings.path}: theme: {settings.theme!r} is not a theme "
                    f"(known: {known}); using the default",
                    title="Config",
                    severity="warning",
                    timeout=10,
                    markup=False,
                )
        self.remembered_theme = self.theme
        self.theme_changed_signal.subscribe(self, self.remember_theme)

    def remember_theme(self, theme: Theme) -> None:
        """A theme picked in the command palette is written to the config file."""
        if theme.name != self.remembered_theme:
            self.remembered_theme = theme.name
            self.save_theme(theme.name)

    @work(thread=True, group="config", exit_on_error=False)
    def save_theme(self, name: str) -> None:
        from gilbench_tui.engine import config

        settings = self.services.settings
        if settings is None:
            return
        try:
            config.save_theme(name, settings.path)
        except (OSError, ValueError) as exc:
            self.post_message(ThemeNotRemembered(f"{settings.path}: {exc}"))

    def on_theme_not_remembered(self, message: ThemeNotRemembered) -> None:
        self.notify(message.reason, title="Theme not remembered", severity="warning", markup=False)

    @asynccontextmanager
    async def run_test(
        self,
        *,
        headless: bool = True,
        size: tuple[int, int] | None = (80, 24),
        tooltips: bool = False,
        notifications: bool = False,
        message_hook: Callable[[Message], None] | None = None,
    ) -> AsyncGenerator[Pilot[None], None]:
        """Textual's test harness, entered once the main screen has mounted its panes (just
        after the first frame), so tests, screenshots and benchmarks start from the whole screen."""
        async with super().run_test(
            headless=headless,
            size=size,
            tooltips=tooltips,
            notifications=notifications,
            message_hook=message_hook,
        ) as pilot:
            await asyncio.wait_for(self.main_screen.built.wait(), PANES_TIMEOUT_S)
            yield pilot

    def action_help(self) -> None:
        from gilbench_tui.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Quit; a run in progress is cancelled first and its process tree killed."""
        if self._main is not None:
            await self._main.stop_run()
        self.exit()


def create_app(
    spec: BenchSpec | None = None,
    *,
    runner: BenchRunner | None = None,
    sampler: Sampler | None = None,
    store: HistoryStore | None = None,
    clock: Callable[[], float] = time.monotonic,
    meter_interval_s: float = MIN_INTERVAL_S,
    discover: Discover = discover_interpreters,
    examine: Callable[[], list[Check]] = examine_machine,
    export_dir: Path | None = None,
    settings: Settings | None = None,
) -> GilbenchApp:
    """The app with its panes preset to `spec`; the real runner, sampler, store and interpreter
    discovery by default. With `settings` (the user's config file) the app takes its theme from
    it, says what in it was not used, and remembers a theme chosen in the command palette."""
    if runner is None:
        from gilbench_tui.engine.runner import Runner

        runner = Runner()
    if sampler is None:
        from gilbench_tui.monitor import CoreSampler

        sampler = CoreSampler(clock=clock)
    if store is None:
        from gilbench_tui.engine.store import Store

        store = Store()
    services = Services(
        runner,
        sampler,
        store,
        clock,
        meter_interval_s,
        discover,
        examine,
        export_dir if export_dir is not None else Path.cwd(),
        settings,
    )
    return GilbenchApp(services, spec if spec is not None else BenchSpec())
