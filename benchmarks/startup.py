"""Start-up: `gilbench --version` wall time, the app's time to its first frame, its idle memory.

Each figure is the median of repeated runs in fresh processes. Targets: --version < 150 ms,
first frame < 0.6 s, idle RSS < 100 MB.

    python benchmarks/startup.py [--runs 20] [--app-runs 5]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time

# Runs the real app headless at 100×30: the first frame is the first refresh after mount; then it
# idles for 2 s with the per-core meters running and reports its resident memory.
FIRST_FRAME = r"""
import sys, time
t0 = float(sys.argv[1])
import psutil
from gilbench_tui.ui.app import create_app
app = create_app()
report = {}
def first_frame():
    report["first_frame_s"] = time.time() - t0
    app.set_timer(2.0, finish)
def finish():
    report["idle_rss_bytes"] = psutil.Process().memory_info().rss
    app.exit()
app.call_after_refresh(first_frame)
app.run(headless=True, size=(100, 30))
print(__import__("json").dumps(report))
"""


def version_command() -> list[str]:
    exe = shutil.which("gilbench")
    return [exe, "--version"] if exe else [sys.executable, "-m", "gilbench_tui", "--version"]


def time_version(runs: int) -> list[float]:
    cmd = version_command()
    subprocess.run(cmd, check=True, capture_output=True)  # warm the file cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return times


def time_app(runs: int) -> tuple[list[float], list[int]]:
    frames, rss = [], []
    for _ in range(runs + 1):
        done = subprocess.run(
            [sys.executable, "-c", FIRST_FRAME, repr(time.time())],
            check=True,
            capture_output=True,
            text=True,
        )
        report = json.loads(done.stdout.strip().splitlines()[-1])
        frames.append(report["first_frame_s"])
        rss.append(report["idle_rss_bytes"])
    return frames[1:], rss[1:]  # the first run warms the file cache


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--app-runs", type=int, default=5)
    args = parser.parse_args()
    times = time_version(args.runs)
    print(
        f"gilbench --version: median {statistics.median(times) * 1e3:.1f} ms, "
        f"min {min(times) * 1e3:.1f} ms, max {max(times) * 1e3:.1f} ms over {args.runs} runs "
        "(target < 150 ms)"
    )
    frames, rss = time_app(args.app_runs)
    print(
        f"app first frame: median {statistics.median(frames) * 1e3:.0f} ms, "
        f"max {max(frames) * 1e3:.0f} ms over {args.app_runs} runs (target < 600 ms)"
    )
    print(f"app idle RSS: median {statistics.median(rss) / 2**20:.1f} MB (target < 100 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
