"""Each strategy's colour, the same in the CLI's charts, the app's charts and its legend; and the
fill characters that tell series apart when colour is off (NO_COLOR).

The strategies people compare most have colours chosen by hand; any other strategy in the
catalog takes a spare colour by its place there, so registering a strategy needs no entry here."""

from __future__ import annotations

from collections.abc import Sequence

from gilbench_tui.probe.catalog import STRATEGIES

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
#: For catalog strategies without a hand-picked colour, in catalog order.
SPARE_COLOURS: tuple[tuple[int, int, int], ...] = (
    (120, 200, 255),
    (255, 120, 70),
    (170, 225, 120),
    (215, 175, 255),
    (255, 205, 150),
    (95, 175, 175),
)
OTHER_COLOUR = (180, 180, 180)
IDEAL_COLOUR = (128, 128, 128)
PLAIN_MARKERS = ("█", "▒", "░", "▓", "#", "=", "+", "o")


def colour_of(strategy: str) -> tuple[int, int, int]:
    if strategy in STRATEGY_COLOURS:
        return STRATEGY_COLOURS[strategy]
    spare = [name for name in STRATEGIES if name not in STRATEGY_COLOURS]
    if strategy in spare:
        return SPARE_COLOURS[spare.index(strategy) % len(SPARE_COLOURS)]
    return OTHER_COLOUR


def marker_of(strategy: str, order: Sequence[str]) -> str:
    """The fill character of `strategy`, by its place in `order` (the legend's)."""
    index = list(order).index(strategy) if strategy in order else len(order)
    return PLAIN_MARKERS[index % len(PLAIN_MARKERS)]
