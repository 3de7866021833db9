"""Finding the interpreter a run should use."""

from __future__ import annotations

import os
import shutil
import sys

from gilbench_tui.engine.spec import SpecError


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
    if found is None:
        raise SpecError(f"--python {choice!r}: not found on PATH")
    return found
