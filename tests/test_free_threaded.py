"""The GIL-off code paths on a real free-threaded CPython, not on fakes.

The interpreter comes from `scripts/build-free-threaded-python` (or uv's, pyenv's 3.13t/3.14t);
CI builds it first and sets GILBENCH_REQUIRE_FREE_THREADED=1, so there these tests cannot skip for
want of it. Runs go through the real CLI and worker process, small. Where a test needs a speed-up
it reads processes in the same run as the yardstick and skips when the machine could not give
even them one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gilbench_tui.engine.interpreters import candidates, inspect_interpreter, resolve_python
from gilbench_tui.probe import strategies
from tests import pythons

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")


@pytest.fixture(scope="module")
def ft() -> Path:
    return pythons.need_free_threaded()


def gilbench(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gilbench_tui", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1", "GILBENCH_DATA_DIR": str(data_dir)},
    )


def run_json(ft: Path, tmp_path: Path, *args: str) -> dict[str, Any]:
    done = gilbench("run", "--python", str(ft), *args, "--json", "-", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    document: dict[str, Any] = json.loads(done.stdout)
    return document


def by_strategy(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["strategy"]: r for r in document["results"]}


def reasons(document: dict[str, Any]) -> list[str]:
    return list(document["verdict_detail"]["reasons"])


def test_discovery_reports_the_build_as_free_threaded_with_the_gil_off(
    ft: Path, tmp_path: Path
) -> None:
    info = inspect_interpreter(str(ft))
    assert info.gil_disabled_build and not info.gil_enabled
    assert info.label.endswith("t")
    version = "{}.{}t".format(*info.version_info[:2])
    assert os.path.realpath(resolve_python(version)) == os.path.realpath(ft)
    assert os.path.realpath(ft) in {os.path.realpath(p) for p in candidates()}
    listed = gilbench("interpreters", data_dir=tmp_path)
    assert listed.returncode == 0, listed.stderr
    row = next(line for line in listed.stdout.splitlines() if info.label in line)
    assert "free-threaded" in row and " off " in row
    status = "experimental" if info.version_info < (3, 14) else "supported, PEP 779"
    assert f"{info.label}: free-threaded build, {status}" in listed.stdout.splitlines()


def test_x_gil_1_turns_the_gil_on_and_is_recorded(ft: Path, tmp_path: Path) -> None:
    common = ("--workload", "seed", "--size", "20k", "--strategies", "serial,threads")
    common += ("--repeat", "1", "--warmup", "0")
    off = run_json(ft, tmp_path, *common)
    on = run_json(ft, tmp_path, *common, "--gil", "1")
    assert off["interpreter"]["gil_enabled"] is False
    assert off["interpreter"]["gil_option"] is None
    assert off["interpreter"]["gil_enabled_before_imports"] is False
    assert on["interpreter"]["gil_enabled"] is True
    assert on["interpreter"]["gil_option"] == "1"
    assert on["spec"]["gil"] == 1
    assert "the GIL was turned on with -X gil=1: a GIL build's run" in reasons(on)


def test_gil_0_is_refused_on_a_gil_build(tmp_path: Path) -> None:
    done = gilbench("run", "--python", sys.executable, "--gil", "0", data_dir=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "needs" in done.stderr


@pytest.mark.parametrize(
    ("workload", "size"), [("seed", "30k"), ("pidigits", "2k"), ("sha256", "200k")]
)
def test_workloads_run_in_threads_processes_and_subinterpreters(
    ft: Path, tmp_path: Path, workload: str, size: str
) -> None:
    strategies = "serial,threads,processes,subinterpreters"
    document = run_json(
        ft, tmp_path, "--workload", workload, "--size", size, "--workers", "2",
        "--strategies", strategies, "--repeat", "1", "--warmup", "0",
    )  # fmt: skip
    assert document["interpreter"]["gil_enabled"] is False
    assert document["unavailable"] == {}
    results = by_strategy(document)
    assert list(results) == strategies.split(",")
    assert all(r["checksum_ok"] and r["not_comparable"] is None for r in results.values())


def test_seed_shared_checks_threads_by_the_sum_and_processes_as_a_finding(
    ft: Path, tmp_path: Path
) -> None:
    """Threads really interleave their draws here (the GIL is off), and the sum still agrees."""
    document = run_json(
        ft, tmp_path, "--workload", "seed-shared", "--size", "50k", "--workers", "2",
        "--strategies", "serial,threads,processes", "--repeat", "2", "--warmup", "0",
    )  # fmt: skip
    results = by_strategy(document)
    assert results["threads"]["checksum_ok"] and results["threads"]["not_comparable"] is None
    assert results["threads"]["checksum"] == results["serial"]["checksum"]
    processes = results["processes"]
    assert processes["checksum_ok"] and processes["not_comparable"]
    assert any(r.startswith("processes: every process drew") for r in reasons(document))


def test_the_verdict_reads_a_gil_off_run(ft: Path, tmp_path: Path) -> None:
    """seed (a generator per task) scales in threads with the GIL off, seed-shared contends for
    its one generator; both judged against processes in the same run."""
    common = ("--size", "300k", "--workers", "2", "--strategies", "serial,threads,processes")
    common += ("--repeat", "3")
    own = run_json(ft, tmp_path, "--workload", "seed", *common)
    shared = run_json(ft, tmp_path, "--workload", "seed-shared", *common)
    for document in (own, shared):
        processes = by_strategy(document)["processes"]["speedup"]
        if processes < 1.5 or document["verdict_detail"]["confidence"] == "inconclusive":
            pytest.skip(f"the machine gave processes only {processes:.2f}x: nothing to read")
        assert not any("the GIL serialises" in r for r in reasons(document))
    threads = by_strategy(own)["threads"]["speedup"]
    if threads >= 1.5:
        assert "the GIL is off: threads run Python in parallel" in reasons(own)
    contended = by_strategy(shared)["threads"]
    if contended["speedup_ci95"][1] < 1.0:
        assert any(
            r.startswith("threads are slower than serial with the GIL off")
            and r.endswith("they contend for the module-level random generator")
            for r in reasons(shared)
        ), reasons(shared)


def test_a_comparison_with_a_gil_build_ends_with_the_decision_and_is_kept(
    ft: Path, tmp_path: Path
) -> None:
    done = gilbench(
        "run", "--python", f"{sys.executable},{ft}", "--workload", "pidigits", "--size", "2k",
        "--workers", "2", "--strategies", "serial,threads,processes", "--repeat", "1",
        "--warmup", "0", data_dir=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    label = inspect_interpreter(str(ft)).version + "t"
    assert lines[-2].startswith("Fastest at 2 workers: ")
    assert lines[-1].startswith(f"{label} serial is ") and "'s processes (" in lines[-1]
    comparison = done.stderr.split(" as comparison ")[1].split()[0]
    shown = gilbench("show", comparison, data_dir=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[-2:] == lines[-2:]


NEEDS_GIL_C = """
#include <Python.h>
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "needs_gil", NULL, -1, NULL};
PyMODINIT_FUNC PyInit_needs_gil(void) { return PyModule_Create(&def); }
"""

SERVE_WITH_IMPORT = """
import json, sys
sys.path[:0] = [{probe!r}, {ext!r}]
import serve, worker

