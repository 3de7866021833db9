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
    "Python 2 asked the running thread to drop the GIL every 100 bytecodes, and on a multi-core "
    "machine the threads fought over it: each hand-over cost a wake-up, so threading ran slower "
    "than serial. Since Python 3.2 the GIL is handed over on a 5 ms switch interval, and only when "
    "another thread asks for it, so CPU-bound threads now run about as fast as serial: no faster, "
    "because only one of them executes Python at a time. Processes each have their own interpreter "
    "and GIL, so they still scale with the cores."
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
