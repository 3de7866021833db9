from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from gilbench_tui.engine.results import SCHEMA, RunDocument
from gilbench_tui.engine.store import Store, StoreError, default_data_dir
from tests.factories import run_document


def test_append_then_load_round_trips(tmp_path: Path) -> None:
    store = Store(tmp_path / "d")
    first, second = run_document(), run_document()
    store.append(first)
    store.append(second)
    history = store.load()
    assert history.runs == [first, second]
    assert history.skipped == []
    assert json.loads(store.path.read_text().splitlines()[0])["schema"] == SCHEMA


@pytest.mark.damaged
def test_garbage_and_torn_lines_are_skipped_and_reported(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.append(run_document())
    with store.path.open("a") as f:
        f.write("this is not json\n")
        f.write(json.dumps({"schema": "other/9"}) + "\n")
        f.write('{"schema": "gilbench.run/1", "id": "x"}\n')
        f.write(json.dumps(run_document().to_json())[:50])  # torn last line, no newline
    store.append(run_document())  # starts on a fresh line despite the torn one
    history = store.load()
    assert len(history.runs) == 2
    assert len(history.skipped) == 4
    assert any("unsupported schema" in s for s in history.skipped)


@pytest.mark.damaged
@pytest.mark.parametrize(
    ("field", "value", "readable"),
    [("amdahl", None, True), ("amdahl", [1], False), ("unavailable", "x", False)],
)
def test_a_wrongly_typed_optional_field_skips_that_line_only(
    tmp_path: Path, field: str, value: object, readable: bool
) -> None:
    store = Store(tmp_path)
    store.append(run_document())
    bad = run_document().to_json()
    bad[field] = value
    with store.path.open("a") as f:
        f.write(json.dumps(bad) + "\n")
        f.write("[" * 100_000 + "\n")  # deep enough to exhaust the JSON parser's recursion
    history = store.load()
    assert len(history.runs) == 1 + readable
    assert len(history.skipped) == 2 - readable
    doc = run_document().to_json()
    doc["machine"]["from_the_future"] = 1
    assert RunDocument.from_json(doc) == run_document()


def test_missing_history_is_empty(tmp_path: Path) -> None:
    assert Store(tmp_path / "none").load().runs == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_dir_is_reported_before_a_run(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(StoreError, match="cannot"):
        Store(locked / "sub").check_writable()


def test_data_dir_that_is_a_file_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create data dir"):
        Store(blocker / "sub").check_writable()


def test_reading_ignores_fields_a_later_version_added(tmp_path: Path) -> None:
    doc = run_document().to_json()
    doc["interpreter"]["from_the_future"] = 1
    doc["results"][0]["also_new"] = 2
    assert RunDocument.from_json(doc) == run_document()


def test_env_var_sets_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GILBENCH_DATA_DIR", str(tmp_path))
    assert default_data_dir() == tmp_path
    assert Store().path == tmp_path / "runs.jsonl"


def test_documents_are_plain_json_with_every_schema_field() -> None:
    """Every field of gilbench.run/1 is there; later additions are allowed (readers ignore them)."""
    doc = run_document().to_json()
    assert set(doc) >= {
        "schema",
        "id",
        "started_at",
        "finished_at",
        "machine",
        "interpreter",
        "spec",
        "results",
        "verdict",
        "warnings",
    }
    assert set(doc["machine"]) >= {
        "hostname",
        "os",
        "cpu_model",
        "logical_cpus",
        "physical_cpus",
        "memory_bytes",
        "load_avg_1m",
    }
    assert set(doc["interpreter"]) >= {
        "executable",
        "implementation",
        "version",
        "gil_disabled_build",
        "gil_enabled",
        "switch_interval_s",
    }
    assert set(doc["spec"]) >= {
        "workload",
        "size",
        "workers",
        "strategies",
        "repeat",
        "warmup",
        "split",
    }
    assert set(doc["results"][0]) >= {
        "strategy",
        "workers",
        "times_s",
        "median_s",
        "iqr_s",
        "cv",
        "startup_s",
        "cpu_s",
        "utilisation",
        "speedup",
        "efficiency",
        "checksum",
        "checksum_ok",
    }
    assert RunDocument.from_json(json.loads(json.dumps(doc))) == run_document()


@pytest.mark.damaged
def test_delete_keeps_every_other_line(tmp_path: Path) -> None:
    store = Store(tmp_path)
    first = run_document()
    second = replace(run_document(), id="20261201-000000-ffffff")
    store.append(first)
    with store.path.open("a") as f:
        f.write("a damaged line that must survive\n")
    store.append(second)
    store.delete(first.id)
    assert store.load().runs == [second]
    assert "a damaged line that must survive" in store.path.read_text()
    with pytest.raises(LookupError):
        store.delete(first.id)


def test_an_unreadable_file_is_moved_aside_and_a_new_one_started(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.data_dir.mkdir(exist_ok=True)
    store.path.write_bytes(b"\x00\x01\xff" * 100)
    history = store.load()
    assert history.runs == [] and history.moved_to is not None
    assert history.moved_to.read_bytes().startswith(b"\x00\x01")
    assert "moved to" in (history.describe_problems() or "")
    store.append(run_document())
    assert len(store.load().runs) == 1


@pytest.mark.damaged
def test_a_few_bad_lines_are_not_moved_aside(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.data_dir.mkdir(exist_ok=True)
    store.path.write_text("garbage\n")
    history = store.load()
    assert history.moved_to is None
    assert (
        history.describe_problems()
        == "skipped 1 unreadable line in the history (line 1: not valid JSON)"
    )
