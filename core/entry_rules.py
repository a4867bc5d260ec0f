"""How a typed value becomes an entry's field value, what makes an entry invalid, and
which entries may not be deleted: the rules behind the field tables of ``entries``."""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Any

from .entries import FIELDS, EntryField, FieldKind
from .i18n import _, ngettext
from .kpi import is_custom
from .model import Channel, Goal, KpiValue, OnlineBehaviour, Persona, Pillar, Plan, Result, Stage
from .numbers import NumberError, format_number, parse_decimal, parse_whole
from .plan_data import PlanData
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

MAX_COUNT = 10_000


def parse_value(field: EntryField, raw: Any) -> Any:
    """The field's value from what its form widget holds (text, a flag, or choices)."""
    kind = field.kind
    if kind in (FieldKind.TEXT, FieldKind.OWNER, FieldKind.URL):
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
    if kind in (FieldKind.PERSONA, FieldKind.CHANNEL, FieldKind.CUSTOM_GOAL):
        return _reference(field, raw) or 0
    if kind is FieldKind.ITEM:
        return _reference(field, raw)
    if kind is FieldKind.CHOICE and field.choices is not None:
        return _choice(field, field.choices, raw)
    if kind is FieldKind.BOOL:
        return bool(raw)
    if kind is FieldKind.KPI:
        return "" if raw is None else clean_text(str(raw))
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
    expected = _("a whole number from 0 to {MAX_COUNT}").format(MAX_COUNT=format_number(MAX_COUNT))
    try:
        value = parse_whole(text) or 0
    except NumberError as error:
        typed_digits = any(c.isdigit() for c in text)
        raise InvalidInputError(field.name, str(error) if typed_digits else expected) from None
    if not 0 <= value <= MAX_COUNT:
        raise InvalidInputError(field.name, expected)
    return value


def _number(field: EntryField, text: str) -> float | None:
    """A number as typed in the interface language (see ``numbers``)."""
    try:
        value = parse_decimal(text)
    except NumberError as error:
        raise InvalidInputError(field.name, str(error)) from None
    return None if value is None else float(value)


def _amount(field: EntryField, text: str) -> float:
    value = _number(field, text)
    if value is None:
        return 0.0
    if not 0 <= value <= MAX_AMOUNT:
        raise InvalidInputError(
            field.name, _("from 0 to {MAX_AMOUNT}").format(MAX_AMOUNT=format_number(MAX_AMOUNT, 0))
        )
    return value


MAX_AMOUNT = 1e12


def validate_entry(
    entity: Any, plan_data: PlanData, fields: tuple[EntryField, ...] | None = None
) -> list[Problem]:
    """Required fields, text limits, references, and the kind's own rules (SMART goals,
    plan settings), for ``fields`` (default: all of the kind's editable fields)."""
    fields = FIELDS[type(entity)] if fields is None else fields
    problems = [
        problem for field in fields if (problem := _field_problem(field, entity, plan_data))
    ]
    if isinstance(entity, Goal):
        problems += [p for p in validate_goal(entity) if p.field != "title"]
    if isinstance(entity, Plan):
        names = {field.name for field in fields} - {p.field for p in problems}
        problems += [p for p in validate_plan(entity) if p.field in names]
    if isinstance(entity, Result | KpiValue) and not problems:
        problems += _period_problems(entity)
    if isinstance(entity, Result) and not problems:
        problems += _result_problems(entity, plan_data)
    if isinstance(entity, OnlineBehaviour) and not problems:
        problems += _duplicate_behaviour(entity, plan_data)
    if isinstance(entity, Channel) and entity.planned_per_week and entity.planned_per_month:
        problems.append(
            Problem(
                "planned_per_month",
                _("plan the channel by the week or by the month, not both: clear one"),
            )
        )
    return problems


MAX_LINES = 100
WEB_ADDRESS = re.compile(r"https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)


def _field_problem(field: EntryField, entity: Any, plan_data: PlanData) -> Problem | None:
    value = getattr(entity, field.name)
    kind = field.kind
    if kind is FieldKind.URL and value and not WEB_ADDRESS.match(value):
        return Problem(field.name, _("a web address starting with https:// or http://"))
    if kind in (FieldKind.TEXT, FieldKind.OWNER, FieldKind.LONG_TEXT, FieldKind.URL):
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
    if kind is FieldKind.PERSONA and value not in {p.id for p in plan_data.personas}:
        return Problem(field.name, _("choose one of the plan's personas"))
    if kind is FieldKind.CHANNEL and value not in {c.id for c in plan_data.channels}:
        return Problem(field.name, _("choose one of the plan's channels"))
    if kind is FieldKind.CUSTOM_GOAL and value not in {
        g.id for g in plan_data.goals if is_custom(g.kpi)
    }:
        return Problem(field.name, _("choose an objective whose KPI is a custom one"))
    if kind is FieldKind.NUMBER and field.required and value is None:
        return Problem(field.name, _("must not be empty"))
    return None


def _period_problems(entry: Result | KpiValue) -> list[Problem]:
    if entry.period_end < entry.period_start:
        return [Problem("period_end", _("the period cannot end before it starts"))]
    return []


def _result_problems(result: Result, plan_data: PlanData) -> list[Problem]:
    if result.item is not None:
        item = plan_data.item(result.item)
        if item is None:
            return [Problem("item", _("choose one of the plan's posts, or none"))]
        if item.channel != result.channel:
            return [
                Problem(
                    "item",
                    _("that post is on {channel_name}").format(
                        channel_name=plan_data.channel_name(item.channel)
                    ),
                )
            ]
    return []


def _duplicate_behaviour(entry: OnlineBehaviour, plan_data: PlanData) -> list[Problem]:
    if any(
        b.id != entry.id and (b.persona, b.channel) == (entry.persona, entry.channel)
        for b in plan_data.behaviour
    ):
        return [Problem("channel", _("this persona already has a row for this channel: edit it"))]
    return []


def why_not_deletable(entity: Any, plan_data: PlanData) -> str | None:
    """Why deleting ``entity`` would leave the plan pointing at nothing, or None."""
    if isinstance(entity, Channel):
        posts = sum(1 for i in plan_data.items if i.channel == entity.id)
        if posts:
            return _(
                "{name} has {posts} posts: move or delete them first. On the Schedule, "
                "/ channel:{name} shows them, * marks them all, b gives them another "
                "channel and d deletes them."
            ).format(name=entity.name, posts=posts)
    if isinstance(entity, Stage):
        posts = sum(1 for i in plan_data.items if i.stage == entity.id)
        if posts:
            return _("Stage {name} has {posts} posts: move them to another stage first.").format(
                name=entity.name, posts=posts
            )
        if len(plan_data.stages) == 1:
            return _("The journey needs at least one stage.")
    if isinstance(entity, Pillar) and any(i.pillar == entity.id for i in plan_data.items):
        return _("Posts belong to pillar {name}: give them another pillar first.").format(
            name=entity.name
        )
    if isinstance(entity, Goal):
        values = sum(1 for v in plan_data.kpi_values if v.goal == entity.id)
        if values:
            return ngettext(
                "Objective {name} has {count} KPI value typed in: delete it on Measure first.",
                "Objective {name} has {count} KPI values typed in: delete them on Measure first.",
                values,
            ).format(name=entity.title, count=values)
    if isinstance(entity, Persona) and any(b.persona == entity.id for b in plan_data.behaviour):
        return _("{name} has online behaviour rows: delete those first.").format(name=entity.name)
    return None
