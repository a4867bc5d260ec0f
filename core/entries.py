"""The editable fields of each list on the Foundation and Strategy screens, how a typed
value becomes a field's value, and which entries may not be deleted.

Forms are built from these descriptions, so every list is edited the same way and every
value is checked in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum, StrEnum
from typing import Any

from .i18n import N_, _
from .model import (
    Activity,
    ChangeAction,
    Channel,
    Decision,
    Goal,
    Labelled,
    OnlineBehaviour,
    Persona,
    Pillar,
    Plan,
    PlanData,
    Result,
    SetupArea,
    SetupTask,
    SocialActivity,
    Stage,
    Stakeholder,
    SupportLevel,
    TeamMember,
)
from .validation import (
    MAX_TEXT,
    MAX_TITLE,
    InvalidInputError,
    Problem,
    clean_text,
    parse_date,
    validate_goal,
    validate_plan,
)


class FieldKind(StrEnum):
    TEXT = "text"
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


@dataclass(frozen=True, slots=True)
class EntryField:
    name: str
    label: str
    kind: FieldKind = FieldKind.TEXT
    required: bool = False
    choices: type[Labelled] | None = None


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
}
"""The plan's prose, in the sections the Foundation and Strategy screens edit one at a time."""

CHANNEL_CHOICE = (
    _text("name", N_("Channel"), required=True),
    EntryField("planned_per_week", N_("Posts per week"), FieldKind.INT),
    _text("reason", N_("Why this channel")),
)
MEDIA_PLAN = (
    _text("role", N_("Role")),
    _text("audience", N_("Audience")),
    _text("formats", N_("Formats")),
    EntryField("planned_per_week", N_("Posts per week"), FieldKind.INT),
    _text("owner", N_("Owner")),
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
        _text("owner", N_("Owner")),
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
        _text("kpi", "KPI"),
        EntryField("target", N_("Target value"), FieldKind.NUMBER),
        _text("unit", N_("Unit")),
        EntryField("deadline", N_("Deadline"), FieldKind.DATE),
        EntryField("channels", N_("Channels"), FieldKind.CHANNELS),
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
        *(f for f in MEDIA_PLAN if f.name != "planned_per_week"),
        *ACCOUNT,
    ),
    SetupTask: (
        EntryField("channel", N_("Channel"), FieldKind.CHANNEL, required=True),
        EntryField("area", N_("Area"), FieldKind.CHOICE, choices=SetupArea),
        _text("title", N_("Task"), required=True),
        _text("owner", N_("Owner")),
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
    Decision: Decision(0, ""),
}
"""A blank entry of each kind, for 'add'."""

MAX_COUNT = 10_000


def parse_value(field: EntryField, raw: Any) -> Any:
    """The field's value from what its form widget holds (text, a flag, or choices)."""
    kind = field.kind
    if kind in (FieldKind.TEXT, FieldKind.URL):
        return clean_text(str(raw))
    if kind is FieldKind.LONG_TEXT:
        return clean_text(str(raw), multiline=True)
    if kind is FieldKind.LINES:
        lines = clean_text(str(raw), multiline=True).split("\n")
        return tuple(line.strip() for line in lines if line.strip())
    if kind is FieldKind.INT:
        return _whole_number(field, str(raw))
    if kind is FieldKind.NUMBER:
        return _number(field, str(raw))
    if kind is FieldKind.AMOUNT:
        return _amount(field, str(raw))
    if kind is FieldKind.DATE:
        return parse_date(str(raw), field.name)
    if kind in (FieldKind.CHANNELS, FieldKind.STAGES):
        return tuple(sorted(int(value) for value in raw))
    if kind in (FieldKind.PERSONA, FieldKind.CHANNEL):
        return _reference(field, raw) or 0
    if kind is FieldKind.ITEM:
        return _reference(field, raw)
    if kind is FieldKind.CHOICE and field.choices is not None:
        return _choice(field, field.choices, raw)
    if kind is FieldKind.BOOL:
        return bool(raw)
    return raw


