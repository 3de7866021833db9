"""Other interpreters on this machine, found the way `--python` finds them.

Each helper returns a path that does not exist when the interpreter is absent, so tests can use
`path.exists()` to skip.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from gilbench_tui.engine.interpreters import resolve_python
from gilbench_tui.engine.spec import SpecError


def python(version: str) -> Path:
    """`python("3.13")` → an interpreter of that version (on PATH or among pyenv's)."""
    try:
        return Path(resolve_python(f"python{version}"))
    except SpecError:
        return Path(f"<python{version} not found>")


def pypy() -> Path:
    return Path(shutil.which("pypy3") or "<pypy3 not found>")
