"""Edits on their way to the store, and the ones the disk refused for now.

A screen's message becomes a ``Save`` or ``Delete`` request. When the disk is full,
read-only or locked by another process for too long, the request is held: the App shows
the plan as if it were saved (``Unsaved.shown``), tells the user, and tries the held
requests again, in order, until the disk takes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from socialplan.core.codec import from_doc, to_doc
from socialplan.core.edits import describe, with_changes
from socialplan.core.frozen import frozen
from socialplan.core.i18n import _
from socialplan.core.model import ENTITY_TYPES
from socialplan.core.plan_data import PlanData


@frozen
class Save:
    """Add (id 0) or update entities in one write, taken back by one undo."""

    entities: tuple[Any, ...]
    label: str = ""
    """What the edit does, for undo; empty: built from the one entity."""
    announce: str = ""
    """Told to the user once saved; empty: nothing (the screen shows the change)."""
    bases: tuple[Any, ...] = ()
    """The versions the changes were made to (see ``SaveEntity.base``)."""

    def base_for(self, entity: Any) -> Any | None:
        if not entity.id:
            return None
        return next((b for b in self.bases if b is not None and _same(b, entity)), None)

    def rebased(self, theirs: Any) -> Save:
        """This request made to ``theirs``: saving it overwrites that version."""
        others = tuple(b for b in self.bases if b is not None and not _same(b, theirs))
        return replace(self, bases=(*others, theirs))

    def entity_like(self, other: Any) -> Any:
        return next(e for e in self.entities if _same(e, other))

    def with_copy_of(self, entity: Any) -> Save:
        """This request with ``entity`` added as a new entry instead of updated."""
        entities = tuple(replace(e, id=0) if _same(e, entity) else e for e in self.entities)
        return replace(self, entities=entities)

    def describe(self) -> str:
        return self.label or _("save {describe}").format(describe=describe(self.entities[0]))


@frozen
class Delete:
    """Delete entities in one write, taken back by one undo."""

    entities: tuple[Any, ...]
    label: str = ""
    """What the edit does, for undo; empty: built from the first entity."""

    def entity_like(self, other: Any) -> Any:
        return next((e for e in self.entities if _same(e, other)), self.entities[0])

    def rebased(self, theirs: Any) -> Delete:
        entities = tuple(theirs if _same(e, theirs) else e for e in self.entities)
        return replace(self, entities=entities)

    def describe(self) -> str:
        return self.label or _("delete {describe}").format(describe=describe(self.entities[0]))


Request = Save | Delete


def is_provisional(entity: Any) -> bool:
    """Shown but not yet in the file: a held add gets a negative id until it is saved."""
    return getattr(entity, "id", 0) < 0


@dataclass
class Unsaved:
    """The requests the disk has refused so far, oldest first, and the plan as on disk."""

    on_disk: PlanData | None = None
    held: list[Request] = field(default_factory=list)
    problem: str = ""
    """Why the last attempt failed, as the store said it."""

    def __bool__(self) -> bool:
        return bool(self.held)

    def shown(self) -> PlanData:
        """The plan on disk with every held request applied, as the user expects to see it."""
        assert self.on_disk is not None
        plan_data = self.on_disk
        provisional_id = -1
        for request in self.held:
            if isinstance(request, Delete):
                plan_data = with_changes(plan_data, (), request.entities)
                continue
            saved = []
            for entity in request.entities:
                if not entity.id:
                    entity = replace(entity, id=provisional_id)
                    provisional_id -= 1
                saved.append(entity)
            plan_data = with_changes(plan_data, saved, ())
        return plan_data

    def take(self) -> list[Request]:
        """Hand over every held request for another attempt."""
        held, self.held = self.held, []
        return held


def _same(a: Any, b: Any) -> bool:
    return bool(a.TABLE == b.TABLE and a.id == b.id)


def to_record(request: Request) -> dict[str, Any]:
    """A request as plain data, for the recovery file (``from_record`` reads it back)."""
    if isinstance(request, Delete):
        return {
            "op": "delete",
            "label": request.label,
            "entities": [_entity_record(e) for e in request.entities],
        }
    return {
        "op": "save",
        "label": request.label,
        "announce": request.announce,
        "entities": [_entity_record(e) for e in request.entities],
        "bases": [_entity_record(b) for b in request.bases if b is not None],
    }


def from_record(record: dict[str, Any]) -> Request:
    """The request a record stands for; ``ValueError`` for one socialplan did not write."""
    if record.get("op") == "delete":
        if "entity" in record:  # written by a version that deleted one entity at a time
            return Delete((_entity(record["entity"]),))
        deleted = tuple(_entity(e) for e in _listed(record.get("entities")))
        if not deleted:
            raise ValueError("a delete of nothing")
        return Delete(deleted, _text(record.get("label", "")))
    if record.get("op") != "save":
        raise ValueError(record.get("op"))
    entities = tuple(_entity(e) for e in _listed(record.get("entities")))
    if not entities:
        raise ValueError("a save of nothing")
    return Save(
        entities,
        _text(record.get("label", "")),
        _text(record.get("announce", "")),
        tuple(_entity(b) for b in _listed(record.get("bases"))),
    )


_TYPES = {entity_type.TABLE: entity_type for entity_type in ENTITY_TYPES}


def _entity_record(entity: Any) -> dict[str, Any]:
    return {"table": entity.TABLE, "id": entity.id, "doc": to_doc(entity)}


def _entity(record: Any) -> Any:
    if not isinstance(record, dict) or record.get("table") not in _TYPES:
        raise ValueError(record)
    doc_id, doc = record.get("id"), record.get("doc")
    if type(doc_id) is not int or doc_id < 0 or not isinstance(doc, dict):
        raise ValueError(record)
    return from_doc(_TYPES[record["table"]], doc, doc_id)


def _listed(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(value)
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(value)
    return value
