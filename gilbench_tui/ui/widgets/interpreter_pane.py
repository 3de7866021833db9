"""The interpreter pane: which Python runs the worker process, and what its GIL does.

It starts with the running Python (or the one given with --python) as its only choice; the screen
searches for the others off the event loop (inspecting them takes a second or two) and hands them to
`set_found`. Interpreters older than 3.8 run only the article's experiment: they are marked
"seed only"; engine.admission says why another spec cannot run on them, and the form shows it here.

The select chooses THE interpreter. `a` pins the shown one for a comparison (the spec measured on
each, as `gilbench run --python a,b`), or unpins it; the spec runs on the shown interpreter first,
then on the others pinned, which the line under the choice lists ("also on: 3.13.1t GIL off ·
3.13.1"). While the pane has the focus a hint says what `a` does. The form asks engine.admission
before one is pinned (`admit`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from gilbench_tui.engine.interpreters import InterpreterInfo
from gilbench_tui.engine.labels import free_threading_status
from gilbench_tui.ui.messages import InterpreterChosen
from gilbench_tui.ui.widgets.choice_pane import ChoicePane

SEARCHING = "looking for other interpreters…"
PAUSED = "search paused during the run"
#: The select's value until the search is done: a stand-in for the first choice, so that the real
#: options always change the value (and with it the label the select shows).
PENDING = ""


def same_file(a: str, b: str) -> bool:
    return a == b or os.path.realpath(a) == os.path.realpath(b)


def is_running(info: InterpreterInfo) -> bool:
    return same_file(info.path, sys.executable) or same_file(info.executable, sys.executable)


def short_label(info: InterpreterInfo) -> str:
    """What fits the select: `3.12.3`, `3.13.1t` (free-threaded), `PyPy 3.10.14`, `2.7.18 seed only`."""
    label = info.label.removeprefix("CPython ")
    return f"{label} seed only" if info.legacy else label


def source_of(info: InterpreterInfo) -> str:
    """Where an interpreter comes from, to tell apart two of the same version."""
    for marker, source in ((f"{os.sep}.pyenv{os.sep}", "pyenv"), (f"{os.sep}uv{os.sep}", "uv")):
        if marker in info.path:
            return source
    return os.path.dirname(info.path)


def listing_order(found: Sequence[InterpreterInfo]) -> list[InterpreterInfo]:
    """The running Python first, then CPython by version, other implementations, and last the
    old ones that run only the seed."""
    return sorted(
        found,
        key=lambda info: (
            not is_running(info),
            info.legacy,
            info.implementation.lower() != "cpython",
            info.implementation.lower(),
            info.version_info,
            info.gil_disabled_build,
        ),
    )


def option_labels(found: Sequence[InterpreterInfo]) -> list[str]:
    labels = [short_label(info) for info in found]
    return [
        f"{label} ({source_of(info)})" if labels.count(label) > 1 else label
        for label, info in zip(labels, found, strict=True)
    ]


def gil_tag(info: InterpreterInfo) -> tuple[str, str]:
    """The tag beside the choice, and its style class."""
    if info.legacy:
        return "seed only", "-legacy"
    if not info.gil_enabled:
        return "GIL off", "-free"
    return "GIL on", "-gil"


def describe(info: InterpreterInfo) -> str:
    """What the select's short label leaves out: `free-threaded · this Python · /usr/bin/python3`."""
    status = free_threading_status(info.version_info)
    parts = [f"free-threaded ({status})"] if info.gil_disabled_build else []
    if is_running(info):
        parts.append("this Python")
    return " · ".join([*parts, info.executable])


#: Why an interpreter may not join a comparison, or None when it may.
Admit = Callable[[InterpreterInfo], str | None]


