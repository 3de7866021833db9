"""Does the verdict tell a busy or limited machine from the GIL?

Runs the same seed spec three ways — on the machine as it is, beside a pure-Python busy loop
(one per usable core but one), and under `taskset -c 0` — and prints, for each, the verdict, its
confidence, the capacity measured before the run, the cores others used and the usable cores.

    python benchmarks/busy_machine.py [--size 500k] [--repeat 5]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator

HOG = "while True: pass"


@contextlib.contextmanager
def hogs(count: int) -> Iterator[None]:
    procs = [subprocess.Popen([sys.executable, "-c", HOG]) for _ in range(count)]
    try:
        yield
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()


def run(args: argparse.Namespace, prefix: list[str], data_dir: str) -> dict[str, object]:
    command = [
        *prefix,
        sys.executable,
        "-m",
        "gilbench_tui",
        "run",
        "--workload",
        "seed",
        "--size",
        args.size,
        "--workers",
        "2",
        "--strategies",
        "serial,threads,processes",
        "--repeat",
        args.repeat,
        "--data-dir",
        data_dir,
        "--quiet",
        "--json",
        "-",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:]}
    document: dict[str, object] = json.loads(done.stdout)
    return document


def describe(name: str, doc: dict[str, object]) -> None:
    print(f"== {name}")
    if "error" in doc:
        print(f"   failed: {doc['error']}")
        return
    machine = doc.get("machine") or {}
    detail = doc.get("verdict_detail") or {}
    assert isinstance(machine, dict) and isinstance(detail, dict)
    results = doc.get("results") or []
    assert isinstance(results, list)
    others = max((r.get("other_cpu_cores") or 0.0 for r in results), default=0.0)
    print(f"   verdict     {doc.get('verdict')}")
    print(f"   confidence  {detail.get('confidence', '?')}")
    print(
        f"   usable      {machine.get('usable_cpus')} ({machine.get('usable_cpus_reason')})"
        f" · capacity before {machine.get('capacity_before')} after {machine.get('capacity_after')}"
        f" · others used up to {others:.2f} cores"
    )
    for warning in doc.get("warnings") or []:  # type: ignore[union-attr]
        print(f"   warning     {warning}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="500k")
    parser.add_argument("--repeat", default="5")
    args = parser.parse_args()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    with tempfile.TemporaryDirectory() as data_dir:
        describe("as it is", run(args, [], data_dir))
        with hogs(max(1, usable - 1)):
            describe(f"beside {max(1, usable - 1)} busy loop(s)", run(args, [], data_dir))
        if shutil.which("taskset"):
            describe("taskset -c 0", run(args, ["taskset", "-c", "0"], data_dir))
        else:
            print("== taskset -c 0: taskset is not installed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
