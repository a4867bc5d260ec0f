"""Time windows over the schedule: the upcoming window, calendar weeks, next posts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .model import ContentItem


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
    """Scheduled items with ``start <= scheduled_at < end``."""
    return [i for i in items if i.scheduled_at is not None and start <= i.scheduled_at < end]


def next_posts(items: Iterable[ContentItem], now: datetime, count: int) -> list[ContentItem]:
    upcoming = [i for i in items if i.scheduled_at is not None and i.scheduled_at >= now]
    upcoming.sort(key=lambda i: (i.scheduled_at, i.id))
    return upcoming[:count]


def local_time(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))
