"""Findings to JSON and back, exactly: read generically from the dataclasses' fields and type
hints (a field added to Finding, Hint or Fix needs nothing here), enums by value, tuples as
lists, None as null."""
from __future__ import annotations

import dataclasses
import enum
import types
import typing
from functools import lru_cache
from typing import Any

from flake8_importguard.model import Finding


def to_data(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [to_data(item) for item in value]
    return value


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_data(kind: Any, data: Any) -> Any:
    """`data` (as to_data made it) back to a value of type `kind`; ValueError/TypeError when it
    does not fit."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if data is None and type(None) in options:
            return None
        return from_data(next(o for o in options if o is not type(None)), data)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(from_data(item, x) for x in data)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(data, dict):
            raise TypeError(f"{kind.__name__} from {type(data).__name__}")
        hints = _hints(kind)
        return kind(**{name: from_data(hints[name], value) for name, value in data.items()})
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(data)
    if kind in (str, int, bool) and not isinstance(data, kind):
        raise TypeError(f"{kind.__name__} from {type(data).__name__}")
    return data


def findings_to_data(findings: list[Finding]) -> list[Any]:
    return [to_data(f) for f in findings]


def findings_from_data(data: Any) -> list[Finding]:
    """Raises ValueError, TypeError or KeyError when the data is not a list of findings."""
    if not isinstance(data, list):
        raise TypeError("findings are a list")
    return [from_data(Finding, item) for item in data]
