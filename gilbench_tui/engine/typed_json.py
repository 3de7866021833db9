"""Reading JSON into the engine's dataclasses, every field converted and checked against its type.

The conversion is driven by the dataclass field types (`typing.get_type_hints`), so a field added
to Machine, Interpreter, StrategyResult, BenchSpec or the run needs no change here. What it accepts:

- `bool`, `int`, `float`, `str` strictly: `true` is not a number, `2.0` not a whole number, `"2"`
  not a number; a whole number is a float, and a float must be finite (no NaN, no infinity);
- `X | None`, other unions (the first member that fits), `Literal[...]`, enums;
- `list[X]`, `tuple[X, ...]`, `tuple[X, Y]` (from a JSON list), `dict[K, V]` (from an object);
- nested dataclasses, built from the keys they know: unknown keys are a later version's additions
  and are ignored; a missing or null key takes the field's default, a required one is an error;
- `Annotated[T, AtLeast(n)]`, for bounds declared with the type (times are never negative).

Standard library only, rather than msgspec's typed decoding: the documents are small and few,
the messages name the field as a user sees it in the file (`results[2].median_s: expected a
number, got "fast"`), and the rules on NaN and on booleans stay ours.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import math
import types
from collections.abc import Collection, Mapping
from functools import cache
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")

_MISSING = object()


class ConversionError(ValueError):
    """A value that does not fit its declared type; `path` says where, as in `results[2].cv`."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path = path
        self.problem = problem


@dataclasses.dataclass(frozen=True)
class AtLeast:
    """A lower bound declared with a number's type: `Annotated[float, AtLeast(0)]`."""

    minimum: float


def read(kind: type[T], value: Any, required: Mapping[type, Collection[str]] | None = None) -> T:
    """`value` (as json.loads gives it) as a `kind`; ConversionError says what does not fit.

    `required` names, per dataclass, keys that must be present although the field has a default
    (a default that suits a form, say, but not a stored document).
    """
    result: T = _Reader(required or {}).convert(kind, value, "")
    return result


def describe(kind: Any) -> str:
    """What a value of `kind` looks like in JSON, for messages."""
    origin = get_origin(kind)
    if origin is Annotated:
        return describe(get_args(kind)[0])
    if origin is Union or origin is types.UnionType:
        return " or ".join(describe(member) for member in get_args(kind))
    if origin is Literal:
        return " or ".join(json.dumps(choice) for choice in get_args(kind))
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return " or ".join(json.dumps(member.value) for member in kind)
    if origin is tuple:
        args = get_args(kind)
        count = "" if len(args) == 2 and args[1] is Ellipsis else f" of {len(args)}"
        return f"a list{count}"
    named = {
        type(None): "null", bool: "true or false", int: "a whole number", float: "a number",
        str: "a string", list: "a list", dict: "an object",
    }  # fmt: skip
    return named.get(origin or kind, "an object")


