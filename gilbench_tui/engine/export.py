"""A run as JSON, CSV or Markdown (a table like hyperfine's, with a relative column)."""

from __future__ import annotations

import csv
import io
import json

from gilbench_tui.engine.results import RunDocument

CSV_COLUMNS = (
    "strategy",
    "workers",
    "median_s",
    "iqr_s",
    "cv",
    "startup_s",
    "cpu_s",
    "utilisation",
    "speedup",
    "efficiency",
    "checksum",
    "checksum_ok",
    "times_s",
)

FORMATS = ("json", "csv", "md")


def to_json(run: RunDocument) -> str:
    return json.dumps(run.to_json(), indent=2, ensure_ascii=False) + "\n"


def to_csv(run: RunDocument) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in run.results:
        writer.writerow(
            [
                r.strategy,
                r.workers,
                f"{r.median_s:.6f}",
                f"{r.iqr_s:.6f}",
                f"{r.cv:.4f}",
                f"{r.startup_s:.6f}",
                f"{r.cpu_s:.6f}",
                f"{r.utilisation:.4f}",
                "" if r.speedup is None else f"{r.speedup:.4f}",
                "" if r.efficiency is None else f"{r.efficiency:.4f}",
                r.checksum,
                r.checksum_ok,
                " ".join(f"{t:.6f}" for t in r.times_s),
            ]
        )
    return out.getvalue()


def to_markdown(run: RunDocument) -> str:
    """Per worker count, times relative to the fastest strategy at that count (1.00 = fastest)."""
    lines = [
        f"**{run.spec.workload}**, size {run.spec.size:,}, {run.interpreter.label}, "
        f"{run.machine.logical_cpus} CPUs — run `{run.id}`",
        "",
        "| Strategy | Workers | Median [s] | IQR [s] | Speedup | Relative |",
        "|:---|---:|---:|---:|---:|---:|",
    ]
    for k in sorted({r.workers for r in run.results}):
        at_k = [r for r in run.results if r.workers == k]
        fastest = min(r.median_s for r in at_k)
        for r in at_k:
            speed = "–" if r.speedup is None else f"{r.speedup:.2f}×"
            rel = r.median_s / fastest if fastest > 0 else 0.0
            mark = "" if r.checksum_ok else " ✗ checksum"
            lines.append(
                f"| `{r.strategy}`{mark} | {k} | {r.median_s:.3f} | {r.iqr_s:.3f} | {speed} "
                f"| {rel:.2f} |"
            )
    lines += ["", run.verdict]
    return "\n".join(lines) + "\n"


def render(run: RunDocument, fmt: str) -> str:
    if fmt == "json":
        return to_json(run)
    if fmt == "csv":
        return to_csv(run)
    if fmt in ("md", "markdown"):
        return to_markdown(run)
    raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
