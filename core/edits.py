"""The in-memory side of an edit: a plan snapshot with entities added, replaced or removed,
and the record of an edit that lets the user take it back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from .model import Plan, PlanData


def with_changes(data: PlanData, saved: Sequence[Any], removed: Sequence[Any]) -> PlanData:
    """``data`` with many entities saved and removed, one pass per table they touch."""
    changes: dict[str, Any] = {}
    for table in {e.TABLE for e in (*saved, *removed)} - {Plan.TABLE}:
        gone = {e.id for e in removed if table == e.TABLE}
        by_id = {e.id: e for e in saved if table == e.TABLE}
        current: tuple[Any, ...] = getattr(data, table)
        kept = [by_id.pop(e.id, e) for e in current if e.id not in gone]
        changes[table] = (*kept, *by_id.values())
    plans = [e for e in saved if isinstance(e, Plan)]
    if plans:
        changes["plan"] = plans[-1]
    return replace(data, **changes)


@dataclass(frozen=True, slots=True)
class Edit:
    """One user edit, recorded as what it changed, so that it can be taken back."""

    label: str
    before: tuple[Any, ...] = ()
    """The entities it updated or deleted, as they were."""
    created: tuple[Any, ...] = ()
    """The entities it added."""


def describe(entity: Any) -> str:
    """A short name for an entity in messages: its title or name."""
    name = getattr(entity, "title", None) or getattr(entity, "name", None) or "entry"
    return f"'{name}'"
