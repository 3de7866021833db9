"""Help: the keys, what each strategy does, why threads don't speed up pure Python under the GIL,
and which work lets go of it. Built from the catalog, so it never drifts from it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown

from gilbench_tui.engine.seed import SEED_LOOP_NOTE, WHY_MODERN_DIFFERS
from gilbench_tui.probe.catalog import STRATEGIES, WORKLOADS
from gilbench_tui.ui.widgets.workload_pane import GIL_TAGS

KEYS = (
    ("r", "run the spec in the panes (refused, with a note, while a field is wrong)"),
    ("x", "cancel the run: the worker process and everything it started are killed"),
    ("s", "load the article's experiment: seed workload, 2-4 tasks, serial/threads/processes"),
    (
        "a",
        "in the python pane: pin the shown interpreter for a comparison (again: unpin); r then "
        "runs the spec on the shown one and on each pinned, one after another",
    ),
    ("m", "the last comparison's matrix: a column per interpreter, and what to pick"),
    (
        "h",
        "the history of runs: enter opens one, space marks two and c compares them, "
        "m shows a run's comparison, d deletes one (y confirms), esc goes back",
    ),
    (
        "i",
        "this machine now (usable cores, load, other programs, governor, capacity: the checks of `gilbench doctor`) and where the shown run was measured",
    ),
    (
        "e",
        "export the shown run as JSON, CSV or Markdown (j, c or m) to `gilbench-<run id>.<ext>` in "
        "the folder the app was started in; also in the history and on an opened run",
    ),
    ("tab / shift+tab", "move between the panes; esc leaves a text field"),
    ("space / enter", "toggle a strategy or an option, open a list (workload, python, options)"),
    ("?", "this help (esc or ? closes it)"),
    ("q", "quit; a run in progress is cancelled and its processes killed first"),
    ("ctrl+p", "command palette: themes (the one picked is remembered), screenshots"),
)

WHY_THREADS = """\
CPython's global interpreter lock (GIL) lets one thread at a time execute Python bytecode. Threads
of a pure-Python loop, such as the seed workload's `out.append(rng.random())`, therefore take turns:
k threads do the same work as the serial run, one slice at a time, so they take about as long (the
worker process tree's meter stays near one core). Processes each have their own interpreter and their own
GIL, so k processes finish up to min(k, usable cores) times sooner, minus the cost of starting
them and of sending results back. Usable cores are those this process may run on: `taskset` and a
container's CPU quota give fewer than the machine has, and the meters cross out the others.

On a free-threaded build the GIL is off and threads run Python in parallel: 3.13t was the
experimental build, and from 3.14 free-threading is officially supported (PEP 779). The switch
interval has no effect there, since there is no GIL to hand over.
"""

RELEASES = """\
Work that lets go of the GIL lets threads run in parallel: C code that drops it while it computes
(hashlib on updates of 2048 bytes or more, though the built-in sha256 used without OpenSSL only
since 3.12; zlib, bz2, lzma; most of NumPy), and every wait for something outside the
interpreter: file and socket I/O, `time.sleep`, subprocesses, locks.
"""


LAB = """\
- **workers** is the number of tasks, k (`--workers`, and `workers` in the JSON): a *task* is `size`
  items of the workload, and every strategy runs the same k tasks. The *worker process* is the one
  child process that runs them, on the chosen interpreter, so the app never slows what it measures.
- **python**: the interpreter that runs the worker process. The list is what was found on this
  machine (PATH, pyenv, uv, pypy3); `t` marks a free-threaded build, and interpreters older than
  3.8 are *seed only*: they run the article's experiment (seed workload; serial, threads, processes).
- **options** (enter unfolds them): *return data* ships every task's full output back, and the
  table's *transfer* column shows what that costs; *wake-up latency* runs a wake-up sampler, a
  thread that sleeps 1 ms in a loop while the work runs, and *wake p99* is how late it woke (the
  GIL convoy effect); *switch* sets `sys.setswitchinterval` in milliseconds. On a free-threaded
  build they offer *-X gil=0/1* (keep the GIL off, or turn it on) and hide *switch* while the GIL
  is off.
- *processes* uses the platform's default start method: fork on Linux up to 3.13, forkserver
  from 3.14, spawn on macOS and Windows; the processes-fork/-forkserver/-spawn strategies pick one.
- The table's *pool* column is the start-up of a thread or process pool, timed apart. Strategies
  the interpreter cannot run are listed under the table with the reason.
- With three or more task counts the speedup chart becomes a sweep: speedup against the number
  of tasks, beside the ideal. From two task counts on, the verdict gives each strategy's Amdahl
  serial fraction (0 = scales perfectly, 1 = not at all).
"""


def help_markdown() -> str:
    lines = ["# Keys", ""]
    lines += [f"- `{key}` {what}" for key, what in KEYS]
    lines += ["", "# The lab: interpreters and options", "", LAB]
    lines += ["# Strategies", ""]
    lines += [f"- **{s.name}**: {s.description}" for s in STRATEGIES.values()]
    lines += ["", "# Why threads don't speed up pure-Python code", "", WHY_THREADS]
    lines += ["# Which work releases the GIL", "", RELEASES]
    lines += [
        f"- **{w.name}** ({GIL_TAGS.get(w.gil, w.gil)}): {w.description}"
        for w in WORKLOADS.values()
    ]
    lines += [
        "- **your code…** (measured): a function of yours, `FUNC(size, index)` or `FUNC()`; the "
        "run measures whether it holds the GIL, releases it, waits, or is mixed."
    ]
    lines += ["", "# The article, and why modern Python differs", "", WHY_MODERN_DIFFERS, ""]
    lines += [SEED_LOOP_NOTE, ""]
    lines += [
        "The results table shows the article's seconds and speedups (Python 2, 10M items a task) "
        "beside a seed run's own; compare the speedups, since the machines differ."
    ]
    return "\n".join(lines)


class HelpScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", key_display="?", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(help_markdown(), id="help-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss()
