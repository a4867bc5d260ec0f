"""The edit pipeline on its own, without a user interface: saves, holds while the disk
refuses, conflicts with another session, undo."""

from __future__ import annotations

from dataclasses import replace

import pytest

from socialplan.core.model import Channel, ContentItem
from socialplan.data.requests import Delete, Save
from socialplan.data.session import Outcome, PlanSession
from socialplan.data.store import PlanStore, read_plan

from .conftest import frozen_clock


@pytest.fixture
def session(demo_store) -> PlanSession:
    return PlanSession(demo_store, frozen_clock)


def test_a_save_is_on_disk_shown_and_undoable(session, demo_path):
    item = session.shown.items[0]
    result = session.submit(Save((replace(item, title="Changed"),), bases=(item,)))
    assert result.outcome is Outcome.SAVED and result.saved.title == "Changed"
    assert next(i for i in read_plan(demo_path).items if i.id == item.id).title == "Changed"
    assert next(i for i in session.shown.items if i.id == item.id).title == "Changed"
    undone = session.undo()
    assert undone.ok and undone.restored == item
    assert next(i for i in read_plan(demo_path).items if i.id == item.id) == item


def test_edits_the_disk_refuses_are_held_in_order_then_saved(session, demo_path, refusing_disk):
    before = demo_path.read_bytes()
    first = session.submit(Save((ContentItem("First", 1, 1),)))
    second = session.submit(Save((ContentItem("Second", 1, 1),)))
    assert (first.outcome, second.outcome) == (Outcome.HELD, Outcome.HELD)
    assert "No space left on device" in first.message and second.message == ""
    assert [i.title for i in session.shown.items][-2:] == ["First", "Second"]
    assert demo_path.read_bytes() == before
    assert session.retry()[-1].outcome is Outcome.HELD and len(session.unsaved.held) == 2
    refusing_disk[0] = 0
    assert [r.outcome for r in session.retry()] == [Outcome.SAVED, Outcome.SAVED]
    assert not session.unsaved
    assert [i.title for i in read_plan(demo_path).items][-2:] == ["First", "Second"]


def test_a_held_new_entry_cannot_be_changed_until_saved(session, refusing_disk):
    session.submit(Save((ContentItem("Held", 1, 1),)))
    held = next(i for i in session.shown.items if i.title == "Held")
    assert held.id < 0
    result = session.submit(Save((replace(held, title="Changed"),)))
    assert result.outcome is Outcome.WAITING and "is not saved yet" in result.message


def test_undo_of_a_held_edit_drops_it(session, refusing_disk):
    session.submit(Save((ContentItem("Never saved", 1, 1),)))
    undone = session.undo()
    assert undone.ok and undone.dropped_held and not session.unsaved
    assert not any(i.title == "Never saved" for i in session.shown.items)


def test_a_conflict_writes_nothing_and_shows_theirs(session, demo_path):
    item = session.shown.items[0]
    other = PlanStore.open(demo_path)
    other.update(replace(item, title="Theirs"), expected=item)
    result = session.submit(Save((replace(item, title="Mine"),), bases=(item,)))
    assert result.outcome is Outcome.CONFLICT
    assert (result.mine.title, result.theirs.title) == ("Mine", "Theirs")
    assert next(i for i in session.shown.items if i.id == item.id).title == "Theirs"
    kept = session.submit(result.request.rebased(result.theirs))
    assert kept.outcome is Outcome.SAVED
    assert next(i for i in read_plan(demo_path).items if i.id == item.id).title == "Mine"


def test_saving_an_entry_another_session_deleted_is_gone_not_lost(session, demo_path):
    item = session.shown.items[0]
    other = PlanStore.open(demo_path)
    other.delete(ContentItem, item.id)
    result = session.submit(Save((replace(item, title="Mine"),), bases=(item,)))
    assert result.outcome is Outcome.GONE and result.mine.title == "Mine"
    copied = session.submit(result.request.with_copy_of(result.mine))
    assert copied.outcome is Outcome.SAVED and copied.saved.id != item.id


def test_undo_refuses_to_overwrite_another_sessions_change(session, demo_path):
    channel = session.shown.channels[0]
    session.submit(Save((replace(channel, planned_per_week=9),), bases=(channel,)))
    PlanStore.open(demo_path).update(replace(channel, planned_per_week=2))
    undone = session.undo()
    assert not undone.ok and "Taking this edit back would overwrite" in undone.message
    assert (
        next(c for c in read_plan(demo_path).channels if c.id == channel.id).planned_per_week == 2
    )


def test_an_invalid_edit_is_refused_with_its_reason(session):
    result = session.submit(Delete((Channel("Nowhere", id=999),)))
    assert result.outcome is Outcome.SAVED  # deleting what is gone already is fine
    assert session.undo().ok
    nothing = PlanSession(session.store, frozen_clock)
    assert nothing.undo().message == "Nothing to undo."


def test_replacing_the_plan_shows_the_new_one_and_starts_a_new_history(session, demo_data):
    item = session.shown.items[0]
    session.submit(Save((replace(item, title="Before the replace"),)))
    other = replace(demo_data, plan=replace(demo_data.plan, name="Another client"))
    session.replace_plan(other)
    assert session.shown.plan.name == "Another client"
    assert session.undo_stack == []
    assert session.store.load().plan.name == "Another client"


def test_many_deleted_in_one_write_come_back_with_one_undo(session, demo_path):
    posts = session.shown.items[:3]
    result = session.submit(Delete(posts, "delete 3 posts"))
    assert result.outcome is Outcome.SAVED
    left = {i.id for i in read_plan(demo_path).items}
    assert not left & {p.id for p in posts}
    assert session.undo_stack[-1].label == "delete 3 posts"
    assert session.undo().ok
    assert {p.id for p in posts} <= {i.id for i in read_plan(demo_path).items}


def test_a_recovery_record_of_one_deleted_entry_is_still_read(demo_data):
    from socialplan.data.requests import from_record, to_record

    post = demo_data.items[0]
    many = Delete(demo_data.items[:2], "delete 2 posts")
    assert from_record(to_record(many)) == many
    older = {"op": "delete", "entity": to_record(Delete((post,)))["entities"][0]}
    assert from_record(older) == Delete((post,))
