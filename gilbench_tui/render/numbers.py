"""How figures are written, the same in the CLI, the app and exports.

Each kind of figure has a long form (CLI tables, Markdown), a short form (the app, where a table
shares 100 columns with the spec panes) and an export form (CSV: plain numbers a spreadsheet
reads). A missing figure is `–` in text and empty in exports.
"""

from __future__ import annotations

MISSING = "–"


#: How a duration is written: its unit, what one of it is in seconds, and how many decimals.
Scale = tuple[str, float, int]


def _long_scale(value: float) -> Scale:
    if value >= 100:
        return " s", 1.0, 0
    if value >= 1:
        return " s", 1.0, 3
    if value >= 1e-3:
        return " ms", 1e-3, 1
    return " µs", 1e-6, 0


def _short_scale(value: float, digits: int) -> Scale:
    for unit, size in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if value >= size or unit == "µs":
            number = value / size
            decimals = 0 if number >= 100 else max(0, digits - 2) if number >= 10 else digits - 1
            return unit, size, decimals
    raise AssertionError("unreachable")  # pragma: no cover - the loop always returns


def _write(value: float | None, scale: Scale | None, half: float | None = None) -> str:
    if value is None or scale is None:
        return MISSING
    unit, size, decimals = scale
    text = f"{value / size:.{decimals}f}{unit}"
    return text if not half else f"{text} ±{half / size:.{decimals}f}"


def seconds(value: float | None, half: float | None = None) -> str:
    """`123 s`, `1.234 s`, `45.6 ms`, `789 µs`; with a half-width `1.234 s ±0.012`."""
    return _write(value, None if value is None else _long_scale(value), half)


def short_seconds(value: float | None, digits: int = 3, half: float | None = None) -> str:
    """`digits` significant digits (2 or 3) and a unit, no space: 1.23s, 45.6ms, 789µs; with a
    half-width in the same unit, `1.23s ±0.01`."""
    return _write(value, None if value is None else _short_scale(value, digits), half)


def brief_seconds(value: float | None) -> str:
    """Two significant digits: the short form of the figures beside the main ones."""
    return short_seconds(value, 2)


def ratio(value: float | None, half: float | None = None) -> str:
    """`1.95×`; with a half-width `1.95× ±0.04`."""
    if value is None:
        return MISSING
    return f"{value:.2f}×" if not half else f"{value:.2f}× ±{half:.2f}"


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
