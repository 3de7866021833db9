"""How fast `gilbench --version` answers: the median wall time of repeated runs.

python benchmarks/startup.py [--runs 20]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def command() -> list[str]:
    exe = shutil.which("gilbench")
    return [exe, "--version"] if exe else [sys.executable, "-m", "gilbench_tui", "--version"]


def time_version(runs: int) -> list[float]:
    cmd = command()
    subprocess.run(cmd, check=True, capture_output=True)  # warm the file cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    times = time_version(args.runs)
    median = statistics.median(times)
    print(
        f"gilbench --version: median {median * 1e3:.1f} ms, min {min(times) * 1e3:.1f} ms, "
        f"max {max(times) * 1e3:.1f} ms over {args.runs} runs (target < 150 ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
