"""The editable fields of each list on the Foundation and Strategy screens (a table of
data; the rules that parse and check the values are in ``entry_rules``).

Forms are built from these descriptions, so every list is edited the same way and every
value is checked in one place.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from .frozen import frozen
from .i18n import N_
from .model import (
    Activity,
    ChangeAction,
    Channel,
    Decision,
    Goal,
    HandCount,
    KpiValue,
    Labelled,
    OnlineBehaviour,
    Persona,
    Pillar,
    Plan,
    Result,
    SetupArea,
    SetupTask,
    SocialActivity,
    Stage,
    Stakeholder,
    SupportLevel,
    TeamMember,
)


class FieldKind(StrEnum):
    TEXT = "text"
    OWNER = "owner"
    """A name, offered from the project team as it is typed; a new name is fine too."""
    LONG_TEXT = N_("long text")
    LINES = "lines"
    """A tuple of short texts, one per line."""
    URL = N_("web address")
    INT = N_("whole number")
    NUMBER = "number"
    AMOUNT = "amount"
    """A number from 0 up, 0 when left empty: money, hours."""
    DATE = "date"
    BOOL = "yes/no"
    CHOICE = "choice"
    """One member of the field's enum."""
    PERSONA = "persona"
    CHANNEL = "channel"
    ITEM = "post"
    """One of the plan's content items, or none."""
    CHANNELS = "channels"
    STAGES = "stages"
    KPI = "KPI"
    """One of the KPIs Measure computes (``kpi.MEASURED_KPIS``), or a custom one."""
    CUSTOM_GOAL = N_("objective with a custom KPI")
    """One of the plan's goals whose KPI is typed in by hand."""


@frozen
class EntryField:
    name: str
    label: str
    kind: FieldKind = FieldKind.TEXT
    required: bool = False
    choices: type[Labelled] | None = None
    hint: str = ""
    """Shown in an empty field; a whole number field with a hint shows 0 as empty."""


def _text(name: str, label: str, *, required: bool = False) -> EntryField:
    return EntryField(name, label, FieldKind.TEXT, required)


def _long(name: str, label: str) -> EntryField:
    return EntryField(name, label, FieldKind.LONG_TEXT)


def _lines(name: str, label: str) -> EntryField:
    return EntryField(name, label, FieldKind.LINES)


PLAN_SECTIONS: dict[str, tuple[EntryField, ...]] = {
    "inputs": (
        _text("name", N_("Plan name"), required=True),
        _long("business_strategy", N_("Business strategy")),
        _long("marketing_strategy", N_("Marketing strategy")),
    ),
    "problem": (
        _long("problem_statement", N_("Problem statement")),
        _lines("points_of_attention", N_("Points of attention")),
    ),
    "frameworks": (
        _long("tone", N_("Tone of voice")),
        _lines("dos", N_("Do's")),
        _lines("donts", N_("Don'ts")),
        EntryField("budget", N_("Budget per iteration"), FieldKind.NUMBER),
        EntryField("hours_per_week", N_("Hours per week"), FieldKind.NUMBER),
    ),
    "culture": (_long("culture_notes", N_("Culture notes")),),
    "settings": (
        _text("timezone", N_("Time zone"), required=True),
        EntryField("ratio_content", N_("Content posts"), FieldKind.INT),
        EntryField("ratio_promotion", N_("to promotion posts"), FieldKind.INT),
        EntryField("min_cta_percent", N_("Calls to action, at least (%)"), FieldKind.INT),
        EntryField("window_days", N_("Panel window (days)"), FieldKind.INT),
        EntryField("iteration_days", N_("Iteration length (days)"), FieldKind.INT),
        _text("currency", N_("Currency"), required=True),
    ),
}
"""The plan's prose, in the sections the Foundation and Strategy screens edit one at a time."""

CHANNEL_CHOICE = (
    _text("name", N_("Channel"), required=True),
    EntryField("planned_per_week", N_("Posts per week"), FieldKind.INT),
    EntryField("planned_per_month", N_("or posts per month"), FieldKind.INT),
    _text("reason", N_("Why this channel")),
)
MEDIA_PLAN = (
    _text("role", N_("Role")),
    _text("audience", N_("Audience")),
    _text("formats", N_("Formats")),
    EntryField("planned_per_week", N_("Posts per week"), FieldKind.INT),
    EntryField("owner", N_("Owner"), FieldKind.OWNER),
    EntryField(
        "char_limit",
        N_("Length limit"),
        FieldKind.INT,
        hint=N_("characters per post; empty: the platform's own"),
    ),
)
ACCOUNT = (
    _text("handle", N_("Account handle")),
    EntryField("url", N_("Account URL"), FieldKind.URL),
)
"""A channel's three sides: why it was chosen (channel selection), how it is used (media
plan) and the company's account on it (set-up)."""


