"""The article this project grew from: its experiment as a spec, and its published figures.

The article timed `simple` (serial), `threading` and `multiprocessing` on Python 2: each task appended
`random.random()` to a list ten million times, with 2, 3 and 4 tasks.
"""

from __future__ import annotations

from gilbench_tui.engine.spec import BenchSpec

SEED_SIZE = 10_000_000
SEED_WORKERS = (2, 3, 4)
SEED_STRATEGIES = ("serial", "threads", "processes")

#: Seconds the article published (Python 2, the author's machine), by strategy and task count.
ARTICLE_SECONDS: dict[str, dict[int, float]] = {
    "serial": {2: 4.124, 3: 6.391, 4: 9.194},
    "threads": {2: 5.539, 3: 13.772, 4: 17.641},
    "processes": {2: 2.034, 3: 3.376, 4: 4.720},
}

#: The article's own names for the strategies.
ARTICLE_NAMES = {"serial": "simple", "threads": "threading", "processes": "multiprocessing"}

WHY_MODERN_DIFFERS = (
    "Python 2 made the running thread release the GIL every 100 ticks (about 100 bytecodes) and "
    "take it straight back. On a multi-core machine the threads woken by each release mostly lost "
    "that race and went back to sleep: the wasted wake-ups and the signalling between cores, not "
    "the hand-overs, made threading slower than serial. Since Python 3.2 a waiting thread asks for "
    "the GIL and the holder drops it after the 5 ms switch interval, so CPU-bound threads now run "
    "about as fast as serial: no faster, because only one of them executes Python at a time. "
    "Processes each have their own interpreter and GIL, so they still scale, up to the number of "
    "usable cores."
)

SEED_LOOP_NOTE = (
    "The seed workload gives each task its own random.Random(task index), so every task's result "
    "has a checksum to verify; the article's code called the module-level random.random(), one "
    "generator shared by all its threads."
)


def seed_spec(size: int = SEED_SIZE, repeat: int = 3, warmup: int = 0) -> BenchSpec:
    return BenchSpec(
        workload="seed",
        size=size,
        workers=SEED_WORKERS,
        strategies=SEED_STRATEGIES,
        repeat=repeat,
        warmup=warmup,
    )


def article_speedup(strategy: str, workers: int) -> float:
    return ARTICLE_SECONDS["serial"][workers] / ARTICLE_SECONDS[strategy][workers]
