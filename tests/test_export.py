from __future__ import annotations

import csv
import io
import json
from dataclasses import fields, replace
from pathlib import Path

import pytest

from gilbench_tui.engine import export
from gilbench_tui.engine.export import to_csv, to_markdown
from gilbench_tui.engine.results import StrategyResult
from tests.factories import result, run_document


def measured_everything() -> list[StrategyResult]:
    """A --return-data --latency run with a pool: every optional figure has a value somewhere."""
    pool = replace(
        result("process-pool", 2, 0.7, 1.71),
        pool_startup_s=0.021,
        transfer_s=0.008,
        latency_p50_s=0.00007,
        latency_p99_s=0.00012,
    )
    serial = replace(result("serial", 2, 1.2, 1.0), latency_p50_s=0.003, latency_p99_s=0.005)
    return [serial, pool]


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_json_export_is_the_document() -> None:
    run = run_document()
    assert json.loads(export.render(run, "json")) == run.to_json()


def test_csv_has_a_row_per_result() -> None:
    rows = csv_rows(export.to_csv(run_document()))
    assert [r["strategy"] for r in rows] == ["serial", "threads", "processes"]
    assert rows[2]["speedup"] == "1.9600"
    assert rows[0]["checksum_ok"] == "True"
    assert rows[0]["times_s"] == "1.200000 1.200000 1.200000"


def test_csv_carries_every_figure_of_a_result() -> None:
    header = export.to_csv(run_document()).splitlines()[0].split(",")
    assert {f.name for f in fields(StrategyResult)} <= set(header)


def test_csv_keeps_transfer_pool_start_up_and_wake_up_latency() -> None:
    rows = csv_rows(export.to_csv(run_document(measured_everything())))
    serial, pool = rows
    assert pool["pool_startup_s"] == "0.021000"
    assert pool["transfer_s"] == "0.008000"
    assert pool["latency_p50_s"] == "0.000070" and pool["latency_p99_s"] == "0.000120"
    assert serial["transfer_s"] == "" and serial["latency_p99_s"] == "0.005000"


def test_a_plain_run_has_the_same_csv_header() -> None:
    plain = export.to_csv(run_document()).splitlines()[0]
    assert export.to_csv(run_document(measured_everything())).splitlines()[0] == plain


def test_markdown_table_and_verdict() -> None:
    text = export.to_markdown(run_document())
    assert "| strategy | workers | median ±95% CI | speedup ±95% CI |" in text
    assert "| processes | 2 | 610.0 ms | 1.96× | 98% |" in text
    assert "the GIL serialises this workload" in text


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        export.render(run_document(), "xml")


def test_export_choices_come_from_the_format_records() -> None:
    from gilbench_tui.cli import build_parser
    from gilbench_tui.engine.export import WRITERS
    from gilbench_tui.engine.formats import FORMATS

    assert set(WRITERS) == set(FORMATS)
    args = build_parser().parse_args(["export", "last", "--format", "md"])
    assert args.format == "md"
    for fmt in FORMATS.values():
        assert build_parser().parse_args(["run", fmt.option, "x"]) is not None


def test_write_names_the_file_after_the_run_in_a_folder_and_replaces_whole(
    tmp_path: Path,
) -> None:
    from gilbench_tui.engine.export import write
    from gilbench_tui.engine.formats import file_name

    run = run_document()
    path = write(run, "md", tmp_path)
    assert path == (tmp_path / file_name(run.id, "md")).resolve()
    assert path.read_text() == to_markdown(run)
    target = tmp_path / "mine.csv"
    target.write_text("old")
    assert write(run, "csv", target).read_text() == to_csv(run)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, "mine.csv"])


def test_run_files_hold_one_run_a_list_or_json_lines(tmp_path: Path) -> None:
    from gilbench_tui.engine.run_files import RunFileError, read_runs

    first = run_document()
    second = replace(first, id="20261201-090000-def456")
    one, many, lines = tmp_path / "one.json", tmp_path / "many.json", tmp_path / "runs.jsonl"
    one.write_text(json.dumps(first.to_json()))
    many.write_text(json.dumps([first.to_json(), second.to_json()]))
    lines.write_text("\n".join(json.dumps(r.to_json()) for r in (first, second)) + "\n")
    assert [r.id for r in read_runs(one)] == [first.id]
    assert (
        [r.id for r in read_runs(many)]
        == [r.id for r in read_runs(lines)]
        == [
            first.id,
            second.id,
        ]
    )
    (tmp_path / "bad.txt").write_text("{ nope")
    with pytest.raises(RunFileError, match="not JSON"):
        read_runs(tmp_path / "bad.txt")
    (tmp_path / "empty.txt").write_text("[]")
    with pytest.raises(RunFileError, match="holds no run"):
        read_runs(tmp_path / "empty.txt")


def test_a_file_is_told_from_a_run_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gilbench_tui.engine.run_files import looks_like_a_file

    monkeypatch.chdir(tmp_path)
    for name in ("last", "9e4980", "mine"):
        (tmp_path / name).write_text("{}")
    assert looks_like_a_file("a.json") and looks_like_a_file("ci/runs.jsonl")
    assert looks_like_a_file("mine")  # there, and no run could be called that
    assert not looks_like_a_file("last") and not looks_like_a_file("9e4980")
    assert not looks_like_a_file("last~1")
