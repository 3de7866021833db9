"""The examples every `--help` ends with, one entry per command ("" is `gilbench` alone).

Plain strings, so the parser can show them without loading anything.
"""

from __future__ import annotations

EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "": [
        ("gilbench", "open the app"),
        ("gilbench --workload sha256 --size 500k", "open it with the panes preset"),
        ("gilbench run --workers 1-4 --repeat auto", "measure headless"),
        ("gilbench compare last~1 last", "the last two runs side by side"),
    ],
    "run": [
        ("gilbench run", "serial, threads, processes"),
        ("gilbench run --workers 1-cores", "a sweep up to the usable cores"),
        ("gilbench run --repeat auto --max-time 60", "until every speedup is ±5%"),
        ("gilbench run --python 3.12,3.13t", "3.12 beside 3.13t"),
        ("gilbench run --json - --quiet | jq .verdict", "the run as JSON on stdout"),
        ("gilbench run --export-markdown results.md", "the table also as Markdown"),
    ],
    "seed": [
        ("gilbench seed --size 2M", "the article's experiment, quicker"),
        ("gilbench seed --python python2.7 --size 2M", "threads slower than serial"),
        ("gilbench seed --export-csv seed.csv", "and every figure as CSV"),
    ],
    "workloads": [("gilbench workloads", "name, GIL behaviour, what it does")],
    "interpreters": [
        ("gilbench interpreters", "every Python found and its GIL state"),
        ("gilbench interpreters --verbose", "and the candidates that did not answer"),
    ],
    "doctor": [
        ("gilbench doctor", "usable cores, load, governor, capacity now"),
        ("gilbench doctor --json", "the same as JSON"),
    ],
    "history": [
        ("gilbench history", "every run kept, with its short id"),
        ("gilbench history --last 5", "the five newest"),
    ],
    "show": [
        ("gilbench show last", "the newest run"),
        ("gilbench show last~2 --no-chart", "the one two before it, without charts"),
        ("gilbench show 9e4980", "a run by its short id (see: gilbench history)"),
    ],
    "compare": [
        ("gilbench compare last~1 last", "the last two runs"),
        ("gilbench compare base.json mine.json --format md", "two JSON files, as Markdown"),
        ("gilbench compare 9e4980 3f01aa last", "three runs against the first"),
        ("gilbench compare last~1 last --format json", "ratios and verdicts for scripts"),
    ],
    "export": [
        ("gilbench export last --format md", "the newest run as a Markdown table"),
        ("gilbench export 9e4980 --format csv > run.csv", "every figure as CSV"),
        ("gilbench export last -o .", "as JSON, to gilbench-<id>.json here"),
    ],
    "config": [
        ("gilbench config path", "where the config file is (or would be)"),
        ("gilbench config show", "the settings in effect, as TOML"),
    ],
}


#: The widest an example line gets, so help fits an 80-column terminal.
WIDTH = 79


def epilog(command: str) -> str:
    """`examples:` and one indented line per example, its purpose aligned after it; where that
    would not fit in WIDTH, each purpose goes on a line of its own above its example."""
    items = EXAMPLES[command]
    width = max(len(line) for line, _ in items)
    if 2 + width + 4 + max(len(why) for _, why in items) <= WIDTH:
        lines = [f"  {line.ljust(width)}  # {why}" for line, why in items]
    else:
        lines = [f"  # {why}\n  {line}" for line, why in items]
    return "examples:\n" + "\n".join(lines)
