"""The strict figures of the lab issue, at size 2M and 2 workers: a benchmark, opt-in.

    GILBENCH_BENCH=1 pytest -q tests/test_probe_benchmark.py -s

It takes a few minutes and needs a quiet two-core machine (another busy process skews every
parallel figure), so the normal suite skips it; the quick, noise-tolerant versions of the same
claims are in test_probe_speedups.py, test_probe_subinterpreters.py and test_probe_legacy.py.
Medians of 5 repeats after a warm-up; with -s every figure is printed.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gilbench_tui.engine.events import Sample, parse_event
from gilbench_tui.probe import worker

pytestmark = pytest.mark.skipif(
    os.environ.get("GILBENCH_BENCH") != "1", reason="a benchmark: set GILBENCH_BENCH=1"
)

PROBE = Path(worker.__file__).parent
PY313 = Path("/root/.pyenv/versions/3.13.0/bin/python")
PY27 = Path("/root/.pyenv/versions/2.7.18/bin/python")
MODERN = PY313 if PY313.exists() else Path(sys.executable)


def measure(python: Path, **spec: Any) -> dict[str, list[Sample]]:
    payload = {"size": 2_000_000, "workers": [2], "repeat": 5, "warmup": 1, **spec}
    legacy = python == PY27
    script = PROBE / ("legacy_worker.py" if legacy else "worker.py")
    flags = ["-E", "-s"] if legacy else ["-I"]
    done = subprocess.run(
        [str(python), *flags, str(script)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    samples: dict[str, list[Sample]] = {}
    for line in done.stdout.splitlines():
        event = parse_event(line)
        if isinstance(event, Sample) and event.phase == "measure":
            samples.setdefault(event.strategy, []).append(event)
    return samples


def speedups(samples: dict[str, list[Sample]]) -> dict[str, float]:
    medians = {name: statistics.median(s.wall_s for s in runs) for name, runs in samples.items()}
    return {name: medians["serial"] / median for name, median in medians.items()}


@pytest.mark.parametrize(
    ("workload", "low", "high"),
    [
        ("zlib", 1.5, 2.2),
        ("bz2", 1.5, 2.2),
        ("sha256", 1.5, 2.2),
        ("seed", 0.8, 1.2),
        ("pidigits", 0.8, 1.2),
        ("primes", 0.8, 1.2),
        ("sleep", 1.8, 2.2),
    ],
)
def test_threads_speedup_at_2_workers(workload: str, low: float, high: float) -> None:
    result = speedups(measure(MODERN, workload=workload, strategies=["serial", "threads"]))
    print(f"{workload}: threads x{result['threads']:.2f}")
    assert low <= result["threads"] <= high


def test_subinterpreters_run_pidigits_in_parallel_on_313() -> None:
    if not PY313.exists():
        pytest.skip(f"no {PY313}")
    samples = measure(PY313, workload="pidigits", strategies=["serial", "subinterpreters"])
    result = speedups(samples)
    print(f"pidigits on 3.13: subinterpreters x{result['subinterpreters']:.2f}")
    assert result["subinterpreters"] >= 1.6


def test_latency_p99_with_threads_far_above_processes() -> None:
    samples = measure(
        MODERN, workload="seed", strategies=["threads", "processes", "serial"], latency_probe=True
    )
    p99 = {
        name: statistics.median(s.latency_p99_s or 0.0 for s in runs)
        for name, runs in samples.items()
    }
    print("seed latency p99: " + ", ".join(f"{k} {v * 1000:.2f} ms" for k, v in p99.items()))
    assert p99["threads"] >= 5 * p99["processes"]


def test_python_27_threads_are_slower_than_serial() -> None:
    if not PY27.exists():
        pytest.skip(f"no {PY27}")
    result = speedups(measure(PY27, workload="seed", strategies=["serial", "threads"]))
    print(f"seed on 2.7: threads take {1 / result['threads']:.2f}x the serial time")
    assert 1 / result["threads"] >= 1.2
