from __future__ import annotations

import json

import pytest

from gilbench_tui.engine.events import (
    Done,
    PlanItem,
    ProtocolError,
    Sample,
    Started,
    WorkerError,
    parse_event,
)


def line(**data: object) -> str:
    return json.dumps(data)


def test_parses_every_event_kind() -> None:
    started = parse_event(
        line(
            event="started",
            pid=42,
            interpreter={"version": "3.11.7"},
            plan=[{"phase": "measure", "repeat": 0, "strategy": "serial", "workers": 2}],
        )
    )
    assert started == Started(42, {"version": "3.11.7"}, (PlanItem("measure", 0, "serial", 2),))
    sample = parse_event(
        line(
            event="sample",
            index=0,
            phase="measure",
            repeat=0,
            strategy="serial",
            workers=2,
            wall_s=1.5,
            startup_s=0,
            cpu_s=1.4,
            transfer_s=None,
            checksums=[1, 2],
        )
    )
    assert isinstance(sample, Sample) and sample.checksums == (1, 2) and sample.wall_s == 1.5
    error = parse_event(line(event="error", message="boom", fatal=True, strategy="threads"))
    assert error == WorkerError("boom", True, "threads", None)
    assert parse_event(b'{"event":"done","ok":true}') == Done(True)


@pytest.mark.parametrize(
    "garbage",
    [
        "not json",
        '{"event": "sample"',
        "[1, 2]",
        '"text"',
        '{"event": "mystery"}',
        '{"event": "sample", "index": "0"}',
        line(event="started", pid="x", interpreter={}, plan=[]),
        line(event="started", pid=1, interpreter=[], plan=[]),
        line(
            event="sample",
            index=0,
            phase="measure",
            repeat=0,
            strategy="s",
            workers=1,
            wall_s=-1,
            startup_s=0,
            cpu_s=0,
            checksums=[],
        ),
        line(
            event="sample",
            index=0,
            phase="measure",
            repeat=0,
            strategy="s",
            workers=1,
            wall_s=True,
            startup_s=0,
            cpu_s=0,
            checksums=[],
        ),
        line(event="error"),
        b"\xff\xfe\x00",
        "x" * 2_000_000,
    ],
)
def test_garbage_is_a_protocol_error_never_a_crash(garbage: str | bytes) -> None:
    with pytest.raises(ProtocolError):
        parse_event(garbage)