class _Reader:
    def __init__(self, required: Mapping[type, Collection[str]]) -> None:
        self.required = required

    def convert(self, kind: Any, value: Any, path: str) -> Any:
        """`value` converted to the type `kind`, or ConversionError naming `path`."""
        origin = get_origin(kind)
        if origin is Annotated:
            return self._bounded(kind, value, path)
        if kind is Any or kind is object:
            return value
        if origin is Union or origin is types.UnionType:
            return self._union(kind, value, path)
        if value is None:
            raise ConversionError(path, f"expected {describe(kind)}, got null")
        if kind in _SCALARS:
            return _SCALARS[kind](value, path)
        if origin is Literal:
            if any(type(value) is type(choice) and value == choice for choice in get_args(kind)):
                return value
            raise ConversionError(path, f"expected {describe(kind)}, got {_show(value)}")
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            try:
                return kind(value)
            except ValueError:
                raise ConversionError(
                    path, f"expected {describe(kind)}, got {_show(value)}"
                ) from None
        if isinstance(kind, type) and dataclasses.is_dataclass(kind):
            return self._dataclass(kind, value, path)
        if origin is list or origin is tuple:
            return self._sequence(kind, value, path)
        if origin is dict:
            return self._mapping(kind, value, path)
        raise TypeError(f"typed_json cannot read the type {kind!r}")  # a programming error

    def _bounded(self, kind: Any, value: Any, path: str) -> Any:
        base, *extras = get_args(kind)
        result = self.convert(base, value, path)
        for extra in extras:
            if isinstance(extra, AtLeast) and result < extra.minimum:
                raise ConversionError(
                    path, f"must be at least {extra.minimum:g}, got {_show(result)}"
                )
        return result

    def _union(self, kind: Any, value: Any, path: str) -> Any:
        members = get_args(kind)
        if value is None and type(None) in members:
            return None
        problems: list[ConversionError] = []
        for member in members:
            if member is type(None):
                continue
            try:
                return self.convert(member, value, path)
            except ConversionError as exc:
                problems.append(exc)
        if len(problems) == 1:
            raise problems[0]
        raise ConversionError(path, f"expected {describe(kind)}, got {_show(value)}")

    def _dataclass(self, kind: Any, value: Any, path: str) -> Any:
        if not isinstance(value, dict):
            raise ConversionError(path, f"expected an object, got {_show(value)}")
        hints = _hints(kind)
        required = self.required.get(kind, ())
        values: dict[str, Any] = {}
        for f in dataclasses.fields(kind):
            if not f.init:
                continue
            where = f"{path}.{f.name}" if path else f.name
            raw = value.get(f.name, _MISSING)
            has_default = f.name not in required and (
                f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
            )
            if raw is _MISSING or (raw is None and has_default and not _nullable(hints[f.name])):
                if has_default:
                    continue
                raise ConversionError(where, "is missing")
            values[f.name] = self.convert(hints[f.name], raw, where)
        try:
            return kind(**values)
        except (TypeError, ValueError) as exc:  # a check in the class's own __post_init__
            raise ConversionError(path, str(exc)) from None

    def _sequence(self, kind: Any, value: Any, path: str) -> Any:
        if not isinstance(value, list | tuple):
            raise ConversionError(path, f"expected {describe(kind)}, got {_show(value)}")
        args = get_args(kind)
        items = [(f"{path}[{i}]", item) for i, item in enumerate(value)]
        if get_origin(kind) is list:
            return [self.convert(args[0], item, where) for where, item in items]
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(self.convert(args[0], item, where) for where, item in items)
        if len(value) != len(args):
            raise ConversionError(path, f"expected {describe(kind)}, got {_show(value)}")
        return tuple(
            self.convert(arg, item, where) for arg, (where, item) in zip(args, items, strict=True)
        )

    def _mapping(self, kind: Any, value: Any, path: str) -> Any:
        if not isinstance(value, dict):
            raise ConversionError(path, f"expected an object, got {_show(value)}")
        key_kind, value_kind = get_args(kind)
        return {
            self.convert(key_kind, key, path): self.convert(
                value_kind, item, f"{path}[{json.dumps(key)}]"
            )
            for key, item in value.items()
        }


def _boolean(value: Any, path: str) -> bool:
    if isinstance(value, bool):
        return value
    raise ConversionError(path, f"expected true or false, got {_show(value)}")


def _integer(value: Any, path: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ConversionError(path, f"expected a whole number, got {_show(value)}")


def _number(value: Any, path: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ConversionError(path, f"expected a number, got {_show(value)}")
    number = float(value)
    if not math.isfinite(number):
        raise ConversionError(path, f"expected a finite number, got {_show(value)}")
    return number


def _string(value: Any, path: str) -> str:
    if isinstance(value, str):
        return value
    raise ConversionError(path, f"expected a string, got {_show(value)}")


_SCALARS = {bool: _boolean, int: _integer, float: _number, str: _string}


def _nullable(kind: Any) -> bool:
    if get_origin(kind) is Annotated:
        return _nullable(get_args(kind)[0])
    is_union = get_origin(kind) in (Union, types.UnionType)
    return kind is Any or (is_union and type(None) in get_args(kind))


@cache
def _hints(kind: Any) -> dict[str, Any]:
    return get_type_hints(kind, include_extras=True)


def _show(value: Any) -> str:
    """A value as it looks in the file, cut short."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return f"a list of {len(value)}"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"
