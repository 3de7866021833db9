"""The published JSON Schema of gilbench.run/1, and checks that what the tests write follows it.

tests/conftest.py checks, after each test that had a tmp_path, every history file and run document
left under it; the factories and the demo data check each document they build. Documents are
parsed as strict JSON: NaN and Infinity are not JSON, so a writer that lets one through fails here.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from gilbench_tui.engine.results import SCHEMA, RunDocument, SchemaError

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "gilbench.run-1.schema.json"
HISTORY_FILE = "runs.jsonl"
#: Runs as versions of gilbench stored them, damaged ones included (see its README).
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


@cache
def validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def problems(document: Any) -> list[str]:
    """What in `document` breaks the schema, one line each (empty when it is valid)."""
    errors = sorted(validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{e.json_path}: {e.message}" for e in errors]


def check_document(document: Any, where: str = "a run document") -> None:
    """Fail the test when `document` does not follow the schema, or is not strict JSON."""
    try:
        text = json.dumps(document, allow_nan=False)
    except ValueError as exc:
        raise AssertionError(f"{where} is not JSON: {exc}") from None
    # What is checked is the JSON a reader gets: a tuple in the data model is an array there.
    found = problems(json.loads(text))
    assert not found, f"{where} breaks {SCHEMA}:\n  " + "\n  ".join(found)


def check_run(run: RunDocument) -> RunDocument:
    """`run` itself, after checking that its JSON form follows the schema."""
    check_document(run.to_json(), f"run {run.id}")
    return run


def strict_json(text: str | bytes) -> Any:
    def refuse(constant: str) -> Any:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def check_tree(root: Path, *, damaged: bool = False) -> None:
    """Check every history file and every `*.json` run document under `root`.

    With `damaged` (a test that writes broken lines on purpose), only the lines the reader accepts
    are checked: whatever the reader takes as a run must follow the schema too.
    """
    for path in sorted(root.rglob(HISTORY_FILE)):
        if path.is_file():
            for number, line in enumerate(path.read_bytes().splitlines(), start=1):
                if line.strip():
                    _check_line(line, f"{path.name} line {number}", damaged)
    for path in sorted(root.rglob("*.json")):
        if not path.is_file():
            continue
        try:
            document = json.loads(path.read_bytes())
        except ValueError:
            continue  # not a run document: other tests' files
        if isinstance(document, dict) and document.get("schema") == SCHEMA:
            _check_line(path.read_bytes(), path.name, damaged)


def _check_line(text: bytes, where: str, damaged: bool) -> None:
    if damaged:
        try:
            RunDocument.from_json(json.loads(text))
        except (ValueError, SchemaError, RecursionError):
            return
    try:
        document = strict_json(text)
    except (ValueError, RecursionError) as exc:
        raise AssertionError(f"{where} is not a JSON run document: {exc}") from None
    check_document(document, where)
