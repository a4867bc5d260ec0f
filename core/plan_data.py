"""A whole plan at one moment: every entity of it, as loaded from the store, with the
lookups the interface makes on every key press built once per version."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .model import (
    ChangeAction,
    Channel,
    ContentItem,
    Decision,
    Goal,
    Iteration,
    KpiValue,
    OnlineBehaviour,
    Persona,
    Pillar,
    Plan,
    Result,
    SetupTask,
    SocialActivity,
    Stage,
    Stakeholder,
    TeamMember,
)


@dataclass(frozen=True, slots=True)
class Derivation:
    """How a snapshot came from an earlier one by an edit, so that what is drawn from the
    earlier one (the board) can be brought up to date instead of built again."""

    base: weakref.ref[PlanData]
    """The snapshot it was made from; weak, so that no chain of old versions is kept."""
    saved: tuple[Any, ...]
    """The entities added or replaced, as they are now."""
    before: tuple[Any, ...]
    """The entities replaced or removed, as they were in ``base``."""


@dataclass(frozen=True)
class PlanData:
    """A consistent snapshot of a whole plan, as loaded from the store.

    No slots: ``cached_property`` lookups need an instance ``__dict__``.
    """

    plan: Plan
    stakeholders: tuple[Stakeholder, ...] = ()
    change_actions: tuple[ChangeAction, ...] = ()
    team: tuple[TeamMember, ...] = ()
    channels: tuple[Channel, ...] = ()
    stages: tuple[Stage, ...] = ()
    personas: tuple[Persona, ...] = ()
    behaviour: tuple[OnlineBehaviour, ...] = ()
    goals: tuple[Goal, ...] = ()
    pillars: tuple[Pillar, ...] = ()
    activities: tuple[SocialActivity, ...] = ()
    items: tuple[ContentItem, ...] = ()
    setup_tasks: tuple[SetupTask, ...] = ()
    results: tuple[Result, ...] = ()
    kpi_values: tuple[KpiValue, ...] = ()
    iterations: tuple[Iteration, ...] = ()
    decisions: tuple[Decision, ...] = ()
    derivation: Derivation | None = field(default=None, init=False, compare=False, repr=False)
    """Set by ``edits.with_changes`` alone; never copied by ``replace``, which makes a
    snapshot that is not derived from anything."""

    @cached_property
    def _channel_names(self) -> dict[int, str]:
        return {c.id: c.name for c in self.channels}

    def channel_name(self, channel_id: int | None) -> str:
        return self._channel_names.get(channel_id or 0, "?")

    @cached_property
    def _channels_by_id(self) -> dict[int, Channel]:
        return {c.id: c for c in self.channels}

    def channel(self, channel_id: int) -> Channel | None:
        return self._channels_by_id.get(channel_id)

    def channel_named(self, name: str) -> Channel | None:
        """The channel a user names, whatever the case and the spaces around it."""
        wanted = name.strip().casefold()
        return next((c for c in self.channels if c.name.strip().casefold() == wanted), None)

    @cached_property
    def _items_by_id(self) -> dict[int, ContentItem]:
        return {i.id: i for i in self.items}

    def item(self, item_id: int | None) -> ContentItem | None:
        """A post by id: built once per plan version, so a key press does not scan them all."""
        return self._items_by_id.get(item_id or 0)

    def stage_name(self, stage_id: int) -> str:
        return next((s.name for s in self.stages if s.id == stage_id), "?")

    def pillar_name(self, pillar_id: int | None) -> str:
        return next((p.name for p in self.pillars if p.id == pillar_id), "")

    def ordered_stages(self) -> tuple[Stage, ...]:
        return tuple(sorted(self.stages, key=lambda s: (s.order, s.id)))

    def current_iteration(self) -> Iteration | None:
        number = self.plan.current_iteration
        return next((i for i in self.iterations if i.number == number), None)
