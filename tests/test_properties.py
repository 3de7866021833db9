"""Property-based tests: the parsers and the event parser never fail in any way but their own."""

from __future__ import annotations

import contextlib
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from gilbench_tui.cli import UsageError, build_parser
from gilbench_tui.engine.events import ProtocolError, parse_event
from gilbench_tui.engine.spec import (
    SpecError,
    format_size,
    format_workers,
    parse_size,
    parse_strategies,
    parse_workers,
)


@given(st.text(max_size=30))
def test_parse_size_accepts_or_explains(text: str) -> None:
    try:
        size = parse_size(text)
    except SpecError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert 1 <= size <= 10**10


@given(st.integers(min_value=1, max_value=10**10))
def test_format_size_round_trips(size: int) -> None:
    assert parse_size(format_size(size)) == size


@given(st.text(alphabet="0123456789,-cores x", max_size=20), st.integers(1, 256))
def test_parse_workers_accepts_or_explains(text: str, cores: int) -> None:
    try:
        workers = parse_workers(text, cores=cores)
    except SpecError as exc:
        assert "\n" not in str(exc)
    else:
        assert workers == tuple(sorted(set(workers)))
        assert all(1 <= k <= min(1024, 4 * cores) for k in workers)
        assert parse_workers(format_workers(workers), cores=cores) == workers


@given(st.text(max_size=40))
def test_parse_strategies_accepts_or_explains(text: str) -> None:
    with contextlib.suppress(SpecError):
        parse_strategies(text)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@given(st.one_of(st.binary(max_size=200), st.text(max_size=200)))
def test_event_parser_on_garbage(line: bytes | str) -> None:
    with contextlib.suppress(ProtocolError):
        parse_event(line)


@given(
    st.sampled_from(["started", "sample", "error", "done", "other"]),
    st.dictionaries(
        st.sampled_from(
            ["pid", "interpreter", "plan", "index", "phase", "wall_s", "checksums", "message"]
        ),
        JSONISH,
    ),
)
def test_event_parser_on_wrong_types(kind: str, fields: dict[str, object]) -> None:
    with contextlib.suppress(ProtocolError):
        parse_event(json.dumps({"event": kind, **fields}))


OPTIONS = ["--size", "--workers", "--strategies", "--repeat", "--warmup", "--workload", "--timeout"]


@settings(max_examples=200)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([*OPTIONS, "run", "seed", "--split", "--json"]), st.text(max_size=8)
        ),
        max_size=6,
    )
)
def test_argument_space_never_escapes_as_an_exception(argv: list[str]) -> None:
    """Any argv is parsed or refused with UsageError (help/version exit via SystemExit)."""
    try:
        build_parser().parse_args(argv)
    except UsageError as exc:
        assert "\n" not in str(exc)
    except SystemExit as exc:
        assert exc.code == 0
