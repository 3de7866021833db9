"""The machine and interpreter a run was measured on, as lines of text."""

from __future__ import annotations

from gilbench_tui.engine.results import RunDocument


def metadata_lines(run: RunDocument) -> list[str]:
    m, i = run.machine, run.interpreter
    memory = f"{m.memory_bytes / 2**30:.1f} GiB"
    load = "unknown" if m.load_avg_1m is None else f"{m.load_avg_1m:.2f}"
    physical = "?" if m.physical_cpus is None else str(m.physical_cpus)
    switch = "–" if i.switch_interval_s is None else f"{i.switch_interval_s * 1e3:g} ms"
    gil = "off" if not i.gil_enabled else "on"
    clock = "" if m.cpu_freq_mhz is None else f" · {m.cpu_freq_mhz:.0f} MHz"
    governor = "" if m.governor is None else f" · governor {m.governor}"
    timer = (
        "" if i.timer_resolution_s is None else f" · timer resolution {i.timer_resolution_s:.0e} s"
    )
    compiler = f" · {i.compiler}" if i.compiler else ""
    env = f" · PYTHON_GIL={i.python_gil_env}" if i.python_gil_env else ""
    usable = "" if m.usable_cpus is None else f" · {m.usable_cpus} usable ({m.usable_cpus_reason})"
    capacity = " · ".join(
        f"{when} {value:.2f}×"
        for when, value in (("before", m.capacity_before), ("after", m.capacity_after))
        if value is not None
    )
    return [
        f"machine      {m.hostname} · {m.os} · {m.cpu_model}",
        f"cpus         {m.logical_cpus} logical, {physical} physical{usable}{clock}{governor}",
        *([f"capacity     a busy loop's speedup around the run: {capacity}"] if capacity else []),
        f"memory       {memory} · load before the run {load}",
        f"interpreter  {i.label} · {i.executable}{compiler}",
        f"GIL          {gil}{' (free-threaded build)' if i.gil_disabled_build else ''}"
        f" · switch interval {switch}{timer}{env}",
        *_code_lines(run),
    ]


def _code_lines(run: RunDocument) -> list[str]:
    """For a user's own function: where it is, and the hash of the file as it was measured."""
    spec = run.spec
    if not spec.user_code:
        return []
    target, _, function = spec.workload.rpartition(":")
    digest = spec.workload_sha256 or "not kept (not a file)"
    return [f"your code    {function}() in {target}", f"file SHA-256 {digest}"]
