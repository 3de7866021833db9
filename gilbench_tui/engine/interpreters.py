"""Finding interpreters to measure, and asking each what it is.

Discovery looks where Pythons live on a developer's or a server's machine: the running one,
`python3.X` / `python3.Xt` / `pypy3` / `python2.7` on PATH, pyenv's versions, uv's managed Pythons
and the free-threaded build of `scripts/build-free-threaded-python` (`python_installs`). Each
candidate is inspected in a subprocess with a timeout (a broken shim or a hung binary costs at
most that long), and duplicates are folded by the executable the interpreter itself reports.
Interpreters older than 3.8 run on the legacy worker, which runs what the catalog marks
`legacy_worker`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from gilbench_tui.engine import python_installs
from gilbench_tui.engine.labels import interpreter_label
from gilbench_tui.engine.spec import BenchSpec, SpecError
from gilbench_tui.probe.catalog import STRATEGIES, WORKLOADS

INSPECT_TIMEOUT_S = 5.0

# Runs on Python 2.7 too: no f-strings, no sysconfig-only-in-3 calls.
_INSPECT_SCRIPT = r"""
import json, os, platform, sys
try:
    import sysconfig
    disabled = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
except Exception:
    disabled = False
enabled = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
interval = sys.getswitchinterval() if hasattr(sys, "getswitchinterval") else None
try:
    from importlib.util import find_spec
    dask = all(find_spec(name) is not None for name in ("dask", "distributed"))
except Exception:
    dask = False
print(json.dumps({
    "executable": os.path.realpath(sys.executable),
    "implementation": platform.python_implementation(),
    "version": platform.python_version(),
    "version_info": list(sys.version_info[:3]),
    "gil_disabled_build": disabled,
    "gil_enabled": enabled,
    "switch_interval_s": interval,
    "compiler": platform.python_compiler(),
    "dask": dask,
}))
"""


@dataclass(frozen=True)
class InterpreterInfo:
    """What an interpreter says about itself."""

    path: str
    executable: str
    implementation: str
    version: str
    version_info: tuple[int, int, int]
    gil_disabled_build: bool
    gil_enabled: bool
    switch_interval_s: float | None
    compiler: str
    #: Whether dask and distributed can be imported there; None when not asked.
    dask: bool | None = None

    @property
    def label(self) -> str:
        return interpreter_label(
            self.implementation, self.version, self.gil_disabled_build, short=True
        )

    @property
    def legacy(self) -> bool:
        """Older than the worker process supports (3.8): only the legacy worker runs there."""
        return self.version_info < (3, 8, 0)


LEGACY_STRATEGIES = tuple(s.name for s in STRATEGIES.values() if s.legacy_worker)
LEGACY_WORKLOADS = tuple(w.name for w in WORKLOADS.values() if w.legacy_worker)


def unsupported(info: InterpreterInfo, spec: BenchSpec) -> str | None:
    """Why `info` cannot run `spec`; None when it can. An interpreter older than 3.8 runs only the
    article's experiment, on the legacy worker."""
    if not info.legacy:
        return gil_problem(info, spec.gil)
    if spec.workload not in LEGACY_WORKLOADS or not set(spec.strategies) <= set(LEGACY_STRATEGIES):
        return (
            f"{info.label} runs only the {_words(LEGACY_WORKLOADS)} "
            f"workload{'s' if len(LEGACY_WORKLOADS) > 1 else ''} with "
            f"{_words(LEGACY_STRATEGIES)} (the worker process needs Python 3.8+)"
        )
    if spec.return_data or spec.latency_probe or spec.switch_interval_s is not None:
        return f"{info.label}: --return-data, --latency and --switch-interval need 3.8+"
    return None


