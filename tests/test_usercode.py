"""A user's function as a workload: the parent's parse (never an import), the probe's task
contract (checksums, FUNC(), failures naming the user's frame) and re-importing in children."""

from __future__ import annotations

import multiprocessing
import pickle
import sys
from pathlib import Path

import pytest

from gilbench_tui.engine import usercode
from gilbench_tui.engine.events import Sample, Started
from gilbench_tui.engine.spec import SpecError, parse_workload
from gilbench_tui.probe import strategies
from gilbench_tui.probe import usercode as probe
from gilbench_tui.probe.catalog import workload
from gilbench_tui.probe.tasks_common import CHECKSUM_LIMIT

SOURCE = """\
import hashlib


def work(size, index):
    return sum(i * index for i in range(size))


def nothing():
    return "same"


def three(a, b, c):
    return a


def optional(size, index=0, extra=None):
    return [size, index]


async def later(size, index):
    return 1


def boom(size, index):
    return helper(size)


def helper(size):
    raise ValueError(f"bad size {size}")


def anything(size, index):
    return {size, index}

alias = work
"""


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    path = tmp_path / "mine.py"
    path.write_text(SOURCE)
    return path


def test_parsing_lists_the_top_level_functions(mine: Path) -> None:
    found = {f.name: f for f in usercode.functions_in(mine)}
    assert list(found) == [
        "work",
        "nothing",
        "three",
        "optional",
        "later",
        "boom",
        "helper",
        "anything",
    ]
    assert found["work"].signature == "work(size, index)" and found["work"].problem is None
    assert found["nothing"].problem is None
    assert found["optional"].problem is None
    assert "3 required parameters" in (found["three"].problem or "")
    assert "coroutine" in (found["later"].problem or "")


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("{dir}/gone.py:work", "no such file: {dir}/gone.py"),
        ("{dir}/mine.py:nope", "{dir}/mine.py has no top-level function 'nope'"),
        ("{dir}/mine.py:three", "{dir}/mine.py:12: three(a, b, c) takes 3 required parameters"),
        ("{dir}/broken.py:work", "{dir}/broken.py:2: syntax error"),
        ("{dir}/mine.py:", "choose a function of {dir}/mine.py"),
    ],
)
def test_bad_references_are_one_line_naming_file_and_line(
    mine: Path, ref: str, message: str
) -> None:
    (mine.parent / "broken.py").write_text("def work(size, index):\n    return (\n")
    with pytest.raises(SpecError) as raised:
        parse_workload(ref.format(dir=mine.parent))
    text = str(raised.value)
    assert message.format(dir=mine.parent) in text
    assert "\n" not in text


