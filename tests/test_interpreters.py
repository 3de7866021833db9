from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from gilbench_tui.engine.interpreters import (
    discover,
    inspect_interpreter,
    resolve_python,
    unsupported,
)
from gilbench_tui.engine.spec import BenchSpec, SpecError
from tests import pythons

PY27 = str(pythons.python("2.7"))


def test_inspecting_reports_this_interpreter() -> None:
    info = inspect_interpreter(sys.executable)
    assert info.version_info == tuple(sys.version_info[:3])
    assert info.implementation == "CPython"
    assert info.switch_interval_s == sys.getswitchinterval()
    assert not info.legacy
    assert info.label == f"CPython {sys.version.split()[0]}"


def test_inspecting_something_that_is_not_python(tmp_path: Path) -> None:
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho hello\n")
    fake.chmod(0o755)
    with pytest.raises(SpecError, match="not understood"):
        inspect_interpreter(str(fake))
    hang = tmp_path / "slow"
    hang.write_text("#!/bin/sh\nsleep 10\n")
    hang.chmod(0o755)
    with pytest.raises(SpecError, match=r"did not answer within 0\.5 s"):
        inspect_interpreter(str(hang), timeout_s=0.5)


def test_resolve_python(tmp_path: Path) -> None:
    assert resolve_python(None) == sys.executable
    assert resolve_python(sys.executable) == sys.executable
    with pytest.raises(SpecError, match="no such file"):
        resolve_python(str(tmp_path / "missing"))
    plain = tmp_path / "plain"
    plain.write_text("")
    with pytest.raises(SpecError, match="not executable"):
        resolve_python(str(plain))
    with pytest.raises(SpecError, match="not found"):
        resolve_python("python9.99")


def test_discover_folds_duplicates() -> None:
    found, _ = discover([sys.executable, sys.executable, os.path.realpath(sys.executable)])
    assert len(found) == 1


@pytest.mark.skipif(not os.path.exists(PY27), reason="needs pyenv's Python 2.7")
def test_python_2_runs_the_seed_experiment_only() -> None:
    info = inspect_interpreter(PY27)
    assert info.legacy and info.switch_interval_s is None
    assert unsupported(info, BenchSpec(workload="seed")) is None
    for spec, reason in (
        (
            BenchSpec(workload="sha256"),
            "only the seed and seed-shared workloads with serial, threads and processes",
        ),
        (
            BenchSpec(strategies=("serial", "thread-pool")),
            "only the seed and seed-shared workloads",
        ),
        (BenchSpec(return_data=True), "need 3.8"),
    ):
        assert reason in (unsupported(info, spec) or ""), spec