FIELDS: dict[type, tuple[EntryField, ...]] = {
    Stakeholder: (
        _text("name", N_("Name"), required=True),
        _text("role", N_("Role")),
        _text("department", N_("Department")),
        EntryField("support", N_("Support"), FieldKind.CHOICE, choices=SupportLevel),
        EntryField("influence", N_("Influence"), FieldKind.CHOICE, choices=Activity),
        _text("next_action", N_("Next action")),
    ),
    ChangeAction: (
        _text("title", N_("Action"), required=True),
        EntryField("owner", N_("Owner"), FieldKind.OWNER),
        EntryField("due", N_("Due"), FieldKind.DATE),
        EntryField("done", N_("Done"), FieldKind.BOOL),
    ),
    TeamMember: (_text("name", N_("Name"), required=True), _text("role", N_("Role"))),
    Persona: (
        _text("name", N_("Name"), required=True),
        _text("role", N_("Role")),
        _long("goals", N_("Goals")),
        _long("pain_points", N_("Pain points")),
        _long("objections", N_("Objections")),
        _long("triggers", N_("Triggers")),
        _text("preferred_formats", N_("Preferred formats")),
        _long("content_habits", N_("Content habits")),
    ),
    Goal: (
        _text("title", N_("Objective"), required=True),
        EntryField("kpi", "KPI", FieldKind.KPI),
        EntryField("target", N_("Target value"), FieldKind.NUMBER),
        _text("unit", N_("Unit")),
        EntryField("deadline", N_("Deadline"), FieldKind.DATE),
        EntryField("channels", N_("Channels"), FieldKind.CHANNELS),
        EntryField("hand_count", N_("Custom KPI"), FieldKind.CHOICE, choices=HandCount),
    ),
    KpiValue: (
        EntryField("goal", N_("Objective"), FieldKind.CUSTOM_GOAL, required=True),
        EntryField("period_start", N_("From"), FieldKind.DATE, required=True),
        EntryField("period_end", N_("To"), FieldKind.DATE, required=True),
        EntryField("figure", N_("Value"), FieldKind.NUMBER, required=True),
    ),
    OnlineBehaviour: (
        EntryField("persona", N_("Persona"), FieldKind.PERSONA, required=True),
        EntryField("channel", N_("Channel"), FieldKind.CHANNEL, required=True),
        EntryField("present", N_("Present"), FieldKind.BOOL),
        EntryField("activity", N_("How active"), FieldKind.CHOICE, choices=Activity),
        _text("when", N_("When")),
    ),
    Channel: (
        *CHANNEL_CHOICE,
        *(f for f in MEDIA_PLAN if f.name not in ("planned_per_week", "planned_per_month")),
        *ACCOUNT,
    ),
    SetupTask: (
        EntryField("channel", N_("Channel"), FieldKind.CHANNEL, required=True),
        EntryField("area", N_("Area"), FieldKind.CHOICE, choices=SetupArea),
        _text("title", N_("Task"), required=True),
        EntryField("owner", N_("Owner"), FieldKind.OWNER),
        EntryField("due", N_("Due"), FieldKind.DATE),
        EntryField("done", N_("Done"), FieldKind.BOOL),
        _lines("entries", N_("List (one per line)")),
    ),
    Result: (
        EntryField("period_start", N_("From"), FieldKind.DATE, required=True),
        EntryField("period_end", N_("To"), FieldKind.DATE, required=True),
        EntryField("channel", N_("Channel"), FieldKind.CHANNEL, required=True),
        EntryField("item", N_("Post"), FieldKind.ITEM),
        *(
            EntryField(name, label, FieldKind.INT)
            for name, label in (
                ("reach", N_("Reach")),
                ("impressions", N_("Impressions")),
                ("engagements", N_("Engagements")),
                ("clicks", N_("Clicks")),
                ("conversions", N_("Conversions")),
                ("followers_start", N_("Followers at start")),
                ("followers_end", N_("Followers at end")),
            )
        ),
        *(
            EntryField(name, label, FieldKind.AMOUNT)
            for name, label in (
                ("ad_spend", N_("Ad spend")),
                ("tool_cost", N_("Tool cost")),
                ("hours", N_("Hours")),
                ("hourly_rate", N_("Hourly rate")),
                ("value", N_("Value")),
            )
        ),
    ),
    Decision: (
        _text("text", N_("Decision"), required=True),
        EntryField("done", N_("Acted upon"), FieldKind.BOOL),
    ),
    Stage: (
        _text("name", N_("Stage"), required=True),
        EntryField("order", N_("Order"), FieldKind.INT),
        _text("description", N_("About")),
        _text("formats", N_("Formats")),
    ),
    Pillar: (
        _text("name", N_("Pillar"), required=True),
        _text("description", N_("About")),
        EntryField("stages", N_("Journey stages"), FieldKind.STAGES),
    ),
    SocialActivity: (
        _text("name", N_("Activity"), required=True),
        _text("description", N_("About")),
        EntryField("connects_to", N_("Connects to"), FieldKind.LINES),
        EntryField("channels", N_("Channels"), FieldKind.CHANNELS),
    ),
    Plan: tuple(field for fields in PLAN_SECTIONS.values() for field in fields),
}
"""The editable fields of each kind of entry, in form order."""

NEW_ENTRIES: dict[type, Any] = {
    Stakeholder: Stakeholder(""),
    ChangeAction: ChangeAction(""),
    TeamMember: TeamMember(""),
    Persona: Persona(""),
    Goal: Goal(""),
    OnlineBehaviour: OnlineBehaviour(0, 0),
    Channel: Channel(""),
    Stage: Stage(""),
    Pillar: Pillar(""),
    SocialActivity: SocialActivity(""),
    SetupTask: SetupTask(0, ""),
    Result: Result(date.min, date.min),
    KpiValue: KpiValue(0, date.min, date.min),
    Decision: Decision(0, ""),
}
"""A blank entry of each kind, for 'add'."""
