"""Repeating content items.

An item with a ``repeat`` rule heads a series; each repeat is an item of its own (with
``series`` set to the head's id), so the board, the calendar, the ratio and the workflow
treat every post alike and a single repeat can be edited or moved on its own. A repeating
item must end (a date or a count), so a series is always finite.

When the head's rule or time changes, the repeats still to come that were not published
are rebuilt; repeats in the past and published ones stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from itertools import islice

from .i18n import _
from .model import ContentItem, PlanData, Status
from .recurrence import FIELD, occurrences, parse_rules
from .validation import InvalidInputError, Problem, validate_item
from .workflow import ORDER

MAX_REPEATS = 366


@dataclass(frozen=True, slots=True)
class SeriesChange:
    """What saving a head means for its repeats: ids of ``add`` are 0 and their ``series``
    is set once the head has an id."""

    add: tuple[ContentItem, ...]
    remove: tuple[ContentItem, ...]


def check_item(item: ContentItem, data: PlanData) -> list[Problem]:
    """Every problem with an item, its repeat rule included."""
    return validate_item(item, data) + repeat_problems(item, data.plan.timezone)


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
    before: ContentItem | None, head: ContentItem, data: PlanData, now: datetime
) -> SeriesChange | None:
    """The repeats to add and remove when ``head`` is saved (``before`` is the stored
    version, None for a new item); None when its repeats need no change."""
    if before is not None and (before.repeat, before.scheduled_at) == (
        head.repeat,
        head.scheduled_at,
    ):
        return None
    if before is None and not head.repeat:
        return None
    current = [i for i in data.items if head.id and i.series == head.id]
    stays = [i for i in current if _settled(i, now)]
    remove = tuple(i for i in current if not _settled(i, now))
    taken = {i.scheduled_at for i in stays}
    moments = repeat_times(head, data.plan.timezone)
    add = tuple(
        _repeat_of(head, moment) for moment in moments if moment > now and moment not in taken
    )
    return SeriesChange(add, remove)


def upcoming_repeats(head: ContentItem, data: PlanData, now: datetime) -> list[ContentItem]:
    """The repeats that deleting ``head`` takes with it: those still to come, unpublished."""
    return [i for i in data.items if head.id and i.series == head.id and not _settled(i, now)]


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
