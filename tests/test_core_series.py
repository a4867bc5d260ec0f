"""Repeating items: the repeats a saved head adds and removes."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from socialplan.core.model import ContentItem, Status
from socialplan.core.plan_data import PlanData
from socialplan.core.recurrence import parse_rules, rules_text
from socialplan.core.series import MAX_REPEATS, check_item, series_change, upcoming_repeats

from .conftest import FROZEN_NOW

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def rule(text: str) -> str:
    return rules_text(parse_rules(text, with_times=False))


def head(data: PlanData, text: str, **changes) -> ContentItem:
    base = next(i for i in data.items if i.scheduled_at > FROZEN_NOW and i.channel == 1)
    return replace(base, repeat=rule(text), status=Status.DRAFT, **changes)


def test_a_new_weekly_item_gets_its_repeats(demo_data: PlanData) -> None:
    item = replace(head(demo_data, "weekly count 4"), id=0)
    change = series_change(None, item, demo_data, FROZEN_NOW)
    assert change is not None and change.remove == ()
    assert [r.scheduled_at - item.scheduled_at for r in change.add] == [
        timedelta(days=7 * n) for n in (1, 2, 3)
    ]
    assert all(r.repeat == "" and r.status is Status.DRAFT and r.id == 0 for r in change.add)


def test_repeats_keep_local_time_across_daylight_saving(demo_data: PlanData) -> None:
    item = replace(head(demo_data, "monthly count 6"), id=0)
    change = series_change(None, item, demo_data, FROZEN_NOW)
    assert change is not None
    local_times = {r.scheduled_at.astimezone(AMSTERDAM).time() for r in change.add}
    assert local_times == {item.scheduled_at.astimezone(AMSTERDAM).time()}
    assert len({r.scheduled_at.utcoffset() for r in change.add}) == 1  # all stored in UTC


def test_published_or_scheduled_heads_give_approved_repeats(demo_data: PlanData) -> None:
    item = replace(head(demo_data, "weekly count 2"), id=0, status=Status.PUBLISHED)
    change = series_change(None, item, demo_data, FROZEN_NOW)
    assert change is not None and [r.status for r in change.add] == [Status.APPROVED]


def saved_series(data: PlanData, text: str) -> tuple[PlanData, ContentItem]:
    """The demo with a head and its repeats stored, as the App would store them."""
    item = head(data, text)
    change = series_change(None, replace(item, id=0), data, FROZEN_NOW)
    assert change is not None
    repeats = [replace(r, id=1000 + n, series=item.id) for n, r in enumerate(change.add)]
    items = tuple(item if i.id == item.id else i for i in data.items) + tuple(repeats)
    return replace(data, items=items), item


def test_editing_the_title_leaves_the_repeats_alone(demo_data: PlanData) -> None:
    data, item = saved_series(demo_data, "weekly count 3")
    assert series_change(item, replace(item, title="New title"), data, FROZEN_NOW) is None


def test_changing_the_rule_rebuilds_upcoming_repeats_but_keeps_history(demo_data) -> None:
    data, item = saved_series(demo_data, "weekly count 5")
    repeats = [i for i in data.items if i.series == item.id]
    published = replace(repeats[0], status=Status.PUBLISHED)
    data = replace(data, items=tuple(published if i.id == published.id else i for i in data.items))
    change = series_change(item, replace(item, repeat=rule("weekly count 3")), data, FROZEN_NOW)
    assert change is not None
    assert {r.id for r in change.remove} == {r.id for r in repeats[1:]}
    assert [r.scheduled_at for r in change.add] == [repeats[1].scheduled_at]


def test_clearing_the_rule_removes_upcoming_repeats(demo_data: PlanData) -> None:
    data, item = saved_series(demo_data, "daily count 4")
    change = series_change(item, replace(item, repeat=""), data, FROZEN_NOW)
    assert change is not None and change.add == () and len(change.remove) == 3
    assert upcoming_repeats(item, data, FROZEN_NOW) == list(change.remove)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"repeat": rule("weekly")}, "needs an end"),
        ({"scheduled_at": None}, "date and time before it can repeat"),
        ({"series": 3}, "this is a repeat"),
        ({"repeat": rule("daily until 2028-12-31")}, f"more than {MAX_REPEATS} repeats"),
        ({"repeat": "tue 09:00"}, "keeps the item's own time"),
    ],
)
def test_bad_repeats_are_reported_on_the_repeat_field(demo_data, changes, message) -> None:
    item = replace(head(demo_data, "weekly count 2"), **changes)
    problems = check_item(item, demo_data)
    assert [p.field for p in problems] == ["repeat"]
    assert message in problems[0].message


def test_moving_the_head_keeps_what_was_done_to_each_repeat(demo_data) -> None:
    """A moved repeat, an edited one, one with its own status and a deleted one: the
    rebuild leaves the first three as they are, does not bring the fourth back, and only
    the untouched ones move with the head."""
    data, item = saved_series(demo_data, "weekly count 6")
    repeats = sorted((i for i in data.items if i.series == item.id), key=lambda i: i.id)
    moved = replace(repeats[0], scheduled_at=repeats[0].scheduled_at + timedelta(days=1))
    edited = replace(repeats[1], title="My own words for this week")
    own_status = replace(repeats[2], status=Status.IDEA)
    deleted = repeats[3]
    changed = {r.id: r for r in (moved, edited, own_status)}
    items = tuple(changed.get(i.id, i) for i in data.items if i.id != deleted.id)
    data = replace(data, items=items)
    later = replace(item, scheduled_at=item.scheduled_at + timedelta(hours=2))
    change = series_change(item, later, data, FROZEN_NOW)
    assert change is not None
    assert set(change.kept) == {moved, edited, own_status}
    assert [r.id for r in change.remove] == [repeats[4].id]
    assert [r.scheduled_at for r in change.add] == [repeats[4].scheduled_at + timedelta(hours=2)]
    assert all(r.status is item.status for r in change.add), "no status changes by itself"


def test_a_longer_series_adds_only_the_new_occurrences_around_changed_repeats(demo_data):
    data, item = saved_series(demo_data, "weekly count 3")
    repeats = sorted((i for i in data.items if i.series == item.id), key=lambda i: i.id)
    edited = replace(repeats[0], body="Rewritten")
    data = replace(data, items=tuple(edited if i.id == edited.id else i for i in data.items))
    change = series_change(item, replace(item, repeat=rule("weekly count 4")), data, FROZEN_NOW)
    assert change is not None and change.kept == (edited,)
    assert len(change.add) == 2 and edited.scheduled_at not in {r.scheduled_at for r in change.add}
