"""How a user names a run: `last`, `last~N`, a short id, a prefix of an id, or the whole id.

A run id is `YYYYMMDD-HHMMSS-xxxxxx`: the date says when, the six random hex digits at the end
say which. The date is what every id of a day shares, so a prefix a user must type to single one
out is mostly date; the random part is unique on its own. `short_id` is that random part (the
whole id in the rare case two runs drew the same one), and it is what `gilbench history` shows.

`resolve` accepts, in this order: the whole id; `last` (the newest run) or `last~N` (N runs
before it, as in git); a prefix of the random part; a prefix of the whole id. Two runs matching
is an error that says so, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from gilbench_tui.engine.results import RunDocument

LAST = re.compile(r"last(?:~(\d+))?")


class UnreadableRun(LookupError):
    """The run asked for is in the history, on a line that could not be read."""


def random_part(run_id: str) -> str:
    """`9e4980` of `20261130-204644-9e4980`; an id of another shape is its own random part."""
    head, _, tail = run_id.rpartition("-")
    return tail if head and tail else run_id


def short_id(run_id: str, all_ids: Sequence[str]) -> str:
    """The random part of `run_id`, or the whole id when another run shares that random part."""
    part = random_part(run_id)
    shared = sum(1 for other in all_ids if random_part(other) == part)
    return part if shared <= 1 else run_id


def resolve(
    runs: Sequence[RunDocument], ref: str, unreadable: Mapping[str, str] | None = None
) -> RunDocument:
    """The run `ref` names among `runs` (oldest first); LookupError if none or several match,
    UnreadableRun if the one that matches is among `unreadable` (id → why its line was skipped)."""
    ref = ref.strip()
    unreadable = unreadable or {}
    exact = [r for r in runs if r.id == ref]
    if exact:
        return exact[-1]
    if ref in unreadable:
        raise UnreadableRun(f"run {ref} cannot be read: {unreadable[ref]}")
    last = LAST.fullmatch(ref)
    if last:
        back = int(last.group(1) or 0)
        if back >= len(runs):
            count = len(runs)
            raise LookupError(
                f"{ref!r}: the history holds {count} run{'' if count == 1 else 's'}"
                + (f", so the oldest is last~{count - 1}" if count else "")
            )
        return runs[len(runs) - 1 - back]
    if not ref:
        raise LookupError("an empty run id (see: gilbench history)")
    matches = {r.id: r for r in runs if _names(r.id, ref)}
    damaged = [run_id for run_id in unreadable if _names(run_id, ref)]
    count = len(matches) + len(damaged)
    if count > 1:
        raise LookupError(f"id {ref!r} is ambiguous: it names {count} runs")
    if damaged:
        raise UnreadableRun(f"run {damaged[0]} cannot be read: {unreadable[damaged[0]]}")
    if not matches:
        raise LookupError(f"no run with id {ref!r} (see: gilbench history)")
    return next(iter(matches.values()))


def _names(run_id: str, ref: str) -> bool:
    return run_id.startswith(ref) or random_part(run_id).startswith(ref)
