"""Findings to JSON and back, exactly: read generically from the dataclasses' fields and type
hints (a field added to Finding, Hint or Fix needs nothing here), enums by value, tuples as
lists, None as null."""
from __future__ import annotations

import dataclasses
import enum
import types
import typing
from functools import lru_cache
from typing import Any, Callable

from flake8_importguard.base.model import Finding


def to_data(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [to_data(item) for item in value]
    return value


Decode = Callable[[Any], Any]


def from_data(kind: Any, data: Any) -> Any:
    """`data` (as to_data made it) back to a value of type `kind`; ValueError/TypeError when it
    does not fit."""
    return _decoder(kind)(data)


@lru_cache(maxsize=None)
def _decoder(kind: Any) -> Decode:
    """The function that decodes data of type `kind`, made once per type."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        inner = _decoder(next(o for o in typing.get_args(kind) if o is not type(None)))
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:  # tuple[X, ...]
            item = _decoder(args[0])
            return lambda data: tuple(item(x) for x in _checked(data, list))
        return _fixed_tuple(tuple(_decoder(arg) for arg in args))  # tuple[X, Y]
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        fields = {name: _decoder(hint) for name, hint in typing.get_type_hints(kind).items()}
        return lambda data: kind(**{name: fields[name](value) for name, value in _checked(data, dict).items()})
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind
    if kind in (str, int, bool):
        return lambda data: _checked(data, kind)
    return lambda data: data


def _fixed_tuple(items: tuple[Decode, ...]) -> Decode:
    def decode(data: Any) -> tuple[Any, ...]:
        if len(_checked(data, list)) != len(items):
            raise ValueError(f"{len(items)} items from {len(data)}")
        return tuple(item(x) for item, x in zip(items, data))
    return decode


def _checked(data: Any, kind: type) -> Any:
    if not isinstance(data, kind):
        raise TypeError(f"{kind.__name__} from {type(data).__name__}")
    return data


def findings_to_data(findings: list[Finding]) -> list[Any]:
    return [to_data(f) for f in findings]


def findings_from_data(data: Any) -> list[Finding]:
    """Raises ValueError, TypeError or KeyError when the data is not a list of findings."""
    if not isinstance(data, list):
        raise TypeError("findings are a list")
    return [from_data(Finding, item) for item in data]
