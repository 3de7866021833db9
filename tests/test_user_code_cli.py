"""`gilbench run --workload FILE.py:FUNC` as a user meets it: real subprocesses, exit codes and
one-line errors, the file's hash in the document, and the measured GIL tag against processes
measured in the same run."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from tests.run_schema import check_document, strict_json
from tests.test_cli import gilbench

CODE = """\
import hashlib
import time


def work(size, index):
    total = 0
    for i in range(size):
        total += (i * (index + 1)) % 7
    return total


BLOCK = bytes(range(256)) * 4096


def digest(size, index):
    hasher = hashlib.sha256(str(index).encode())
    for _ in range(max(1, size * 16 // len(BLOCK))):
        hasher.update(BLOCK)
    return hasher.hexdigest()


def three(a, b, c):
    return a


def raises(size, index):
    return 1 // (index - index)


def forever(size, index):
    while True:
        time.sleep(0.1)


def objects():
    return {1, 2}
"""


@pytest.fixture
def code(tmp_path: Path) -> Path:
    path = tmp_path / "code.py"
    path.write_text(CODE)
    (tmp_path / "broken.py").write_text("def work(size, index):\n    return (\n")
    (tmp_path / "needs.py").write_text(
        "import not_installed_anywhere\n\ndef work(size, index):\n    pass\n"
    )
    return path


def run_json(*args: str, cwd: Path | None = None) -> tuple[int, dict[str, object] | None, str]:
    done = gilbench("run", *args, "--json", "-", "-q", cwd=cwd)
    document = json.loads(done.stdout) if done.stdout.strip() else None
    return done.returncode, document, done.stderr


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("gone.py:work", "no such file: {dir}/gone.py"),
        ("code.py:nope", "{dir}/code.py has no top-level function 'nope'"),
        ("broken.py:work", "{dir}/broken.py:2: syntax error"),
        ("code.py:three", "{dir}/code.py:22: three(a, b, c) takes 3 required parameters"),
        (
            "needs.py:work",
            "ModuleNotFoundError: No module named 'not_installed_anywhere' ({dir}/needs.py:1",
        ),
        ("no_such_package.mod:work", "no module named 'no_such_package.mod'"),
    ],
)
def test_bad_code_exits_2_with_one_line(code: Path, data_dir: Path, ref: str, message: str) -> None:
    done = gilbench("run", "--workload", ref, "--size", "1k", cwd=code.parent)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("gilbench: error: ")
    assert message.format(dir=code.parent) in lines[0]
    assert done.stdout == ""


def test_an_exception_in_a_task_exits_1_naming_the_users_line(code: Path, data_dir: Path) -> None:
    done = gilbench("run", "--workload", f"{code}:raises", "--size", "1k", "-q")
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "ZeroDivisionError: integer division or modulo by zero" in lines[0]
    assert f"({code}:27 in raises)" in lines[0]
    assert "probe" not in lines[0], "never gilbench's internals"


def test_a_task_that_never_returns_is_stopped_by_the_timeout(code: Path, data_dir: Path) -> None:
    done = gilbench("run", "--workload", f"{code}:forever", "--size", "1k", "--timeout", "3", "-q")
    assert done.returncode == 1, done.stderr
    assert "timed out after 3 s" in done.stderr


def test_the_document_keeps_the_reference_and_the_files_hash(code: Path, data_dir: Path) -> None:
    status, document, stderr = run_json(
        "--workload", "code.py:work", "--size", "2k", "--workers", "2", "--repeat", "2",
        cwd=code.parent,
    )  # fmt: skip
    assert status == 0, stderr
    assert document is not None
    spec = document["spec"]
    assert isinstance(spec, dict)
    assert spec["workload"] == f"{code}:work"
    assert spec["workload_sha256"] == hashlib.sha256(code.read_bytes()).hexdigest()
    check_document(document, "run --workload FILE.py:FUNC")
    results = document["results"]
    assert isinstance(results, list) and all(r["checksum_ok"] for r in results)
    stored = json.loads((data_dir / "runs.jsonl").read_text().splitlines()[-1])
    assert stored["spec"]["workload_sha256"] == spec["workload_sha256"]


def test_a_module_of_a_package_is_imported_from_the_current_directory(
    tmp_path: Path, data_dir: Path
) -> None:
    package = tmp_path / "mypkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "jobs.py").write_text("def job(size, index):\n    return [size, index]\n")
    status, document, stderr = run_json(
        "--workload", "mypkg.jobs:job", "--size", "10", "--workers", "2",
        "--strategies", "serial,threads,processes-spawn", "--repeat", "1", cwd=tmp_path,
    )  # fmt: skip
    assert status == 0, stderr
    assert document is not None
    results = document["results"]
    assert isinstance(results, list)
    assert [r["strategy"] for r in results] == ["serial", "threads", "processes-spawn"]
    assert all(r["checksum_ok"] for r in results)


def test_a_value_that_cannot_be_checked_is_named_in_the_warnings(
    code: Path, data_dir: Path
) -> None:
    status, document, stderr = run_json(
        "--workload", f"{code}:objects", "--size", "10", "--workers", "2", "--repeat", "1"
    )
    assert status == 0, stderr
    assert document is not None
    assert "results not checked: the function returned a set" in document["warnings"]


def tag_and_speedups(ref: str, size: str) -> tuple[str | None, dict[str, float]]:
    """The measured tag and the speedups of one run; skips when the machine could not give even
    processes (or a busy loop around the run) a clear speed-up."""
    status, document, stderr = run_json(
        "--workload", ref, "--size", size, "--workers", "2", "--repeat", "3",
        "--strategies", "serial,threads,processes",
    )  # fmt: skip
    assert status == 0, stderr
    assert document is not None
    check_document(strict_json(json.dumps(document)), "user code run")
    machine = document["machine"]
    assert isinstance(machine, dict)
    capacity = min(c for c in (machine["capacity_before"], machine["capacity_after"]) if c)
    speedups = {r["strategy"]: r["speedup"] for r in document["results"]}  # type: ignore[union-attr]
    measured = document.get("gil_measured")
    tag = measured["tag"] if isinstance(measured, dict) else None
    if speedups["processes"] < 1.5 or capacity < 1.5:
        pytest.skip(
            f"the machine is busy: processes {speedups['processes']:.2f}×, capacity {capacity}"
        )
    return tag, speedups


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
def test_pure_python_is_measured_to_hold_the_gil(code: Path, data_dir: Path) -> None:
    tag, speedup = tag_and_speedups(f"{code}:work", "300k")
    assert speedup["threads"] < 1.25, speedup
    assert tag == "holds the GIL"


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
def test_hashing_is_measured_to_release_the_gil(code: Path, data_dir: Path) -> None:
    tag, speedup = tag_and_speedups(f"{code}:digest", "2M")
    assert speedup["threads"] >= 1.3, speedup
    assert tag == "releases the GIL" or (tag or "").startswith("mixed"), tag
