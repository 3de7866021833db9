"""Where gilbench can run: POSIX systems. Linux is where it is tested; macOS and the BSDs have
what it needs (figures read from /proc, such as other programs' CPU and steal, are missing there).

Windows lacks three things the parent side is built on: the history is locked with `fcntl`, a
cancelled run kills the worker's whole process group (`start_new_session`, `os.killpg`), and a
headless run stops cleanly on SIGTERM and SIGHUP. Rather than fail half-way with a traceback, the
command says so in one line before it starts; WSL runs it as Linux.
"""

from __future__ import annotations

import os
import sys


def unsupported() -> str | None:
    """Why gilbench cannot run on this system, in one line, or None where it can."""
    if os.name == "posix":
        return None
    return (
        f"not supported on {sys.platform}: gilbench needs POSIX process groups, signals and "
        "file locks (Linux, macOS); on Windows, run it in WSL"
    )
