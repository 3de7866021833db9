"""A run as JSON, CSV or Markdown; the columns and how figures are written come from `columns`."""

from __future__ import annotations

import csv
import io
import json

from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render import columns
from gilbench_tui.render.verdict_text import verdict_markdown

FORMATS = ("json", "csv", "md")


def to_json(run: RunDocument) -> str:
    return json.dumps(run.to_json(), indent=2, ensure_ascii=False) + "\n"


def to_csv(run: RunDocument) -> str:
    """Every figure of every result, under its field's name; empty where a run has no value."""
    exported = columns.exported()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([column.key for column in exported])
    for r in run.results:
        writer.writerow([column.export_cell(r) for column in exported])
    return out.getvalue()


def to_markdown(run: RunDocument) -> str:
    """The columns the CLI and the app show for this run, then the verdict."""
    shown = columns.shown(run)
    lines = [
        f"**{run.spec.workload}**, size {run.spec.size:,}, {run.interpreter.label}, "
        f"{run.machine.logical_cpus} CPUs — run `{run.id}`",
        "",
        "| " + " | ".join(column.heading for column in shown) + " |",
        "|" + "|".join("---:" if column.right else ":---" for column in shown) + "|",
    ]
    for r in run.results:
        lines.append("| " + " | ".join(column.cell(r) for column in shown) + " |")
    lines += ["", *verdict_markdown(run)]
    return "\n".join(lines) + "\n"


def render(run: RunDocument, fmt: str) -> str:
    if fmt == "json":
        return to_json(run)
    if fmt == "csv":
        return to_csv(run)
    if fmt in ("md", "markdown"):
        return to_markdown(run)
    raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
