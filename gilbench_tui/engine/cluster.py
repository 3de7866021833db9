"""Dask from the parent's side: may a spec use it, where its scheduler is, what its cluster was.

The worker process does all the talking to Dask (probe/strategy_dask.py, probe/dask_cluster.py).
The parent only checks, without importing dask: that the interpreter has it (the dask strategies
and --dask-scheduler need dask and distributed there), that a scheduler address is well formed,
that a Dask scheduler with workers answers there within the connect timeout (asked by the chosen
interpreter in a subprocess, so the parent stays free of dask), and it turns the
worker's `cluster` event into the run document's `cluster` record. So --version, the app's first
frame and every run without a dask strategy load no dask at all.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
from urllib.parse import urlsplit

from gilbench_tui.engine.events import ClusterSeen
from gilbench_tui.engine.results import Cluster
from gilbench_tui.probe.catalog import STRATEGIES

INSTALL_HINT = "pip install 'gilbench-tui[dask]'"
REQUIRED = ("dask", "distributed")
DEFAULT_PORT = 8786
CONNECT_TIMEOUT_S = 5.0
#: distributed's network protocols a scheduler listens on.
SCHEMES = ("tcp", "tls", "ws", "wss")
DASK_STRATEGIES = tuple(name for name, s in STRATEGIES.items() if s.module == "strategy_dask")


def has_dask() -> bool:
    """Whether this interpreter can import dask and distributed (found, not imported)."""
    return all(importlib.util.find_spec(name) is not None for name in REQUIRED)


def dask_problem(
    strategies: tuple[str, ...],
    scheduler: str | None,
    interpreter_has_dask: bool | None,
    label: str,
) -> str | None:
    """Why the spec cannot use Dask on the interpreter (`label`): None when it can, or when
    another requested strategy can run without it (the worker then names dask's as unavailable)."""
    wanted = [name for name in strategies if name in DASK_STRATEGIES]
    if not wanted or interpreter_has_dask is not False:
        return None
    if scheduler is not None:
        return f"--dask-scheduler needs dask and distributed on {label}: {INSTALL_HINT}"
    if len(wanted) == len(strategies):
        return f"{', '.join(wanted)} needs dask and distributed on {label}: {INSTALL_HINT}"
    return None


def scheduler_problem(strategies: tuple[str, ...], scheduler: str | None) -> str | None:
    """What is wrong with a scheduler address as given (without reaching it); None when fine."""
    if scheduler is None:
        return None
    if not any(name in DASK_STRATEGIES for name in strategies):
        return "--dask-scheduler runs the dask strategies: add dask-threads or dask-processes"
    try:
        split_address(scheduler)
    except ValueError as exc:
        return str(exc)
    return None


def split_address(address: str) -> tuple[str, str, int]:
    """`tcp://host:8786`, `host:8786` or `host` → (scheme, host, port); ValueError when malformed."""
    text = address.strip()
    parts = urlsplit(text if "://" in text else f"tcp://{text}")
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError:
        port = 0
    if parts.scheme not in SCHEMES or not parts.hostname or not 0 < port < 65536 or parts.path:
        raise ValueError(
            f"--dask-scheduler {address!r} is not a scheduler address (try tcp://host:8786)"
        )
    return parts.scheme, parts.hostname, port


def resolve_scheduler(text: str) -> str:
    """An address as given, or the `address` in a scheduler file (`dask scheduler
    --scheduler-file`); ValueError when the file holds none."""
    if os.path.isfile(text):
        try:
            with open(text, encoding="utf-8") as handle:
                address = json.load(handle)["address"]
        except (OSError, ValueError, KeyError, TypeError):
            raise ValueError(f"--dask-scheduler {text!r}: not a Dask scheduler file") from None
        return str(address)
    return text.strip()


# Asks the scheduler through distributed itself, on the interpreter that will run the worker
# process, in a subprocess: a TCP connect alone cannot tell a scheduler from anything else that
# accepts connections, and the parent must not import dask.
_ASK_SCRIPT = r"""
import inspect, json, sys
address, timeout = sys.argv[1], float(sys.argv[2])
try:
    from distributed import Client
    client = Client(address, timeout=timeout, set_as_default=False)
    try:
        ask = client.scheduler_info
        if "n_workers" in inspect.signature(ask).parameters:
            info = ask(n_workers=-1)
        else:
            info = ask()
        answer = {"workers": len(info.get("workers", {}))}
    finally:
        client.close()
except Exception as exc:
    answer = {"error": " ".join(("%s: %s" % (type(exc).__name__, exc)).split())[:200]}
print(json.dumps(answer))
"""
#: What importing distributed may take on a slow machine, beyond the connect timeout.
IMPORT_ALLOWANCE_S = 30.0


def scheduler_unusable(
    address: str, python: str, timeout_s: float = CONNECT_TIMEOUT_S
) -> str | None:
    """Why the dask strategies cannot run on the scheduler at `address`: nothing answers, what
    answers is not a Dask scheduler, or it has no workers; None when they can."""
    problem = unreachable(address, timeout_s)
    if problem is not None:
        return problem
    try:
        done = subprocess.run(
            [python, "-I", "-c", _ASK_SCRIPT, address, str(timeout_s)],
            capture_output=True,
            text=True,
            timeout=timeout_s + IMPORT_ALLOWANCE_S,
            stdin=subprocess.DEVNULL,
        )
        answer = json.loads(done.stdout.strip().splitlines()[-1])
    except subprocess.TimeoutExpired:
        return f"the Dask scheduler at {address} did not answer within {timeout_s:g} s"
    except (OSError, ValueError, IndexError):
        return f"the Dask scheduler at {address} could not be asked with {python}"
    if not isinstance(answer, dict) or "error" in answer:
        why = answer.get("error") if isinstance(answer, dict) else answer
        return f"no Dask scheduler answers at {address}: {why}"
    if not answer.get("workers"):
        return f"the Dask scheduler at {address} has no workers"
    return None


def unreachable(address: str, timeout_s: float = CONNECT_TIMEOUT_S) -> str | None:
    """Why nothing answers at the scheduler's address within `timeout_s`; None when it does."""
    _, host, port = split_address(address)
    try:
        socket.create_connection((host, port), timeout=timeout_s).close()
    except TimeoutError:
        return f"the Dask scheduler at {address} did not answer within {timeout_s:g} s"
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        return f"the Dask scheduler at {address} cannot be reached: {why}"
    return None


def cluster_record(seen: ClusterSeen) -> Cluster:
    """The run document's `cluster`: the scheduler, its workers, their threads and hosts."""
    threads = [worker.threads for worker in seen.workers] or [1]
    hosts = sorted({worker.host for worker in seen.workers})
    return Cluster(
        scheduler=seen.scheduler,
        workers=max(1, len(seen.workers)),
        threads_per_worker=max(threads),
        hosts=hosts,
    )
