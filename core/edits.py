"""A plan snapshot with one entity added, replaced or removed: the in-memory side of an edit."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .model import Plan, PlanData


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
