"""Usable CPUs: affinity and cgroup quotas (v2 and v1), read from fake /proc and /sys trees."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gilbench_tui.engine import cpus
from gilbench_tui.engine.cpus import UsableCpus, usable_cpus


def fake_proc(tmp_path: Path, cgroup: str) -> Path:
    proc = tmp_path / "proc"
    (proc / "self").mkdir(parents=True)
    (proc / "self" / "cgroup").write_text(cgroup)
    return proc


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.fixture
def two_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(cpus, "_affinity", lambda: 2)


@pytest.mark.usefixtures("two_cpus")
def test_no_limits_means_all(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path, "0::/user.slice\n")
    write(tmp_path / "cg" / "user.slice" / "cpu.max", "max 100000\n")
    found = usable_cpus(proc, tmp_path / "cg")
    assert found == UsableCpus(count=2, logical=2, quota=None, reason="all")
    assert found.ideal(4) == 2.0


def test_affinity_limits_the_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(cpus, "_affinity", lambda: 1)
    found = usable_cpus(fake_proc(tmp_path, ""), tmp_path / "cg")
    assert (found.count, found.reason) == (1, "affinity 1 of 2")
    assert found.ideal(2) == 1.0


@pytest.mark.usefixtures("two_cpus")
def test_a_cgroup_v2_quota_of_one_and_a_half(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path, "0::/box/inner\n")
    write(tmp_path / "cg" / "box" / "inner" / "cpu.max", "max 100000\n")
    write(tmp_path / "cg" / "box" / "cpu.max", "150000 100000\n")
    found = usable_cpus(proc, tmp_path / "cg")
    assert found.count == 2
    assert found.quota == 1.5
    assert found.reason == "cgroup quota 1.5 CPUs"
    assert found.ideal(2) == 1.5


@pytest.mark.usefixtures("two_cpus")
def test_a_cgroup_v1_quota(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path, "4:memory:/x\n1:cpu,cpuacct:/docker/abc\n0::/\n")
    base = tmp_path / "cg" / "cpu,cpuacct" / "docker" / "abc"
    write(base / "cpu.cfs_quota_us", "100000\n")
    write(base / "cpu.cfs_period_us", "100000\n")
    found = usable_cpus(proc, tmp_path / "cg")
    assert (found.count, found.quota, found.reason) == (1, 1.0, "cgroup quota 1 CPU")


@pytest.mark.usefixtures("two_cpus")
def test_unlimited_v1_and_garbage_files_are_ignored(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path, "1:cpu:/a\n0::/b\n")
    write(tmp_path / "cg" / "b" / "cpu.max", "garbage\n")
    write(tmp_path / "cg" / "cpu" / "a" / "cpu.cfs_quota_us", "-1\n")
    write(tmp_path / "cg" / "cpu" / "a" / "cpu.cfs_period_us", "100000\n")
    assert usable_cpus(proc, tmp_path / "cg").reason == "all"


@pytest.mark.usefixtures("two_cpus")
def test_a_quota_above_the_cores_changes_nothing(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path, "0::/\n")
    write(tmp_path / "cg" / "cpu.max", "800000 100000\n")
    assert usable_cpus(proc, tmp_path / "cg").reason == "all"


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs sched_setaffinity")
def test_taskset_is_seen_for_real() -> None:
    code = "from gilbench_tui.engine.cpus import usable_cpus; u = usable_cpus(); print(u.count, u.reason)"
    first = sorted(os.sched_getaffinity(0))[0]
    done = subprocess.run(
        ["taskset", "-c", str(first), sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode == 127 or "not found" in done.stderr:
        pytest.skip("taskset is not installed")
    count, reason = done.stdout.split(" ", 1)
    assert count == "1"
    assert (os.cpu_count() or 1) == 1 or reason.strip().startswith("affinity 1 of")
