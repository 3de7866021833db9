"""`gilbench doctor`: each advice rule alone on made-up readings, and one real run."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

from gilbench_tui.engine.capacity import Capacity
from gilbench_tui.engine.cpus import UsableCpus
from gilbench_tui.engine.doctor import Examination, OtherProcess, advise, busy_and_steal

QUIET = Examination(
    usable=UsableCpus(count=2, logical=2, quota=None, reason="all"),
    governor="performance",
    turbo=False,
    load_avg_1m=0.1,
    busy_cores=0.05,
    steal_fraction=0.0,
    others=[],
    memory_available_bytes=20 << 30,
    memory_total_bytes=24 << 30,
    capacity=Capacity(2, 0.03, 0.031, 1.94),
)


def advice_for(seen: Examination) -> dict[str, str | None]:
    return {check.topic: check.advice for check in advise(seen)}


def test_a_quiet_machine_gets_no_advice() -> None:
    assert all(advice is None for advice in advice_for(QUIET).values())


def test_each_problem_is_named_with_its_advice() -> None:
    limited = replace(QUIET, usable=UsableCpus(1, 2, None, "affinity 1 of 2"))
    assert "at most 1×" in (advice_for(limited)["usable cores"] or "")
    assert "powersave" in (advice_for(replace(QUIET, governor="powersave"))["governor"] or "")
    assert advice_for(replace(QUIET, turbo=True))["turbo"]
    assert advice_for(replace(QUIET, load_avg_1m=1.8))["load"]
    hog = replace(QUIET, others=[OtherProcess(42, "hog", 0.93)])
    assert advice_for(hog)["other processes"] == (
        "another process (hog, pid 42) is using 0.93 cores: results will understate processes"
    )
    assert advice_for(replace(QUIET, steal_fraction=0.12))["steal"]
    assert advice_for(replace(QUIET, memory_available_bytes=200 << 20))["memory"]
    assert "1.20×" in (advice_for(replace(QUIET, capacity=Capacity(2, 0.03, 0.05, 1.2)))[
        "capacity now"] or "")  # fmt: skip
    assert advice_for(replace(QUIET, capacity=None))["capacity now"]


def test_busy_and_steal_from_cpu_times() -> None:
    from collections import namedtuple

    Times = namedtuple("Times", "user system idle steal guest")
    before = Times(10.0, 0.0, 10.0, 0.0, 0.0)
    after = Times(11.0, 0.0, 10.8, 0.2, 5.0)  # guest time is already counted in user
    busy, steal = busy_and_steal(before, after)
    assert abs(steal - 0.1) < 1e-9
    assert busy > 0


def test_doctor_runs_for_real_and_names_every_topic() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gilbench_tui", "doctor"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    for topic in ("usable cores", "governor", "load", "capacity now", "memory", "steal"):
        assert topic in done.stdout
    as_json = subprocess.run(
        [sys.executable, "-m", "gilbench_tui", "doctor", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    data = json.loads(as_json.stdout)
    assert data["examination"]["usable"]["count"] >= 1
