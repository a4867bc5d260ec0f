"""Time windows over the schedule: the upcoming window, calendar weeks, next posts."""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .model import ContentItem, Status
from .plan_data import PlanData


def week_bounds(now: datetime, timezone: str) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00 of the week holding ``now``, in the plan's zone."""
    local = now.astimezone(ZoneInfo(timezone))
    monday = (local - timedelta(days=local.weekday())).date()
    start = datetime(monday.year, monday.month, monday.day, tzinfo=local.tzinfo)
    following = monday + timedelta(days=7)
    end = datetime(following.year, following.month, following.day, tzinfo=local.tzinfo)
    return start, end


def window_bounds(now: datetime, days: int) -> tuple[datetime, datetime]:
    """The upcoming window: from now to ``days`` days ahead."""
    return now, now + timedelta(days=days)


def items_between(
    items: Iterable[ContentItem], start: datetime, end: datetime
) -> list[ContentItem]:
    """Scheduled items with ``start <= scheduled_at < end``.

    The bounds are turned into UTC first: stored times are UTC, and comparing datetimes
    that share a tzinfo is a plain comparison, not two ``utcoffset`` calls.
    """
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    return [i for i in items if i.scheduled_at is not None and start <= i.scheduled_at < end]


def time_order(item: ContentItem) -> tuple[bool, float, int]:
    """Sort key: scheduled items by time, then unscheduled ones, ties by id."""
    moment = item.scheduled_at
    return (moment is None, moment.timestamp() if moment else 0.0, item.id)


def in_time_order(items: Iterable[ContentItem]) -> list[ContentItem]:
    return sorted(items, key=time_order)


def next_posts(items: Iterable[ContentItem], now: datetime, count: int) -> list[ContentItem]:
    """The first ``count`` posts at or after ``now``, without sorting the whole plan."""
    upcoming = (i for i in items if i.scheduled_at is not None and i.scheduled_at >= now)
    return heapq.nsmallest(count, upcoming, key=time_order)


def local_time(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def local_midnight(day: date, timezone: str) -> datetime:
    """The start of ``day`` in the plan's zone."""
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(timezone))


def blank_item(plan_data: PlanData, now: datetime) -> ContentItem:
    """A new item to fill in: the first channel and stage, tomorrow at 09:00 local time."""
    today_at_nine = local_time(now, plan_data.plan.timezone).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    stages = plan_data.ordered_stages()
    return ContentItem(
        title="",
        channel=plan_data.channels[0].id if plan_data.channels else 0,
        stage=stages[0].id if stages else 0,
        scheduled_at=today_at_nine + timedelta(days=1),
    )


def items_in_range(
    plan_data: PlanData,
    channel: int | None,
    start: date | None,
    end: date | None,
    statuses: Collection[Status] | None = None,
) -> list[ContentItem]:
    """Items of one channel (None: all) with one of ``statuses`` (None: any) scheduled
    between two days, inclusive; without a range, unscheduled items too."""
    zone = ZoneInfo(plan_data.plan.timezone)
    chosen = []
    for item in plan_data.items:
        if channel is not None and item.channel != channel:
            continue
        if statuses is not None and item.status not in statuses:
            continue
        if start or end:
            if item.scheduled_at is None:
                continue
            day = item.scheduled_at.astimezone(zone).date()
            if (start and day < start) or (end and day > end):
                continue
        chosen.append(item)
    return chosen


def move_to_day(item: ContentItem, day: date, timezone: str) -> ContentItem:
    """The item on another day at the same wall-clock time (also across a DST change),
    stored in UTC like every time."""
    if item.scheduled_at is None:
        return item
    return replace(item, scheduled_at=on_day(item.scheduled_at, day, timezone))


def on_day(moment: datetime, day: date, timezone: str) -> datetime:
    """``moment``'s wall-clock time where the plan is, on ``day``, in UTC."""
    zone = ZoneInfo(timezone)
    return datetime.combine(day, moment.astimezone(zone).time(), tzinfo=zone).astimezone(UTC)


def local_day(item: ContentItem, timezone: str) -> date | None:
    if item.scheduled_at is None:
        return None
    return local_time(item.scheduled_at, timezone).date()
