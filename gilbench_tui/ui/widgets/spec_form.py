"""The choice panes together: they show a BenchSpec and read one back.

Fields without a pane (warm-up, --split, timeout) come from the spec the form was loaded with, so a
preset from the command line keeps them.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget

from gilbench_tui.engine.interpreters import InterpreterInfo
from gilbench_tui.engine.memory import check_memory
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
    validate,
    with_repeat,
)
from gilbench_tui.ui.widgets.field_pane import FieldPane
from gilbench_tui.ui.widgets.interpreter_pane import InterpreterPane
from gilbench_tui.ui.widgets.options_pane import OptionsPane
from gilbench_tui.ui.widgets.strategies_pane import StrategiesPane
from gilbench_tui.ui.widgets.workload_pane import WorkloadPane

SIZE_KEYS = r"[0-9._,eEkKmMgG]"
WORKER_KEYS = r"[0-9,\- ]"
WORKER_WORDS = ("cores", "ncpu")
COUNT_KEYS = r"[0-9]"


def explain_size(size: int) -> str:
    return f"{size:,} items"


def explain_repeat(repeat: int | None) -> str:
    """Only auto needs a word; for a count the results table says the median is shown."""
    return "until ±5%, at most 30 s" if repeat is None else ""


class SpecForm(Vertical):
    """Workload, interpreter, size, worker counts, strategies, repeats and the lab options;
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
        yield InterpreterPane(spec.python, id="interpreter")
        yield FieldPane[int](
            "size",
            format_size(spec.size),
            parse=parse_size,
            explain=explain_size,
            allowed=SIZE_KEYS,
            placeholder="2M, 500k, 2e6",
            id="size",
        )
        yield FieldPane[tuple[int, ...]](
            "workers",
            format_workers(spec.workers),
            parse=self._parse_workers,
            explain=self._explain_workers,
            allowed=WORKER_KEYS,
            words=WORKER_WORDS,
            placeholder="1,2,4 or 1-cores",
            id="workers",
        )
        yield StrategiesPane(spec.strategies, id="strategies")
        yield FieldPane[int | None](
            "repeat",
            format_repeat(spec),
            parse=parse_repeat,
            explain=explain_repeat,
            allowed=COUNT_KEYS,
            words=(AUTO,),
            placeholder="3 or auto",
            id="repeat",
        )
        yield OptionsPane(
            return_data=spec.return_data,
            latency_probe=spec.latency_probe,
            switch_interval_s=spec.switch_interval_s,
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
    def interpreter_pane(self) -> InterpreterPane:
        return self.query_one(InterpreterPane)

    @property
    def options_pane(self) -> OptionsPane:
        return self.query_one(OptionsPane)

    def set_interpreters(self, found: list[InterpreterInfo], failures: list[str]) -> None:
        self.interpreter_pane.set_found(found, failures)

    def load(self, spec: BenchSpec) -> None:
        """Show `spec` in the panes; fields without a pane are kept for `read()`.

        The interpreter stays as chosen: a preset says what to measure, not on which Python.
        """
        self._base = spec
        self.query_one(WorkloadPane).set_value(spec.workload)
        self.size_pane.set_text(format_size(spec.size))
        self.workers_pane.set_text(format_workers(spec.workers))
        self.query_one(StrategiesPane).set_value(spec.strategies)
        self.repeat_pane.set_text(format_repeat(spec))
        self.options_pane.set_values(
            return_data=spec.return_data,
            latency_probe=spec.latency_probe,
            switch_interval_s=spec.switch_interval_s,
        )

    def read(self) -> BenchSpec:
        """The spec the panes describe; SpecError names the first field that is wrong, or why the
        chosen interpreter cannot run it."""
        spec = self._panes_spec()
        problem = self.interpreter_pane.problem(spec)
        if problem is not None:
            raise SpecError(problem)
        check_memory(spec)
        return spec

    def _panes_spec(self) -> BenchSpec:
        options = self.options_pane
        spec = self._base.with_changes(
            workload=self.query_one(WorkloadPane).value,
            python=self.interpreter_pane.value,
            size=self.size_pane.value,
            workers=self.workers_pane.value,
            strategies=self.query_one(StrategiesPane).value,
            return_data=options.is_on("return_data"),
            latency_probe=options.is_on("latency_probe"),
            switch_interval_s=options.switch_interval_s,
        )
        return validate(with_repeat(spec, self.repeat_pane.value))

    def first_invalid(self) -> Widget | None:
        """The input of the first field whose value is wrong, to move the focus to."""
        for pane in (self.size_pane, self.workers_pane):
            if pane.error is not None:
                return pane.input
        strategies = self.query_one(StrategiesPane)
        if not strategies.is_valid:
            return strategies.selection_list
        if self.repeat_pane.error is not None:
            return self.repeat_pane.input
        options = self.options_pane
        if options.switch_pane.error is not None:
            options.collapsed = False
            return options.switch_pane.input
        try:
            spec = self._panes_spec()
        except SpecError:
            return None
        interpreter = self.interpreter_pane
        if interpreter.problem(spec) is not None:
            return interpreter.select
        try:
            check_memory(spec)
        except SpecError:
            return self.size_pane.input
        return None
