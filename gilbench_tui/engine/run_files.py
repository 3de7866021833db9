"""Runs read from files made elsewhere: a `--json` output, an export, a CI artefact, a colleague's
history. A file holds one run document (`gilbench.run/1`), a JSON list of them, or JSON lines
(a `runs.jsonl`); every run in it is read and checked as the history's are.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from gilbench_tui.engine.results import RunDocument, SchemaError

#: What a run reference looks like (see references.resolve): `last~2`, `9e4980`, a dated id.
RUN_NAME = re.compile(r"last(~\d+)?|[0-9a-f-]+")


class RunFileError(ValueError):
    """The file cannot be read as runs; the message names it and says why, in one line."""


def looks_like_a_file(ref: str) -> bool:
    """A reference that names a file rather than a run in the history: a path, a `.json` or
    `.jsonl` name, or a file that is there and could not be a run's name (`last`, an id)."""
    if ref.endswith((".json", ".jsonl")) or os.sep in ref or "/" in ref:
        return True
    return Path(ref).is_file() and not RUN_NAME.fullmatch(ref)


def read_runs(path: Path | str) -> list[RunDocument]:
    """Every run in the file, in order; RunFileError if it is missing, not JSON, holds no run or
    holds something that is not a valid run."""
    path = Path(path).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RunFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RunFileError(
            f"{path}: cannot be read: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    try:
        documents = _documents(text)
    except (ValueError, RecursionError) as exc:
        raise RunFileError(f"{path}: not JSON ({exc})") from None
    if not documents:
        raise RunFileError(f"{path}: holds no run")
    runs = []
    for number, document in enumerate(documents, start=1):
        try:
            runs.append(RunDocument.from_json(document))
        except SchemaError as exc:
            where = f" (run {number})" if len(documents) > 1 else ""
            raise RunFileError(f"{path}{where}: not a gilbench run: {exc}") from None
    return runs


def _documents(text: str) -> list[object]:
    """The JSON documents in `text`: one, a list of them, or one a line."""
    try:
        whole = json.loads(text)
    except ValueError:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) < 2:
            raise
        return [json.loads(line) for line in lines]
    return list(whole) if isinstance(whole, list) else [whole]
