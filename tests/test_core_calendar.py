"""Calendar pages: month grids across month and year ends, weeks, agenda, moves."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplan.core.calendar import (
    CalendarMode,
    calendar_page,
    page_span,
    shift_page,
)
from socialplan.core.model import ContentItem, Kind
from socialplan.core.plan_data import PlanData
from socialplan.core.schedule import move_to_day

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_month_grid_covers_whole_weeks_from_monday(demo_data: PlanData) -> None:
    # February 2027 starts on a Monday and has exactly four weeks.
    page = calendar_page(demo_data, CalendarMode.MONTH, date(2027, 2, 10))
    assert [w.monday for w in page.weeks] == [date(2027, 2, d) for d in (1, 8, 15, 22)]
    # August 2027 starts on a Sunday: six grid rows, the first mostly July.
    page = calendar_page(demo_data, CalendarMode.MONTH, date(2027, 8, 1))
    assert len(page.weeks) == 6 and page.weeks[0].monday == date(2027, 7, 26)
    assert [d.in_month for d in page.weeks[0].days] == [False] * 6 + [True]


def test_a_month_grid_across_the_year_end_numbers_weeks_the_iso_way(demo_data) -> None:
    page = calendar_page(demo_data, CalendarMode.MONTH, date(2026, 12, 31))
    assert [w.number for w in page.weeks] == [49, 50, 51, 52, 53]
    assert page.weeks[-1].days[-1].day == date(2027, 1, 3)


def test_days_hold_their_posts_in_time_order_by_local_date(demo_data: PlanData) -> None:
    late = ContentItem(
        "Late-night post", 1, 1, scheduled_at=datetime(2026, 11, 25, 23, 30, tzinfo=AMSTERDAM)
    )
    data = replace(demo_data, items=(*demo_data.items, replace(late, id=999)))
    page = calendar_page(data, CalendarMode.WEEK, date(2026, 11, 25))
    wednesday = next(d for d in page.days if d.day == date(2026, 11, 25))
    # 22:30 UTC, but 23:30 on Wednesday in Amsterdam: it belongs to Wednesday, last.
    assert wednesday.items[-1].title == "Late-night post"
    times = [i.scheduled_at for i in wednesday.items]
    assert times == sorted(times)


def test_filter_hides_posts_but_not_from_the_weekly_pace(demo_data: PlanData) -> None:
    promotions_only = calendar_page(
        demo_data, CalendarMode.WEEK, date(2026, 11, 25), keep=lambda i: i.kind is Kind.PROMOTION
    )
    assert all(i.kind is Kind.PROMOTION for d in promotions_only.days for i in d.items)
    unfiltered = calendar_page(demo_data, CalendarMode.WEEK, date(2026, 11, 25))
    assert promotions_only.weeks[0].paces == unfiltered.weeks[0].paces


def test_agenda_lists_its_first_day_and_days_with_posts(demo_data: PlanData) -> None:
    page = calendar_page(demo_data, CalendarMode.AGENDA, date(2026, 11, 28), agenda_days=3)
    assert [d.day for d in page.days] == [date(2026, 11, 28), date(2026, 11, 30)]
    assert page.days[0].items == ()


@pytest.mark.parametrize(
    ("mode", "anchor", "step", "expected"),
    [
        (CalendarMode.MONTH, date(2027, 1, 31), 1, date(2027, 2, 28)),
        (CalendarMode.MONTH, date(2028, 1, 31), 1, date(2028, 2, 29)),
        (CalendarMode.MONTH, date(2026, 12, 15), 1, date(2027, 1, 15)),
        (CalendarMode.MONTH, date(2027, 1, 15), -1, date(2026, 12, 15)),
        (CalendarMode.WEEK, date(2026, 12, 30), 1, date(2027, 1, 6)),
        (CalendarMode.AGENDA, date(2026, 11, 25), 1, date(2026, 12, 9)),
    ],
)
def test_paging_keeps_the_day_where_the_month_allows(mode, anchor, step, expected) -> None:
    assert shift_page(mode, anchor, step, agenda_days=14) == expected


@given(st.dates(date(2000, 1, 1), date(2100, 12, 31)), st.sampled_from(list(CalendarMode)))
def test_every_page_holds_its_anchor(anchor: date, mode: CalendarMode) -> None:
    first, last = page_span(mode, anchor)
    assert first <= anchor <= last
    back = shift_page(mode, shift_page(mode, anchor, 1), -1)
    assert page_span(mode, back) == (first, last)


def test_moving_a_post_across_the_dst_change_keeps_its_wall_clock_time() -> None:
    item = ContentItem("Post", 1, 1, scheduled_at=datetime(2027, 3, 26, 9, 0, tzinfo=AMSTERDAM))
    moved = move_to_day(item, date(2027, 3, 29), "Europe/Amsterdam")
    assert moved.scheduled_at.astimezone(AMSTERDAM).time() == time(9, 0)
    assert (item.scheduled_at.astimezone(UTC).hour, moved.scheduled_at.hour) == (8, 7)
    assert moved.scheduled_at.tzinfo is UTC
    assert (
        move_to_day(replace(item, scheduled_at=None), date(2027, 3, 29), "UTC").scheduled_at is None
    )
