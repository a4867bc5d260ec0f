"""A plan as a raw TinyDB document: encoding, decoding with every entry checked, the
schema version and the migrations from older versions. The file store and every import
go through here, so a plan is read and checked one way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from socialplan import __version__
from socialplan.core.codec import DocumentError, decoder, to_doc
from socialplan.core.i18n import _
from socialplan.core.integrity import MAX_COUNT, first_problem
from socialplan.core.model import ENTITY_TYPES, Plan
from socialplan.core.plan_data import PlanData

from .backups import list_backups
from .collector import paused_collector
from .errors import UnreadablePlanError
from .table import LAST_IDS, META_TABLE, high_water_marks, highest_ids

SCHEMA_VERSION = 2

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _split_result_cost(document: dict[str, Any]) -> dict[str, Any]:
    """Version 2 splits a result's one ``cost`` into ad spend, tool cost and hours × rate;
    an old cost becomes ad spend, so every ROI stays the same."""
    results = document.get("results")
    for result in results.values() if isinstance(results, dict) else ():
        if isinstance(result, dict) and "cost" in result:
            result["ad_spend"] = result.pop("cost")
    return document


MIGRATIONS: dict[int, Migration] = {1: _split_result_cost}
"""``MIGRATIONS[n]`` turns a raw version-n document into version n+1."""


def brought_up_to_date(path: Path, document: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The document in this version's schema, and whether it had to be migrated; a
    document of no or a newer version is refused (``UnreadablePlanError``)."""
    version = schema_version(path, document)
    if version == SCHEMA_VERSION:
        return document, False
    return migrate(document, version), True


def migrate(document: dict[str, Any], version: int) -> dict[str, Any]:
    """Apply each migration from ``version`` up to ``SCHEMA_VERSION``."""
    for step in range(version, SCHEMA_VERSION):
        document = MIGRATIONS[step](document)
    document[META_TABLE] = _meta_table(highest_ids(document, high_water_marks(document)))
    return document


def encode_plan(plan_data: PlanData, marks: dict[str, int] | None = None) -> dict[str, Any]:
    """A whole plan as the raw TinyDB document (tables of str(id) → doc), recording the
    highest id of each table (or of ``marks``, ids an earlier version handed out)."""
    document: dict[str, Any] = {Plan.TABLE: {"1": to_doc(plan_data.plan)}}
    for entity_type in ENTITY_TYPES:
        if entity_type is Plan:
            continue
        entities = getattr(plan_data, entity_type.TABLE)
        document[entity_type.TABLE] = {str(e.id): to_doc(e) for e in entities}
    document[META_TABLE] = _meta_table(highest_ids(document, marks or {}))
    return document


def decode_plan(document: dict[str, Any], path: Path) -> PlanData:
    """The plan in a raw document, every entry checked for its types and values: the one
    way into socialplan for a file, an import, a backup or a reload. Anything wrong is
    refused as a whole with ``UnreadablePlanError`` naming the entry and field."""
    try:
        with paused_collector():
            plan_data = _decoded(document)
    except _EntryError as error:
        raise UnreadablePlanError(path, str(error), list_backups(path)) from None
    problem = first_problem(plan_data)
    if problem is not None:
        raise UnreadablePlanError(path, str(problem), list_backups(path))
    return plan_data


class _EntryError(ValueError):
    """What is wrong with one entry of a document, in words."""


def _decoded(document: dict[str, Any]) -> PlanData:
    _check_marks(document)
    plans = _entries(document, Plan)
    if not plans:
        raise _EntryError(_("the file holds no plan"))
    tables: dict[str, tuple[Any, ...]] = {}
    for entity_type in ENTITY_TYPES:
        if entity_type is not Plan:
            tables[entity_type.TABLE] = _entries(document, entity_type)
    return PlanData(plan=plans[0], **tables)


def _entries(document: dict[str, Any], entity_type: type) -> tuple[Any, ...]:
    """A table's entities by id, each decoded and type-checked."""
    table_name = entity_type.TABLE  # type: ignore[attr-defined]
    raw_table = document.get(table_name) or {}
    if not isinstance(raw_table, dict):
        raise _EntryError(_("the table '{table}' is not an object").format(table=table_name))
    entries: list[Any] = []
    decode: Callable[[dict[str, Any], int], Any] = decoder(entity_type, len(raw_table))
    for key, doc in raw_table.items():
        doc_id = _entry_id(key)
        if doc_id is None:
            raise _EntryError(
                _("{where} has no whole-number id").format(where=_where(table_name, key))
            )
        if not isinstance(doc, dict):
            raise _EntryError(_("{where} is not an object").format(where=_where(table_name, key)))
        try:
            entries.append(decode(doc, doc_id))
        except DocumentError as error:
            raise _EntryError(_entry_problem(_where(table_name, key), error)) from None
    return tuple(sorted(entries, key=lambda entity: entity.id))


def _where(table_name: str, key: str) -> str:
    """An entry as a message names it (only when something is wrong: 100,000 of these
    cost a fifth of a second)."""
    return _("{table} entry {key!r}").format(table=table_name, key=key)


def _entry_id(key: str) -> int | None:
    """A stored id: digits only, from 1 up to ``MAX_COUNT``."""
    if not (key.isascii() and key.isdigit()) or len(key) > 13:
        return None
    doc_id = int(key)
    return doc_id if 1 <= doc_id <= MAX_COUNT else None


def _entry_problem(where: str, error: DocumentError) -> str:
    if error.missing:
        return _("{where} has no '{field}'").format(where=where, field=error.field)
    return _("{where}: field '{field}' has a wrong value {value}").format(
        where=where, field=error.field, value=_shown(error.value)
    )


def _shown(value: Any) -> str:
    """A wrong value as it stands in the file, shortened: it may be anything."""
    text = orjson.dumps(value).decode() if _dumpable(value) else repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _dumpable(value: Any) -> bool:
    try:
        orjson.dumps(value)
    except TypeError:
        return False
    return True


def _check_marks(document: dict[str, Any]) -> None:
    marks = high_water_marks(document)
    for table, mark in marks.items():
        if type(mark) is not int or not 0 <= mark <= MAX_COUNT:
            raise _EntryError(
                _("the highest id of '{table}' is not a whole number: {mark}").format(
                    table=table, mark=_shown(mark)
                )
            )


def _meta_table(marks: dict[str, int]) -> dict[str, Any]:
    entry = {"schema_version": SCHEMA_VERSION, "written_by": f"socialplan {__version__}"}
    return {"1": {**entry, LAST_IDS: dict(sorted(marks.items()))}}


def schema_version(path: Path, document: dict[str, Any]) -> int:
    meta = document.get(META_TABLE) or {}
    entry: Any = next(iter(meta.values()), {}) if meta else {}
    version = entry.get("schema_version") if isinstance(entry, dict) else None
    if type(version) is not int or version < 1:
        raise UnreadablePlanError(
            path,
            _("it is a TinyDB file but not a socialplan plan (no schema version)"),
            list_backups(path),
        )
    if version > SCHEMA_VERSION:
        raise UnreadablePlanError(
            path,
            _(
                "it was written by a newer socialplan (schema {version}; this version "
                "reads up to {SCHEMA_VERSION}); upgrade socialplan to open it"
            ).format(version=version, SCHEMA_VERSION=SCHEMA_VERSION),
            list_backups(path),
        )
    return version