def gil_problem(info: InterpreterInfo, gil: int | None) -> str | None:
    """Why `-X gil=N` cannot be given to `info`; None when it can (or none is asked for)."""
    if gil is None:
        return None
    if info.version_info < (3, 13, 0) or info.implementation != "CPython":
        return f"{info.label}: -X gil={gil} needs CPython 3.13 or newer"
    if gil == 0 and not info.gil_disabled_build:
        return f"{info.label}: -X gil=0 needs a free-threaded build (3.13t, 3.14t)"
    return None


def _words(names: tuple[str, ...]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return " and ".join(filter(None, (", ".join(names[:-1]), names[-1])))


def resolve_python(choice: str | None) -> str:
    """A path or a name on PATH (`python3.12`, `pypy3`) → an executable path; None → this Python."""
    if not choice:
        return sys.executable
    if os.sep in choice or choice.startswith("."):
        path = os.path.abspath(os.path.expanduser(choice))
        if not os.path.isfile(path):
            raise SpecError(f"--python {choice!r}: no such file")
        if not os.access(path, os.X_OK):
            raise SpecError(f"--python {choice!r}: not executable")
        return path
    found = shutil.which(choice)
    if found is None or f"{os.sep}shims{os.sep}" in found:
        found = python_installs.by_name(choice) or found  # a pyenv shim runs one version only
    if found is None:
        raise SpecError(
            f"--python {choice!r}: not found on PATH, among pyenv's or uv's versions "
            "or the free-threaded build"
        )
    return found


def inspect_interpreter(path: str, timeout_s: float = INSPECT_TIMEOUT_S) -> InterpreterInfo:
    """Ask the interpreter at `path` what it is; SpecError if it does not answer in time."""
    try:
        done = subprocess.run(
            [path, "-c", _INSPECT_SCRIPT],
            capture_output=True,
            text=True,
            timeout=timeout_s,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise SpecError(f"interpreter {path} did not answer within {timeout_s:g} s") from None
    except OSError as exc:
        raise SpecError(f"interpreter {path} cannot be run: {exc.strerror}") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise SpecError(f"interpreter {path} failed to start: {last[:160]}")
    try:
        data = json.loads(done.stdout.strip().splitlines()[-1])
        major, minor, micro = (int(v) for v in data["version_info"])
        return InterpreterInfo(
            path=path,
            executable=str(data["executable"]),
            implementation=str(data["implementation"]),
            version=str(data["version"]),
            version_info=(major, minor, micro),
            gil_disabled_build=bool(data["gil_disabled_build"]),
            gil_enabled=bool(data["gil_enabled"]),
            switch_interval_s=data["switch_interval_s"],
            compiler=str(data.get("compiler", "")),
            dask=bool(data.get("dask", False)),
        )
    except (ValueError, KeyError, IndexError, TypeError):
        raise SpecError(f"interpreter {path} gave an answer that is not understood") from None


def candidates() -> Iterator[str]:
    """Paths worth inspecting, most familiar first; may hold duplicates and dead shims."""
    yield sys.executable
    names = ["python3", "python"]
    names += [f"python3.{minor}" for minor in range(8, 16)]
    names += [f"python3.{minor}t" for minor in range(13, 16)]
    names += ["pypy3", "pypy", "python2.7", "python2"]
    for name in names:
        found = shutil.which(name)
        if found and f"{os.sep}shims{os.sep}" not in found:  # pyenv's versions come below
            yield found
    yield from python_installs.installed()


def discover(paths: Iterable[str] | None = None) -> tuple[list[InterpreterInfo], list[str]]:
    """Inspect the candidates; return each interpreter once, and what failed (one line each)."""
    seen: set[str] = set()
    inspected: set[str] = set()
    found: list[InterpreterInfo] = []
    failed: list[str] = []
    for path in paths if paths is not None else candidates():
        real = os.path.realpath(path)
        if real in inspected:
            continue
        inspected.add(real)
        try:
            info = inspect_interpreter(path)
        except SpecError as exc:
            failed.append(str(exc))
            continue
        if info.executable in seen:
            continue
        seen.add(info.executable)
        found.append(info)
    return found, failed
