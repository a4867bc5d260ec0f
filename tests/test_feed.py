"""A subscribed calendar feed takes a deleted post out: for a while the feed carries it
as a cancelled event, with the post's own UID and a later SEQUENCE (file and server)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from socialplan.cli.plans import plan_feed
from socialplan.core.activity import Action, Change
from socialplan.core.model import ContentItem, Status
from socialplan.data.ics import CANCELLED_DAYS, cancelled_posts
from socialplan.data.interface import open_storage
from socialplan.data.server_store import ServerStore
from socialplan.data.store import PlanStore


@pytest.fixture(params=["file", "postgresql"])
def target(request, demo_data, tmp_path) -> str:
    if request.param == "file":
        PlanStore.create(tmp_path / "plan.json", demo_data).close()
        return str(tmp_path / "plan.json")
    url: str = request.getfixturevalue("pg_url")
    ServerStore.create(url, demo_data).close()
    return url


def events_of(feed: bytes | None) -> dict[str, icalendar.Event]:
    assert feed is not None
    calendar = icalendar.Calendar.from_ical(feed)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def going_out(store) -> ContentItem:
    return next(i for i in store.load().items if i.status is Status.SCHEDULED and i.scheduled_at)


def test_a_deleted_post_is_cancelled_in_the_feed_and_an_undone_one_comes_back(target):
    store = open_storage(target)
    post = going_out(store)
    before = events_of(plan_feed(target, None))
    uid = next(u for u in before if u.startswith(f"item-{post.id}."))
    store.delete(ContentItem, post.id, expected=post)
    after = events_of(plan_feed(target, None))
    assert str(after[uid]["STATUS"]) == "CANCELLED"
    assert after[uid]["DTSTART"].dt == post.scheduled_at
    assert int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"])
    assert post.title in str(after[uid]["SUMMARY"])
    store.restore(post, expected=None)
    again = events_of(plan_feed(target, None))
    assert str(again[uid]["STATUS"]) != "CANCELLED"
    store.close()


def test_only_the_deleted_posts_channel_feed_cancels_it(target):
    store = open_storage(target)
    post = going_out(store)
    store.delete(ContentItem, post.id, expected=post)
    own = store.load().channel_name(post.channel)
    other = next(c.name for c in store.load().channels if c.id != post.channel)
    assert any(u.startswith(f"item-{post.id}.") for u in events_of(plan_feed(target, own)))
    assert not any(u.startswith(f"item-{post.id}.") for u in events_of(plan_feed(target, other)))
    store.close()


def test_a_deletion_older_than_the_window_is_left_out(demo_data):
    now = datetime(2026, 12, 1, tzinfo=UTC)
    when = now + timedelta(days=3)

    def deleted(days_ago: int, entry_id: int) -> Change:
        at = now - timedelta(days=days_ago)
        return Change(at, "anna", Action.DELETE, "items", entry_id, "Gone", (), when, 1)

    present = demo_data.items[0].id
    changes = [deleted(1, 9001), deleted(CANCELLED_DAYS + 1, 9002), deleted(1, present)]
    assert [c.entry_id for c in cancelled_posts(changes, demo_data, now)] == [9001]
    newer = replace(deleted(0, 9001), summary="Gone, twice")
    assert [c.summary for c in cancelled_posts([newer, *changes], demo_data, now)] == [
        "Gone, twice"
    ]
