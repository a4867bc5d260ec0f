"""Entities to plain JSON-ready dicts and back.

Dates and datetimes become ISO 8601 strings (datetimes in UTC; the plan's zone is a
setting, applied when showing them), tuples become lists, enums their values.
Unknown keys in a document are ignored and missing ones take the field's default, so a
document written by an older or newer minor version still loads.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_doc(entity: Any) -> dict[str, Any]:
    """The entity as a JSON-ready dict, without its id (the store keeps ids itself)."""
    return {
        f.name: _encode(getattr(entity, f.name))
        for f in dataclasses.fields(entity)
        if f.name != "id"
    }


def from_doc(cls: type[T], doc: dict[str, Any], doc_id: int = 0) -> T:
    args = []
    for name, convert, default in _decoders(cls):
        value = doc.get(name, _MISSING)
        if value is not _MISSING:
            args.append(convert(value))
        elif isinstance(default, _Factory):
            args.append(default.make())
        elif default is _MISSING:
            raise KeyError(f"{cls.__name__} document has no '{name}'")
        else:
            args.append(default)
    return cls(*args, doc_id)


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


_MISSING = object()


@cache
def _decoders(cls: type) -> tuple[tuple[str, Callable[[Any], Any], Any], ...]:
    """(name, converter, default) per field in order, chosen once per class: decoding
    10,000 documents must not inspect type hints 100,000 times. ``id`` is every entity's
    last field and is passed separately."""
    fields = dataclasses.fields(cls)
    assert fields[-1].name == "id", f"{cls.__name__}.id must be the last field"
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _decoder(hints[f.name]), _default(f)) for f in fields if f.name != "id")


@dataclasses.dataclass(frozen=True, slots=True)
class _Factory:
    """A field's default_factory, called for each document so no default is shared."""

    make: Callable[[], Any]


def _default(field: dataclasses.Field) -> Any:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return _Factory(field.default_factory)
    return _MISSING


def _decoder(hint: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _decoder(next(a for a in typing.get_args(hint) if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        item = _decoder(typing.get_args(hint)[0])
        return lambda value: tuple(item(v) for v in value)
    if hint is datetime:
        return _utc_datetime
    if hint is date:
        return date.fromisoformat
    if hint is float:
        return float
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    return _same


def _utc_datetime(value: str) -> datetime:
    """Stored times come back in UTC: comparisons between them are then cheap."""
    return datetime.fromisoformat(value).astimezone(UTC)


def _same(value: Any) -> Any:
    return value
