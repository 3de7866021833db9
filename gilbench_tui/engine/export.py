"""A run as JSON, CSV or Markdown; the columns and how figures are written come from `columns`.

The formats themselves (names, options, extensions) are records in `formats.FORMATS`; each has
its writer in `WRITERS` here, under the same name.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable
from pathlib import Path

from gilbench_tui.engine.formats import FORMATS, file_name
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render import columns
from gilbench_tui.render.verdict_text import verdict_markdown

__all__ = ["FORMATS", "WRITERS", "render", "to_csv", "to_json", "to_markdown", "write"]


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


WRITERS: dict[str, Callable[[RunDocument], str]] = {
    "json": to_json,
    "csv": to_csv,
    "md": to_markdown,
}


def render(run: RunDocument, fmt: str) -> str:
    if fmt == "markdown":
        fmt = "md"
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    return WRITERS[fmt](run)


def write(run: RunDocument, fmt: str, target: Path | str) -> Path:
    """Write `run` as `fmt` to `target`: a file, or a folder where it gets the default name
    (`gilbench-<run id>.<ext>`). Written beside and renamed, so a failed write never leaves half a
    file. Returns the file's absolute path; OSError when it cannot be written."""
    path = Path(target).expanduser()
    if path.is_dir():
        path = path / file_name(run.id, fmt)
    text = render(run, fmt)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path.resolve()
