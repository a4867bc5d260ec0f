"""The channel calendar: month, week and agenda pages, computed for the screen to draw.

Days are calendar days in the plan's zone; weeks start on Monday (ISO weeks, as Dutch
planners count them). A page holds only the items of the days it shows, so drawing it
costs the same with 60 items in the plan or 10,000.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from .frozen import frozen
from .i18n import _, format_date
from .model import ContentItem
from .plan_data import PlanData
from .schedule import items_between, local_midnight, time_order
from .slots import ChannelWeek, week_paces


class CalendarMode(StrEnum):
    MONTH = "month"
    WEEK = "week"
    AGENDA = "agenda"


@frozen
class DayCell:
    day: date
    items: tuple[ContentItem, ...]
    in_month: bool = True
    """False for the days of neighbouring months that fill a month's first and last week."""


@frozen
class CalendarWeek:
    monday: date
    days: tuple[DayCell, ...]
    paces: tuple[ChannelWeek, ...]

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week

    @property
    def off_plan(self) -> tuple[ChannelWeek, ...]:
        """Channels with more or fewer posts this week than planned."""
        return tuple(p for p in self.paces if p.off_plan)


@frozen
class CalendarPage:
    mode: CalendarMode
    anchor: date
    """The selected day."""
    title: str
    weeks: tuple[CalendarWeek, ...]
    """Month: the weeks of the grid. Week and agenda: the weeks the listed days touch."""
    days: tuple[DayCell, ...]
    """The days the list below shows: the anchor day in month mode, the week, or the
    agenda's days that have posts (and always the first)."""

    def week_of(self, day: date) -> CalendarWeek | None:
        monday = day - timedelta(days=day.weekday())
        return next((w for w in self.weeks if w.monday == monday), None)


def calendar_page(
    plan_data: PlanData,
    mode: CalendarMode,
    anchor: date,
    *,
    agenda_days: int = 14,
    keep: Callable[[ContentItem], bool] | None = None,
) -> CalendarPage:
    """The page showing ``anchor``; ``keep`` filters the items (the schedule's filter)."""
    first, last = page_span(mode, anchor, agenda_days)
    first_monday = first - timedelta(days=first.weekday())
    last_sunday = last + timedelta(days=6 - last.weekday())
    timezone = plan_data.plan.timezone
    in_span = items_between(
        plan_data.items,
        local_midnight(first_monday, timezone),
        local_midnight(last_sunday + timedelta(days=1), timezone),
    )
    shown = [i for i in in_span if keep is None or keep(i)]
    by_day = _by_local_day(shown, timezone)
    weeks = tuple(
        _week(plan_data, monday, by_day, in_span, mode, anchor)
        for monday in _mondays(first_monday, last_sunday)
    )
    return CalendarPage(
        mode,
        anchor,
        _title(mode, anchor, first, last),
        weeks,
        _listed_days(mode, anchor, first, last, by_day),
    )


def page_span(mode: CalendarMode, anchor: date, agenda_days: int = 14) -> tuple[date, date]:
    """First and last day of the page holding ``anchor``."""
    if mode is CalendarMode.MONTH:
        days_in_month = stdlib_calendar.monthrange(anchor.year, anchor.month)[1]
        return anchor.replace(day=1), anchor.replace(day=days_in_month)
    if mode is CalendarMode.WEEK:
        monday = anchor - timedelta(days=anchor.weekday())
        return monday, monday + timedelta(days=6)
    return anchor, anchor + timedelta(days=agenda_days - 1)


def shift_page(mode: CalendarMode, anchor: date, step: int, agenda_days: int = 14) -> date:
    """The anchor one page earlier or later: a month keeps its day where it can."""
    if mode is CalendarMode.MONTH:
        month_index = anchor.year * 12 + anchor.month - 1 + step
        year, month = divmod(month_index, 12)
        last_day = stdlib_calendar.monthrange(year, month + 1)[1]
        return date(year, month + 1, min(anchor.day, last_day))
    if mode is CalendarMode.WEEK:
        return anchor + timedelta(days=7 * step)
    return anchor + timedelta(days=agenda_days * step)


def _by_local_day(items: Sequence[ContentItem], timezone: str) -> dict[date, list[ContentItem]]:
    zone = ZoneInfo(timezone)
    by_day: dict[date, list[ContentItem]] = defaultdict(list)
    for item in sorted(items, key=time_order):
        assert item.scheduled_at is not None
        by_day[item.scheduled_at.astimezone(zone).date()].append(item)
    return by_day


def _mondays(first_monday: date, last_sunday: date) -> list[date]:
    weeks = (last_sunday - first_monday).days // 7 + 1
    return [first_monday + timedelta(days=7 * n) for n in range(weeks)]


def _week(
    plan_data: PlanData,
    monday: date,
    by_day: dict[date, list[ContentItem]],
    in_span: Sequence[ContentItem],
    mode: CalendarMode,
    anchor: date,
) -> CalendarWeek:
    """A week of the page; its pace counts every post, whatever the filter shows."""
    days = tuple(
        DayCell(
            day,
            tuple(by_day.get(day, ())),
            mode is not CalendarMode.MONTH or day.month == anchor.month,
        )
        for day in (monday + timedelta(days=n) for n in range(7))
    )
    start = local_midnight(monday, plan_data.plan.timezone)
    return CalendarWeek(monday, days, week_paces(plan_data, start, in_span))


def _listed_days(
    mode: CalendarMode,
    anchor: date,
    first: date,
    last: date,
    by_day: dict[date, list[ContentItem]],
) -> tuple[DayCell, ...]:
    if mode is CalendarMode.MONTH:
        return (DayCell(anchor, tuple(by_day.get(anchor, ()))),)
    span = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    if mode is CalendarMode.AGENDA:
        span = [d for d in span if d == first or by_day.get(d)]
    return tuple(DayCell(d, tuple(by_day.get(d, ()))) for d in span)


def _title(mode: CalendarMode, anchor: date, first: date, last: date) -> str:
    if mode is CalendarMode.MONTH:
        return format_date(anchor, "%B %Y")
    if mode is CalendarMode.WEEK:
        week = first.isocalendar().week
        return _("Week {week} · {first} – {last}").format(
            week=week, first=format_date(first, "%d %b"), last=format_date(last, "%d %b %Y")
        )
    return _("Agenda · {first} – {last}").format(
        first=format_date(first, "%a %d %b"), last=format_date(last, "%a %d %b %Y")
    )


DAY_HOURS = (8, 18)
"""The hours a week's time grid shows at least: the working day."""


@frozen
class HourRow:
    hour: int
    cells: tuple[DayCell, ...]
    """One per day of the week, holding the posts that start in this hour."""


def week_hours(days: Sequence[DayCell], timezone: str) -> tuple[HourRow, ...]:
    """A week as a time grid: a row per hour from the working day's first hour (or an
    earlier post's) to its last (or a later post's), a cell per day."""
    zone = ZoneInfo(timezone)

    def hour_of(item: ContentItem) -> int:
        assert item.scheduled_at is not None
        return item.scheduled_at.astimezone(zone).hour

    hours = [hour_of(i) for cell in days for i in cell.items if i.scheduled_at is not None]
    first, last = min([DAY_HOURS[0], *hours]), max([DAY_HOURS[1], *hours])
    return tuple(
        HourRow(
            hour,
            tuple(
                DayCell(
                    cell.day,
                    tuple(
                        i for i in cell.items if i.scheduled_at is not None and hour_of(i) == hour
                    ),
                    cell.in_month,
                )
                for cell in days
            ),
        )
        for hour in range(first, last + 1)
    )
