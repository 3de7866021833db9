"""Runs as earlier, current and later versions stored them, and damaged ones (tests/fixtures/), read
by this version; and the published JSON Schema they are held to."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from gilbench_tui.engine.results import RunDocument, SchemaError
from gilbench_tui.engine.store import Store, UnreadableRun
from tests.run_schema import FIXTURES, check_document, problems, schema, strict_json

GOOD = ["run-v1-minimal.json", "run-current-full.json", "run-later-version.json"]
#: Each damaged run and what the reader says about it.
DAMAGED = {
    "median-is-a-word": 'results[0].median_s: expected a number, got "fast"',
    "workers-is-a-string": 'results[1].workers: expected a whole number, got "2"',
    "checksum-ok-is-a-word": 'results[2].checksum_ok: expected true or false, got "yes"',
    "results-not-a-list": "results: expected a list, got an object",
    "null-median": "results[0].median_s: expected a number, got null",
    "bool-logical-cpus": "machine.logical_cpus: expected a whole number, got true",
    "spec-workers-a-string": 'spec.workers: expected a list, got "2"',
    "negative-time": "results[1].times_s[0]: must be at least 0, got -1.24",
    "missing-hostname": "machine.hostname: is missing",
    "nan-time": "results[0].median_s: expected a finite number, got NaN",
}


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def described(document: Any, node: dict[str, Any], path: str = "") -> list[str]:
    """Keys of `document` that the schema `node` does not name, with where they are."""
    defs = schema()["$defs"]
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[1]]
    missing = []
    if isinstance(document, dict) and "properties" in node:
        for key, value in document.items():
            if key not in node["properties"]:
                missing.append(f"{path}.{key}")
            else:
                missing += described(value, node["properties"][key], f"{path}.{key}")
    if isinstance(document, list) and "items" in node:
        for item in document:
            missing += described(item, node["items"], f"{path}[]")
    return missing


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(schema())
    assert schema()["properties"]["schema"] == {"const": "gilbench.run/1"}


def test_a_fully_populated_run_follows_the_schema_and_every_key_is_described() -> None:
    run = RunDocument.from_json(load("run-current-full.json"))
    document = run.to_json()
    check_document(document)
    optional = [
        document["machine"]["cpu_freq_mhz"], document["interpreter"]["timer_resolution_s"],
        document["results"][3]["pool_startup_s"], document["results"][2]["transfer_s"],
        document["results"][0]["latency_p99_s"], document["amdahl"], document["unavailable"],
        document["cluster"], document["spec"]["dask_scheduler"],
    ]  # fmt: skip
    assert all(value not in (None, {}, []) for value in optional), "the run is fully populated"
    assert described(document, schema()) == [], "a key the writer writes is not in the schema"


@pytest.mark.parametrize("name", GOOD)
def test_each_stored_revision_follows_the_schema_and_is_read(name: str) -> None:
    document = load(name)
    check_document(document, name)
    run = RunDocument.from_json(document)
    assert run.id == document["id"]
    assert len(run.results) == len(document["results"])
    assert [r.median_s for r in run.results] == [r["median_s"] for r in document["results"]]


def test_a_minimal_first_revision_run_takes_the_defaults() -> None:
    run = RunDocument.from_json(load("run-v1-minimal.json"))
    assert (run.amdahl, run.unavailable, run.machine.governor) == ({}, {}, None)
    assert (run.spec.return_data, run.spec.latency_probe, run.spec.switch_interval_s) == (
        False, False, None,
    )  # fmt: skip
    assert run.results[0].transfer_s is None and run.interpreter.compiler == ""
    assert run.spec.workers == (2,) and run.machine.physical_cpus is None


def kept(stored: Any, written: Any) -> bool:
    """Every key and value of `stored` is in `written` (which may hold fields added since)."""
    if isinstance(stored, dict):
        return isinstance(written, dict) and all(
            key in written and kept(value, written[key]) for key, value in stored.items()
        )
    if isinstance(stored, list):
        return (
            isinstance(written, list)
            and len(stored) == len(written)
            and all(kept(a, b) for a, b in zip(stored, written, strict=True))
        )
    return bool(stored == written)


def test_a_stored_run_is_written_back_with_every_key_it_had() -> None:
    """What this version writes for a run it read holds every key and value the file had."""
    stored = load("run-current-full.json")
    assert kept(stored, RunDocument.from_json(stored).to_json())


def test_a_later_versions_additions_are_ignored() -> None:
    later = load("run-later-version.json")
    run = RunDocument.from_json(later)
    current = RunDocument.from_json(load("run-current-full.json"))
    figures = [(r.strategy, r.workers, r.median_s, r.speedup) for r in run.results]
    assert figures == [(r.strategy, r.workers, r.median_s, r.speedup) for r in current.results]
    assert run.interpreter == current.interpreter
    assert run.spec.workload == "bench.py:crunch"
    assert run.results[0].median_ci95_s == (0.1764, 0.1854), "fields known today are read"
    assert not hasattr(run.results[0], "energy_joules") and not hasattr(run.machine, "numa_nodes")


@pytest.mark.parametrize(("name", "said"), DAMAGED.items())
def test_a_damaged_run_is_refused_with_the_field_that_is_wrong(name: str, said: str) -> None:
    text = (FIXTURES / "damaged" / f"{name}.json").read_text(encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        RunDocument.from_json(json.loads(text))
    assert str(caught.value) == said


@pytest.mark.parametrize("name", [n for n in DAMAGED if n != "nan-time"])
def test_the_schema_refuses_what_the_reader_refuses(name: str) -> None:
    document = strict_json((FIXTURES / "damaged" / f"{name}.json").read_bytes())
    assert problems(document), f"the schema lets {name} through"


def test_nan_is_not_json_so_no_schema_can_be_asked() -> None:
    with pytest.raises(ValueError, match="NaN is not JSON"):
        strict_json((FIXTURES / "damaged" / "nan-time.json").read_bytes())


@pytest.mark.damaged
def test_a_mixed_history_gives_the_good_runs_and_names_every_bad_line(mixed_history: Store) -> None:
    history = mixed_history.load()
    assert [run.id for run in history.runs] == [
        "20250110-083000-min001", "20260105-120000-full01", "20270301-090000-next01",
    ]  # fmt: skip
    assert history.skipped == [
        "line 2: not valid JSON",
        'line 3 (run 20250111-090000-bad001): results[0].median_s: expected a number, got "fast"',
        "line 5 (run elsewhere): unsupported schema 'other/9' (this version reads gilbench.run/1)",
        "line 7: not valid JSON",
    ]
    assert set(history.unreadable) == {"20250111-090000-bad001", "elsewhere"}
    assert history.moved_to is None


@pytest.mark.damaged
def test_asking_for_a_skipped_run_says_it_cannot_be_read(mixed_history: Store) -> None:
    history = mixed_history.load()
    with pytest.raises(
        UnreadableRun, match=r"^run 20250111-090000-bad001 cannot be read: line 3: "
    ):
        history.find("20250111-090000-bad001")
    with pytest.raises(UnreadableRun):
        history.find("20250111")  # the only run with that prefix is the damaged one
    with pytest.raises(LookupError, match="ambiguous: it names 2 runs"):
        history.find("2025")  # one readable, one damaged
    assert history.find("20250110").id == "20250110-083000-min001"


@pytest.mark.damaged
def test_appending_after_a_torn_last_line_starts_a_fresh_line(mixed_history: Store) -> None:
    mixed_history.append(RunDocument.from_json(load("run-v1-minimal.json")))
    history = mixed_history.load()
    assert len(history.runs) == 4 and len(history.skipped) == 4
