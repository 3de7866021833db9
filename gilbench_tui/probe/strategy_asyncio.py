"""k coroutines on one asyncio event loop, in one thread: concurrency without parallelism.

Only waiting workloads have a coroutine variant (`Workload.async_func`); for the others asyncio
would just run the tasks one after another, so the strategy is unavailable for them. The loop is
made before the clock and closed after it; the wall time runs from scheduling the first task to
the last one finishing.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, List, Optional

if TYPE_CHECKING or __package__:
    from . import workloads
    from .measurement import Measurement, checked, startup
else:  # worker.py run by path has put this directory on sys.path
    import workloads
    from measurement import Measurement, checked, startup


def unavailable_for(workload: workloads.Workload) -> Optional[str]:
    """None when `workload` has a coroutine variant, otherwise why asyncio cannot run it."""
    if workload.async_func is not None:
        return None
    return (
        f"{workload.name} has no asyncio variant: asyncio overlaps only waits written as "
        f"coroutines ({', '.join(w.name for w in workloads.WORKLOADS.values() if w.async_func)})"
    )


def run(workload: workloads.Workload, sizes: List[int], keep: bool = False) -> Measurement:
    """process_time covers the loop's thread and any helper threads the loop starts."""
    import asyncio  # here, not at the top: the parent imports this module only for names

    async_func = workload.async_func
    if async_func is None:
        raise ValueError(unavailable_for(workload))
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
    return Measurement(wall, startup(begins, t0), max(0.0, cpu), None, checked(results, errors))
