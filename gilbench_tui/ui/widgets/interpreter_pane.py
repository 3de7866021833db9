"""The interpreter pane: which Python runs the worker, and what its GIL does.

It starts with the running Python (or the one given with --python) as its only choice; the screen
searches for the others off the event loop (probing takes a second or two) and hands them to
`set_found`. Interpreters older than 3.8 run only the article's experiment: they are marked
"seed only", and `problem()` says why another spec cannot run on them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Select, Static

from gilbench_tui.engine.interpreters import InterpreterInfo, check_supported
from gilbench_tui.engine.spec import BenchSpec, SpecError

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
    parts = ["free-threaded"] if info.gil_disabled_build else []
    if is_running(info):
        parts.append("this Python")
    return " · ".join([*parts, info.executable])


class InterpreterPane(Vertical):
    """A select of the interpreters found; its value is a path, or None for the running Python."""

    DEFAULT_CSS = """
    InterpreterPane {
        height: auto;
        & > Horizontal { height: 1; }
        & Label.field-label { width: 9; color: $text-muted; }
        & Select { width: 1fr; }
        & Label.gil-tag { width: auto; margin-right: 1; text-style: bold; }
        & Label.gil-tag.-gil { color: $text-error; }
        & Label.gil-tag.-free { color: $text-success; }
        & Label.gil-tag.-legacy { color: $text-warning; }
        & Static.interpreter-about {
            width: 1fr;
            color: $text-muted;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
    }
    """

    def __init__(self, python: str | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial = python or sys.executable
        self.found: list[InterpreterInfo] = []
        self.failures: list[str] = []
        self.searching = True

    def compose(self) -> ComposeResult:
        first = (
            os.path.basename(self._initial) if self._initial != sys.executable else "this Python"
        )
        with Horizontal():
            yield Label("python", classes="field-label")
            yield Select([(first, PENDING)], allow_blank=False, compact=True)
        with Horizontal():
            yield Label("", classes="gil-tag")
            yield Static(SEARCHING, classes="interpreter-about", markup=False)

    @property
    def select(self) -> Select[str]:
        return self.query_one(Select)

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
        """What the chosen interpreter said about itself, once the search has probed it."""
        return next((info for info in self.found if info.path == self.path), None)

    def problem(self, spec: BenchSpec) -> str | None:
        """Why `spec` cannot run on the chosen interpreter (an old one runs only the seed)."""
        info = self.info
        if info is None:
            return None
        try:
            check_supported(info, spec)
        except SpecError as exc:
            return str(exc)
        return None

    def pause(self) -> None:
        """A run stopped the search; the screen starts it again when the run ends."""
        if self.info is None:
            self.query_one(".interpreter-about", Static).update(PAUSED)

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
        self._describe()

    def _describe(self) -> None:
        tag = self.query_one(".gil-tag", Label)
        about = self.query_one(".interpreter-about", Static)
        info = self.info
        if info is None:
            tag.update("")
            if self.searching:
                about.update(SEARCHING)
            elif not self.found and self.failures:
                about.update(self.failures[0])
            else:
                about.update(f"not probed yet · {self.path}")
            about.tooltip = "\n".join(self.failures[:5]) or None
            return
        text, style = gil_tag(info)
        tag.update(text)
        tag.set_classes(f"gil-tag {style}")
        about.update(describe(info))
        lines = [describe(info), f"compiler: {info.compiler or '?'}"]
        if info.switch_interval_s is not None:
            lines.append(f"switch interval: {info.switch_interval_s * 1e3:g} ms")
        if info.legacy:
            lines.append("older than 3.8: only the seed workload with serial, threads, processes")
        if self.failures:
            lines.append(f"{len(self.failures)} candidate(s) did not answer:")
            lines += self.failures[:5]
        about.tooltip = "\n".join(lines)

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        event.stop()
        if not self.searching:
            self._describe()
