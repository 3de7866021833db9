"""The Dask cluster a dask strategy's sample runs on, and what it reports about it while it runs.

Session starts a LocalCluster for one sample (127.0.0.1, no dashboard, one worker with k threads
for the threads kind, k single-threaded workers otherwise) or connects to the user's scheduler,
says where each task goes, and closes what it started, whatever happens. While the tasks run,
metrics() emits a `cluster` event twice a second: every worker with its host, its threads and the
CPU the scheduler last heard from it (its heartbeats carry psutil's figure for the worker
process). The first `cluster` event, emitted before the clock starts, describes the cluster.

The only probe module besides strategy_dask that imports dask and distributed, and only when a
dask strategy runs (the import-linter contract names both). Python 3.8+.
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import threading
from typing import Any, Callable, Dict, List, Optional

CONNECT_TIMEOUT_S = 10.0
METRICS_INTERVAL_S = 0.5

Emit = Callable[[Dict[str, Any]], None]


class Session:
    """A client on a cluster for one sample: local (started and closed here) or the user's."""

    def __init__(self, kind: str, count: int, scheduler: Optional[str]) -> None:
        self.kind = kind
        self.count = count
        self.scheduler = scheduler
        self.cluster: Any = None
        self.client: Any = None

    def __enter__(self) -> Session:
        from distributed import Client

        try:
            if self.scheduler is None:
                self.cluster = _local_cluster(self.kind, self.count)
                self.client = Client(self.cluster, set_as_default=False)
            else:
                self.client = Client(
                    self.scheduler, timeout=CONNECT_TIMEOUT_S, set_as_default=False
                )
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        for part in (self.client, self.cluster):
            if part is not None:
                with contextlib.suppress(Exception):  # must not hide the sample's own outcome
                    part.close()
        self.client = self.cluster = None

    def workers(self) -> Dict[str, Dict[str, Any]]:
        """The scheduler's view of its workers: address → host, nthreads, metrics..."""
        ask = self.client.scheduler_info
        # Some releases give five workers unless asked for all; older ones always give all.
        everyone = "n_workers" in inspect.signature(ask).parameters
        info = ask(n_workers=-1) if everyone else ask()
        workers: Dict[str, Dict[str, Any]] = info.get("workers", {})
        return workers

    def placement(self, count: int) -> List[str]:
        """The worker address of each task: threads share the worker with the most threads,
        processes go one by one over every worker (sorted, so the spread is the same each time)."""
        workers = self.workers()
        if not workers:
            raise RuntimeError("the Dask scheduler has no workers")
        addresses = sorted(workers)
        if self.kind == "threads":
            busiest = max(addresses, key=lambda a: int(workers[a].get("nthreads", 1)))
            return [busiest] * count
        return [addresses[index % len(addresses)] for index in range(count)]

    def warm(self, warm: Callable[[Any], Any], ref: Any, places: List[str]) -> None:
        """Each worker that gets a task imports it, before anything is timed."""
        futures = [
            self.client.submit(warm, ref, pure=False, workers=[address])
            for address in sorted(set(places))
        ]
        try:
            self.client.gather(futures)
        except ImportError as exc:
            raise RuntimeError(
                f"the Dask workers cannot load the task ({exc}): every worker needs "
                "gilbench-tui installed, the same version as here"
            ) from None

    def on_workers(self, func: Callable[[], float], places: List[str]) -> Dict[str, float]:
        """`func` run once on each worker that gets a task (Client.run): address → its answer."""
        answers: Dict[str, float] = self.client.run(func, workers=sorted(set(places)))
        return answers

    def submit(
        self, run: Callable[..., Any], ref: Any, sizes: List[int], keep: bool, places: List[str]
    ) -> List[Any]:
        return [
            self.client.submit(
                run,
                ref,
                size,
                index,
                keep,
                pure=False,
                workers=[places[index]],
                allow_other_workers=False,
            )
            for index, size in enumerate(sizes)
        ]

    def describe(self) -> Dict[str, Any]:
        """The `cluster` event: the scheduler, and each worker's host, threads and CPU."""
        workers = self.workers()
        return {
            "event": "cluster",
            "scheduler": str(self.client.scheduler.address),
            "local": self.scheduler is None,
            "workers": [_worker(address, workers[address]) for address in sorted(workers)],
        }

    def metrics(self, emit: Optional[Emit]) -> _Metrics:
        return _Metrics(self, emit)


class _Metrics:
    """Emits describe() now and then every METRICS_INTERVAL_S from a thread until the block ends."""

    def __init__(self, session: Session, emit: Optional[Emit]) -> None:
        self.session = session
        self.emit = emit
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="gilbench-dask-metrics")
        self.thread.daemon = True

    def __enter__(self) -> _Metrics:
        if self.emit is not None:
            self.emit(self.session.describe())
            self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop.set()
        if self.thread.is_alive():
            self.thread.join()

    def _loop(self) -> None:
        assert self.emit is not None
        while not self.stop.wait(METRICS_INTERVAL_S):
            try:
                event = self.session.describe()
            except Exception:  # a metrics hiccup must not fail the measurement
                continue
            if not self.stop.is_set():
                self.emit(event)


def _worker(address: str, info: Dict[str, Any]) -> Dict[str, Any]:
    metrics = info.get("metrics") or {}
    cpu = metrics.get("cpu")
    return {
        "address": address,
        "host": str(info.get("host") or address),
        "threads": int(info.get("nthreads") or 1),
        "cpu_percent": None if cpu is None else max(0.0, float(cpu)),
    }


def _local_cluster(kind: str, count: int) -> Any:
    """k threads in one worker process, or k single-threaded worker processes, on 127.0.0.1;
    spawned, as Dask does by default, whatever the user's Dask configuration says."""
    import dask
    from distributed import LocalCluster

    workers, threads = (1, count) if kind == "threads" else (count, 1)
    with dask.config.set({"distributed.worker.multiprocessing-method": "spawn"}):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=threads,
            processes=True,
            host="127.0.0.1",
            scheduler_port=0,
            dashboard_address=None,
            memory_limit=0,  # the run's own memory guard applies; Dask must not pause or spill
            silence_logs=logging.ERROR,
        )
