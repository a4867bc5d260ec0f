"""Every key of the Schedule either acts or says why not; moving a post into the past and
publishing one early ask first; the palette's screenshot works without ~/Downloads."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from textual.widgets import Input

from socialplan.core.model import ContentItem, Status
from socialplan.data.store import read_plan
from socialplan.screens.confirm import ConfirmScreen

from .conftest import FROZEN_NOW, wait_for_notification

SIZE = (120, 40)


def stored(path, item_id) -> ContentItem:
    return next(i for i in read_plan(path).items if i.id == item_id)


async def test_keys_on_an_empty_column_say_that_nothing_is_selected(make_app, demo_store):
    for item in demo_store.load().items:
        if item.stage == 1:
            demo_store.delete(ContentItem, item.id, expected=item)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query("KanbanColumn").first().focus()
        await pilot.pause()
        assert app.screen.selected_item() is None
        await pilot.press("f")
        await wait_for_notification(pilot, app, "No post is selected")


async def test_f_says_when_the_post_is_in_its_next_free_slot_already(make_app, demo_store):
    idea = demo_store.add(ContentItem("Unplanned explainer", channel=3, stage=2))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        app.screen.query_one("#items").select_key(str(idea.id))
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("f")
        await wait_for_notification(pilot, app, "in the next free slot already")


async def test_r_refuses_a_post_that_never_ran(make_app, demo_store, demo_path):
    waiting = next(i for i in demo_store.load().items if i.status is not Status.PUBLISHED)
    demo_store.update(replace(waiting, evergreen=True))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        app.screen.query_one("#items").select_key(str(waiting.id))
        before = len(read_plan(demo_path).items)
        await pilot.press("R")
        await wait_for_notification(pilot, app, "has not run yet")
        assert len(read_plan(demo_path).items) == before


async def test_a_card_at_the_top_says_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.focused.action_jump(0)
        await pilot.press("K")
        await wait_for_notification(pilot, app, "at the top of its column already")


async def test_moving_a_post_into_the_past_asks_first(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c", "a")
        await pilot.pause()
        item = app.screen.selected_item()
        assert item is not None and item.scheduled_at - timedelta(days=7) < FROZEN_NOW
        await pilot.press("K")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "into the past" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert stored(demo_path, item.id).scheduled_at == item.scheduled_at
        await pilot.press("K")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert stored(demo_path, item.id).scheduled_at == item.scheduled_at - timedelta(days=7)


async def test_publishing_a_post_planned_for_later_asks_first(make_app, demo_store, demo_path):
    later = next(
        i
        for i in demo_store.load().items
        if i.status is Status.SCHEDULED and i.scheduled_at > FROZEN_NOW
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        app.screen.query_one("#items").select_key(str(later.id))
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "published now" in app.screen.question and "planned for" in app.screen.detail
        await pilot.press("y")
        await pilot.pause()
        assert stored(demo_path, later.id).status is Status.PUBLISHED


async def test_delete_says_that_ctrl_z_brings_it_back(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.detail == "ctrl+z brings it back."


async def test_the_screenshot_is_saved_at_home_without_a_downloads_folder(
    make_app, tmp_path, monkeypatch
):
    monkeypatch.setattr("socialplan.tui.app.user_downloads_path", lambda: tmp_path / "none")
    monkeypatch.setattr("pathlib.Path.home", lambda: tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.deliver_screenshot()
        await wait_for_notification(pilot, app, str(tmp_path))
        assert list(tmp_path.glob("*.svg"))


async def test_the_calendar_filter_counts_of_all_posts_on_the_page(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        shown = app.screen.current.show_plan(
            app.plan_data, app.screen.item_filter, FROZEN_NOW.date()
        )
        await pilot.press("slash")
        app.screen.query_one("#filter", Input).value = "kind:promotion"
        await pilot.pause()
        title = str(app.screen.query_one("#schedule-title").render())
        assert f" of {shown.total}" in title and shown.total > 5
