"""Repeating content items.

An item with a ``repeat`` rule heads a series; each repeat is an item of its own (with
``series`` set to the head's id), so the board, the calendar, the ratio and the workflow
treat every post alike and a single repeat can be edited or moved on its own. A repeating
item must end (a date or a count), so a series is always finite.

When the head's rule or time changes, the repeats still to come that are as the series
made them are rebuilt; repeats in the past, published ones and those a user changed
(moved, edited, given a status of their own) stay as they are, and a repeat the user
deleted is not made again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from itertools import islice

from .frozen import frozen
from .i18n import _
from .model import ContentItem, Status
from .plan_data import PlanData
from .recurrence import FIELD, occurrences, parse_rules
from .validation import InvalidInputError, Problem, validate_item
from .workflow import ORDER

MAX_REPEATS = 366


@frozen
class SeriesChange:
    """What saving a head means for its repeats: ids of ``add`` are 0 and their ``series``
    is set once the head has an id."""

    add: tuple[ContentItem, ...]
    remove: tuple[ContentItem, ...]
    kept: tuple[ContentItem, ...] = ()
    """Upcoming repeats the user changed: left exactly as they are."""


def check_item(item: ContentItem, plan_data: PlanData) -> list[Problem]:
    """Every problem with an item, its repeat rule included."""
    return validate_item(item, plan_data) + repeat_problems(item, plan_data.plan.timezone)


def repeat_problems(item: ContentItem, timezone: str) -> list[Problem]:
    try:
        repeat_times(item, timezone)
    except InvalidInputError as error:
        return [error.problem]
    return []


def repeat_times(item: ContentItem, timezone: str) -> list[datetime]:
    """The times of the item's repeats (the item's own time excluded)."""
    rules = parse_rules(item.repeat, field=FIELD, with_times=False)
    if not rules:
        return []
    if item.series is not None:
        raise InvalidInputError(FIELD, _("this is a repeat: change the rule on the first item"))
    if item.scheduled_at is None:
        raise InvalidInputError(FIELD, _("give the item a date and time before it can repeat"))
    if not all(rule.ends for rule in rules):
        raise InvalidInputError(
            FIELD, _("a repeat needs an end: add 'until YYYY-MM-DD' or 'count N'")
        )
    moments = list(islice(occurrences(rules, item.scheduled_at, timezone), MAX_REPEATS + 2))
    repeats = [m for m in moments if m != item.scheduled_at]
    if len(repeats) > MAX_REPEATS:
        raise InvalidInputError(
            FIELD,
            _("that makes more than {MAX_REPEATS} repeats: choose an earlier end").format(
                MAX_REPEATS=MAX_REPEATS
            ),
        )
    return repeats


def series_change(
    before: ContentItem | None, head: ContentItem, plan_data: PlanData, now: datetime
) -> SeriesChange | None:
    """The repeats to add and remove when ``head`` is saved (``before`` is the stored
    version, None for a new item); None when its repeats need no change.

    The n-th occurrence of the old rule becomes the n-th of the new one. Its repeat is
    rebuilt only when it is still the copy the series made; a repeat the user changed is
    kept, and an occurrence whose repeat is gone (deleted, or history) is not refilled.
    """
    if before is not None and (before.repeat, before.scheduled_at) == (
        head.repeat,
        head.scheduled_at,
    ):
        return None
    if before is None and not head.repeat:
        return None
    moments = repeat_times(head, plan_data.plan.timezone)
    if before is None:
        return SeriesChange(tuple(_repeat_of(head, m) for m in moments if m > now), ())
    current = [i for i in plan_data.items if head.id and i.series == head.id]
    upcoming = {i.id: i for i in current if not _settled(i, now)}
    old_moments = _old_moments(before, plan_data.plan.timezone)
    at = {repeat.scheduled_at: repeat for repeat in upcoming.values()}
    pristine = {
        index: at[moment]
        for index, moment in enumerate(old_moments)
        if moment in at and at[moment] == replace(_repeat_of(before, moment), id=at[moment].id)
    }
    add = tuple(
        _repeat_of(head, moment)
        for index, moment in enumerate(moments)
        if moment > now and (index >= len(old_moments) or index in pristine)
    )
    remove = tuple(pristine.values())
    removed = {r.id for r in remove}
    kept = tuple(r for r in upcoming.values() if r.id not in removed)
    return SeriesChange(add, remove, kept)


def _old_moments(before: ContentItem, timezone: str) -> list[datetime]:
    """The occurrences the stored head's rule made (none if it no longer parses)."""
    try:
        return repeat_times(before, timezone)
    except InvalidInputError:
        return []


def upcoming_repeats(head: ContentItem, plan_data: PlanData, now: datetime) -> list[ContentItem]:
    """The repeats that deleting ``head`` takes with it: those still to come, unpublished."""
    return [i for i in plan_data.items if head.id and i.series == head.id and not _settled(i, now)]


def _settled(item: ContentItem, now: datetime) -> bool:
    """Past or published repeats are history and are never rebuilt."""
    return item.status is Status.PUBLISHED or (
        item.scheduled_at is not None and item.scheduled_at <= now
    )


def _repeat_of(head: ContentItem, moment: datetime) -> ContentItem:
    status = min(head.status, Status.APPROVED, key=ORDER.index)
    return replace(
        head, id=0, scheduled_at=moment, repeat="", series=head.id, status=status, rank=None
    )
