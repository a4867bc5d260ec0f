"""A whole plan as one JSON document, and back: for backups, version control and moving a
plan between machines.

The document is the store's own (one object per table, entries by id, the schema version
in ``meta``), written with sorted keys and indentation so that a change to one entry is a
small diff. Reading one checks every entry's fields against the model, so a hand-edited
or foreign file is refused with the entry and field named, and nothing is written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import orjson

from socialplan.core.i18n import _
from socialplan.core.model import ENTITY_TYPES
from socialplan.core.plan_data import PlanData
from socialplan.core.validation import without_controls

from .errors import StoreError, UnreadablePlanError
from .files import read_regular_file
from .plan_document import brought_up_to_date, decode_plan, encode_plan
from .storage import MAX_PLAN_BYTES


class PlanJSONError(StoreError):
    """The file is not a plan this version can import; says what and where."""

    def __init__(self, source: Path, problem: str) -> None:
        super().__init__(
            _("Cannot import {source}: {problem}. Nothing was written.").format(
                source=source, problem=problem
            )
        )


def plan_json(plan_data: PlanData) -> bytes:
    return escaped_c1(
        orjson.dumps(encode_plan(plan_data), option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    )


_C1_IN_UTF8 = re.compile(rb"\xc2([\x80-\x9f])")


def escaped_c1(payload: bytes) -> bytes:
    """JSON with the C1 control characters written as ``\\u0080``…``\\u009f``: JSON
    writers escape C0 only, and a raw U+009B is a CSI to some terminals. The same JSON,
    read back, holds the same text."""
    return _C1_IN_UTF8.sub(lambda match: b"\\u00%02x" % match[1][0], payload)


def read_plan_json(source: Path) -> PlanData:
    try:
        raw = read_regular_file(source, MAX_PLAN_BYTES)
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
        document, _migrated = brought_up_to_date(source, document)
    except UnreadablePlanError as error:
        raise PlanJSONError(source, error.reason) from None
    try:
        decode_plan(document, source)
        for entity_type in ENTITY_TYPES:
            for doc in (document.get(entity_type.TABLE) or {}).values():
                _clean_entry(doc)
        return decode_plan(document, source)
    except UnreadablePlanError as error:
        raise PlanJSONError(source, error.reason) from None


def _clean_entry(doc: Any) -> None:
    """An entry's text without control characters, in place, so no escape sequence from
    a foreign file arrives on a screen or in an export. Types and values are checked
    where every plan is (``decode_plan``)."""
    if not isinstance(doc, dict):
        return
    for name, value in doc.items():
        if isinstance(value, str):
            doc[name] = without_controls(value)
        elif isinstance(value, list):
            doc[name] = [without_controls(v) if isinstance(v, str) else v for v in value]
