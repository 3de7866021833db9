"""The `gilbench` command: the TUI by default, headless subcommands for scripts.

Imports stay lazy so that `gilbench --version` and `--help` answer without loading the engine.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from gilbench_tui import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CANCELLED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141


RUN_REFERENCE = "a run: its short id (see: gilbench history), last, last~N, or an id or its prefix"
RUN_DESCRIPTION = (
    "Each strategy runs the same k tasks (--workers k), each --size items of the workload, in a "
    "worker process on the chosen interpreter; speedup is serial's median over the strategy's."
)


class UsageError(Exception):
    """Bad command-line usage; the message is one line for the user."""


class _ExamplesFormatter(argparse.HelpFormatter):
    """Wraps the description as usual; the examples keep their lines."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:"):
            return text
        return super()._fill_text(text, width, indent)


class _Parser(argparse.ArgumentParser):
    """Errors as one line; `--help` ends with the command's examples."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from gilbench_tui.commands.examples import EXAMPLES, epilog

        command = str(kwargs.get("prog", "gilbench")).removeprefix("gilbench").strip()
        if command in EXAMPLES:
            kwargs.setdefault("epilog", epilog(command))
            kwargs.setdefault("formatter_class", _ExamplesFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        one_line = message.replace("\r", "\\r").replace("\n", "\\n")
        raise UsageError(f"{one_line} (see: {self.prog} --help)")


def _add_run_options(
    p: argparse.ArgumentParser, *, seed: bool = False, outputs: bool = False
) -> None:
    g = p.add_argument_group("what to measure")
    if not seed:
        g.add_argument(
            "--workload",
            metavar="NAME",
            help="workload (see: gilbench workloads), or your own function: FILE.py:FUNC or "
            "package.module:FUNC, called as FUNC(size, index) or FUNC()",
        )
        g.add_argument(
            "--workers",
            metavar="LIST",
            help="the number of tasks k, each --size items: 2 | 1,2,4 | 1-4 | cores (default 2)",
        )
        from gilbench_tui.probe.catalog import STRATEGIES

        g.add_argument(
            "--strategies",
            metavar="LIST",
            help=f"comma-separated, from: {','.join(STRATEGIES)} (default serial,threads,processes)",
        )
        g.add_argument("--split", action="store_true", help="divide one total size among the tasks")
    g.add_argument("--size", metavar="N", help="items per task: 2000000, 2M, 2e6, 500k")
    g.add_argument(
        "--repeat",
        metavar="K|auto",
        help="timed repeats per strategy, or auto: rounds until every speedup is known to ±5%%",
    )
    g.add_argument(
        "--max-time",
        metavar="SECONDS",
        help="the time budget of --repeat auto (default 30)",
    )
    g.add_argument("--warmup", metavar="W", help="untimed warm-up rounds")
    g.add_argument(
        "--python",
        metavar="PATH|NAME",
        help="interpreter to measure (default: this one); `run` takes a comma-separated list",
    )
    g.add_argument(
        "--switch-interval", metavar="SECONDS", help="sys.setswitchinterval in the worker process"
    )
    g.add_argument(
        "--gil",
        choices=("0", "1"),
        help="-X gil=0/1 for the worker (3.13+): 1 turns the GIL on in a free-threaded build",
    )
    if not seed:
        g.add_argument(
            "--return-data", action="store_true", help="ship every task's output back (IPC cost)"
        )
        g.add_argument(
            "--latency",
            action="store_true",
            help="run a wake-up sampler beside the tasks: how late a sleeping thread wakes (the convoy "
            "effect)",
        )
        g.add_argument(
            "--dask-scheduler",
            metavar="ADDRESS|FILE",
            help="run the dask strategies on this scheduler's workers (tcp://host:8786, or a "
            "scheduler file) instead of a local cluster",
        )
    g.add_argument("--timeout", metavar="SECONDS", help="stop the run after this long")
    g.add_argument(
        "--force", action="store_true", help="run even when the memory estimate says it won't fit"
    )
    o = p.add_argument_group("where results go")
    o.add_argument("--data-dir", metavar="DIR", help="history location (env GILBENCH_DATA_DIR)")
    if outputs:
        o.add_argument(
            "--json", metavar="FILE|-", default=None, help="write the run as JSON (- for stdout)"
        )
        o.add_argument("--csv", metavar="FILE", default=None, help="write the results as CSV")
        o.add_argument(
            "--markdown", action="store_true", default=False, help="print a Markdown table too"
        )
        from gilbench_tui.engine.formats import FORMATS

        for fmt in FORMATS.values():
            o.add_argument(
                fmt.option,
                metavar="FILE",
                default=None,
                help=f"write {fmt.holds} as {fmt.label} to FILE (a folder: gilbench-<id>.{fmt.extension})",
            )
        o.add_argument(
            "--quiet", "-q", action="store_true", default=False, help="no progress on stderr"
        )
    p.add_argument("--debug", action="store_true", help="show tracebacks")


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="gilbench",
        description="Threads or processes? Measured live. With no command, opens the TUI; "
        "the run options preset its panes.",
    )
    parser.add_argument("--version", "-V", action="version", version=f"gilbench {__version__}")
    _add_run_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    # Options the top level shares with a subcommand default to SUPPRESS in the subcommand, so
    # `gilbench --data-dir D run` keeps D instead of the subcommand's empty default.
    run = sub.add_parser(
        "run",
        help="measure headless: table and chart on stdout",
        description=RUN_DESCRIPTION,
        argument_default=argparse.SUPPRESS,
    )
    _add_run_options(run, outputs=True)
    seed = sub.add_parser(
        "seed",
        help="the article's experiment beside its published figures",
        argument_default=argparse.SUPPRESS,
    )
    _add_run_options(seed, seed=True, outputs=True)
    wl = sub.add_parser(
        "workloads",
        help="list the workloads and how they treat the GIL",
        argument_default=argparse.SUPPRESS,
    )
    wl.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    interp = sub.add_parser(
        "interpreters",
        help="the Pythons found here and their GIL state",
        argument_default=argparse.SUPPRESS,
    )
    interp.add_argument(
        "--verbose", "-v", action="store_true", default=False, help="also list what failed"
    )
    interp.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    doctor = sub.add_parser(
        "doctor",
        help="is this machine fit to measure right now? cores, load, governor, capacity",
        argument_default=argparse.SUPPRESS,
    )
    doctor.add_argument("--json", action="store_true", default=False, help="print JSON")
    doctor.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    _add_history_commands(sub)
    return parser


def _add_history_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    def history_parser(name: str, help_text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(
            name, help=help_text, argument_default=argparse.SUPPRESS
        )
        p.add_argument("--data-dir", metavar="DIR", help="history location (env GILBENCH_DATA_DIR)")
        p.add_argument("--debug", action="store_true", help="show tracebacks")
        return p

    h = history_parser("history", "list the runs kept so far")
    h.add_argument(
        "--last", type=_positive_int, metavar="N", default=None, help="only the last N runs"
    )
    s = history_parser("show", "one run: table, verdict, charts and metadata")
    s.add_argument("id", help=RUN_REFERENCE)
    s.add_argument("--no-chart", action="store_true", default=False, help="leave out the charts")
    c = history_parser(
        "compare", "runs side by side against the first: ratios, significance, geometric mean"
    )
    c.add_argument(
        "runs", nargs="+", metavar="RUN", help="two or more: " + RUN_REFERENCE + ", or a JSON file"
    )
    c.add_argument("--format", choices=("text", "md", "json"), default="text")
    from gilbench_tui.engine.formats import FORMATS

    e = history_parser("export", "print a run as " + ", ".join(f.label for f in FORMATS.values()))
    e.add_argument("id", help=RUN_REFERENCE)
    e.add_argument("--format", choices=tuple(FORMATS), default="json")
    e.add_argument(
        "--output",
        "-o",
        metavar="FILE|DIR",
        default=None,
        help="write to FILE, or to gilbench-<id>.<ext> in DIR, instead of stdout",
    )
    cfg = sub.add_parser(
        "config",
        help="where the config file is, and the settings in effect",
        argument_default=argparse.SUPPRESS,
    )
    cfg.add_argument("action", choices=("path", "show"))
    cfg.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list in (["--version"], ["-V"]):
        print(f"gilbench {__version__}")
        return EXIT_OK
    try:
        args = build_parser().parse_args(args_list)
    except UsageError as exc:
        return _fail(str(exc), EXIT_USAGE)
    from gilbench_tui.platforms import unsupported

    reason = unsupported()
    if reason is not None:
        return _fail(reason, EXIT_USAGE)
    debug = bool(getattr(args, "debug", False))
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        print("gilbench: cancelled", file=sys.stderr)
        return EXIT_CANCELLED
    except BrokenPipeError:  # `gilbench … | head`: the reader left; say nothing more
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as exc:
        if debug:
            raise
        from gilbench_tui.commands.common import classify

        message, code = classify(exc)
        return _fail(message, code)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "run":
        from gilbench_tui.commands.run import run_command

        return run_command(args)
    if args.command == "seed":
        from gilbench_tui.commands.seed import seed_command

        return seed_command(args)
    if args.command == "workloads":
        from gilbench_tui.commands.workloads import workloads_command

        return workloads_command()
    if args.command == "interpreters":
        from gilbench_tui.commands.interpreters import interpreters_command

        return interpreters_command(args)
    if args.command == "doctor":
        from gilbench_tui.commands.doctor import doctor_command

        return doctor_command(args)
    if args.command == "config":
        from gilbench_tui.commands.config import config_command

        return config_command(args)
    if args.command == "compare":
        from gilbench_tui.commands.compare import compare_command

        return compare_command(args)
    if args.command in ("history", "show", "export"):
        from gilbench_tui.commands import history

        handler = getattr(history, f"{args.command}_command")
        return int(handler(args))
    from gilbench_tui.commands.tui import tui_command

    return tui_command(args)


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _fail(message: str, code: int) -> int:
    print(f"gilbench: error: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
