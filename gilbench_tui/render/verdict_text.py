"""The verdict of a run in words, for the CLI report, Markdown and the history lists: its
headline, its reasons, its confidence, and the Amdahl fit beside it. The app styles the same parts.

Runs stored before the verdict was kept as data have only its one-line form; that line is then
shown as it is, never taken apart.
"""

from __future__ import annotations

from gilbench_tui.engine.results import RunDocument


def headline(run: RunDocument, limit: int = 48) -> str:
    """The verdict's headline (an old run's whole line), cut to `limit` characters."""
    detail = run.verdict_detail
    text = run.verdict.rstrip(".") if detail is None else detail.headline
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def confidence_note(run: RunDocument) -> str | None:
    detail = run.verdict_detail
    return None if detail is None else f"confidence: {detail.confidence}"


def verdict_lines(run: RunDocument) -> list[str]:
    """`At 2 workers: processes 1.96× faster; threads 0.97×. (confidence: clear)` and a line per
    reason."""
    detail = run.verdict_detail
    if detail is None:
        return [run.verdict]
    return [f"{detail.headline}. ({confidence_note(run)})", *(f"  · {r}" for r in detail.reasons)]


def verdict_markdown(run: RunDocument) -> list[str]:
    detail = run.verdict_detail
    if detail is None:
        return [run.verdict]
    lines = [f"**Verdict** ({confidence_note(run)}): {detail.headline}."]
    return lines + ([""] + [f"- {r}" for r in detail.reasons] if detail.reasons else [])


def gil_line(run: RunDocument) -> str | None:
    """`GIL: holds the GIL (measured)` for a user's code, whose behaviour the run measures; what
    kept it from measuring when it could not."""
    if run.gil_measured is not None:
        return f"GIL: {run.gil_measured.shown}"
    if not run.spec.user_code:
        return None
    return "GIL: not measured (that needs serial and threads, on a machine that gives parallelism)"


def amdahl_line(run: RunDocument) -> str | None:
    """The serial fraction per strategy (fitted over the worker counts), best scaling first."""
    if not run.amdahl:
        return None
    fits = sorted(run.amdahl.items(), key=lambda item: item[1])
    parts = ", ".join(f"{name} {fraction:.2f}" for name, fraction in fits)
    return f"Amdahl serial fraction: {parts} (0 = scales perfectly, 1 = not at all)"
