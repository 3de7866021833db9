"""Other interpreters on this machine, found the way `--python` finds them.

Each helper returns a path that does not exist when the interpreter is absent, so tests can use
`need(path)` to skip. The free-threaded interpreter is built by `scripts/build-free-threaded-python`
(CI runs it first and sets REQUIRE_FREE_THREADED, so there a missing build fails instead of skipping).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from gilbench_tui.engine.events import parse_event
from gilbench_tui.engine.interpreters import resolve_python
from gilbench_tui.engine.spec import SpecError


def python(version: str) -> Path:
    """`python("3.13")` → an interpreter of that version (on PATH or among pyenv's)."""
    try:
        return Path(resolve_python(f"python{version}"))
    except SpecError:
        return Path(f"<python{version} not found>")


#: Set by CI, which builds the free-threaded interpreter before the tests: its tests must not skip.
REQUIRE_FREE_THREADED = "GILBENCH_REQUIRE_FREE_THREADED"


def free_threaded() -> Path:
    """A free-threaded CPython (3.14t preferred, then 3.13t): uv's, pyenv's, on PATH or built."""
    for version in ("3.14t", "3.13t"):
        found = python(version)
        if found.exists():
            return found
    return Path("<free-threaded python not found: run scripts/build-free-threaded-python>")


def need_free_threaded() -> Path:
    """The free-threaded interpreter; skips without it, unless CI requires it (then fails)."""
    found = free_threaded()
    if not found.exists() and os.environ.get(REQUIRE_FREE_THREADED) == "1":
        pytest.fail(f"{REQUIRE_FREE_THREADED}=1 but there is no {found}")
    need(found)
    return found


def pypy() -> Path:
    return Path(shutil.which("pypy3") or "<pypy3 not found>")


def need(python: Path) -> None:
    if not python.exists():
        pytest.skip(f"no {python}")


def run_worker_command(command: list[str], payload: Any, cwd: Path) -> tuple[int, list[Any], str]:
    """Run a worker as the parent does, feed it the spec, parse every line it prints."""
    text = payload if isinstance(payload, str) else json.dumps(payload)
    done = subprocess.run(command, input=text, capture_output=True, text=True, timeout=60, cwd=cwd)
    return done.returncode, [parse_event(line) for line in done.stdout.splitlines()], done.stderr
