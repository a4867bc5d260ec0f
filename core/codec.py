"""Entities to plain JSON-ready dicts and back.

Dates and datetimes become ISO 8601 strings, tuples become lists, enums their values.
Unknown keys in a document are ignored and missing ones take the field's default, so a
document written by an older or newer minor version still loads.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
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
    hints = _field_types(cls)
    values = {name: _decode(hint, doc[name]) for name, hint in hints.items() if name in doc}
    values["id"] = doc_id
    return cls(**values)


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


@cache
def _field_types(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls) if f.name != "id"}


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decode(inner[0], value)
    if origin is tuple:
        (inner, _ellipsis) = typing.get_args(hint)
        return tuple(_decode(inner, v) for v in value)
    if hint is datetime:
        return datetime.fromisoformat(value)
    if hint is date:
        return date.fromisoformat(value)
    if hint is float:
        return float(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    return value