class InterpreterPane(ChoicePane):
    """A select of the interpreters found; its value is a path, or None for the running Python.
    `compare_on` holds the paths of the interpreters the spec also runs on, in the order added."""

    DEFAULT_CSS = """
    InterpreterPane {
        & Static.compare-on { width: 1fr; }
        & Static.compare-hint { width: 1fr; color: $text-muted; display: none; }
        &:focus-within Static.compare-hint { display: block; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "a",
            "toggle_compare",
            "Pin",
            tooltip="pin the shown interpreter: r runs the spec on each pinned one too",
        ),
    ]

    def __init__(
        self, python: str | None, *, admit: Admit = lambda info: None, id: str | None = None
    ) -> None:
        self._initial = python or sys.executable
        first = (
            os.path.basename(self._initial) if self._initial != sys.executable else "this Python"
        )
        super().__init__("python", [(first, PENDING)], PENDING, about="interpreter-about", id=id)
        self.found: list[InterpreterInfo] = []
        self.failures: list[str] = []
        self.searching = True
        self.admit = admit
        self.compare_on: list[str] = []

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static("", classes="compare-on")
        yield Static("", classes="compare-hint", markup=False)

    def on_mount(self) -> None:
        self.about.update(SEARCHING)
        self._show_compare()

    @property
    def path(self) -> str:
        value = self.select.value
        return value if isinstance(value, str) and value != PENDING else self._initial

    @property
    def value(self) -> str | None:
        """The chosen interpreter's path; None when it is the running Python."""
        path = self.path
        return None if same_file(path, sys.executable) else path

    @property
    def info(self) -> InterpreterInfo | None:
        """What the chosen interpreter said about itself, once the search has inspected it."""
        return next((info for info in self.found if info.path == self.path), None)

    def pause(self) -> None:
        """A run stopped the search; the screen starts it again when the run ends."""
        if self.info is None:
            self.about.update(PAUSED)

    def set_found(self, found: Sequence[InterpreterInfo], failures: Sequence[str]) -> None:
        """Offer the interpreters found, keeping the current choice (or --python's) selected."""
        self.found = listing_order(found)
        self.failures = list(failures)
        self.searching = False
        current = self.path
        options = list(zip(option_labels(self.found), (info.path for info in self.found),
                           strict=True))  # fmt: skip
        chosen = next(
            (info.path for info in self.found
             if same_file(info.path, current) or same_file(info.executable, current)),
            None,
        )  # fmt: skip
        if chosen is None:
            options.insert(0, (os.path.basename(current), current))
            chosen = current
        self.select.set_options(options)
        self.select.value = chosen
        found_paths = {info.path for info in self.found}
        gone = [path for path in self.compare_on if path not in found_paths]
        if gone:  # a search after a run no longer found them: unpinned, and said so
            self.compare_on = [path for path in self.compare_on if path in found_paths]
            self.notify(
                f"no longer found, so unpinned: {', '.join(gone)}",
                title="Comparison changed",
                severity="warning",
                markup=False,
            )
        self._describe()
        self._show_compare()
        self.post_message(InterpreterChosen(self.info))

    def _describe(self) -> None:
        info = self.info
        if info is None:
            if self.searching:
                about = SEARCHING
            elif not self.found and self.failures:
                about = self.failures[0]
            else:
                about = f"not inspected yet · {self.path}"
            self.describe("", "", about, "\n".join(self.failures[:5]) or None)
            return
        lines = [describe(info), f"compiler: {info.compiler or '?'}"]
        if info.switch_interval_s is not None:
            lines.append(f"switch interval: {info.switch_interval_s * 1e3:g} ms")
        if info.legacy:
            lines.append("older than 3.8: only the seed workload with serial, threads, processes")
        if self.failures:
            lines.append(f"{len(self.failures)} candidate(s) did not answer:")
            lines += self.failures[:5]
        self.describe(*gil_tag(info), describe(info), "\n".join(lines))

    def chosen(self, value: object) -> None:
        if not self.searching:
            self._describe()
        self._show_compare()
        self.post_message(InterpreterChosen(self.info))

    # -- the comparison ----------------------------------------------------------------------

    def action_toggle_compare(self) -> None:
        """Add the shown interpreter to the comparison, or take it out; one that cannot run the
        spec is refused with the reason in place of its description."""
        info = self.info
        if info is None:
            self.show_problem("wait until the search has inspected it, then a adds it")
            return
        if info.path in self.compare_on:
            self.compare_on.remove(info.path)
        else:
            reason = self.admit(info)
            if reason is not None:
                self.show_problem(f"cannot compare on it: {reason}")
                return
            self.compare_on.append(info.path)
        self.show_problem(None)
        self._show_compare()

    def clear_compare(self) -> list[str]:
        """Empty the comparison; the names of the interpreters it held besides the shown one."""
        cleared = [label for label, _ in self.others()]
        self.compare_on = []
        self._show_compare()
        return cleared

    def _labels(self) -> dict[str, str]:
        return dict(zip((info.path for info in self.found), option_labels(self.found),
                        strict=True))  # fmt: skip

    def others(self) -> list[tuple[str, InterpreterInfo]]:
        """The interpreters the spec also runs on, besides the shown one: (name, info) each."""
        labels = self._labels()
        by_path = {info.path: info for info in self.found}
        return [
            (labels[path], by_path[path])
            for path in self.compare_on
            if path in by_path and not same_file(path, self.path)
        ]

    def plan(self) -> list[tuple[str, str | None]]:
        """Where the spec runs, in order: the shown interpreter first, then the others; each as
        its name and the spec's `python` (None for the running Python)."""
        info = self.info
        shown = self._labels()[info.path] if info is not None else os.path.basename(self.path)
        return [(shown, self.value)] + [
            (label, None if is_running(info) else info.path) for label, info in self.others()
        ]

    def _show_compare(self) -> None:
        others = self.others()
        line = Text()
        if others:
            line.append("also on: ", style="bold")
            for index, (label, info) in enumerate(others):
                if index:
                    line.append(" · ")
                free = info.gil_disabled_build and not info.legacy
                line.append(label + (" GIL off" if free and not info.gil_enabled else ""),
                            style="green" if free else "")  # fmt: skip
        on = self.query_one(".compare-on", Static)
        on.update(line)
        on.display = bool(others)
        shown = self.info
        name = short_label(shown) if shown is not None else "it"
        pinned = shown is not None and shown.path in self.compare_on
        hint = f"a: unpin {name}" if pinned else f"a: pin {name} to compare"
        self.query_one(".compare-hint", Static).update(hint)
