"""How figures are written, the same in the CLI, the app and exports.

Each kind of figure has a long form (CLI tables, Markdown), a short form (the app, where a table
shares 100 columns with the spec panes) and an export form (CSV: plain numbers a spreadsheet
reads). A missing figure is `–` in text and empty in exports.
"""

from __future__ import annotations

MISSING = "–"


def seconds(value: float | None) -> str:
    """`123 s`, `1.234 s`, `45.6 ms`, `789 µs`."""
    if value is None:
        return MISSING
    if value >= 100:
        return f"{value:.0f} s"
    if value >= 1:
        return f"{value:.3f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.0f} µs"


def short_seconds(value: float | None, digits: int = 3) -> str:
    """`digits` significant digits (2 or 3) and a unit, no space: 1.23s, 45.6ms, 789µs."""
    if value is None:
        return MISSING
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if value >= scale or unit == "µs":
            number = value / scale
            if number >= 100:
                return f"{number:.0f}{unit}"
            if number >= 10:
                return f"{number:.{max(0, digits - 2)}f}{unit}"
            return f"{number:.{digits - 1}f}{unit}"
    return MISSING  # pragma: no cover - the loop always returns


def brief_seconds(value: float | None) -> str:
    """Two significant digits: the short form of the figures beside the main ones."""
    return short_seconds(value, 2)


def spread(value: float | None) -> str:
    """An interquartile range: `± 10.0 ms`."""
    return MISSING if value is None else f"± {seconds(value)}"


def short_spread(value: float | None) -> str:
    return MISSING if value is None else "±" + short_seconds(value, 2)


def ratio(value: float | None) -> str:
    return MISSING if value is None else f"{value:.2f}×"


def percent(value: float | None) -> str:
    return MISSING if value is None else f"{value:.0%}"


def check(ok: bool) -> str:
    return "✓" if ok else "✗"


def export_seconds(value: float | None) -> str:
    """Seconds to the microsecond for CSV; empty when there is no figure."""
    return "" if value is None else f"{value:.6f}"


def export_fraction(value: float | None) -> str:
    """Ratios and shares (speedup, efficiency, CV, utilisation) to four places for CSV."""
    return "" if value is None else f"{value:.4f}"
