"""The export formats, one record each: the one list `gilbench export --format`, the
`--export-*` options of `run` and `seed`, and the app's export dialog read.

It imports nothing heavy (a NamedTuple, not a dataclass: dataclasses loads inspect), so the command-line parser can offer the choices without loading the
engine; `engine/export.py` holds the writers, keyed by the same names.
"""

from __future__ import annotations

from typing import NamedTuple


class ExportFormat(NamedTuple):
    #: What `--format` takes: `md`.
    name: str
    #: The word for it in help and in the app: `Markdown`.
    label: str
    #: The option of `run` and `seed` that writes it to a file: `--export-markdown`.
    option: str
    #: The file name's extension, without the dot.
    extension: str
    #: The key that picks it in the app's export dialog.
    key: str
    #: What it holds, for help.
    holds: str


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "json", "JSON", "--export-json", "json", "j", "the whole run (schema gilbench.run/1)"
        ),
        ExportFormat("csv", "CSV", "--export-csv", "csv", "c", "every figure of every result"),
        ExportFormat(
            "md", "Markdown", "--export-markdown", "md", "m", "the table shown and the verdict"
        ),
    )
}


def file_name(run_id: str, fmt: str) -> str:
    """The name an export gets by default: `gilbench-<run id>.<extension>`."""
    return f"gilbench-{run_id}.{FORMATS[fmt].extension}"
