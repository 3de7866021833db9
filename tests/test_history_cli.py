"""history / show / compare / export over a history written by hand, and one damaged by hand."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from gilbench_tui.cli import main
from gilbench_tui.engine.compare import compare
from gilbench_tui.engine.results import RunDocument
from gilbench_tui.engine.store import Store, find
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
    assert FIRST.id in out and SECOND.id in out
    assert "CPython 3.11.7" in out


@pytest.mark.damaged
def test_history_survives_a_garbage_line_and_says_so(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    with store.path.open("a") as f:
        f.write("{ not json at all\n")
    assert main(["history"]) == 0
    captured = capsys.readouterr()
    assert FIRST.id in captured.out
    assert "skipped 1 unreadable line" in captured.err


def test_compare_prints_ratios_pyperf_style(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", FIRST.id[:12], SECOND.id[:8]]) == 0
    out = capsys.readouterr().out
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
    out = capsys.readouterr().out
    assert out.count("1.15× slower") == 3 and "not significant" not in out
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
