"""A whole plan as one JSON document, and back: for backups, version control and moving a
plan between machines.

The document is the store's own (one object per table, entries by id, the schema version
in ``meta``), written with sorted keys and indentation so that a change to one entry is a
small diff. Reading one checks every entry's fields against the model, so a hand-edited
or foreign file is refused with the entry and field named, and nothing is written.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from socialplan.core.i18n import _
from socialplan.core.model import ENTITY_TYPES, PlanData
from socialplan.core.validation import without_controls

from .errors import StoreError, UnreadablePlanError
from .store import decode_plan, encode_plan, migrate, schema_version


class PlanJSONError(StoreError):
    """The file is not a plan this version can import; says what and where."""

    def __init__(self, source: Path, problem: str) -> None:
        super().__init__(
            _("Cannot import {source}: {problem}. Nothing was written.").format(
                source=source, problem=problem
            )
        )


def plan_json(data: PlanData) -> bytes:
    return orjson.dumps(encode_plan(data), option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)


def read_plan_json(source: Path) -> PlanData:
    try:
        raw = source.read_bytes()
    except OSError as error:
        raise PlanJSONError(source, error.strerror or str(error)) from None
    return parse_plan_json(raw, source)


def parse_plan_json(raw: bytes, source: Path) -> PlanData:
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise PlanJSONError(
            source, _("it is not valid JSON ({error})").format(error=error)
        ) from None
    if not isinstance(document, dict) or not all(isinstance(t, dict) for t in document.values()):
        raise PlanJSONError(source, _("it is JSON, but not a socialplan plan export"))
    try:
        version = schema_version(source, document)
    except UnreadablePlanError as error:
        raise PlanJSONError(source, error.reason) from None
    for entity_type in ENTITY_TYPES:
        for doc_id, doc in (document.get(entity_type.TABLE) or {}).items():
            _check_entry(source, entity_type, doc_id, doc)
    document = migrate(document, version)
    try:
        return decode_plan(document, source)
    except UnreadablePlanError as error:
        raise PlanJSONError(source, error.reason) from None
    except (TypeError, ValueError) as error:
        raise PlanJSONError(
            source, _("an entry cannot be read ({error})").format(error=error)
        ) from None


def _check_entry(source: Path, entity_type: type, doc_id: str, doc: Any) -> None:
    """Every field of one entry has the model's type; its text is cleaned of control
    characters in place, so no escape sequence arrives on a screen or in an export."""
    where = _("{TABLE} entry {doc_id!r}").format(TABLE=entity_type.TABLE, doc_id=doc_id)
    if not doc_id.isascii() or not doc_id.isdigit() or int(doc_id) < 1:
        raise PlanJSONError(source, _("{where} has no whole-number id").format(where=where))
    if not isinstance(doc, dict):
        raise PlanJSONError(source, _("{where} is not an object").format(where=where))
    for name, expected in _field_types(entity_type).items():
        if name in doc and not _fits(doc[name], expected):
            raise PlanJSONError(
                source,
                _("{where}: field '{name}' has a wrong value {doc!r}").format(
                    where=where, name=name, doc=doc[name]
                ),
            )
        if isinstance(doc.get(name), str):
            doc[name] = without_controls(doc[name])
        elif isinstance(doc.get(name), list):
            doc[name] = [without_controls(v) if isinstance(v, str) else v for v in doc[name]]


@cache
def _field_types(entity_type: type) -> dict[str, Any]:
    hints = typing.get_type_hints(entity_type)
    return {f.name: hints[f.name] for f in dataclasses.fields(entity_type) if f.name != "id"}


def _fits(value: Any, expected: Any) -> bool:
    """Whether a JSON value can stand for a field of type ``expected``."""
    origin = typing.get_origin(expected)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, option) for option in typing.get_args(expected))
    if expected is type(None):
        return value is None
    if origin is tuple:
        (item_type, *_) = typing.get_args(expected)
        return isinstance(value, list) and all(_fits(v, item_type) for v in value)
    if isinstance(expected, type) and issubclass(expected, Enum):
        return value in {member.value for member in expected}
    if expected is bool:
        return isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected in (datetime, date):
        return isinstance(value, str) and _parses(expected, value)
    if expected is str:
        return isinstance(value, str)
    return True


def _parses(expected: type, value: str) -> bool:
    """An ISO date, or an ISO date and time with its offset (stored times are UTC)."""
    try:
        parsed = expected.fromisoformat(value)  # type: ignore[attr-defined]
    except ValueError:
        return False
    return expected is date or parsed.tzinfo is not None
