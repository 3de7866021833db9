"""The one working screen: choice panes, meters, progress, results, verdict and charts.

The bench job only runs the runner and posts messages; the handlers below own every state
change (the running flag, the watched process, the widgets). The meters are sampled on a timer at
most twice a second, and the charts are drawn only when results arrive. The interpreter search runs
in a thread at mount; a run stops it (inspecting would disturb the measurement) and it resumes after.
Finished, failed and cancelled runs are appended to the history in a thread, by the bench job
before it ends, so the screen never waits on the disk and quitting waits for the save.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState, get_current_worker

from gilbench_tui.engine import usercode
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.seed import seed_spec
from gilbench_tui.engine.spec import BenchSpec, SpecError
from gilbench_tui.monitor import RingBuffer
from gilbench_tui.ui.bench_job import BenchJob, Planned
from gilbench_tui.ui.messages import (
    BenchFailed,
    BenchFinished,
    BenchProgress,
    BenchStarted,
    BenchWarning,
    ClusterMetrics,
    HistoryNotSaved,
    InterpretersFound,
    MatrixEnded,
    MatrixStep,
)
from gilbench_tui.ui.services import Services
from gilbench_tui.ui.widgets.cluster_meter import ClusterMeter
from gilbench_tui.ui.widgets.comparison_note import ComparisonNote
from gilbench_tui.ui.widgets.core_meter import CoreMeter
from gilbench_tui.ui.widgets.footer import AppFooter
from gilbench_tui.ui.widgets.results_parts import PARTS, show_results
from gilbench_tui.ui.widgets.run_problem import guarded
from gilbench_tui.ui.widgets.run_progress import RunProgress
from gilbench_tui.ui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmall
from gilbench_tui.ui.widgets.verdict_view import VerdictView

if TYPE_CHECKING:
    from gilbench_tui.ui.widgets.spec_form import SpecForm

#: The seed preset's size in the app: a tenth of the article's 10M, so a run takes seconds.
APP_SEED_SIZE = 1_000_000
#: A minute of meter history at 2 Hz.
HISTORY_SAMPLES = 120
#: What stays on screen, dimmed, from the previous run while a new one measures.
STALE_WHILE_RUNNING = PARTS


class MainScreen(Screen[None]):
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 - Textual declares it without ClassVar
        (0, "-too-narrow"),
        (MIN_WIDTH, "-narrow"),
        (90, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-too-short"),
        (MIN_HEIGHT, "-short"),
        (28, "-tall"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "run", "Run"),
        Binding("x", "cancel", "Cancel"),
        Binding("s", "seed", "Seed preset"),
        Binding("h", "history", "History"),
        Binding("i", "info", "Info"),
        Binding("e", "export", "Export"),
        Binding("m", "matrix", "Matrix"),
        Binding("escape", "leave_field", "Leave field", show=False),
    ]

    #: The workload pane gets the focus once the panes exist (`_build`).
    AUTO_FOCUS = None

    running: reactive[bool] = reactive(False, bindings=True)

    def __init__(self, services: Services, spec: BenchSpec) -> None:
        super().__init__()
        self.services = services
        self.initial_spec = spec
        self.tree_history: RingBuffer[float | None] = RingBuffer(HISTORY_SAMPLES)
        self.watched_pid: int | None = None
        self.document: RunDocument | None = None
        #: The last comparison over several interpreters (`m` shows its matrix), and what failed.
        self.comparison: MatrixEnded | None = None
        #: `2/3` while a comparison measures its second run of three; empty otherwise.
        self.stage = ""
        #: Set when a run stopped the interpreter search; it starts again when the run ends.
        self.search_again = False
        #: Set once the panes and the results are mounted, just after the first frame.
        self.built = asyncio.Event()
        #: Keys that need the panes, pressed before they existed: run once they do.
        self._early: list[Callable[[], None]] = []

    def compose(self) -> ComposeResult:
        """The frame, the meters, the verdict's place and the footer: what the first frame
        shows. The panes and the results are mounted right after it (`_build`): composing
        and styling them, and importing the charts, would take longer than all the rest of the
        start-up (`benchmarks/startup.py`)."""
        yield TooSmall(id="too-small")
        with Horizontal(id="main"):
            with VerticalScroll(id="left", can_focus=False), VerticalScroll(id="verdict"):
                yield ComparisonNote()
                yield VerdictView()
            with VerticalScroll(id="right"), Vertical(id="monitor"):
                yield CoreMeter(self.services.sampler.core_count, id="meter")
                yield ClusterMeter(id="cluster-meter")
                yield RunProgress(id="progress")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#verdict").border_title = "verdict"
        self.query_one("#monitor").border_title = "cores"
        self.set_interval(self.services.meter_interval_s, self.sample_cores, name="meters")
        self.call_after_refresh(self._build)

    async def _build(self) -> None:
        if not self.is_attached:  # quit before the first frame was out
            return
        from gilbench_tui.ui.widgets.results_parts import results_parts
        from gilbench_tui.ui.widgets.spec_form import SpecForm

        form = SpecForm(self.initial_spec, cores=self.services.sampler.usable_count, id="spec")
        form.border_title = "spec"
        await self.query_one("#left").mount(form, before="#verdict")
        form.workload_pane.select.focus()  # keys reach the panes while the results mount
        await self.query_one("#right").mount_all(results_parts())
        self.query_one("#results").border_title = "results"
        self.built.set()
        for action in self._early:
            action()
        self._early.clear()
        # Inspecting interpreters starts subprocesses; let the panes paint before they compete.
        self.call_after_refresh(self.search_interpreters)

    @property
    def form(self) -> SpecForm:
        from gilbench_tui.ui.widgets.spec_form import SpecForm

        return self.query_one(SpecForm)

    # -- state shown by the bindings ---------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.running
        if action in ("run", "seed"):
            return None if self.running else True
        if action == "export":
            return self.document is not None
        if action == "matrix":
            return self.comparison is not None
        return True

    # -- actions -------------------------------------------------------------------------------

    def action_run(self) -> None:
        if not self.built.is_set():
            self._early.append(self.action_run)
            return
        if self.running:
            return
        form = self.form
        try:
            plan = form.read_plan()
        except SpecError as exc:
            self.notify(
                str(exc), title="Not run: fix the spec first", severity="warning", markup=False
            )
            target = form.first_invalid()
            if target is not None:
                target.focus()
            return
        self.running = True
        self.stage = ""
        self.comparison = None
        self.query_one(ComparisonNote).show(None)
        self._pause_search()
        self._mark_previous()
        self.query_one(RunProgress).begin()
        self.run_bench([Planned(label, spec) for label, spec in plan])

    def rerun(self, spec: BenchSpec) -> None:
        """Run a stored run's spec again: shown in the panes first; when it names a file of the
        user's that changed since, ask before running it."""
        if self.running:
            self.notify("a run is measuring; cancel it first (x)", severity="warning")
            return
        self._load(spec)
        question = usercode.changed_since(spec.workload, spec.workload_sha256)
        if question is None:
            self.action_run()
            return
        from gilbench_tui.ui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.action_run()

        self.app.push_screen(ConfirmScreen("your file changed", question), answered)

    def action_cancel(self) -> None:
        if self.running:
            self.workers.cancel_group(self, "bench")
            self.query_one(RunProgress).end("cancelling: stopping the worker process tree…")

    def action_seed(self) -> None:
        if not self.built.is_set():
            self._early.append(self.action_seed)
            return
        if self.running:
            return
        self._load(seed_spec(size=APP_SEED_SIZE))
        self.notify(
            "seed workload · 2, 3, 4 tasks · serial, threads, processes. The article used 10M items "
            "a task; 1M keeps it quick (edit the size). Press r to run.",
            title="The article's experiment",
            markup=False,
        )

    def action_leave_field(self) -> None:
        self.set_focus(None)

    def action_history(self) -> None:
        from gilbench_tui.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.services.store, self.services.export_dir))

    def action_export(self) -> None:
        if self.document is not None:
            from gilbench_tui.ui.screens.export import ExportScreen

            self.app.push_screen(ExportScreen(self.document, self.services.export_dir))

    def action_matrix(self) -> None:
        if self.comparison is not None:
            from gilbench_tui.ui.screens.matrix import MatrixScreen

            ended = self.comparison
            self.app.push_screen(MatrixScreen(ended.comparison, ended.runs, ended.failures))

    def action_info(self) -> None:
        from gilbench_tui.ui.screens.metadata import MetadataScreen

        screen = MetadataScreen(self.document, self.services.examine, measuring=self.running)
        self.app.push_screen(screen)

    async def stop_run(self) -> None:
        """Cancel a run and wait until the runner has killed the worker process tree and what it
        measured is saved (for quitting)."""
        for job in self.workers.cancel_group(self, "bench"):
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await job.wait()

    # -- the jobs ----------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="interpreters", exit_on_error=False)
    def search_interpreters(self) -> None:
        """Inspect the interpreters on this machine; stops between two when cancelled."""
        job = get_current_worker()
        found, failures = self.services.discover(lambda: job.is_cancelled)
        if not job.is_cancelled:
            self.post_message(InterpretersFound(found, failures))

    @work(exclusive=True, group="bench", exit_on_error=False)
    async def run_bench(self, plan: list[Planned]) -> None:
        await BenchJob(self.services, self.post_message).run(plan)

    # -- handlers: all state changes happen here -------------------------------------------------

    def on_bench_started(self, message: BenchStarted) -> None:
        self.watched_pid = message.pid
        where = message.interpreter
        self.query_one("#monitor").border_subtitle = (
            f"{self.stage} · {where}" if self.stage else where
        )

    def on_matrix_step(self, message: MatrixStep) -> None:
        self.stage = f"{message.index}/{message.total}"  # the monitor names the interpreter
        if message.index > 1:
            self._mark_previous()
        self.query_one(RunProgress).begin(message.stage)

    def on_matrix_ended(self, message: MatrixEnded) -> None:
        self.stage = ""
        self.comparison = message if message.runs else None
        self.query_one(ComparisonNote).show(message)
        self.query_one("#verdict").scroll_home(animate=False)
        self.refresh_bindings()
        kept = len(message.runs)
        if not message.cancelled:
            failed = f" · {len(message.failures)} failed" if message.failures else ""
            self.query_one(RunProgress).end(
                f"comparison done · {kept} runs saved{failed} · m shows the matrix",
                failed=bool(message.failures),
                complete=True,
            )
        self.notify(
            f"{kept} run{'s' if kept != 1 else ''} kept as comparison {message.comparison}"
            + (": m shows the matrix" if kept else ""),
            title="Comparison cancelled" if message.cancelled else "Comparison done",
            severity="warning" if message.failures or message.cancelled else "information",
            markup=False,
        )

    def on_cluster_metrics(self, message: ClusterMetrics) -> None:
        self.query_one(ClusterMeter).show(message.seen)

    def on_bench_progress(self, message: BenchProgress) -> None:
        self.query_one(RunProgress).show(message.view, message.at)

    def on_bench_warning(self, message: BenchWarning) -> None:
        self.notify(message.text, title="Worker process warning", severity="warning", markup=False)

    def on_bench_finished(self, message: BenchFinished) -> None:
        document = message.document
        self._show_results(document)
        saved = "saved to history" if message.save_error is None else "NOT saved"
        self.query_one(RunProgress).end(
            f"done · {len(document.results)} results · {saved}", complete=True
        )
        if message.save_error is not None:
            self._not_saved(message.save_error)

    def on_history_not_saved(self, message: HistoryNotSaved) -> None:
        self._not_saved(message.reason)

    def on_interpreters_found(self, message: InterpretersFound) -> None:
        self.form.set_interpreters(message.found, message.failures)

    def on_bench_failed(self, message: BenchFailed) -> None:
        self._workload_refused(message.reason)
        if message.partial is not None:
            self._show_results(message.partial, failure=message.reason)
        else:
            self.query_one(VerdictView).show_failure(message.reason, self.document is not None)
        self.query_one(RunProgress).end(f"failed: {message.reason}", failed=True)
        self.notify(message.reason, title="Run failed", severity="error", timeout=10, markup=False)
        if message.save_error is not None:
            self._not_saved(message.save_error)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        job = event.worker
        if job.node is not self or event.state not in (
            WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED
        ):  # fmt: skip
            return
        if job.group == "interpreters" and event.state == WorkerState.ERROR:
            reason = f"interpreter search failed: {type(job.error).__name__}: {job.error}"
            self.form.set_interpreters([], [reason])
            return
        if job.group != "bench":
            return
        self.running = False
        self.query_one(ClusterMeter).show(None)
        if self.search_again:
            self.search_again = False
            self.search_interpreters()
        self.watched_pid = None
        progress = self.query_one(RunProgress)
        if event.state == WorkerState.CANCELLED:
            progress.end("cancelled · worker process tree stopped")
            self.query_one(VerdictView).show_cancelled(self.document is not None)
        elif event.state == WorkerState.ERROR:
            reason = f"{type(job.error).__name__}: {job.error}"
            progress.end(f"error: {reason}", failed=True)
            self.notify(reason, title="The run stopped", severity="error", timeout=10, markup=False)

    def sample_cores(self) -> None:
        sample = self.services.sampler.sample(self.watched_pid)
        self.tree_history.append(sample.tree_cores)
        self.query_one(CoreMeter).show(sample, self.tree_history.items())
        self.query_one(RunProgress).tick(self.services.clock())

    # -- helpers -----------------------------------------------------------------------------------

    def _workload_refused(self, reason: str) -> None:
        """The worker could not load the workload (a user's code that fails to import on the
        chosen interpreter, say): the reason goes under the workload field too."""
        pane = self.form.workload_pane
        workload = pane.value
        if usercode.is_reference(workload):
            workload = usercode.normalise(workload)
        _, found, why = reason.partition(f"workload {workload} cannot run here: ")
        if found and not _:
            pane.show_problem(why)

    def _load(self, spec: BenchSpec) -> None:
        """Show a preset or a stored run's spec; a comparison set for the spec before is cleared,
        and said so."""
        cleared = self.form.load(spec)
        if cleared:
            self.notify(
                f"no longer also on {', '.join(cleared)}: the loaded spec runs on the shown "
                "interpreter; a (in the python pane) adds others again",
                title="Comparison cleared",
                markup=False,
            )

    def _not_saved(self, reason: str) -> None:
        self.notify(reason, title="Could not save to history", severity="error", markup=False)

    def _pause_search(self) -> None:
        """Stop the interpreter search for the run (inspecting would disturb the measurement)."""
        searches = [
            job for job in self.workers.cancel_group(self, "interpreters") if not job.is_finished
        ]  # fmt: skip
        if searches:
            self.search_again = True
            self.form.interpreter_pane.pause()

    def _mark_previous(self) -> None:
        """Keep the last results on screen, dimmed, while the next run measures."""
        previous = self.document is not None
        for selector in STALE_WHILE_RUNNING:
            self.query_one(selector).set_class(previous, "-previous")
        self.query_one(VerdictView).show_measuring(previous)

    def _show_results(self, document: RunDocument, failure: str | None = None) -> None:
        self.document = document
        for selector in STALE_WHILE_RUNNING:
            self.query_one(selector).remove_class("-previous")
        verdict = self.query_one(VerdictView)

        def draw() -> None:
            show_results(self, document)
            verdict.show(document, failure)

        problem = guarded(self, f"run {document.id}", draw)
        if problem is not None:
            verdict.update(Text(problem, style="bold red"))
        self.call_after_refresh(self.query_one("#verdict").scroll_visible, animate=False)
        self.refresh_bindings()
