"""The catalog: every record complete, every fact read from it, and a new record all it takes.

The protocol's sample fields are the one list: the probe's Measurement and the engine's Sample
are checked against it here.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import multiprocessing
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gilbench_tui.cli import build_parser
from gilbench_tui.commands.workloads import workloads_command
from gilbench_tui.engine.events import Sample, parse_event
from gilbench_tui.engine.interpreters import LEGACY_STRATEGIES, LEGACY_WORKLOADS
from gilbench_tui.engine.memory import estimate_peak_bytes
from gilbench_tui.engine.spec import BenchSpec, parse_strategies, parse_workload, validate
from gilbench_tui.probe import catalog, measurement, protocol, records, strategies, worker
from gilbench_tui.probe.catalog import GIL_BEHAVIOURS, KINDS, STRATEGIES, WORKLOADS
from tests import probe_fakes

START_METHODS = {"fork", "forkserver", "spawn", catalog.DEFAULT_START_METHOD}


def one_line(text: str) -> bool:
    return bool(text) and "\n" not in text


@pytest.mark.parametrize("name", list(STRATEGIES))
def test_every_strategy_record_is_complete(name: str) -> None:
    strategy = STRATEGIES[name]
    assert strategy.name == name and one_line(strategy.description)
    assert strategy.kind in KINDS
    assert callable(strategy.implementation().measure)
    check = getattr(strategy.implementation(), "unavailable", None)
    assert check is None or callable(check)
    assert (strategy.start_method is not None) == (strategy.kind == "processes")
    assert strategy.start_method is None or strategy.start_method in START_METHODS
    assert isinstance(strategy.needs, str) and "\n" not in strategy.needs
    assert isinstance(strategy.startup_apart, bool) and isinstance(strategy.legacy_worker, bool)


@pytest.mark.parametrize("name", list(WORKLOADS))
def test_every_workload_record_is_complete(name: str) -> None:
    workload = WORKLOADS[name]
    assert workload.name == name and workload.gil in GIL_BEHAVIOURS
    assert one_line(workload.label) and one_line(workload.description)
    assert workload.label == (workload.load_task().__doc__ or "").strip().splitlines()[0]
    assert workload.async_task is None or callable(workload.load_async_task())
    assert workload.check is None or callable(records.load(workload.check))
    assert (workload.check is None) == (workload.needs == "")
    assert set(workload.cannot_run_in) <= set(KINDS)
    assert all(one_line(why) for why in workload.cannot_run_in.values())
    assert isinstance(workload.bytes_per_item, int) and workload.bytes_per_item >= 0
    assert workload.contends_on is None or one_line(workload.contends_on)


def test_kinds_say_what_running_tasks_that_way_means() -> None:
    assert [k for k, kind in KINDS.items() if not kind.concurrent] == ["serial"]
    assert {k for k, kind in KINDS.items() if kind.own_interpreter} == {"processes", "interpreters"}
    assert {k for k, kind in KINDS.items() if not kind.parallel} == {"serial", "coroutines"}


def test_the_facts_other_modules_read_come_from_the_records() -> None:
    assert STRATEGIES["processes-spawn"].context_method == "spawn"
    assert STRATEGIES["process-pool"].context_method is None
    assert strategies.start_method("process-pool") == multiprocessing.get_start_method()
    timed = {n for n, s in STRATEGIES.items() if s.timed_startup}
    assert timed == {"processes", "processes-fork", "processes-forkserver", "processes-spawn"}
    apart = {n for n, s in STRATEGIES.items() if s.startup_apart}
    assert apart == {
        "thread-pool", "process-pool", "subinterpreters", "interpreter-pool",
        "dask-threads", "dask-processes",
    }  # fmt: skip
    standing = {n for n, s in STRATEGIES.items() if s.standing}
    assert standing == {"dask-threads", "dask-processes"} and standing <= apart
    assert LEGACY_STRATEGIES == ("serial", "threads", "processes")
    assert LEGACY_WORKLOADS == ("seed", "seed-shared")
    assert dict(WORKLOADS["numpy"].cannot_run_in) == {
        "interpreters": "numpy does not support isolated subinterpreters"
    }


def test_a_reference_names_a_probe_module_or_a_dotted_one() -> None:
    assert records.reference("tasks_seed:seed") == ("gilbench_tui.probe.tasks_seed", "seed")
    assert records.reference("tests.probe_fakes:squares") == ("tests.probe_fakes", "squares")


def test_the_measurement_has_the_protocols_measured_fields() -> None:
    assert measurement.Measurement._fields == protocol.MEASURED_NAMES
    source = Path(measurement.__file__).read_text()
    typed = next(
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "NamedTuple"
    )
    fields = typed.args[1]
    assert isinstance(fields, ast.List)
    names = [ast.literal_eval(item.elts[0]) for item in fields.elts if isinstance(item, ast.Tuple)]
    assert tuple(names) == protocol.MEASURED_NAMES, "the type checker's Measurement drifted"


def test_the_engines_sample_is_the_protocols_field_list() -> None:
    names = [f.name for f in dataclasses.fields(Sample)]
    assert names == ["index", *protocol.PLAN_FIELDS, *(n for n, _ in protocol.SAMPLE_FIELDS)]
    optional = {n for n, kind in protocol.SAMPLE_FIELDS if kind == protocol.OPTIONAL_SECONDS}
    defaults = {f.name for f in dataclasses.fields(Sample) if f.default is None}
    assert defaults <= optional


def test_every_sample_field_crosses_from_the_probe_to_the_engine() -> None:
    item = {"phase": "measure", "repeat": 1, "strategy": "serial", "workers": 2}
    values: dict[str, Any] = {}
    for number, (name, kind) in enumerate(protocol.SAMPLE_FIELDS):
        values[name] = [7, 8] if kind == protocol.CHECKSUMS else 0.5 + number
    values["startup_s"] = 0.25
    event = protocol.sample_event(3, item, values)
    sample = parse_event(json.dumps(event))
    assert isinstance(sample, Sample)
    for name, _ in protocol.SAMPLE_FIELDS:
        got = getattr(sample, name)
        assert (list(got) if isinstance(got, tuple) else got) == values[name], name


def test_a_sample_keeps_start_up_within_the_wall_time() -> None:
    item = {"phase": "measure", "repeat": 0, "strategy": "serial", "workers": 1}
    measured = dict(zip(protocol.MEASURED_NAMES, (0.1, 0.3, -0.01, None, [1], None), strict=True))
    event = protocol.sample_event(0, item, measured)
    assert (event["wall_s"], event["startup_s"], event["cpu_s"]) == (0.1, 0.1, 0.0)
    assert event["latency_p50_s"] is None
    with pytest.raises(ValueError, match="no checksums"):
        protocol.sample_event(0, item, {**measured, "checksums": None})


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(STRATEGIES, probe_fakes.BACKWARDS.name, probe_fakes.BACKWARDS)
    monkeypatch.setitem(WORKLOADS, probe_fakes.SQUARES.name, probe_fakes.SQUARES)


@pytest.mark.usefixtures("fakes")
def test_a_registered_strategy_and_workload_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_strategies("serial,backwards") == ("serial", "backwards")
    assert parse_workload("squares") == "squares"
    spec = validate(BenchSpec(workload="squares", strategies=("serial", "backwards")))
    assert estimate_peak_bytes(spec) > 0
    assert "backwards" in build_parser().format_help()
    workloads_command()
    assert "squares" in capsys.readouterr().out
    from gilbench_tui.render.palette import OTHER_COLOUR, colour_of

    assert colour_of("backwards") != OTHER_COLOUR, "a new strategy gets a colour of its own"


@pytest.mark.usefixtures("fakes")
def test_a_registered_strategy_and_workload_run_through_the_worker() -> None:
    emitted: list[dict[str, Any]] = []
    payload = {
        "workload": "squares",
        "size": 500,
        "workers": [3],
        "strategies": ["serial", "backwards"],
        "repeat": 1,
        "warmup": 0,
    }
    assert worker.run(payload, emitted.append) == 0
    samples = [parse_event(json.dumps(e)) for e in emitted if e["event"] == "sample"]
    expected = tuple(probe_fakes.squares(500, index).checksum for index in range(3))
    assert [(s.strategy, s.checksums) for s in samples if isinstance(s, Sample)] == [
        ("serial", expected),
        ("backwards", expected),
    ]


def test_the_version_imports_no_catalog_and_the_catalog_imports_no_code() -> None:
    """`gilbench --version` stays instant; the parent imports the catalog for names only."""
    code = (
        "import sys\n"
        "from gilbench_tui.cli import main\n"
        "main(['--version'])\n"
        "assert not [m for m in sys.modules if m.startswith('gilbench_tui.probe')]\n"
        "import gilbench_tui.probe.catalog\n"
        "print(sorted(m for m in sys.modules if m.startswith('gilbench_tui.probe')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == str(
        ["gilbench_tui.probe", "gilbench_tui.probe.catalog", "gilbench_tui.probe.records"]
    )
