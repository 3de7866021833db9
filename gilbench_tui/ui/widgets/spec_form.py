"""The choice panes together: they show a BenchSpec and read one back, or one per interpreter when
the interpreter pane compares several (`read_plan`).

Fields without a pane (warm-up, --split, timeout) come from the spec the form was loaded with, so a
preset from the command line keeps them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget

from gilbench_tui.engine import admission, usercode
from gilbench_tui.engine.admission import Field, Problem
from gilbench_tui.engine.interpreters import InterpreterInfo
from gilbench_tui.engine.spec import (
    AUTO,
    BenchSpec,
    SpecError,
    format_repeat,
    format_size,
    format_workers,
    parse_repeat,
    parse_size,
    parse_workers,
    with_repeat,
)
from gilbench_tui.ui.messages import InterpreterChosen
from gilbench_tui.ui.widgets.choice_pane import ChoicePane
from gilbench_tui.ui.widgets.field_pane import FieldFormat, FieldPane
from gilbench_tui.ui.widgets.interpreter_pane import InterpreterPane
from gilbench_tui.ui.widgets.options_pane import OptionsPane
from gilbench_tui.ui.widgets.strategies_pane import StrategiesPane
from gilbench_tui.ui.widgets.workload_pane import WorkloadPane

SIZE_KEYS = r"[0-9._,eEkKmMgG]"
WORKER_KEYS = r"[0-9,\- ]"
WORKER_WORDS = ("cores", "ncpu")
COUNT_KEYS = r"[0-9]"
WORKERS_MEANING = (
    "workers (--workers): the number of tasks k, each of `size` items. serial runs them one after "
    "another, threads and processes all at once; 1,2,4 or 1-4 measures each count."
)


def explain_size(size: int) -> str:
    return f"{size:,} items"


def explain_repeat(repeat: int | None) -> str:
    """Only auto needs a word; for a count the results table says the median is shown."""
    return "until ±5%, at most 30 s" if repeat is None else ""


SIZE = FieldFormat("size", parse_size, explain_size, SIZE_KEYS, placeholder="2M, 500k, 2e6")
REPEAT = FieldFormat("repeat", parse_repeat, explain_repeat, COUNT_KEYS, (AUTO,), "3 or auto")


class SpecForm(Vertical):
    """Workload, interpreter, size, task counts, strategies, repeats and the lab options;
    `read()` returns the spec."""

    DEFAULT_CSS = """
    SpecForm {
        height: auto;
    }
    """

    def __init__(self, spec: BenchSpec, *, cores: int, id: str | None = None) -> None:
        super().__init__(id=id)
        self._base = spec
        self._cores = cores

    def compose(self) -> ComposeResult:
        spec = self._base
        yield WorkloadPane(spec.workload, id="workload")
        yield InterpreterPane(spec.python, admit=self._refusal, id="interpreter")
        yield FieldPane(SIZE, format_size(spec.size), id="size")
        workers = FieldFormat(
            "workers", self._parse_workers, self._explain_workers, WORKER_KEYS, WORKER_WORDS,
            "1,2,4 or 1-cores", WORKERS_MEANING,
        )  # fmt: skip
        yield FieldPane(workers, format_workers(spec.workers), id="workers")
        yield StrategiesPane(spec.strategies, id="strategies")
        yield FieldPane(REPEAT, format_repeat(spec), id="repeat")
        yield OptionsPane(
            return_data=spec.return_data,
            latency_probe=spec.latency_probe,
            switch_interval_s=spec.switch_interval_s,
            dask_scheduler=spec.dask_scheduler,
            gil=spec.gil,
            id="options",
        )

    def _parse_workers(self, text: str) -> tuple[int, ...]:
        return parse_workers(text, self._cores)

    def _explain_workers(self, workers: tuple[int, ...]) -> str:
        counts = (
            ", ".join(str(k) for k in workers) if len(workers) <= 6 else format_workers(workers)
        )
        return f"{counts} task{'s' if workers != (1,) else ''}"

    @property
    def size_pane(self) -> FieldPane[int]:
        return self.query_one("#size", FieldPane)

    @property
    def workers_pane(self) -> FieldPane[tuple[int, ...]]:
        return self.query_one("#workers", FieldPane)

    @property
    def repeat_pane(self) -> FieldPane[int | None]:
        return self.query_one("#repeat", FieldPane)

    @property
    def workload_pane(self) -> WorkloadPane:
        return self.query_one(WorkloadPane)

    @property
    def interpreter_pane(self) -> InterpreterPane:
        return self.query_one(InterpreterPane)

    @property
    def options_pane(self) -> OptionsPane:
        return self.query_one(OptionsPane)

    def set_interpreters(self, found: list[InterpreterInfo], failures: list[str]) -> None:
        self.interpreter_pane.set_found(found, failures)

    def load(self, spec: BenchSpec) -> list[str]:
        """Show `spec` in the panes; fields without a pane are kept for `read()`.

        The interpreter stays as chosen: a preset says what to measure, not on which Python. A
        comparison chosen before is cleared, though: it was chosen for another spec (an old
        interpreter admitted for the seed, say), and a stored run is rerun as it was, on one
        interpreter. Returns the names of the interpreters taken out, for the screen to say so.
        """
        self._base = spec
        cleared = self.interpreter_pane.clear_compare()
        self.query_one(WorkloadPane).set_value(spec.workload)
        self.size_pane.set_text(format_size(spec.size))
        self.workers_pane.set_text(format_workers(spec.workers))
        self.query_one(StrategiesPane).set_value(spec.strategies)
        self.repeat_pane.set_text(format_repeat(spec))
        self.options_pane.set_values(
            return_data=spec.return_data,
            latency_probe=spec.latency_probe,
            switch_interval_s=spec.switch_interval_s,
            dask_scheduler=spec.dask_scheduler,
            gil=spec.gil,
        )
        return cleared

    @on(InterpreterChosen)
    def _interpreter_chosen(self, event: InterpreterChosen) -> None:
        event.stop()
        self.options_pane.show_for(event.info)

    def panes(self) -> dict[Field, FieldPane[Any] | ChoicePane | StrategiesPane | OptionsPane]:
        """The pane that shows each field; warm-up, timeout and the time budget have none (they
        come from the command line, which admitted them). `-X gil` is offered only where the
        interpreter takes it, and admission ties what is wrong with it to the interpreter."""
        return {
            "workload": self.query_one(WorkloadPane),
            "python": self.interpreter_pane,
            "size": self.size_pane,
            "workers": self.workers_pane,
            "strategies": self.query_one(StrategiesPane),
            "repeat": self.repeat_pane,
            "switch_interval_s": self.options_pane,
            "dask_scheduler": self.options_pane.scheduler_pane,
        }

    def problems(self) -> tuple[BenchSpec | None, list[Problem]]:
        """The spec the panes describe and what stops it from running, field by field: first what
        cannot be read, then what engine.admission finds (fields, interpreter, memory)."""
        options = self.options_pane
        typed: list[tuple[Field, Callable[[], object]]] = [
            ("size", lambda: self.size_pane.value),
            ("workers", lambda: self.workers_pane.value),
            ("strategies", lambda: self.query_one(StrategiesPane).value),
            ("repeat", lambda: self.repeat_pane.value),
            ("switch_interval_s", lambda: options.switch_interval_s),
            ("dask_scheduler", lambda: options.dask_scheduler),
        ]
        unread = [problem for field, read in typed if (problem := _unread(field, read))]
        if unread:
            return None, unread
        workload = self.query_one(WorkloadPane).value
        if usercode.is_reference(workload):
            workload = usercode.normalise(workload)
        spec = self._base.with_changes(
            workload=workload,
            workload_sha256=usercode.file_sha256(workload) if ":" in workload else None,
            python=self.interpreter_pane.value,
            size=self.size_pane.value,
            workers=self.workers_pane.value,
            strategies=self.query_one(StrategiesPane).value,
            return_data=options.is_on("return_data"),
            latency_probe=options.is_on("latency_probe"),
            switch_interval_s=options.switch_interval_s,
            dask_scheduler=options.dask_scheduler,
            gil=options.gil,
        )
        spec = with_repeat(spec, self.repeat_pane.value)
        found = admission.problems(spec, interpreter=self.interpreter_pane.info)
        for label, info in self.interpreter_pane.others():
            found += [
                Problem("python", f"also on {label}: {reason}")
                for reason in _python_problems(spec, info)
            ]
        return spec, found

    def _refusal(self, info: InterpreterInfo) -> str | None:
        """Why `info` cannot join the comparison with the spec the panes show; None if it can."""
        spec, _ = self.problems()
        if spec is None:  # a field cannot be read: judge the workload alone
            spec = self._base.with_changes(workload=self.workload_pane.value)
        return next(iter(_python_problems(spec, info)), None)

    def read(self) -> BenchSpec:
        """The spec the panes describe; otherwise each problem is shown under its field and
        SpecError carries the first."""
        spec, found = self.problems()
        for field, pane in self.panes().items():
            pane.show_problem(next((p.message for p in found if p.field == field), None))
        if spec is None or found:
            raise SpecError(found[0].message)
        return spec

    def read_plan(self) -> list[tuple[str, BenchSpec]]:
        """The spec on each interpreter it runs on, the shown one first, with the interpreter's
        name; SpecError as `read()`."""
        spec = self.read()
        return [
            (label, spec.with_changes(python=python))
            for label, python in self.interpreter_pane.plan()
        ]

    def first_invalid(self) -> Widget | None:
        """Where to move the focus: the first problem's field that has a pane."""
        _, found = self.problems()
        panes = self.panes()
        for problem in found:
            if problem.field in panes:
                return panes[problem.field].focus_target
        return None


def _python_problems(spec: BenchSpec, info: InterpreterInfo) -> list[str]:
    """What engine.admission finds against running `spec` on `info` (the memory guard aside:
    the runs of a comparison run one at a time, so the shown interpreter's check covers it):
    the interpreter's own problems, and dask missing there when the spec needs it."""
    on_it = spec.with_changes(python=info.path)
    found = admission.problems(on_it, interpreter=info, memory=False)
    without_dask = admission.dask_problems(on_it, info)
    return [p.message for p in found if p.field == "python" or p in without_dask]


def _unread(field: Field, read: Callable[[], object]) -> Problem | None:
    try:
        read()
    except SpecError as exc:
        return Problem(field, str(exc))
    return None
