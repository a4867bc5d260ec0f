"""A plan snapshot with one entity added, replaced or removed: the in-memory side of an edit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from .model import ContentItem, Plan, PlanData


def with_entity(data: PlanData, entity: Any) -> PlanData:
    """``data`` with ``entity`` replacing the one with its id, or appended if it is new."""
    if isinstance(entity, Plan):
        return replace(data, plan=entity)
    current: tuple[Any, ...] = getattr(data, entity.TABLE)
    if any(e.id == entity.id for e in current):
        updated = tuple(entity if e.id == entity.id else e for e in current)
    else:
        updated = (*current, entity)
    return replace(data, **{entity.TABLE: updated})


def without_entity(data: PlanData, entity: Any) -> PlanData:
    current: tuple[Any, ...] = getattr(data, entity.TABLE)
    return replace(data, **{entity.TABLE: tuple(e for e in current if e.id != entity.id)})


def with_changes(
    data: PlanData, saved: Sequence[ContentItem], removed: Sequence[ContentItem]
) -> PlanData:
    """``data`` with many items saved and removed in one pass over the plan's items."""
    gone = {i.id for i in removed}
    by_id = {i.id: i for i in saved}
    items = [by_id.pop(i.id, i) for i in data.items if i.id not in gone]
    return replace(data, items=(*items, *by_id.values()))
