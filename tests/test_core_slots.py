"""Posting slots: the next free slot, evergreen re-queueing and weekly pace."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from socialplan.core.model import ContentItem, Status
from socialplan.core.plan_data import PlanData
from socialplan.core.recurrence import parse_rules, rules_text
from socialplan.core.schedule import week_bounds
from socialplan.core.slots import (
    Pace,
    next_free_day,
    next_free_slot,
    requeue,
    schedule_in_next_slot,
    week_paces,
)
from socialplan.core.validation import InvalidInputError

from .conftest import FROZEN_NOW

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def shown(moment) -> str:
    return moment.astimezone(AMSTERDAM).strftime("%a %d %b %H:%M")


def youtube(data: PlanData) -> ContentItem:
    return next(i for i in data.items if i.channel == 3 and i.scheduled_at > FROZEN_NOW)


def test_next_free_slot_skips_slots_other_items_hold(demo_data: PlanData) -> None:
    # YouTube posts Wednesdays 12:00; the demo fills its slots up to four weeks ahead.
    unscheduled = replace(youtube(demo_data), id=0, scheduled_at=None)
    moment = next_free_slot(demo_data, unscheduled, FROZEN_NOW)
    assert moment is not None
    last_youtube = max(i.scheduled_at for i in demo_data.items if i.channel == 3)
    assert moment == last_youtube + timedelta(days=7)
    assert shown(moment).startswith("Wed") and shown(moment).endswith("12:00")


def test_an_item_may_keep_its_own_slot(demo_data: PlanData) -> None:
    item = youtube(demo_data)
    first_free = next_free_slot(demo_data, item, FROZEN_NOW)
    assert first_free == item.scheduled_at


def test_slots_before_now_are_never_offered(demo_data: PlanData) -> None:
    emptied = replace(demo_data, items=())
    item = replace(youtube(demo_data), id=0)
    moment = next_free_slot(emptied, item, FROZEN_NOW)
    # Now is Wednesday 10:00, before the 12:00 slot: today's slot is still free.
    assert shown(moment) == "Wed 25 Nov 12:00"
    later = FROZEN_NOW.replace(hour=12, minute=0)
    assert shown(next_free_slot(emptied, item, later)) == "Wed 02 Dec 12:00"


def test_channel_without_slots_gets_a_clear_message(demo_data: PlanData) -> None:
    channels = tuple(replace(c, slots="") for c in demo_data.channels)
    data = replace(demo_data, channels=channels)
    with pytest.raises(InvalidInputError, match="YouTube has no posting slots yet"):
        schedule_in_next_slot(data, youtube(data), FROZEN_NOW)


def test_ended_slots_give_no_free_slot(demo_data: PlanData) -> None:
    ended = rules_text(parse_rules("wed 12:00 until 2026-11-01"))
    channels = tuple(replace(c, slots=ended) if c.id == 3 else c for c in demo_data.channels)
    data = replace(demo_data, channels=channels)
    with pytest.raises(InvalidInputError, match="no free slot"):
        schedule_in_next_slot(data, youtube(data), FROZEN_NOW)


def test_requeue_copies_an_evergreen_item_into_the_next_free_slot(demo_data: PlanData) -> None:
    published = next(i for i in demo_data.items if i.evergreen and i.status is Status.PUBLISHED)
    again = requeue(demo_data, published, FROZEN_NOW)
    assert again.id == 0 and again.status is Status.IN_REVIEW
    assert (again.title, again.channel, again.body) == (
        published.title,
        published.channel,
        published.body,
    )
    assert again.scheduled_at == next_free_slot(demo_data, again, FROZEN_NOW)


def test_requeue_refuses_content_that_is_not_evergreen(demo_data: PlanData) -> None:
    item = next(i for i in demo_data.items if not i.evergreen)
    with pytest.raises(InvalidInputError, match="only evergreen items"):
        requeue(demo_data, item, FROZEN_NOW)


def test_requeue_refuses_a_post_that_has_not_run(demo_data: PlanData) -> None:
    item = replace(
        next(i for i in demo_data.items if i.evergreen), status=Status.APPROVED, evergreen=True
    )
    with pytest.raises(InvalidInputError, match="has not run yet"):
        requeue(demo_data, item, FROZEN_NOW)


def test_the_next_free_slot_says_so_when_the_post_is_in_it(demo_data: PlanData) -> None:
    item = next(i for i in demo_data.items if i.channel == 3)
    placed = schedule_in_next_slot(demo_data, replace(item, scheduled_at=None), FROZEN_NOW)
    plan_data = replace(
        demo_data, items=tuple(placed if i.id == item.id else i for i in demo_data.items)
    )
    with pytest.raises(InvalidInputError, match="in the next free slot already"):
        schedule_in_next_slot(plan_data, placed, FROZEN_NOW)


def test_without_slots_requeue_takes_the_next_day_without_a_post(demo_data: PlanData) -> None:
    channels = tuple(replace(c, slots="") for c in demo_data.channels)
    data = replace(demo_data, channels=channels)
    item = next(
        i for i in data.items if i.evergreen and i.channel == 1 and i.status is Status.PUBLISHED
    )
    again = requeue(data, item, FROZEN_NOW)
    assert again.scheduled_at == next_free_day(data, item, FROZEN_NOW)
    days_with_linkedin = {
        i.scheduled_at.astimezone(AMSTERDAM).date() for i in data.items if i.channel == 1
    }
    local = again.scheduled_at.astimezone(AMSTERDAM)
    assert local.date() not in days_with_linkedin
    assert local.time() == item.scheduled_at.astimezone(AMSTERDAM).time()


def test_week_paces_compare_each_channel_with_its_plan(demo_data: PlanData) -> None:
    start, _ = week_bounds(FROZEN_NOW, "Europe/Amsterdam")
    paces = {w.channel: w for w in week_paces(demo_data, start)}
    assert paces["LinkedIn"].pace is Pace.ON_PLAN
    assert paces["Instagram"].pace is Pace.UNDER  # the demo moved Saturday's reel a week
    next_week = start + timedelta(days=7)
    assert {w.channel: w.pace for w in week_paces(demo_data, next_week)}["Instagram"] is Pace.OVER


def test_a_channel_planned_by_the_month_is_judged_over_the_month(demo_data: PlanData) -> None:
    """A monthly newsletter (slots every 4 weeks) is on plan in every week of a month that
    has its one issue, not under in three weeks of four and on plan in one."""
    newsletter = next(c for c in demo_data.channels if c.name == "Newsletter")
    monthly = replace(newsletter, planned_per_week=0, planned_per_month=1)
    zone = ZoneInfo(demo_data.plan.timezone)
    issue = datetime(2027, 3, 10, 7, 30, tzinfo=zone)
    items = tuple(i for i in demo_data.items if i.channel != newsletter.id)
    post = ContentItem("March issue", newsletter.id, 1, scheduled_at=issue, id=999)
    plan_data = replace(
        demo_data,
        channels=tuple(monthly if c.id == newsletter.id else c for c in demo_data.channels),
        items=(*items, post),
    )
    for monday in (date(2027, 3, 1), date(2027, 3, 15), date(2027, 3, 22)):
        start = datetime.combine(monday, time(0), zone)
        pace = next(w for w in week_paces(plan_data, start) if w.channel == "Newsletter")
        assert (pace.scheduled, pace.planned, pace.by_month, pace.pace) == (
            1,
            1,
            True,
            Pace.ON_PLAN,
        )
    april = datetime.combine(date(2027, 4, 5), time(0), zone)
    pace = next(w for w in week_paces(plan_data, april) if w.channel == "Newsletter")
    assert pace.pace is Pace.UNDER


def test_a_channel_is_planned_by_the_week_or_by_the_month_not_both(demo_data) -> None:
    from socialplan.core.entry_rules import validate_entry

    both = replace(demo_data.channels[0], planned_per_week=3, planned_per_month=4)
    problems = validate_entry(both, demo_data)
    assert [p.field for p in problems] == ["planned_per_month"]