def test_a_reference_is_kept_with_an_absolute_path(
    mine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(mine.parent)
    assert parse_workload("mine.py:work") == f"{mine}:work"
    assert parse_workload(f"{mine}:alias") == f"{mine}:alias", "bound by assignment: allowed"
    assert usercode.file_sha256("mine.py:work") == usercode.file_sha256(f"{mine}:work")


def test_a_changed_file_is_noticed(mine: Path) -> None:
    ref = f"{mine}:work"
    before = usercode.file_sha256(ref)
    assert usercode.changed_since(ref, before) is None
    mine.write_text(SOURCE + "\n# edited\n")
    question = usercode.changed_since(ref, before)
    assert question is not None and "changed since this run was measured" in question
    assert usercode.changed_since("seed", before) is None


def test_deterministic_results_fold_into_the_checksum(mine: Path) -> None:
    task = workload(f"{mine}:work").load_task()
    a, b = task(100, 1), task(100, 2)
    assert a.checksum != b.checksum, "the value counts"
    assert task(100, 1).checksum == a.checksum
    assert 0 <= a.checksum < CHECKSUM_LIMIT
    assert probe.checksum_of({"a": [1, 2.5, b"x", None]}) == probe.checksum_of(
        {"a": [1, 2.5, b"x", None]}
    )
    assert probe.checksum_of([1]) != probe.checksum_of((1,))
    assert probe.checksum_of({1, 2}) is None
    assert probe.checksum_of(object()) is None


def test_a_function_without_arguments_is_called_without_them(mine: Path) -> None:
    task = workload(f"{mine}:nothing").load_task()
    assert task(5, 0).checksum != task(5, 1).checksum, "the task index still tells tasks apart"


def test_values_that_cannot_be_checked_are_named(mine: Path) -> None:
    task = workload(f"{mine}:anything").load_task()
    task(3, 0)
    assert "set" in probe.UNCHECKED


def test_a_failure_names_the_users_own_frame(mine: Path) -> None:
    task = workload(f"{mine}:boom").load_task()
    with pytest.raises(probe.UserCodeFailed) as raised:
        task(7, 0)
    assert str(raised.value) == f"ValueError: bad size 7 ({mine}:29 in helper)"


def test_a_task_pickles_as_its_reference_and_imports_again(mine: Path) -> None:
    task = workload(f"{mine}:work").load_task()
    task(1, 0)
    copy = pickle.loads(pickle.dumps(task))
    assert copy.ref == f"{mine}:work" and copy(10, 3).checksum == task(10, 3).checksum


@pytest.mark.parametrize("method", multiprocessing.get_all_start_methods())
def test_every_start_method_imports_the_file_in_its_children(mine: Path, method: str) -> None:
    name = {"fork": "processes-fork", "spawn": "processes-spawn"}.get(method, f"processes-{method}")
    ref = f"{mine}:work"
    serial = strategies.measure("serial", ref, [1000, 1000])
    strategies.prepare(name)
    children = strategies.measure(name, ref, [1000, 1000])
    assert children.checksums == serial.checksums


def test_the_probe_reports_an_import_error_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "needs.py"
    path.write_text("import not_a_module_anywhere\n\ndef work(size, index):\n    return 1\n")
    problem = usercode.interpreter_problem(f"{path}:work", "python3")
    assert problem is not None
    assert "ModuleNotFoundError" in problem and f"{path}:1" in problem


def test_an_installed_module_is_left_to_the_interpreter() -> None:
    assert usercode.static_problem("json:dumps") is None
    assert usercode.interpreter_problem("json:loads", "python3") is not None, "loads(s) needs 1"


@pytest.mark.parametrize("version", ["3.12", "3.13"])
def test_subinterpreters_import_the_file_or_say_why_they_cannot(
    tmp_path: Path, version: str
) -> None:
    from tests.pythons import need, python, run_worker_command

    interpreter = python(version)
    need(interpreter)
    plain = tmp_path / "plain.py"
    plain.write_text("def work(size, index):\n    return [size, index]\n")
    refuses = tmp_path / "refuses.py"
    refuses.write_text("import _testsinglephase\n\ndef work(size, index):\n    return 1\n")
    worker = [str(interpreter), "-I", str(Path(probe.__file__).with_name("worker.py"))]
    base = {"size": 100, "workers": [2], "strategies": ["serial", "subinterpreters"], "repeat": 1}
    code, events, stderr = run_worker_command(
        worker, {**base, "workload": f"{plain}:work"}, tmp_path
    )
    assert code == 0, stderr
    samples = [e for e in events if isinstance(e, Sample)]
    assert [s.strategy for s in samples] == ["serial", "subinterpreters"]
    assert samples[0].checksums == samples[1].checksums
    code, events, stderr = run_worker_command(
        worker, {**base, "workload": f"{refuses}:work"}, tmp_path
    )
    assert code == 0, stderr
    started = events[0]
    assert isinstance(started, Started)
    why = started.unavailable.get("subinterpreters", "")
    if "No module named '_testsinglephase'" in why:
        pytest.skip(f"python{version} was built without _testsinglephase")
    assert why.startswith("this code cannot run in a subinterpreter: "), why
    assert "does not support loading in subinterpreters" in why and f"{refuses}:1" in why


def test_the_oldest_supported_python_runs_user_code_in_every_start_method(tmp_path: Path) -> None:
    from tests.pythons import need, python, run_worker_command

    interpreter = python("3.8")
    need(interpreter)
    mine = tmp_path / "mine.py"
    mine.write_text(SOURCE)
    worker = [str(interpreter), "-I", str(Path(probe.__file__).with_name("worker.py"))]
    names = ["serial", "threads", "processes-fork", "processes-forkserver", "processes-spawn"]
    payload = {"workload": f"{mine}:work", "size": 100, "workers": [2], "strategies": names}
    code, events, stderr = run_worker_command(worker, payload, tmp_path)
    assert code == 0, stderr
    samples = [e for e in events if isinstance(e, Sample)]
    assert [s.strategy for s in samples] == names
    assert len({s.checksums for s in samples}) == 1


def test_comparing_two_versions_of_a_file_says_the_code_changed() -> None:
    import dataclasses

    from gilbench_tui.engine.compare import comparability
    from tests.factories import run_document

    base = run_document()
    spec = dataclasses.replace(base.spec, workload="/src/work.py:work", workload_sha256="a" * 64)
    before = dataclasses.replace(base, spec=spec)
    after = dataclasses.replace(base, spec=dataclasses.replace(spec, workload_sha256="b" * 64))
    found = comparability(before, after)
    assert found.same_work, "an optimised function still does the same work"
    assert found.differences == [f"your file changed between them: {'a' * 12} vs {'b' * 12}"]
    assert comparability(before, before).differences == []


def test_the_runs_metadata_names_the_code_and_its_hash() -> None:
    import dataclasses

    from gilbench_tui.render.metadata import metadata_lines
    from tests.factories import run_document

    base = run_document()
    assert not any("your code" in line for line in metadata_lines(base))
    spec = dataclasses.replace(base.spec, workload="/src/work.py:work", workload_sha256="c" * 64)
    lines = metadata_lines(dataclasses.replace(base, spec=spec))
    assert "your code    work() in /src/work.py" in lines
    assert f"file SHA-256 {'c' * 64}" in lines


def test_a_file_named_like_a_probe_module_and_its_siblings_run_in_the_worker(
    tmp_path: Path,
) -> None:
    """`strategy_threads.py` of the user's must not stand in for the probe's own module, and a
    sibling module imports as it would with `python file.py`."""
    from tests.pythons import run_worker_command

    (tmp_path / "helpers.py").write_text("def double(x):\n    return 2 * x\n")
    mine = tmp_path / "strategy_threads.py"
    mine.write_text(
        "from helpers import double\n\ndef work(size, index):\n    return double(size)\n"
    )
    worker = [sys.executable, "-I", str(Path(probe.__file__).with_name("worker.py"))]
    names = ["serial", "threads", "processes-spawn"]
    payload = {"workload": f"{mine}:work", "size": 10, "workers": [2], "strategies": names}
    code, events, stderr = run_worker_command(worker, payload, tmp_path)
    assert code == 0, stderr
    samples = [e for e in events if isinstance(e, Sample)]
    assert [s.strategy for s in samples] == names
    assert len({s.checksums for s in samples}) == 1


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize(
    ("ref", "size"),
    [
        ("parse_json.py:parse", 20_000),
        ("regex_scan.py:scan", 200_000),
        ("compress_blobs.py:compress", 600_000),
    ],
)
def test_the_examples_compute_the_same_in_every_strategy(ref: str, size: int) -> None:
    workload_ref = f"{EXAMPLES / ref}"
    assert usercode.static_problem(workload_ref) is None
    serial = strategies.measure("serial", workload_ref, [size, size])
    assert serial.checksums[0] != serial.checksums[1], "each task works on its own input"
    for name in ("threads", "processes-spawn"):
        assert strategies.measure(name, workload_ref, [size, size]).checksums == serial.checksums
