"""Posting slots per channel: finding the next free one, re-queueing evergreen content, and
how each week's posts compare with the channel's planned frequency."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from .frozen import frozen
from .i18n import _
from .model import Channel, ContentItem, Labelled, Status
from .plan_data import PlanData
from .recurrence import Recurrence, occurrences, stored_rules
from .schedule import items_between, local_midnight, local_time
from .validation import InvalidInputError

SEARCH_DAYS = 366
"""How far ahead a free slot or a free day is looked for."""


class Pace(Labelled):
    """How a channel's posts in a week compare with its planned frequency."""

    UNDER = "under"
    ON_PLAN = "on plan"
    OVER = "over"


@frozen
class ChannelWeek:
    """A channel's posts against its plan, over the week or, for a channel planned by the
    month, over the calendar month that holds most of the week."""

    channel: str
    scheduled: int
    planned: int
    by_month: bool = False

    @property
    def pace(self) -> Pace:
        if self.scheduled < self.planned:
            return Pace.UNDER
        if self.scheduled > self.planned:
            return Pace.OVER
        return Pace.ON_PLAN

    @property
    def off_plan(self) -> bool:
        return self.pace is not Pace.ON_PLAN


def week_paces(
    plan_data: PlanData, week_start: datetime, items: Iterable[ContentItem] | None = None
) -> tuple[ChannelWeek, ...]:
    """Each channel's posts in the week from ``week_start`` (local midnight on a Monday)
    against its planned posts per week. ``items`` may be a pre-filtered subset."""
    week_end = _add_local_days(week_start, 7)
    in_week = (
        plan_data.scheduled_between(week_start, week_end)
        if items is None
        else items_between(items, week_start, week_end)
    )
    per_channel = Counter(i.channel for i in in_week)
    month_start, month_end = _month_of_week(week_start)
    in_month = Counter(i.channel for i in plan_data.scheduled_between(month_start, month_end))
    return tuple(
        ChannelWeek(c.name, in_month[c.id], c.planned_per_month, by_month=True)
        if c.planned_per_month
        else ChannelWeek(c.name, per_channel[c.id], c.planned_per_week)
        for c in plan_data.channels
    )


def _month_of_week(week_start: datetime) -> tuple[datetime, datetime]:
    """Local midnight at the start of the month holding the week's Thursday (most of the
    week), and of the month after."""
    thursday = (week_start + timedelta(days=3)).date()
    first = thursday.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    zone = week_start.tzinfo
    return (
        datetime.combine(first, week_start.time(), zone),
        datetime.combine(following, week_start.time(), zone),
    )


def _add_local_days(moment: datetime, days: int) -> datetime:
    """Same wall-clock time ``days`` later (a week is not always 168 hours)."""
    return (moment.replace(tzinfo=None) + timedelta(days=days)).replace(tzinfo=moment.tzinfo)


def slot_rules(channel: Channel) -> tuple[Recurrence, ...]:
    return stored_rules(channel.slots)


def slots_ahead(
    rules: tuple[Recurrence, ...], first_day: date, timezone: str, now: datetime
) -> Iterator[datetime]:
    """Slots after ``now`` and within ``SEARCH_DAYS`` of it, in time order (UTC), of rules
    counted from ``first_day`` (which matters for 'every 2 weeks' and for counts)."""
    horizon = now + timedelta(days=SEARCH_DAYS)
    for moment in occurrences(rules, local_midnight(first_day, timezone), timezone):
        if moment >= horizon:
            return
        if moment > now:
            yield moment


def upcoming_slots(
    rules: tuple[Recurrence, ...], first_day: date, timezone: str, now: datetime, count: int
) -> list[datetime]:
    return list(islice(slots_ahead(rules, first_day, timezone, now), count))


def next_free_slot(plan_data: PlanData, item: ContentItem, now: datetime) -> datetime | None:
    """The first slot of the item's channel after ``now`` that no other item of that
    channel occupies; None when the channel has no slots or none free within a year."""
    channel = _channel(plan_data, item.channel)
    timezone = plan_data.plan.timezone
    first_day = channel.slots_from or local_time(now, timezone).date()
    taken = _taken_minutes(plan_data, item)
    ahead = slots_ahead(slot_rules(channel), first_day, timezone, now)
    return next((moment for moment in ahead if _minute(moment) not in taken), None)


def next_free_day(plan_data: PlanData, item: ContentItem, now: datetime) -> datetime | None:
    """The item's time of day (09:00 if it has none) on the first day after ``now`` when its
    channel has no post: the fallback for a channel without posting slots."""
    timezone = plan_data.plan.timezone
    zone = ZoneInfo(timezone)
    clock = local_time(item.scheduled_at, timezone).time() if item.scheduled_at else time(9)
    busy_days = {
        local_time(i.scheduled_at, timezone).date()
        for i in plan_data.items
        if i.channel == item.channel and i.id != item.id and i.scheduled_at is not None
    }
    day = local_time(now, timezone).date()
    for _day in range(SEARCH_DAYS):
        day += timedelta(days=1)
        if day not in busy_days:
            return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)
    return None


def schedule_in_next_slot(plan_data: PlanData, item: ContentItem, now: datetime) -> ContentItem:
    channel = _channel(plan_data, item.channel)
    if not slot_rules(channel):
        raise InvalidInputError(
            "slots",
            _("{name} has no posting slots yet: press S to define them").format(name=channel.name),
        )
    moment = next_free_slot(plan_data, item, now)
    if moment is None:
        raise InvalidInputError(
            "slots", _("{name} has no free slot in the coming year").format(name=channel.name)
        )
    if moment == item.scheduled_at:
        raise InvalidInputError(
            "slots", _("'{title}' is in the next free slot already").format(title=item.title)
        )
    return replace(item, scheduled_at=moment)


def requeue(plan_data: PlanData, item: ContentItem, now: datetime) -> ContentItem:
    """A new copy of an evergreen post that has run, in the next free slot of its channel
    (or, without slots, on the next day without a post on that channel). The copy goes
    to review: a post that ran months ago is checked again before it runs again."""
    if not item.evergreen:
        raise InvalidInputError(
            "evergreen", _("only evergreen items can be re-queued: mark it evergreen first (e)")
        )
    if item.status is not Status.PUBLISHED:
        raise InvalidInputError(
            "evergreen",
            _("only a published post can be re-queued; '{title}' has not run yet").format(
                title=item.title
            ),
        )
    copy = replace(
        item,
        id=0,
        status=Status.IN_REVIEW,
        rank=None,
        review_comment="",
        repeat="",
        series=None,
    )
    moment = next_free_slot(plan_data, copy, now) or next_free_day(plan_data, copy, now)
    if moment is None:
        raise InvalidInputError("evergreen", _("no free day for this channel in the coming year"))
    return replace(copy, scheduled_at=moment)


def _channel(plan_data: PlanData, channel_id: int) -> Channel:
    channel = next((c for c in plan_data.channels if c.id == channel_id), None)
    if channel is None:
        raise InvalidInputError("channel", _("the item's channel is no longer in the plan"))
    return channel


def _minute(moment: datetime) -> int:
    return int(moment.timestamp()) // 60


def _taken_minutes(plan_data: PlanData, item: ContentItem) -> set[int]:
    return {
        _minute(i.scheduled_at)
        for i in plan_data.items
        if i.channel == item.channel and i.id != item.id and i.scheduled_at is not None
    }
