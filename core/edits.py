"""The in-memory side of an edit: a plan snapshot with entities added, replaced or removed,
and the record of an edit that lets the user take it back."""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum
from typing import Any

from .i18n import N_, _
from .model import Labelled, Plan
from .plan_data import Derivation, PlanData


def with_changes(plan_data: PlanData, saved: Sequence[Any], removed: Sequence[Any]) -> PlanData:
    """``plan_data`` with many entities saved and removed, one pass per table they touch;
    the result records its ``Derivation`` from ``plan_data``."""
    changes: dict[str, Any] = {}
    before: list[Any] = []
    for table in {e.TABLE for e in (*saved, *removed)} - {Plan.TABLE}:
        gone = {e.id for e in removed if table == e.TABLE}
        by_id = {e.id: e for e in saved if table == e.TABLE}
        current: tuple[Any, ...] = getattr(plan_data, table)
        kept = []
        for entity in current:
            if entity.id in gone or entity.id in by_id:
                before.append(entity)
            if entity.id not in gone:
                kept.append(by_id.pop(entity.id, entity))
        changes[table] = (*kept, *by_id.values())
    plans = [e for e in saved if isinstance(e, Plan)]
    if plans:
        changes["plan"] = plans[-1]
        before.append(plan_data.plan)
    derived = replace(plan_data, **changes)
    derivation = Derivation(weakref.ref(plan_data), tuple(saved), tuple(before))
    object.__setattr__(derived, "derivation", derivation)  # frozen: set once, here
    return derived


@dataclass(frozen=True, slots=True)
class Edit:
    """One user edit, recorded as what it changed, so that it can be taken back."""

    label: str
    before: tuple[Any, ...] = ()
    """The entities it updated or deleted, as they were."""
    created: tuple[Any, ...] = ()
    """The entities it added."""
    after: tuple[Any, ...] = ()
    """The entities it updated, as it left them: taking the edit back is refused when
    another session changed one of them since."""

    def left(self, entity: Any) -> Any | None:
        """The version this edit left of ``entity`` (one it updated or added); None if
        the edit deleted it."""
        return next(
            (
                e
                for e in (*self.after, *self.created)
                if e.TABLE == entity.TABLE and e.id == entity.id
            ),
            None,
        )


def describe(entity: Any) -> str:
    """A short name for an entity in messages: its title or name."""
    name = getattr(entity, "title", None) or getattr(entity, "name", None) or _("entry")
    return f"'{name}'"


def differences(mine: Any, theirs: Any) -> list[tuple[str, str, str]]:
    """The fields in which two versions of one entity differ, as (field, mine, theirs)
    texts for showing a conflict."""
    rows = []
    for field in dataclasses.fields(mine):
        ours, other = getattr(mine, field.name), getattr(theirs, field.name)
        if field.name != "id" and ours != other:
            rows.append((field.name.replace("_", " "), shown(ours), shown(other)))
    return rows


def shown(value: Any) -> str:
    """A field's value as one line of text."""
    if value is None or value == "" or value == ():
        return "—"
    if isinstance(value, Labelled):
        return value.label
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M %Z").strip()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, tuple):
        return ", ".join(shown(v) for v in value)
    return " ".join(str(value).split())


def changes_between(old: PlanData, new: PlanData) -> str:
    """What differs between two versions of a plan, counted ("2 changed, 1 added");
    empty when nothing does."""
    added = changed = removed = 0
    for table in _tables(old):
        before = {e.id: e for e in _entities(old, table)}
        after = {e.id: e for e in _entities(new, table)}
        added += len(after.keys() - before.keys())
        removed += len(before.keys() - after.keys())
        changed += sum(1 for key in before.keys() & after.keys() if before[key] != after[key])
    counts = (
        (changed, N_("{count} changed")),
        (added, N_("{count} added")),
        (removed, N_("{count} removed")),
    )
    return ", ".join(_(what).format(count=count) for count, what in counts if count)


def _tables(plan_data: PlanData) -> list[str]:
    return [f.name for f in dataclasses.fields(plan_data) if f.init]


def _entities(plan_data: PlanData, table: str) -> tuple[Any, ...]:
    value = getattr(plan_data, table)
    return value if isinstance(value, tuple) else (value,)
