"""Start-up: `gilbench --version` wall time; the app's first frame beside a bare Textual app's
(one Static and a Footer), measured alternately in the same run; the app's idle memory.

The first frame is the time from before the interpreter starts until Textual posts `Ready`, which
it does once the first screen has been laid out and drawn. Both apps run headless at 100×30 in
fresh processes, bare and gilbench alternating so that a busy machine slows both alike. The
gilbench side opens through `gilbench` itself (the CLI's parsing, the history location check, the
app). Targets: --version < 150 ms, first frame ≤ 1.5 × the bare app's, idle RSS < 100 MB.

    python benchmarks/startup.py [--runs 20] [--app-runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# Each script gets the parent's time.time() before the process was started as argv[1] and prints
# a JSON report on its last line.
REPORT = r"""
import importlib.util, json, sys, time
t0 = float(sys.argv[1])
report = {}

def first_frame_written(ready_init):
    # Textual makes its Ready event right after it has written the first frame; the app handles
    # it later, after whatever else is queued, so the time is taken when the event is made.
    def init(self, *args, **kwargs):
        report.setdefault("first_frame_s", time.time() - t0)
        ready_init(self, *args, **kwargs)
    return init

def patch(app_module):
    # Headless at 100x30; on Ready, wait for gilbench's panes, then leave.
    events = sys.modules["textual.events"]
    events.Ready.__init__ = first_frame_written(events.Ready.__init__)
    App = app_module.App
    run = App.run
    App.run = lambda self, **kw: run(self, headless=True, size=(100, 30))
    App.on_ready = on_ready

class PatchTextual:
    # Patches textual.app when whoever needs it first imports it, so the program keeps its own
    # order of imports (gilbench imports Textual late, with the garbage collector off).
    def find_spec(self, name, path, target=None):
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        execute = spec.loader.exec_module
        def exec_module(module):
            execute(module)
            patch(module)
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, PatchTextual())

def on_ready(app):
    panes = getattr(getattr(app, "main_screen", None), "built", None)
    if panes is None:
        return done(app)
    async def whole():
        await panes.wait()
        report["panes_s"] = time.time() - t0
        done(app)
    app.run_worker(whole())

def done(app):
    if len(sys.argv) > 3:
        app.set_timer(float(sys.argv[3]), lambda: finish(app))
    else:
        app.exit()

def finish(app):
    import psutil
    report["idle_rss_bytes"] = psutil.Process().memory_info().rss
    app.exit()
"""

BARE = (
    REPORT
    + r"""
from textual.app import App
from textual.widgets import Footer, Static
class Bare(App):
    def compose(self):
        yield Static("bare")
        yield Footer()
Bare().run()
print(json.dumps(report))
"""
)

GILBENCH = (
    REPORT
    + r"""
from gilbench_tui.cli import main
code = main(["--data-dir", sys.argv[2]])
print(json.dumps(report))
"""
)


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


#: Compiled modules are written and reused, as they are for a user (pip compiles an installed
#: wheel); an environment that forbids writing them would time the compiler instead.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def launch(script: str, *args: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", script, repr(time.time()), *args],
        check=True,
        capture_output=True,
        text=True,
        env=ENV,
    )
    report: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def time_first_frames(runs: int, data_dir: str) -> tuple[list[float], list[float], list[float]]:
    """Bare and gilbench first frames, alternating, and when gilbench's panes were all there;
    the first pair warms the file cache and writes the compiled modules."""
    bare, app, panes = [], [], []
    for _ in range(runs + 1):
        bare.append(launch(BARE, data_dir)["first_frame_s"])
        report = launch(GILBENCH, data_dir)
        app.append(report["first_frame_s"])
        panes.append(report["panes_s"])
    return bare[1:], app[1:], panes[1:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--app-runs", type=int, default=7)
    args = parser.parse_args()
    times = time_version(args.runs)
    print(
        f"gilbench --version: median {statistics.median(times) * 1e3:.1f} ms, "
        f"min {min(times) * 1e3:.1f} ms, max {max(times) * 1e3:.1f} ms over {args.runs} runs "
        "(target < 150 ms)"
    )
    with tempfile.TemporaryDirectory() as data_dir:
        bare, app, panes = time_first_frames(args.app_runs, data_dir)
        idle = launch(GILBENCH, data_dir, "2.0")["idle_rss_bytes"]
    ratios = [a / b for a, b in zip(app, bare, strict=True)]
    print(
        f"first frame, bare Textual app (Static + Footer): median {statistics.median(bare) * 1e3:.0f} ms, "
        f"min {min(bare) * 1e3:.0f} ms over {args.app_runs} runs"
    )
    print(
        f"first frame, gilbench: median {statistics.median(app) * 1e3:.0f} ms, "
        f"min {min(app) * 1e3:.0f} ms over {args.app_runs} runs"
    )
    print(
        f"gilbench's panes and results mounted (right after its first frame): median "
        f"{statistics.median(panes) * 1e3:.0f} ms"
    )
    print(
        f"ratio gilbench / bare: {statistics.median(app) / statistics.median(bare):.2f} "
        f"(medians; pairwise from {min(ratios):.2f} to {max(ratios):.2f}) (target ≤ 1.5)"
    )
    print(f"app idle RSS after 2 s: {idle / 2**20:.1f} MB (target < 100 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
