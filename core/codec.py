"""Entities to plain JSON-ready dicts and back.

Dates and datetimes become ISO 8601 strings (datetimes in UTC; the plan's zone is a
setting, applied when showing them), tuples become lists, enums their values.
Unknown keys in a document are ignored and missing ones take the field's default, so a
document written by an older or newer minor version still loads. A value of the wrong
type (a title that is a number, a status no version knows, a time without its offset)
raises ``DocumentError`` naming the field: files are data from outside.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache, partial
from typing import Any, TypeVar

from .frozen import frozen

T = TypeVar("T")


class DocumentError(ValueError):
    """A stored document does not fit its entity: ``field`` is missing or holds ``value``."""

    def __init__(self, field: str, value: Any = None, *, missing: bool = False) -> None:
        super().__init__(field)
        self.field = field
        self.value = value
        self.missing = missing


def to_doc(entity: Any) -> dict[str, Any]:
    """The entity as a JSON-ready dict, without its id (the store keeps ids itself).

    Fields left empty (None, "", False, ()) where that is also their default are left
    out: a 10,000-item plan is a quarter smaller, so every save writes less. Defaults
    that carry meaning (a ratio, a time zone) are always written, so changing such a
    default later cannot change stored plans.
    """
    document = {}
    for name, empty_default in _empty_defaults(type(entity)):  # type: ignore[arg-type]
        value = getattr(entity, name)
        if not (empty_default and value == empty_default[0]):
            document[name] = _encode(value)
    return document


@cache
def _empty_defaults(cls: type) -> tuple[tuple[str, tuple[Any, ...]], ...]:
    """(name, (default,) if the default is an empty value else ()) per field but ``id``."""
    return tuple(
        (f.name, (f.default,) if _is_empty(f.default) else ())
        for f in dataclasses.fields(cls)
        if f.name != "id"
    )


def _is_empty(value: Any) -> bool:
    return value is None or value is False or value == "" or value == ()


@cache
def field_types(cls: type) -> dict[str, Any]:
    """The type of each field of a dataclass, its annotations evaluated once (about
    0.1 ms a class: the decoders and the checks of a plan's fifteen tables need them)."""
    return typing.get_type_hints(cls)


def from_doc(cls: type[T], doc: dict[str, Any], doc_id: int = 0) -> T:
    decode: Callable[[dict[str, Any], int], T] = _decoder_of(cls)  # type: ignore[arg-type]
    return decode(doc, doc_id)


COMPILED_FROM = 400
"""A class's decoder is compiled for a table of this many documents or more; fewer are
decoded field by field. Compiling ContentItem's takes 0.9 ms, and saves 1.8 µs a
document (Channel's: 0.5 ms, 1.5 µs), so it pays from 300 to 500 documents. A small
plan's start-up compiled fifteen."""


def decoder(cls: type[T], documents: int) -> Callable[[dict[str, Any], int], T]:
    """What decodes ``documents`` documents of ``cls``, each with its id: both ways give
    the same entity, or raise the same ``DocumentError``."""
    if documents < COMPILED_FROM:
        return partial(_decoded_by_field, cls)
    compiled: Callable[[dict[str, Any], int], T] = _decoder_of(cls)  # type: ignore[arg-type]
    return compiled


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
    hints = field_types(cls)
    return tuple((f.name, _decoder(hints[f.name]), _default(f)) for f in fields if f.name != "id")


@cache
def _decoder_of(cls: type[T]) -> Callable[[dict[str, Any], int], T]:
    """A decoding function written for ``cls`` and compiled once.

    One expression per field, no loop and no per-field branching on the converter kind:
    opening a plan of 10,000 items decodes twice as fast as a generic loop. Each value is
    set in its slot as the dataclass's own ``__init__`` sets it, without that function's
    lookups per field (half the time of building an item); so the class may not have a
    ``__post_init__`` or fields ``__init__`` leaves out.
    """
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    assert not hasattr(cls, "__post_init__") and all(f.init for f in fields), cls
    namespace: dict[str, Any] = {
        "new": object.__new__,
        "cls": cls,
        "MISSING": _MISSING,
        "missing": _missing,
        "DocumentError": DocumentError,
        **{f"s{n}": setter for n, setter in enumerate(_setters(cls))},  # type: ignore[arg-type]
    }
    hints = field_types(cls)  # type: ignore[arg-type]  # as _decoders(cls) below
    arguments = []
    for n, (name, convert, default) in enumerate(_decoders(cls)):  # type: ignore[arg-type]
        namespace[f"c{n}"], namespace[f"d{n}"] = convert, default
        if isinstance(default, _Factory):
            namespace[f"d{n}"] = default.make
            fallback = f"d{n}()"
        elif default is _MISSING:
            fallback = f"missing({cls.__name__!r}, {name!r})"
        else:
            fallback = f"d{n}"
        present = f"(v := get({name!r}, MISSING)) is not MISSING"
        value = f"({_converted(hints[name], f'c{n}')} if {present} else {fallback})"
        arguments.append(f"        s{n}(entity, {value})\n")
    namespace.update(fromiso=datetime.fromisoformat, UTC=UTC)
    source = (
        "def decode(doc, doc_id):\n"
        "    get = doc.get\n"
        "    entity = new(cls)\n"
        "    try:\n"
        f"{''.join(arguments)}"
        f"        s{len(fields) - 1}(entity, doc_id)\n"
        "        return entity\n"
        "    except DocumentError:\n"
        "        raise\n"
        "    except WRONG:\n"
        "        raise first_wrong(doc) from None\n"
    )
    namespace["first_wrong"] = partial(_first_wrong, cls)
    namespace["WRONG"] = _WRONG
    exec(compile(source, f"<decoder of {cls.__name__}>", "exec"), namespace)
    decode: Callable[[dict[str, Any], int], T] = namespace["decode"]
    return decode


def _decoded_by_field(cls: type, doc: dict[str, Any], doc_id: int) -> Any:
    """The steps of ``_decoder_of(cls)``, taken one field at a time."""
    entity: Any = object.__new__(cls)
    setters = _setters(cls)
    try:
        for set_value, (name, convert, default) in zip(setters[:-1], _decoders(cls), strict=True):
            if name in doc:
                set_value(entity, convert(doc[name]))
            elif isinstance(default, _Factory):
                set_value(entity, default.make())
            elif default is _MISSING:
                _missing(cls.__name__, name)
            else:
                set_value(entity, default)
        setters[-1](entity, doc_id)
    except DocumentError:
        raise
    except _WRONG:
        raise _first_wrong(cls, doc) from None
    return entity


@cache
def _setters(cls: type) -> tuple[Callable[[Any, Any], None], ...]:
    return tuple(_setter(cls, f.name) for f in dataclasses.fields(cls))


def _setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """Sets field ``name`` of a new ``cls``, frozen or not: through its slot, or (a class
    without slots) as ``object.__setattr__`` does."""
    slot = getattr(cls, name, None)
    if isinstance(slot, types.MemberDescriptorType):
        return slot.__set__
    return partial(_set_attribute, name=name)


def _set_attribute(entity: Any, value: Any, *, name: str) -> None:
    object.__setattr__(entity, name, value)


def _converted(hint: Any, convert: str) -> str:
    """The expression for a present value ``v`` of a field: the usual value of a plain
    type is taken as it is, anything else goes through the field's converter (which
    takes or refuses it). A call per field was a third of decoding a plan."""
    optional = typing.get_origin(hint) in (typing.Union, types.UnionType)
    base = next(a for a in typing.get_args(hint) if a is not type(None)) if optional else hint
    if base is datetime:  # stored in UTC: the converter takes times stored otherwise
        taken = f"(m if v.__class__ is str and (m := fromiso(v)).tzinfo is UTC else {convert}(v))"
        return f"(None if v is None else {taken})" if optional else taken
    usual = _USUAL.get(base)
    if usual is None:
        return f"{convert}(v)"
    if optional:
        usual = f"{usual} or v is None"
    return f"(v if {usual} else {convert}(v))"


_USUAL = {
    str: "v.__class__ is str",
    int: "v.__class__ is int",
    bool: "(v is True or v is False)",
}
"""Per plain type, the test that a value is of it exactly; values of other types are
always converted."""

_WRONG = (TypeError, ValueError, KeyError, AttributeError, OverflowError)
"""What a converter raises for a value of another type or form."""


def _first_wrong(cls: type, doc: dict[str, Any]) -> DocumentError:
    """The first field of ``doc`` that its converter refuses, looked for field by field
    only once decoding failed, so the fast path stays one expression per field."""
    for name, convert, _default in _decoders(cls):
        if name in doc:
            try:
                convert(doc[name])
            except _WRONG:
                return DocumentError(name, doc[name])
    return DocumentError("id")


class MissingFieldError(DocumentError, KeyError):
    """A required field is not in the document."""

    def __str__(self) -> str:
        return str(self.args[0])


def _missing(class_name: str, name: str) -> Any:
    error = MissingFieldError(name, missing=True)
    error.args = (f"{class_name} document has no '{name}'",)
    raise error


@frozen
class _Factory:
    """A field's default_factory, called for each document so no default is shared."""

    make: Callable[[], Any]


def _default(field: dataclasses.Field[Any]) -> Any:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return _Factory(field.default_factory)
    return _MISSING


def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A converter that returns the field's value or raises for a value of another type."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _decoder(next(a for a in typing.get_args(hint) if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        item = _decoder(typing.get_args(hint)[0])
        return lambda value: tuple(item(v) for v in _a_list(value))
    if isinstance(hint, type) and issubclass(hint, Enum):
        return {member.value: member for member in hint}.__getitem__
    return _SCALARS.get(hint, _same)


def _utc_datetime(value: str) -> datetime:
    """Stored times come back in UTC: comparisons between them are then cheap. A time
    without its offset is refused: it could be any of 24 hours."""
    moment = datetime.fromisoformat(_a_string(value))
    if moment.tzinfo is None:
        raise ValueError(value)
    return moment if moment.tzinfo is UTC else moment.astimezone(UTC)


def _a_date(value: Any) -> date:
    return date.fromisoformat(_a_string(value))


def _a_string(value: Any) -> str:
    if type(value) is not str:
        raise TypeError(value)
    return value


def _an_int(value: Any) -> int:
    if type(value) is not int:
        raise TypeError(value)
    return value


def _a_bool(value: Any) -> bool:
    if type(value) is not bool:
        raise TypeError(value)
    return value


def _a_float(value: Any) -> float:
    if type(value) not in (int, float) or not math.isfinite(value):
        raise TypeError(value)
    return float(value)


def _a_list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError(value)
    return value


def _same(value: Any) -> Any:
    return value


_SCALARS: dict[Any, Callable[[Any], Any]] = {
    str: _a_string,
    int: _an_int,
    bool: _a_bool,
    float: _a_float,
    datetime: _utc_datetime,
    date: _a_date,
}
