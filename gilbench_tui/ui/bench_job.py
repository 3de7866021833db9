"""What the main screen's bench job does: run each planned spec in turn, save it, post messages.

One spec is an ordinary run. Several (the same spec on each interpreter the form compares) are a
comparison: every run is saved with one `comparison` id, `MatrixStep` says which interpreter of how
many is measuring, a run that fails is reported and the next interpreter measured all the same, and
`MatrixEnded` hands the runs kept to the screen, also when the comparison is cancelled (what the
cancelled run measured is saved and included) or stopped by an unexpected error. The job never touches a widget.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from textual.message import Message

from gilbench_tui.engine import labels
from gilbench_tui.engine.events import ClusterSeen, Event, Round, Sample, Started, WorkerError
from gilbench_tui.engine.progress import Progress
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.spec import DEFAULT_MAX_TIME_S, BenchSpec
from gilbench_tui.ui import messages
from gilbench_tui.ui.services import Services


@dataclass(frozen=True)
class Planned:
    """One run of the job: the spec, and the interpreter's short name for the progress line."""

    label: str
    spec: BenchSpec


def interpreter_label(info: dict[str, Any]) -> str:
    """The interpreter a run started on; on a free-threaded build, whether its GIL is on."""
    free_threaded = bool(info.get("gil_disabled_build"))
    label = labels.interpreter_label(
        str(info.get("implementation") or ""), str(info.get("version") or ""), free_threaded
    )
    return label + (
        ", GIL " + ("on" if info.get("gil_enabled") else "off") if free_threaded else ""
    )


class BenchJob:
    def __init__(self, services: Services, post: Callable[[Message], object]) -> None:
        self.services = services
        self.post = post
        #: The runs kept so far, in the order measured; a comparison's, once there are several.
        self.runs: list[RunDocument] = []
        self.failures: list[str] = []

    async def run(self, plan: Sequence[Planned]) -> None:
        if len(plan) == 1:
            await self._measure(plan[0].spec, None)
            return
        from gilbench_tui.engine.cross_interpreter import comparison_id

        comparison = comparison_id()
        try:
            for index, planned in enumerate(plan, 1):
                self.post(messages.MatrixStep(index, len(plan), planned.label))
                failure = await self._measure(planned.spec, comparison)
                if failure is not None:
                    self.failures.append(f"{planned.label}: {failure}")
        except asyncio.CancelledError:
            self.post(messages.MatrixEnded(comparison, self.runs, self.failures, cancelled=True))
            raise
        except Exception as exc:  # a bug, not a failed run: end with what was kept, then report
            failure = f"{planned.label}: {type(exc).__name__}: {exc}"
            self.post(messages.MatrixEnded(comparison, self.runs, [*self.failures, failure]))
            raise
        self.post(messages.MatrixEnded(comparison, self.runs, self.failures))

    async def _measure(self, spec: BenchSpec, comparison: str | None) -> str | None:
        """Run `spec` and save what it measured as part of `comparison`; why it failed, if it did."""
        from gilbench_tui.engine.runner import RunFailed

        cancelled_partials: list[RunDocument] = []
        try:
            document = await self.services.runner.run(
                spec, self._on_event(spec), cancelled_partials.append
            )
        except RunFailed as failure:
            partial = failure.partial
            error = None
            if partial is not None:
                partial = replace(partial, comparison=comparison)
                error = await self._save(partial)
            self.post(messages.BenchFailed(failure.message, partial, error))
            return failure.message
        except asyncio.CancelledError:
            for partial in cancelled_partials:  # what a cancelled run measured is kept too
                error = await self._save(replace(partial, comparison=comparison))
                if error is not None:
                    self.post(messages.HistoryNotSaved(error))
            raise
        document = replace(document, comparison=comparison)
        self.post(messages.BenchFinished(document, await self._save(document)))
        return None

    def _on_event(self, spec: BenchSpec) -> Callable[[Event], None]:
        clock = self.services.clock
        began = clock()
        tracker: Progress | None = None

        def on_event(event: Event) -> None:
            nonlocal tracker
            if isinstance(event, Started):
                budget = (spec.max_time_s or DEFAULT_MAX_TIME_S) if spec.auto_repeat else None
                tracker = Progress(event.plan, budget)
                label = interpreter_label(event.interpreter)
                self.post(messages.BenchStarted(event.pid, label, len(event.plan)))
                self.post(messages.BenchProgress(tracker.view(clock() - began), clock()))
            elif isinstance(event, ClusterSeen):
                self.post(messages.ClusterMetrics(event))
            elif isinstance(event, Sample) and tracker is not None:
                self.post(messages.ClusterMetrics(None))
                tracker.update(event)
                self.post(messages.BenchProgress(tracker.view(clock() - began), clock()))
            elif isinstance(event, Round) and tracker is not None:
                tracker.update_round(event)
                self.post(messages.BenchProgress(tracker.view(clock() - began), clock()))
            elif isinstance(event, WorkerError) and not event.fatal:
                self.post(messages.BenchWarning(event.message))

        return on_event

    async def _save(self, document: RunDocument) -> str | None:
        """Append to the history in a thread, so a slow disk never stalls the screen; the error,
        if any. The job awaits it, so a run counts as finished only once it is saved."""
        self.runs.append(document)
        try:
            await asyncio.to_thread(self.services.store.append, document)
        except OSError as exc:
            return str(exc)
        return None