class Backend(worker.CatalogBackend):
    def load_workload(self, workload):
        super().load_workload(workload)
        import needs_gil  # single-phase init, no Py_mod_gil: CPython turns the GIL on

events = []
spec = {{"workload": "seed", "size": 1000, "workers": [1], "strategies": ["serial"],
        "repeat": 1, "warmup": 0}}
serve.serve(spec, events.append, Backend())
print(json.dumps(events[0]["interpreter"]))
"""


def test_an_extension_import_that_turns_the_gil_on_is_recorded(ft: Path, tmp_path: Path) -> None:
    """A real extension module without free-threading support, imported with the workload."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("needs a C compiler to build the extension module")
    paths = subprocess.run(
        [str(ft), "-c", "import sysconfig as s; print(s.get_paths()['include']); "
         "print(s.get_config_var('EXT_SUFFIX'))"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    source = tmp_path / "needs_gil.c"
    source.write_text(NEEDS_GIL_C)
    built = subprocess.run(
        [compiler, "-shared", "-fPIC", f"-I{paths[0]}", str(source), "-o",
         str(tmp_path / f"needs_gil{paths[1]}")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    probe = Path(strategies.__file__).parent
    code = SERVE_WITH_IMPORT.format(probe=str(probe), ext=str(tmp_path))
    done = subprocess.run([str(ft), "-I", "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    info = json.loads(done.stdout.splitlines()[-1])
    assert info["gil_enabled_before_imports"] is False
    assert info["gil_enabled"] is True
