"""The verdict as data in a run, and how the CLI, Markdown and history lists word it; runs stored
before the verdict was kept as data show their one line as it is."""

from __future__ import annotations

import io
import json
from dataclasses import replace

from gilbench_tui.commands.report import print_report
from gilbench_tui.engine.export import to_markdown
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.render.verdict_text import headline, verdict_lines
from tests.factories import run_document

RUN = run_document()
OLD = replace(RUN, verdict_detail=None)


def test_the_detail_travels_in_the_json_beside_the_one_line_verdict() -> None:
    doc = json.loads(json.dumps(RUN.to_json()))
    assert doc["verdict_detail"] == {
        "headline": "At 2 workers: processes 1.96× faster; threads 0.97×",
        "reasons": ["the GIL serialises this workload"],
        "confidence": "clear",
    }
    assert doc["verdict"] == RUN.verdict
    assert RunDocument.from_json(doc) == RUN
    assert RUN.verdict_detail is not None and RUN.verdict_detail.line == RUN.verdict


def test_a_run_stored_without_a_detail_reads_back_without_one() -> None:
    doc = RUN.to_json()
    del doc["verdict_detail"]
    assert RunDocument.from_json(doc).verdict_detail is None
    assert RunDocument.from_json({**doc, "verdict_detail": None}).verdict_detail is None


def test_cli_report_names_headline_reasons_and_confidence() -> None:
    out = io.StringIO()
    print_report(RUN, out, charts=False)
    text = out.getvalue()
    assert "At 2 workers: processes 1.96× faster; threads 0.97×. (confidence: clear)" in text
    assert "  · the GIL serialises this workload" in text


def test_markdown_gives_the_reasons_as_a_list() -> None:
    text = to_markdown(RUN)
    assert "**Verdict** (confidence: clear): At 2 workers: processes 1.96× faster" in text
    assert "\n- the GIL serialises this workload\n" in text


def test_old_runs_show_their_line_as_it_is() -> None:
    assert verdict_lines(OLD) == [OLD.verdict]
    assert OLD.verdict in to_markdown(OLD)
    assert headline(OLD, 200) == OLD.verdict.rstrip(".")
    assert headline(RUN, 200) == "At 2 workers: processes 1.96× faster; threads 0.97×"
