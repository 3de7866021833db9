"""asyncio: k coroutines on one event loop, in one thread: concurrency without parallelism.

Only waiting workloads have a coroutine variant (the record's `async_task`); for the others asyncio
would just run the tasks one after another, so the strategy is unavailable for them. The loop is
made before the clock and closed after it; the wall time runs from scheduling the first task to
the last one finishing.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, List, Optional

if TYPE_CHECKING or __package__:
    from . import catalog
    from .measurement import Measurement, checked, startup
else:  # the worker process run by path has put this directory on sys.path
    import catalog
    from measurement import Measurement, checked, startup


def unavailable(strategy: catalog.Strategy, workload: Optional[catalog.Workload]) -> Optional[str]:
    """None when `workload` has a coroutine variant, otherwise why asyncio cannot run it."""
    if workload is None or workload.async_task is not None:
        return None
    variants = ", ".join(w.name for w in catalog.WORKLOADS.values() if w.async_task)
    return (
        f"{workload.name} has no asyncio variant: asyncio overlaps only waits written as "
        f"coroutines ({variants})"
    )


def measure(
    strategy: catalog.Strategy, workload: catalog.Workload, sizes: List[int], keep: bool
) -> Measurement:
    """process_time covers the loop's thread and any helper threads the loop starts."""
    import asyncio  # here, not at the top: importing asyncio costs what most runs never need

    async_func = workload.load_async_task()
    if async_func is None:
        raise ValueError(unavailable(strategy, workload))
    count = len(sizes)
    begins: List[Optional[float]] = [None] * count
    results: List[Optional[int]] = [None] * count
    errors: List[Optional[BaseException]] = [None] * count

    async def task(index: int) -> None:
        begins[index] = time.perf_counter()
        try:
            results[index] = (await async_func(sizes[index], index, keep)).checksum
        except Exception as exc:
            errors[index] = exc

    async def main() -> Any:
        return await asyncio.gather(*(task(index) for index in range(count)))

    loop = asyncio.new_event_loop()
    try:
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        loop.run_until_complete(main())
        wall = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
        loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        loop.close()
    return Measurement(
        wall, startup(begins, t0), max(0.0, cpu), None, checked(results, errors), None
    )
