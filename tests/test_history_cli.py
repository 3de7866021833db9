"""history / show / compare / export over a history written by hand, and one damaged by hand."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from gilbench_tui.cli import main
from gilbench_tui.engine.compare import compare
from gilbench_tui.engine.references import resolve as find
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.store import Store
from tests.factories import result, run_document

FIRST = run_document()
SECOND = replace(
    run_document(
        [
            result("serial", 2, 1.20, 1.0),
            result("threads", 2, 1.43, 0.84),
            result("processes", 2, 0.615, 1.95),
        ]
    ),
    id="20261201-090000-def456",
)


@pytest.fixture
def store(data_dir: Path) -> Store:
    s = Store(data_dir)
    s.append(FIRST)
    s.append(SECOND)
    return s


def test_history_lists_every_run(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert "abc123" in out and "def456" in out  # the short ids
    assert "  3.11.7  " in out  # the interpreter as --python takes it


@pytest.mark.damaged
def test_history_survives_a_garbage_line_and_says_so(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    with store.path.open("a") as f:
        f.write("{ not json at all\n")
    assert main(["history"]) == 0
    captured = capsys.readouterr()
    assert "abc123" in captured.out
    assert "skipped 1 unreadable line" in captured.err


def test_compare_prints_ratios_pyperf_style(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", FIRST.id[:12], SECOND.id[:8]]) == 0
    out = " ".join(capsys.readouterr().out.split())  # the last column wraps at 80 columns
    assert "1.15× slower (not significant, p=0.10)" in out  # threads 1.24 → 1.43, 3 times each
    assert "same speed" in out  # serial
    assert "note: too few repeats for a difference to be significant" in out


def test_compare_says_which_differences_are_significant(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def spread(run: RunDocument, factor: float) -> RunDocument:
        times = [0.97, 0.99, 1.0, 1.01, 1.03]
        return replace(
            run,
            results=[
                replace(
                    r,
                    median_s=r.median_s * factor,
                    times_s=[r.median_s * factor * t for t in times],
                )
                for r in run.results
            ],
        )

    store = Store(data_dir)
    store.append(spread(FIRST, 1.0))
    store.append(replace(spread(FIRST, 1.15), id=SECOND.id))
    assert main(["compare", FIRST.id, SECOND.id]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert out.count("1.15× slower") == 3 + 1 and "not significant" not in out  # + the mean
    assert "too few repeats" not in out


def test_export_formats(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", FIRST.id, "--format", "md"]) == 0
    assert "| strategy | workers | median ±95% CI |" in capsys.readouterr().out
    assert main(["export", FIRST.id, "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("strategy,workers,median_s")
    assert main(["export", FIRST.id]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == FIRST.id


def test_show_includes_metadata(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", SECOND.id, "--no-chart"]) == 0
    out = capsys.readouterr().out
    assert "Test CPU @ 3.0GHz" in out and "switch interval 5 ms" in out


@pytest.mark.parametrize(("prefix", "message"), [("2026", "ambiguous"), ("1999", "no run")])
def test_bad_ids_exit_2(
    store: Store, prefix: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", prefix]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]


def test_find_and_compare_units() -> None:
    assert find([FIRST, SECOND], "20261201") is SECOND
    with pytest.raises(LookupError):
        find([FIRST, SECOND], "")
    rows = {c.strategy: c for c in compare(FIRST, SECOND)}
    assert rows["threads"].ratio == pytest.approx(1.43 / 1.24)
    assert rows["threads"].p_value == pytest.approx(0.1)  # three times against three
    assert not rows["threads"].significant and not rows["processes"].significant


MISTYPED_ID = "20261202-120000-bad001"
MISTYPED_REASON = 'results[0].median_s: expected a number, got "fast"'
DAMAGE = {
    "garbage": "{ not json at all",
    "mistyped": json.dumps(
        {
            **replace(FIRST, id=MISTYPED_ID).to_json(),
            "results": [{**FIRST.to_json()["results"][0], "median_s": "fast"}],
        }
    ),
}


@pytest.fixture(params=DAMAGE)
def damaged(request: pytest.FixtureRequest, store: Store) -> str:
    """The history with a third line, of garbage or a run with a field of the wrong type."""
    with store.path.open("a") as f:
        f.write(DAMAGE[request.param] + "\n")
    return str(request.param)


@pytest.mark.damaged
@pytest.mark.parametrize(
    "argv",
    [
        ["history"],
        ["show", FIRST.id, "--no-chart"],
        ["compare", FIRST.id, SECOND.id],
        ["export", SECOND.id, "--format", "csv"],
    ],
)
def test_a_damaged_line_is_skipped_and_reported_by_every_command(
    damaged: str, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert MISTYPED_ID not in captured.out
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("gilbench: skipped 1 unreadable line")
    reason = MISTYPED_REASON if damaged == "mistyped" else "not valid JSON"
    assert f"line 3{f' (run {MISTYPED_ID})' if damaged == 'mistyped' else ''}: {reason}" in err[0]


@pytest.mark.damaged
@pytest.mark.parametrize(
    "argv",
    [["show", MISTYPED_ID], ["export", MISTYPED_ID], ["compare", FIRST.id, MISTYPED_ID[:13]]],
)
def test_asking_for_the_damaged_run_exits_2_as_for_a_missing_one(
    damaged: str, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    warning, error = captured.err.strip().splitlines()
    assert warning.startswith("gilbench: skipped 1 unreadable line")
    if damaged == "mistyped":
        assert (
            error == f"gilbench: error: run {MISTYPED_ID} cannot be read: line 3: {MISTYPED_REASON}"
        )
    else:
        assert error.startswith("gilbench: error: no run with id")


def test_short_ids_and_last_are_accepted_by_show_and_export(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history"]) == 0
    listed = capsys.readouterr().out.splitlines()[2:]
    short = [line.split()[0] for line in listed]
    assert short == ["abc123", "def456"]
    assert main(["show", short[0], "--no-chart"]) == 0
    assert FIRST.id in capsys.readouterr().out
    assert main(["export", "last", "--format", "md"]) == 0
    assert f"run `{SECOND.id}`" in capsys.readouterr().out
    assert main(["export", "last~1"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == FIRST.id


def test_export_to_a_folder_names_the_file_after_the_run(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "def456", "--format", "csv", "-o", str(tmp_path)]) == 0
    written = tmp_path / f"gilbench-{SECOND.id}.csv"
    assert written.read_text().startswith("strategy,workers,median_s")
    assert str(written) in capsys.readouterr().err


def write_runs(path: Path, *runs: RunDocument) -> str:
    documents = [run.to_json() for run in runs]
    path.write_text(json.dumps(documents[0] if len(documents) == 1 else documents))
    return str(path)


def test_compare_reads_json_files_and_history_ids_in_any_number(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = write_runs(tmp_path / "a.json", FIRST)
    b = write_runs(tmp_path / "b.json", SECOND)
    assert main(["compare", a, b, "last~1"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    # the same run twice (a file and the history) is told apart by its place
    assert f"abc123#1: seed 2M, CPython 3.11.7, bench-host, 2026-11-30 10:15 ({a})" in out
    assert f"def456: seed 2M, CPython 3.11.7, bench-host, 2026-11-30 10:15 ({b})" in out
    assert "abc123#3: seed 2M, CPython 3.11.7, bench-host, 2026-11-30 10:15 (history)" in out
    assert "── def456 against abc123#1" in out and "── abc123#3 against abc123#1" in out
    assert "geometric mean of 3 ratios: def456 is 1.05× slower than abc123#1" in out
    assert "abc123#3 runs at the same speed as abc123#1 (1.000)" in out


def test_compare_as_markdown_and_json(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = write_runs(tmp_path / "a.json", FIRST)
    assert main(["compare", a, "def456", "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert "| strategy | workers | abc123 | def456 |" in md
    assert "| threads | 2 | 1.240 s | 1.430 s | 0.97× | 0.84× | 1.15× slower (not significant" in md
    assert "**geometric mean of 3 ratios: def456 is 1.05× slower than abc123" in md
    assert main(["compare", a, "def456", "last", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "gilbench.compare/1"
    assert [run["source"] for run in document["runs"]] == [a, "history", "history"]
    first = document["comparisons"][0]
    assert first["baseline"] == FIRST.id and first["run"] == SECOND.id
    threads = next(row for row in first["rows"] if row["strategy"] == "threads")
    assert threads["ratio"] == pytest.approx(1.43 / 1.24) and threads["significant"] is False
    assert first["geometric_mean"] == pytest.approx(
        ((1.20 / 1.20) * (1.43 / 1.24) * (0.615 / 0.61)) ** (1 / 3)
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["last"], "compare needs two runs or more; 1 given"),
        (["missing.json", "last"], "missing.json: no such file"),
        (["last", "last~5"], "so the oldest is last~1"),
    ],
)
def test_compare_refuses_what_it_cannot_read(
    store: Store, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", *args]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert message in line


def test_compare_refuses_a_json_file_that_is_not_a_run(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.txt"
    other.write_text('{"checks": []}')
    assert main(["compare", str(other), "last"]) == 2
    assert "not a gilbench run" in capsys.readouterr().err
