"""The typed reader on its own: every kind of field the run's dataclasses use or may come to use."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

import pytest

from gilbench_tui.engine.typed_json import AtLeast, ConversionError, read

Seconds = Annotated[float, AtLeast(0)]


class Confidence(enum.Enum):
    CLEAR = "clear"
    LIKELY = "likely"


@dataclass(frozen=True)
class Detail:
    headline: str
    reasons: list[str] = field(default_factory=list)
    confidence: Literal["clear", "likely", "inconclusive"] = "clear"


@dataclass(frozen=True)
class Everything:
    count: int
    ratio: float
    name: str
    ok: bool
    maybe: Seconds | None
    times: list[Seconds]
    workers: tuple[int, ...]
    interval: tuple[float, float] | None
    labels: dict[str, str]
    fits: dict[str, float]
    detail: Detail | None = None
    level: Confidence = Confidence.CLEAR
    note: str = ""
    loose: Any = None


GOOD: dict[str, Any] = {
    "count": 2,
    "ratio": 1,
    "name": "n",
    "ok": False,
    "maybe": None,
    "times": [0.5, 1],
    "workers": [1, 2],
    "interval": [0.1, 0.2],
    "labels": {"a": "b"},
    "fits": {"threads": 0.5},
    "detail": {"headline": "h", "reasons": ["r"], "confidence": "likely", "later": 1},
    "level": "likely",
    "loose": {"anything": [1]},
    "from_a_later_version": {"x": 1},
}


def test_a_good_document_comes_back_typed() -> None:
    value = read(Everything, GOOD)
    assert value == Everything(
        count=2, ratio=1.0, name="n", ok=False, maybe=None, times=[0.5, 1.0], workers=(1, 2),
        interval=(0.1, 0.2), labels={"a": "b"}, fits={"threads": 0.5},
        detail=Detail("h", ["r"], "likely"), level=Confidence.LIKELY, loose={"anything": [1]},
    )  # fmt: skip
    assert isinstance(value.ratio, float) and isinstance(value.times[1], float)


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("count", True, "count: expected a whole number, got true"),
        ("count", 2.0, "count: expected a whole number, got 2.0"),
        ("count", "2", 'count: expected a whole number, got "2"'),
        ("ratio", False, "ratio: expected a number, got false"),
        ("ratio", float("nan"), "ratio: expected a finite number, got NaN"),
        ("ratio", float("inf"), "ratio: expected a finite number, got Infinity"),
        ("ratio", None, "ratio: expected a number, got null"),
        ("name", 3, "name: expected a string, got 3"),
        ("ok", "yes", 'ok: expected true or false, got "yes"'),
        ("ok", 1, "ok: expected true or false, got 1"),
        ("maybe", -0.1, "maybe: must be at least 0, got -0.1"),
        ("maybe", "soon", 'maybe: expected a number, got "soon"'),
        ("times", "1.0", 'times: expected a list, got "1.0"'),
        ("times", [1.0, -2], "times[1]: must be at least 0, got -2.0"),
        ("workers", [1, "2"], 'workers[1]: expected a whole number, got "2"'),
        ("interval", [0.1], "interval: expected a list of 2, got a list of 1"),
        ("interval", [0.1, "x"], 'interval[1]: expected a number, got "x"'),
        ("labels", ["a"], "labels: expected an object, got a list of 1"),
        ("fits", {"threads": "high"}, 'fits["threads"]: expected a number, got "high"'),
        ("detail", {"reasons": []}, "detail.headline: is missing"),
        ("detail", {"headline": "h", "confidence": "sure"}, "detail.confidence: expected"),
        ("level", "unsure", 'level: expected "clear" or "likely", got "unsure"'),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_with_its_place(
    key: str, value: object, said: str
) -> None:
    with pytest.raises(ConversionError) as caught:
        read(Everything, {**GOOD, key: value})
    assert str(caught.value).startswith(said)


def test_a_missing_required_key_is_refused_and_optional_ones_take_their_default() -> None:
    with pytest.raises(ConversionError, match=r"^count: is missing$"):
        read(Everything, {k: v for k, v in GOOD.items() if k != "count"})
    trimmed = {k: v for k, v in GOOD.items() if k not in ("detail", "level", "note", "loose")}
    value = read(Everything, {**trimmed, "note": None})
    assert (value.detail, value.level, value.note, value.loose) == (
        None,
        Confidence.CLEAR,
        "",
        None,
    )


def test_keys_a_form_defaults_can_be_required_of_a_document() -> None:
    with pytest.raises(ConversionError, match=r"^detail\.reasons: is missing$"):
        read(Everything, {**GOOD, "detail": {"headline": "h"}}, required={Detail: ["reasons"]})


def test_not_an_object_at_the_top() -> None:
    with pytest.raises(ConversionError, match=r"^expected an object, got a list of 0$"):
        read(Everything, [])


def test_a_type_the_reader_does_not_know_is_a_programming_error() -> None:
    @dataclass
    class Odd:
        value: set[int]

    with pytest.raises(TypeError):
        read(Odd, {"value": [1]})
