"""Who did what to a plan: one ``Change`` per entry added, changed or deleted.

The PostgreSQL store records them itself (a trigger, with the database login, so no
client can write another name); the file store keeps them beside the plan, with the
operating system's user. The Activity view lists them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum

from .frozen import frozen
from .i18n import N_, _


class Action(StrEnum):
    ADD = "add"
    EDIT = "edit"
    DELETE = "delete"

    @property
    def label(self) -> str:
        return _(_ACTION_WORDS[self])


_ACTION_WORDS = {Action.ADD: N_("added"), Action.EDIT: N_("changed"), Action.DELETE: N_("deleted")}

KIND_WORDS = {
    "plan": N_("plan"),
    "stakeholders": N_("stakeholder"),
    "change_actions": N_("change action"),
    "team": N_("team member"),
    "channels": N_("channel"),
    "stages": N_("journey stage"),
    "personas": N_("persona"),
    "behaviour": N_("online behaviour"),
    "goals": N_("goal"),
    "kpi_values": N_("KPI value"),
    "pillars": N_("content pillar"),
    "activities": N_("activity"),
    "items": N_("post"),
    "setup_tasks": N_("set-up task"),
    "results": N_("result"),
    "iterations": N_("iteration"),
    "decisions": N_("decision"),
}
"""Every entity table by the word for one of its entries (a test keeps it complete)."""


@frozen
class Change:
    """One entry of a plan's activity log: who changed which entry, how and when."""

    at: datetime
    who: str
    action: Action
    kind: str
    """The entity's table (``ContentItem.TABLE``...)."""
    entry_id: int
    summary: str
    """The entry's title or name, as it was."""
    fields: tuple[str, ...] = ()
    """For a change: the fields it changed."""
    when: datetime | None = None
    """For a post: when it was scheduled (a deleted post's, for the calendar feed)."""
    channel: int | None = None
    """For a post: its channel."""

    @property
    def kind_label(self) -> str:
        word = KIND_WORDS.get(self.kind)
        return _(word) if word else self.kind

    @property
    def fields_label(self) -> str:
        return ", ".join(name.replace("_", " ") for name in self.fields)


def changed_fields(before: Mapping[str, object], after: Mapping[str, object]) -> tuple[str, ...]:
    """The keys in which two stored documents differ (when a post was saved aside)."""
    keys = sorted(set(before) | set(after))
    return tuple(k for k in keys if k != "modified_at" and before.get(k) != after.get(k))


def post_facts(document: Mapping[str, object]) -> tuple[datetime | None, int | None]:
    """When a stored post was scheduled, and on which channel (None where it says none,
    or says it in a form the plan's check would refuse)."""
    moment, channel = document.get("scheduled_at"), document.get("channel")
    try:
        when = datetime.fromisoformat(moment) if isinstance(moment, str) else None
    except ValueError:
        when = None
    if when is not None and when.tzinfo is None:
        when = None
    return when, channel if type(channel) is int else None


def summary_of(document: Mapping[str, object]) -> str:
    """What an entry is called in the activity: its title or name, shortened."""
    name = document.get("title") or document.get("name") or ""
    return str(name)[:200]
