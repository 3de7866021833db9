"""Dask from the parent's side, without dask: addresses, admission, the cluster event and record,
and that nothing loads dask unless a dask strategy runs."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from gilbench_tui.engine import admission, cluster
from gilbench_tui.engine.events import ClusterSeen, ClusterWorker, ProtocolError, parse_event
from gilbench_tui.engine.results import Cluster
from gilbench_tui.engine.spec import BenchSpec, SpecError
from tests.demo import demo_interpreters

HINT = "pip install 'gilbench-tui[dask]'"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("tcp://10.0.0.5:8786", ("tcp", "10.0.0.5", 8786)),
        ("10.0.0.5:9000", ("tcp", "10.0.0.5", 9000)),
        ("scheduler.lan", ("tcp", "scheduler.lan", 8786)),
        ("tls://[::1]:8786", ("tls", "::1", 8786)),
    ],
)
def test_a_scheduler_address_is_split_like_dask_reads_it(
    text: str, parts: tuple[str, str, int]
) -> None:
    assert cluster.split_address(text) == parts


@pytest.mark.parametrize("text", ["http://host:8786", "tcp://:8786", "tcp://host:99999", "tcp://"])
def test_a_malformed_address_is_refused_in_one_line(text: str) -> None:
    with pytest.raises(ValueError, match="not a scheduler address"):
        cluster.split_address(text)


def test_a_scheduler_file_gives_its_address(tmp_path: Path) -> None:
    file = tmp_path / "scheduler.json"
    file.write_text(json.dumps({"type": "Scheduler", "address": "tcp://127.0.0.1:8786"}))
    assert cluster.resolve_scheduler(str(file)) == "tcp://127.0.0.1:8786"
    (tmp_path / "bad.json").write_text("{}")
    with pytest.raises(ValueError, match="not a Dask scheduler file"):
        cluster.resolve_scheduler(str(tmp_path / "bad.json"))
    assert cluster.resolve_scheduler(" tcp://h:1 ") == "tcp://h:1"


def test_unreachable_says_why_and_reachable_is_none() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        assert cluster.unreachable(f"tcp://127.0.0.1:{port}", 5) is None
    refused = cluster.unreachable(f"tcp://127.0.0.1:{port}", 5)
    assert refused is not None and "cannot be reached" in refused


def test_a_scheduler_needs_a_dask_strategy_and_a_sound_address() -> None:
    spec = BenchSpec(strategies=("serial", "threads"), dask_scheduler="tcp://h:8786")
    with pytest.raises(SpecError, match="add dask-threads or dask-processes"):
        admission.admit(spec, memory=False)
    bad = spec.with_changes(strategies=("serial", "dask-processes"), dask_scheduler="ftp://h")
    [problem] = admission.problems(bad, memory=False)
    assert problem.field == "dask_scheduler" and "not a scheduler address" in problem.message


def test_an_interpreter_without_dask_refuses_dask_only_specs_with_the_hint() -> None:
    bare = replace(demo_interpreters()[1], dask=False)
    only = BenchSpec(strategies=("dask-processes",), python=bare.path)
    [problem] = admission.problems(only, interpreter=bare, memory=False)
    assert problem.field == "strategies" and HINT in problem.message
    mixed = only.with_changes(strategies=("serial", "dask-threads"))
    assert admission.problems(mixed, interpreter=bare, memory=False) == []
    remote = mixed.with_changes(dask_scheduler="tcp://h:8786")
    [problem] = admission.problems(remote, interpreter=bare, memory=False)
    assert problem.field == "dask_scheduler" and HINT in problem.message
    unknown = replace(bare, dask=None)
    assert admission.problems(only, interpreter=unknown, memory=False) == []


def test_this_interpreter_is_asked_when_none_is_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(admission, "has_dask", lambda: False)
    with pytest.raises(SpecError, match=r"this Python: pip install 'gilbench-tui\[dask\]'"):
        admission.admit(BenchSpec(strategies=("dask-threads",)), memory=False)
    monkeypatch.setattr(admission, "has_dask", lambda: True)
    admission.admit(BenchSpec(strategies=("dask-threads",)), memory=False)


def test_the_cluster_event_and_the_record_it_gives() -> None:
    line = json.dumps(
        {
            "event": "cluster",
            "scheduler": "tcp://10.0.0.5:8786",
            "local": False,
            "workers": [
                {"address": "tcp://10.0.0.6:1", "host": "10.0.0.6", "threads": 4, "cpu_percent": 180.5},
                {"address": "tcp://10.0.0.7:1", "host": "10.0.0.7", "threads": 2, "cpu_percent": None},
                {"address": "tcp://10.0.0.7:2", "host": "10.0.0.7", "threads": 2, "cpu_percent": 3},
            ],
        }
    )  # fmt: skip
    seen = parse_event(line)
    assert isinstance(seen, ClusterSeen) and not seen.local
    assert seen.workers[0] == ClusterWorker("tcp://10.0.0.6:1", "10.0.0.6", 4, 180.5)
    assert seen.workers[1].cpu_percent is None
    assert cluster.cluster_record(seen) == Cluster(
        "tcp://10.0.0.5:8786", workers=3, threads_per_worker=4, hosts=["10.0.0.6", "10.0.0.7"]
    )
    with pytest.raises(ProtocolError, match="malformed cluster event"):
        parse_event(line.replace("180.5", '"lots"'))


def _modules_after(code: str) -> list[str]:
    probe = (
        f"import sys\n{code}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=root
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout.strip().splitlines()[-1].replace("'", '"')))


def test_version_and_the_first_frame_import_no_dask() -> None:
    version = "from gilbench_tui.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass"
    assert _modules_after(version) == []
    first_frame = (
        "import asyncio\n"
        "from tests.ui.support import harness\n"
        "async def main():\n"
        "    app = harness().app\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        await pilot.pause()\n"
        "asyncio.run(main())"
    )
    assert _modules_after(first_frame) == []
    catalog = "from gilbench_tui.probe import catalog, strategies, worker\nstrategies.available('dask-processes')"
    assert _modules_after(catalog) == []
