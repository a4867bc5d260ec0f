"""ctrl+z takes back the last change, on disk and on screen, one change at a time."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from textual.widgets import Input

from socialplan.compat import notifications
from socialplan.core.board import board
from socialplan.core.filtering import ItemFilter
from socialplan.core.model import Channel, ContentItem
from socialplan.core.schedule import next_posts
from socialplan.data.store import read_plan

from .conftest import frozen_clock, wait_for_notification

SIZE = (120, 40)


def stored_items(path) -> dict[int, ContentItem]:
    return {i.id: i for i in read_plan(path).items}


async def repeat_the_selected_post(app, pilot, rule: str) -> ContentItem:
    """Give the selected post a repeat rule through its form; returns the post (the head)."""
    await pilot.pause()
    head = app.screen.selected_item()
    await pilot.press("e")
    app.screen.query_one("#repeat", Input).value = rule
    await pilot.press("ctrl+s")
    await pilot.pause()
    return head


async def test_undo_a_stage_move_then_a_delete(make_app, demo_path):
    original = stored_items(demo_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item = app.screen.selected_item()
        await pilot.press("H")
        await pilot.pause()
        assert stored_items(demo_path)[item.id].stage != item.stage
        await pilot.press("d", "y")
        await pilot.pause()
        assert item.id not in stored_items(demo_path)
        await pilot.press("ctrl+z")
        await pilot.pause()
        restored = stored_items(demo_path)[item.id]
        assert restored.stage != item.stage  # the delete is undone, the move still stands
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert stored_items(demo_path) == original
        assert {i.id: i for i in app.plan_data.items} == original
        assert app.screen.selected_item().id == item.id


async def test_undo_an_added_item_and_a_series(make_app, demo_path):
    original = stored_items(demo_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        head = await repeat_the_selected_post(app, pilot, "weekly count 4")
        assert len(stored_items(demo_path)) == len(original) + 3
        await pilot.press("n")
        await pilot.press(*"Brand new", "ctrl+s")
        await pilot.pause()
        assert any(i.title == "Brand new" for i in stored_items(demo_path).values())
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not any(i.title == "Brand new" for i in stored_items(demo_path).values())
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert stored_items(demo_path) == original
        assert stored_items(demo_path)[head.id].repeat == ""


async def test_undo_with_nothing_to_undo_says_so_and_writes_nothing(make_app, demo_path):
    before = demo_path.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [n.message for n in notifications(app)] == ["Nothing to undo."]
    assert demo_path.read_bytes() == before


async def test_undo_a_channel_edit(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        youtube = next(c for c in app.plan_data.channels if c.name == "YouTube")
        await pilot.press("S")
        app.screen.query_one("#planned", Input).value = "4"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (
            next(c for c in read_plan(demo_path).channels if c.id == youtube.id).planned_per_week
            == 4
        )
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert next(c for c in read_plan(demo_path).channels if c.id == youtube.id) == youtube


def test_restore_puts_a_deleted_entity_back_under_its_id(demo_store, demo_path):
    channel = demo_store.add(Channel("TikTok", 2))
    demo_store.delete(Channel, channel.id)
    demo_store.restore(channel)
    demo_store.restore(replace(channel, planned_per_week=3), expected=channel)
    assert [c for c in read_plan(demo_path).channels if c.id == channel.id] == [
        replace(channel, planned_per_week=3)
    ]


async def test_moving_a_series_head_keeps_a_repeats_own_changes_on_disk(make_app, demo_path):
    from datetime import timedelta

    from socialplan.core.model import Status

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        head = await repeat_the_selected_post(app, pilot, "weekly count 4")
        repeats = sorted(
            (i for i in stored_items(demo_path).values() if i.series == head.id),
            key=lambda i: i.scheduled_at,
        )
        own = replace(repeats[0], status=Status.IDEA, title="Changed by hand")
        app.on_save_entity(type("M", (), {"entity": own, "base": repeats[0]})())
        await pilot.pause()
        current = stored_items(demo_path)[head.id]
        later = replace(current, scheduled_at=current.scheduled_at + timedelta(hours=1))
        app.on_save_entity(type("M", (), {"entity": later, "base": current})())
        await pilot.pause()
        assert stored_items(demo_path)[own.id] == own
        await wait_for_notification(pilot, app, "kept as it is")
        others = [i for i in stored_items(demo_path).values() if i.series == head.id]
        assert len(others) == 3


def crowd_the_next_posts_column(store) -> list[ContentItem]:
    """Rank the column of the next post 1.0, the float just above it, 3, 4...: moving its
    third card up finds no number between the first two, so the column is renumbered."""
    data = store.load()
    upcoming = next_posts(data.items, frozen_clock(), 1)[0]
    column = next(c for c in board(data, ItemFilter()) if c.stage.id == upcoming.stage)
    ranks = [1.0, math.nextafter(1.0, 2.0), *range(3, len(column.items) + 1)]
    crowded = [replace(i, rank=float(r)) for i, r in zip(column.items, ranks, strict=True)]
    with store.batch():
        for item in crowded:
            store.update(item)
    return crowded


@pytest.mark.parametrize("renumbered", [False, True])
async def test_a_card_move_is_one_edit_however_many_cards_it_renumbers(
    make_app, demo_store, demo_path, renumbered
):
    crowded = crowd_the_next_posts_column(demo_store) if renumbered else None
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if crowded:
            app.focused.action_jump(2)
        before = stored_items(demo_path)
        moving = app.screen.selected_item()
        await pilot.press("K")
        await pilot.pause()
        changed = [i for i, item in stored_items(demo_path).items() if item != before[i]]
        assert len(changed) == (len(crowded) if crowded else 1)
        await pilot.press("ctrl+z")
        await wait_for_notification(pilot, app, f"Undone: move '{moving.title}'")
        assert stored_items(demo_path) == before
