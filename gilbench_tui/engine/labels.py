"""How an interpreter is named, wherever one is shown: reports, lists, the app, exports.

One function, so that a run's label in the history, the CLI matrix and the metadata screen is the
interpreter pane's label for the same Python.
"""

from __future__ import annotations


def free_threading_status(version_info: tuple[int, ...]) -> str:
    """What CPython says of its free-threaded build: experimental in 3.13 (PEP 703), officially
    supported from 3.14 (PEP 779)."""
    return "supported, PEP 779" if tuple(version_info[:2]) >= (3, 14) else "experimental"


def interpreter_label(
    implementation: str, version: str, free_threaded: bool, *, short: bool = False
) -> str:
    """`CPython 3.12.3`; a free-threaded build `CPython 3.13.1 (free-threaded)`, or, `short`,
    `CPython 3.13.1t` (the suffix its executables carry); `PyPy 3.10.14`."""
    name = implementation or "python"
    name = "CPython" if name.lower() == "cpython" else name
    label = f"{name} {version}".strip()
    if not free_threaded:
        return label
    return f"{label}t" if short else f"{label} (free-threaded)"
