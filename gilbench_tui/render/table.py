"""Plain-text tables for the CLI."""

from __future__ import annotations

from collections.abc import Sequence

from gilbench_tui.engine.results import RunDocument, StrategyResult
from gilbench_tui.render import numbers

RESULT_COLUMNS = (
    "strategy",
    "workers",
    "median",
    "IQR",
    "speedup",
    "efficiency",
    "CPU util",
    "checksum",
)


def result_row(r: StrategyResult) -> list[str]:
    return [
        r.strategy,
        str(r.workers),
        numbers.seconds(r.median_s),
        f"± {numbers.seconds(r.iqr_s)}",
        numbers.ratio(r.speedup),
        numbers.percent(r.efficiency),
        numbers.percent(r.utilisation),
        f"{numbers.check(r.checksum_ok)} {r.checksum[:8]}",
    ]


def grid(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int] | None = None
) -> str:
    """Columns padded to fit; columns in `right` (default: all but the first) right-aligned."""
    right = set(range(1, len(headers))) if right is None else right
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=False)]

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            out.append(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]))
        return "  ".join(out).rstrip()

    rule = "  ".join("─" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


OPTIONAL_COLUMNS = (
    ("pool start", "pool_startup_s"),
    ("transfer", "transfer_s"),
    ("wake p50", "latency_p50_s"),
    ("wake p99", "latency_p99_s"),
)


def optional_columns(results: Sequence[StrategyResult]) -> list[tuple[str, str]]:
    """The extra columns some runs have: pool start-up, IPC transfer, wake-up latency."""
    return [(h, f) for h, f in OPTIONAL_COLUMNS if any(getattr(r, f) is not None for r in results)]


def results_table(run: RunDocument) -> str:
    extra = optional_columns(run.results)
    headers = [*RESULT_COLUMNS, *(h for h, _ in extra)]
    rows = [
        [*result_row(r), *(numbers.seconds(getattr(r, f)) for _, f in extra)] for r in run.results
    ]
    return grid(headers, rows)


def amdahl_line(run: RunDocument) -> str | None:
    if not run.amdahl:
        return None
    parts = [f"{name} {fraction:.2f}" for name, fraction in run.amdahl.items()]
    return "Amdahl serial fraction (0 = scales perfectly, 1 = not at all): " + ", ".join(parts)


def header(run: RunDocument) -> str:
    spec = run.spec
    from gilbench_tui.engine.spec import format_size, format_workers

    mode = " (split)" if spec.split else " per task"
    return (
        f"{spec.workload} · size {format_size(spec.size)}{mode} · workers {format_workers(spec.workers)}"
        f" · repeat {spec.repeat} (+{spec.warmup} warm-up) · {run.interpreter.label}"
        f" · {run.machine.logical_cpus} CPUs"
    )
