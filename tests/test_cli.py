"""The `gilbench` command as a user meets it: real subprocesses, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gilbench_tui import __version__
from tests.run_schema import check_document, strict_json


def gilbench(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gilbench_tui", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_version() -> None:
    done = gilbench("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"gilbench {__version__}"


BAD_USAGE = [
    (["run", "--size", "abc"], "size 'abc' is not a number"),
    (["run", "--size", "-5"], "size"),
    (["run", "--size", "0"], "size '0' must be at least 1"),
    (["run", "--workers", "0"], "task count must be at least 1"),
    (["run", "--workers", "1-x"], "workers"),
    (["run", "--workload", "nope"], "unknown workload 'nope'"),
    (["run", "--strategies", "serial,fibers"], "unknown strategy 'fibers'"),
    (["run", "--python", "/no/such/python"], "--python '/no/such/python': no such file"),
    (["run", "--python", "python9.99"], "not found on PATH"),
    (["run", "--repeat", "0"], "repeat must be between 1 and"),
    (["run", "--timeout", "-1"], "timeout"),
    (["run", "--json", "/no/such/dir/out.json"], "does not exist"),
    (["run", "--frobnicate"], "unrecognized arguments: --frobnicate"),
    (["nosuchcommand"], "invalid choice"),
    (["seed", "--size", "2X"], "size"),
    (["run", "--size", "1G", "--workers", "4"], "or --force to run it anyway"),
    (["run", "--repeat", "5", "--max-time", "5"], "give both or neither"),
    (["run", "--switch-interval", "0"], "switch interval"),
    (
        ["run", "--python", "python2.7", "--workload", "sha256"],
        "only the seed and seed-shared workloads",
    ),
    (["run", "--workers", "5000"], "above the limit"),
    (["history", "--last", "-1"], "at least 1"),
    (["run", "--python", "python3,python3", "--export-json", "x.json"], "takes a folder"),
    (["export", "last", "--format", "xml"], "invalid choice: 'xml'"),
    (["compare", "last", "last~1"], "the history holds 0 runs"),
    (["config"], "the following arguments are required: action"),
]


@pytest.mark.parametrize(("args", "message"), BAD_USAGE)
def test_bad_usage_exits_2_with_one_line(args: list[str], message: str, data_dir: Path) -> None:
    done = gilbench(*args)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("gilbench: error: ")
    assert message in lines[0]
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_unusable_data_dir_is_refused_before_running(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = gilbench("run", "--size", "1k", "--data-dir", str(blocker / "sub"))
    assert done.returncode == 2
    assert "cannot create data dir" in done.stderr


def test_run_writes_the_document_and_the_history(tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "out.json"
    done = gilbench(
        "run",
        "--workload",
        "seed",
        "--size",
        "20k",
        "--workers",
        "2",
        "--strategies",
        "serial,threads,processes",
        "--repeat",
        "2",
        "--json",
        str(out),
        "--csv",
        str(tmp_path / "out.csv"),
        "--markdown",
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads(out.read_text())
    assert doc["schema"] == "gilbench.run/1"
    assert [r["strategy"] for r in doc["results"]] == ["serial", "threads", "processes"]
    assert all(r["checksum_ok"] for r in doc["results"])
    assert "median" in done.stdout and "speedup over serial" in done.stdout
    assert "| strategy | workers |" in done.stdout
    assert doc["verdict_detail"]["headline"] in done.stdout
    history = (data_dir / "runs.jsonl").read_text().splitlines()
    assert [json.loads(line)["id"] for line in history] == [doc["id"]]
    assert (tmp_path / "out.csv").read_text().startswith("strategy,workers,median_s")


def test_json_to_stdout_is_only_json(data_dir: Path) -> None:
    done = gilbench("run", "--size", "5k", "--workers", "1", "--repeat", "1", "--json", "-")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["spec"]["size"] == 5000
    check_document(strict_json(done.stdout), "run --json -")
    assert "median" in done.stderr


def test_seed_prints_the_article_beside_ours(data_dir: Path) -> None:
    done = gilbench("seed", "--size", "10k", "--repeat", "1", "--quiet")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    header = next(line for line in lines if line.startswith("strategy"))
    assert header.split()[-3:] == ["article", "article", "×"]
    assert "threading is threads" in " ".join(done.stdout.split())
    assert "13.772 s" in done.stdout and "0.46×" in done.stdout
    assert "switch interval" in done.stdout
    rows = [line for line in lines if line.split()[:1] in (["serial"], ["threads"], ["processes"])]
    assert len(rows) == 9


def test_workloads_lists_each_with_its_gil_tag() -> None:
    done = gilbench("workloads")
    assert done.returncode == 0
    for name, tag in [
        ("seed", "holds"),
        ("pidigits", "holds"),
        ("sha256", "releases"),
        ("sleep", "waits"),
    ]:
        assert any(line.split()[:2] == [name, tag] for line in done.stdout.splitlines())


def test_worker_failure_exits_1_and_keeps_nothing_half_written(data_dir: Path) -> None:
    done = gilbench("run", "--size", "50M", "--workers", "1", "--timeout", "0.3")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        "gilbench: error: the run timed out after 0.3 s and was stopped"
    )


def test_options_before_the_subcommand_are_kept(tmp_path: Path) -> None:
    done = gilbench("--data-dir", str(tmp_path / "d"), "run", "--size", "5k", "--repeat", "1", "-q")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "d" / "runs.jsonl").exists()


def test_a_history_path_that_is_not_a_file_is_refused_before_running(tmp_path: Path) -> None:
    (tmp_path / "runs.jsonl").mkdir()
    done = gilbench("run", "--size", "5k", "--data-dir", str(tmp_path))
    assert done.returncode == 2
    assert "is not a file" in done.stderr


def test_what_the_tool_teaches_is_stated_correctly() -> None:
    """The lessons in help and the seed note, checked against what CPython really does."""
    from gilbench_tui.engine.seed import SEED_LOOP_NOTE, WHY_MODERN_DIFFERS
    from gilbench_tui.ui.screens.help import help_markdown

    assert "100 ticks" in WHY_MODERN_DIFFERS and "lost that race" in WHY_MODERN_DIFFERS
    assert "asks for the GIL" in WHY_MODERN_DIFFERS and "usable cores" in WHY_MODERN_DIFFERS
    assert "random.Random(task index)" in SEED_LOOP_NOTE and "shared" in SEED_LOOP_NOTE
    text = " ".join(help_markdown().split())
    assert "min(k, usable cores) times sooner" in text
    assert "2048 bytes or more" in text and "since 3.12" in text
    assert "The switch interval has no effect there" in text
    assert "forkserver from 3.14" in text


@pytest.mark.parametrize("command", ["workloads", "interpreters"])
def test_listings_fit_an_80_column_terminal(command: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gilbench_tui", command],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert done.returncode == 0, done.stderr
    assert max(len(line) for line in done.stdout.splitlines()) <= 80
    assert "seed" in done.stdout if command == "workloads" else "CPython" in done.stdout


def test_a_wrapped_last_column_continues_under_itself() -> None:
    from gilbench_tui.render.table import grid

    text = grid(["name", "what"], [["a", "one two three four five six seven"]], set(), width=30)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 30
    start = lines[0].index("what")
    assert all(line[:start].strip() == "" for line in lines[3:])
    assert " ".join(" ".join(line.split()) for line in lines[2:]).endswith("six seven")


def test_squeezed_columns_give_room_but_numbers_are_never_cut() -> None:
    from gilbench_tui.render.table import MIN_SQUEEZED, grid

    rows = [["x" * 30, "123456789", "y" * 40]]
    text = grid(["a", "num", "long"], rows, right={1}, width=40, cut=True, squeeze=(0, 1, 2))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 40
    assert "123456789" in lines[2] and lines[2].startswith("x" * 14 + "…")
    narrow = grid(["a", "b"], [["x" * 30, "y"]], width=10, squeeze=(0,)).splitlines()
    assert narrow[2].startswith("x" * (MIN_SQUEEZED - 1) + "…"), "never below the minimum"


def test_run_exports_every_format_hyperfine_style(tmp_path: Path, data_dir: Path) -> None:
    md, js = tmp_path / "table.md", tmp_path / "run.json"
    done = gilbench(
        "run", "--workload", "seed", "--size", "5k", "--workers", "2", "--repeat", "1",
        "--quiet", "--export-markdown", str(md), "--export-json", str(js),
        "--export-csv", str(tmp_path),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    run = json.loads(js.read_text())
    csv = tmp_path / f"gilbench-{run['id']}.csv"
    assert md.read_text().startswith("**seed**, size 5,000") and f"`{run['id']}`" in md.read_text()
    assert csv.read_text().startswith("strategy,workers,median_s")
    for path in (md, js, csv):
        assert f"wrote {path}" in done.stderr
    check_document(strict_json(js.read_text()), "--export-json")


def test_an_export_file_that_cannot_be_written_is_refused_before_the_run(data_dir: Path) -> None:
    done = gilbench("run", "--size", "1k", "--export-markdown", "/no/such/dir/t.md")
    assert done.returncode == 2 and "--export-markdown" in done.stderr
    assert not (data_dir / "runs.jsonl").exists()


COMMANDS = [
    "", "run", "seed", "workloads", "interpreters", "doctor", "history", "show", "compare",
    "export", "config",
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_ends_with_examples_and_fits_80_columns(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from gilbench_tui.cli import main

    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main([command, "--help"] if command else ["--help"])
    out = capsys.readouterr().out
    tail = out.rstrip().split("\nexamples:\n")
    assert len(tail) == 2, out
    assert all(line.strip().startswith(("gilbench", "#")) for line in tail[1].splitlines())
    assert max(len(line) for line in out.splitlines()) <= 80


def test_history_show_and_compare_fit_80_columns(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from gilbench_tui.cli import main
    from gilbench_tui.engine.store import Store
    from tests.factories import run_document

    store = Store(data_dir)
    store.append(run_document())
    store.append(replace(run_document(), id="20261201-090000-def456"))
    mine = run_document()  # a user's function in a deep folder: the widest workload column
    workload = "/srv/jobs/nightly/ingest/parse_documents.py:parse_everything"
    store.append(
        replace(mine, id="20261201-090100-aa0001", spec=replace(mine.spec, workload=workload))
    )
    monkeypatch.setenv("COLUMNS", "80")
    for args in (["history"], ["show", "last~1"], ["compare", "last~2", "last~1"]):
        assert main(args) == 0
        out = capsys.readouterr().out
        assert max(len(line) for line in out.splitlines()) <= 80, (args, out)
