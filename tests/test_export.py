from __future__ import annotations

import csv
import io
import json

import pytest

from gilbench_tui.engine import export
from tests.factories import run_document


def test_json_export_is_the_document() -> None:
    run = run_document()
    assert json.loads(export.render(run, "json")) == run.to_json()


def test_csv_has_a_row_per_result() -> None:
    rows = list(csv.DictReader(io.StringIO(export.to_csv(run_document()))))
    assert [r["strategy"] for r in rows] == ["serial", "threads", "processes"]
    assert rows[2]["speedup"] == "1.9600"
    assert rows[0]["checksum_ok"] == "True"


def test_markdown_has_a_relative_column() -> None:
    text = export.to_markdown(run_document())
    assert "| Strategy | Workers | Median [s] | IQR [s] | Speedup | Relative |" in text
    assert "| `processes` | 2 | 0.610 | 0.010 | 1.96× | 1.00 |" in text
    assert "| `serial` | 2 | 1.200 | 0.010 | 1.00× | 1.97 |" in text


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        export.render(run_document(), "xml")
