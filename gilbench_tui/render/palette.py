"""Each strategy's colour, the same in the CLI's charts, the app's charts and its legend; and the
fill characters that tell series apart when colour is off (NO_COLOR)."""

from __future__ import annotations

from collections.abc import Sequence

#: RGB, readable on dark and light backgrounds.
STRATEGY_COLOURS: dict[str, tuple[int, int, int]] = {
    "serial": (98, 160, 234),
    "threads": (255, 153, 51),
    "processes": (87, 194, 96),
    "processes-fork": (70, 200, 200),
    "processes-forkserver": (200, 110, 220),
    "processes-spawn": (230, 90, 90),
    "thread-pool": (235, 200, 80),
    "process-pool": (40, 150, 100),
    "asyncio": (160, 160, 245),
    "subinterpreters": (240, 120, 175),
}
OTHER_COLOUR = (180, 180, 180)
IDEAL_COLOUR = (128, 128, 128)
PLAIN_MARKERS = ("█", "▒", "░", "▓", "#", "=", "+", "o")


def colour_of(strategy: str) -> tuple[int, int, int]:
    return STRATEGY_COLOURS.get(strategy, OTHER_COLOUR)


def marker_of(strategy: str, order: Sequence[str]) -> str:
    """The fill character of `strategy`, by its place in `order` (the legend's)."""
    index = list(order).index(strategy) if strategy in order else len(order)
    return PLAIN_MARKERS[index % len(PLAIN_MARKERS)]
