"""Completes a path as it is typed: the next folder or `.py` file that starts with what is there.

The suggestion shows greyed after the cursor; → (or end) takes it, as in a shell's tab completion.
"""

from __future__ import annotations

import os

from textual.suggester import Suggester


def complete_path(typed: str) -> str | None:
    """`typed` continued to the first folder (with its `/`) or `.py` file it is the start of,
    folders first, hidden entries only when a dot was typed; None when nothing fits."""
    if not typed:
        return None
    folder, start = os.path.split(typed)
    where = os.path.expanduser(folder) or "."
    try:
        with os.scandir(where) as entries:
            found = [
                (not entry.is_dir(), entry.name + ("/" if entry.is_dir() else ""))
                for entry in entries
                if entry.name.startswith(start)
                and (start.startswith(".") or not entry.name.startswith("."))
                and (entry.is_dir() or entry.name.endswith(".py"))
            ]
    except OSError:
        return None
    candidates = [name for _, name in sorted(found) if name != start]
    if not candidates:
        return None
    return typed + candidates[0][len(start) :]


class PathSuggester(Suggester):
    """Suggests with complete_path; the disk changes, so nothing is cached."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value)