def _reference(field: EntryField, raw: Any) -> int | None:
    """The id a choice list holds (None when nothing is chosen)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, int) or (isinstance(raw, str) and raw.isascii() and raw.isdigit()):
        return int(raw)
    raise InvalidInputError(
        field.name, _("choose a {value} from the list").format(value=field.kind.value)
    )


def _choice(field: EntryField, choices: type[Enum], raw: Any) -> Enum:
    try:
        return choices(raw)
    except ValueError:
        names = ", ".join(str(member.value) for member in choices)
        raise InvalidInputError(
            field.name, _("choose one of: {names}").format(names=names)
        ) from None


def _whole_number(field: EntryField, text: str) -> int:
    text = text.strip() or "0"
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_COUNT:
        raise InvalidInputError(
            field.name, _("a whole number from 0 to {MAX_COUNT:,}").format(MAX_COUNT=MAX_COUNT)
        )
    return int(text)


def _number(field: EntryField, text: str) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise InvalidInputError(
            field.name, _("'{text}' is not a number").format(text=text)
        ) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InvalidInputError(field.name, _("a finite number, please"))
    return value


def _amount(field: EntryField, text: str) -> float:
    value = _number(field, text)
    if value is None:
        return 0.0
    if not 0 <= value <= MAX_AMOUNT:
        raise InvalidInputError(
            field.name, _("from 0 to {MAX_AMOUNT:,.0f}").format(MAX_AMOUNT=MAX_AMOUNT)
        )
    return value


MAX_AMOUNT = 1e12


def validate_entry(
    entity: Any, data: PlanData, fields: tuple[EntryField, ...] | None = None
) -> list[Problem]:
    """Required fields, text limits, references, and the kind's own rules (SMART goals,
    plan settings), for ``fields`` (default: all of the kind's editable fields)."""
    fields = FIELDS[type(entity)] if fields is None else fields
    problems = [problem for field in fields if (problem := _field_problem(field, entity, data))]
    if isinstance(entity, Goal):
        problems += [p for p in validate_goal(entity) if p.field != "title"]
    if isinstance(entity, Plan):
        names = {field.name for field in fields} - {p.field for p in problems}
        problems += [p for p in validate_plan(entity) if p.field in names]
    if isinstance(entity, Result) and not problems:
        problems += _result_problems(entity, data)
    if isinstance(entity, OnlineBehaviour) and not problems:
        problems += _duplicate_behaviour(entity, data)
    return problems


MAX_LINES = 100
WEB_ADDRESS = re.compile(r"https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)


def _field_problem(field: EntryField, entity: Any, data: PlanData) -> Problem | None:
    value = getattr(entity, field.name)
    kind = field.kind
    if kind is FieldKind.URL and value and not WEB_ADDRESS.match(value):
        return Problem(field.name, _("a web address starting with https:// or http://"))
    if kind in (FieldKind.TEXT, FieldKind.LONG_TEXT, FieldKind.URL):
        limit = MAX_TEXT if kind is FieldKind.LONG_TEXT else MAX_TITLE
        if field.required and not value.strip():
            return Problem(field.name, _("must not be empty"))
        if len(value) > limit:
            return Problem(field.name, _("at most {limit} characters").format(limit=limit))
    if kind is FieldKind.LINES:
        if len(value) > MAX_LINES:
            return Problem(field.name, _("at most {MAX_LINES} lines").format(MAX_LINES=MAX_LINES))
        if any(len(line) > MAX_TITLE for line in value):
            return Problem(
                field.name, _("at most {MAX_TITLE} characters per line").format(MAX_TITLE=MAX_TITLE)
            )
    if kind is FieldKind.DATE and field.required and value in (None, date.min):
        return Problem(field.name, _("a date is needed (YYYY-MM-DD)"))
    if kind is FieldKind.PERSONA and value not in {p.id for p in data.personas}:
        return Problem(field.name, _("choose one of the plan's personas"))
    if kind is FieldKind.CHANNEL and value not in {c.id for c in data.channels}:
        return Problem(field.name, _("choose one of the plan's channels"))
    return None


def _result_problems(result: Result, data: PlanData) -> list[Problem]:
    if result.period_end < result.period_start:
        return [Problem("period_end", _("the period cannot end before it starts"))]
    if result.item is not None:
        item = next((i for i in data.items if i.id == result.item), None)
        if item is None:
            return [Problem("item", _("choose one of the plan's posts, or none"))]
        if item.channel != result.channel:
            return [
                Problem(
                    "item",
                    _("that post is on {channel_name}").format(
                        channel_name=data.channel_name(item.channel)
                    ),
                )
            ]
    return []


def _duplicate_behaviour(entry: OnlineBehaviour, data: PlanData) -> list[Problem]:
    if any(
        b.id != entry.id and (b.persona, b.channel) == (entry.persona, entry.channel)
        for b in data.behaviour
    ):
        return [Problem("channel", _("this persona already has a row for this channel: edit it"))]
    return []


def why_not_deletable(entity: Any, data: PlanData) -> str | None:
    """Why deleting ``entity`` would leave the plan pointing at nothing, or None."""
    if isinstance(entity, Channel):
        posts = sum(1 for i in data.items if i.channel == entity.id)
        if posts:
            return _("{name} has {posts} posts: move or delete them first.").format(
                name=entity.name, posts=posts
            )
    if isinstance(entity, Stage):
        posts = sum(1 for i in data.items if i.stage == entity.id)
        if posts:
            return _("Stage {name} has {posts} posts: move them to another stage first.").format(
                name=entity.name, posts=posts
            )
        if len(data.stages) == 1:
            return _("The journey needs at least one stage.")
    if isinstance(entity, Pillar) and any(i.pillar == entity.id for i in data.items):
        return _("Posts belong to pillar {name}: give them another pillar first.").format(
            name=entity.name
        )
    if isinstance(entity, Persona) and any(b.persona == entity.id for b in data.behaviour):
        return _("{name} has online behaviour rows: delete those first.").format(name=entity.name)
    return None
