"""How a user names a run: last, last~N, a short id, a prefix, the whole id."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gilbench_tui.engine.references import UnreadableRun, random_part, resolve, short_id
from tests.factories import run_document

RUNS = [
    replace(run_document(), id=run_id)
    for run_id in (
        "20261130-204644-9e4980",
        "20261130-204650-9e41aa",
        "20261201-090000-3f01aa",
    )
]


def test_last_and_last_n_count_back_from_the_newest() -> None:
    assert resolve(RUNS, "last") is RUNS[-1]
    assert resolve(RUNS, "last~0") is RUNS[-1]
    assert resolve(RUNS, "last~2") is RUNS[0]


def test_last_n_beyond_the_history_says_how_far_it_goes() -> None:
    with pytest.raises(LookupError, match="holds 3 runs, so the oldest is last~2"):
        resolve(RUNS, "last~3")
    with pytest.raises(LookupError, match="holds 0 runs"):
        resolve([], "last")


def test_the_random_part_names_a_run_on_its_own() -> None:
    assert resolve(RUNS, "9e4980") is RUNS[0]
    assert resolve(RUNS, "3f0") is RUNS[2]


def test_old_ids_and_their_prefixes_keep_working() -> None:
    assert resolve(RUNS, "20261130-204650-9e41aa") is RUNS[1]
    assert resolve(RUNS, "20261201") is RUNS[2]


@pytest.mark.parametrize("ref", ["9e4", "2026", "20261130"])
def test_a_reference_that_names_two_runs_is_refused(ref: str) -> None:
    with pytest.raises(LookupError, match="ambiguous"):
        resolve(RUNS, ref)


def test_unknown_and_empty_references_are_refused() -> None:
    with pytest.raises(LookupError, match="no run with id 'abcdef'"):
        resolve(RUNS, "abcdef")
    with pytest.raises(LookupError):
        resolve(RUNS, " ")


def test_a_short_id_of_a_damaged_line_says_it_cannot_be_read() -> None:
    with pytest.raises(UnreadableRun, match="cannot be read: line 4"):
        resolve(RUNS, "bad001", {"20261202-100000-bad001": "line 4: not valid JSON"})


def test_the_short_id_is_the_random_part_unless_two_runs_share_it() -> None:
    ids = [run.id for run in RUNS]
    assert [short_id(i, ids) for i in ids] == ["9e4980", "9e41aa", "3f01aa"]
    twin = "20261203-080000-9e4980"
    assert short_id(twin, [*ids, twin]) == twin
    assert random_part("odd") == "odd"
    for run_id in ids:  # every short id shown is accepted back
        assert resolve(RUNS, short_id(run_id, ids)).id == run_id
