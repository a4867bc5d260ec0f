"""Many posts at once: marked with space, V or *, then changed (b) or deleted (d) as one
edit that ctrl+z takes back whole; posts duplicated (y, Y) and cross-posted (X)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Select, SelectionList

from socialplan.core.batch_edit import BatchChange, apply_batch, cross_posts, shifted
from socialplan.core.model import Status
from socialplan.data.store import read_plan
from socialplan.screens.batch_forms import BatchForm, CrossPostForm
from socialplan.screens.confirm import ConfirmScreen

from .conftest import FROZEN_NOW
from .test_schedule_board import kanban

SIZE = (120, 40)


def column_ids(app) -> list[int]:
    return [int(key) for key in kanban(app).current_column().row_keys()]


@given(days=st.integers(-400, 400))
def test_a_shift_keeps_the_time_of_day_where_the_plan_is(days) -> None:
    moved = shifted(FROZEN_NOW, days, "Europe/Amsterdam")
    zone = FROZEN_NOW.tzinfo
    assert moved.astimezone(zone).time() == FROZEN_NOW.time()
    assert moved.date() == (FROZEN_NOW + timedelta(days=days)).date()


def test_a_batch_lists_only_what_it_changes(demo_data) -> None:
    items = demo_data.items[:4]
    stage = items[0].stage
    changed = apply_batch(items, BatchChange(stage=stage), "Europe/Amsterdam")
    assert all(i.stage == stage for i in changed)
    assert {i.id for i in changed} == {i.id for i in items if i.stage != stage}
    assert apply_batch(items, BatchChange(), "Europe/Amsterdam") == ()


def test_cross_posts_are_linked_variants_on_the_other_channels(demo_data) -> None:
    post = demo_data.items[0]
    channels = [c.id for c in demo_data.channels]
    variants = cross_posts(post, channels)
    assert sorted(v.channel for v in variants) == sorted(c for c in channels if c != post.channel)
    assert all(v.variant_of == post.id and v.id == 0 for v in variants)
    assert all(v.status is not Status.PUBLISHED for v in variants)


async def test_marked_posts_change_together_and_come_back_with_one_undo(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("home", "space", "down", "down", "V")
        await pilot.pause()
        marked = set(column_ids(app)[:3])
        assert app.screen.marked == marked
        assert "● 3 marked" in str(app.screen.query_one("#schedule-title").render())
        await pilot.press("b")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, BatchForm)
        form.query_one("#status", Select).value = Status.DRAFT
        form.query_one("#owner").value = "Daan Smit"
        form.query_one("#days").value = "-2"
        before = {i.id: i for i in read_plan(demo_path).items if i.id in marked}
        await pilot.press("ctrl+s")
        await pilot.pause()
        after = {i.id: i for i in read_plan(demo_path).items if i.id in marked}
        assert {i.status for i in after.values()} == {Status.DRAFT}
        assert {i.owner for i in after.values()} == {"Daan Smit"}
        for key, item in after.items():
            if before[key].scheduled_at is not None:
                assert item.scheduled_at == before[key].scheduled_at - timedelta(days=2)
        assert app.screen.marked == frozenset()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert {i.id: i for i in read_plan(demo_path).items if i.id in marked} == before


async def test_marked_posts_are_deleted_together_and_come_back(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("asterisk")
        await pilot.pause()
        everything = len(read_plan(demo_path).items)
        assert len(app.screen.marked) == everything
        await pilot.press("asterisk")  # again: none marked
        await pilot.pause()
        assert app.screen.marked == frozenset()
        await pilot.press("home", "space", "down", "space", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert len(read_plan(demo_path).items) == everything - 2
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(read_plan(demo_path).items) == everything


async def test_b_without_marks_says_how_to_mark(make_app):
    from socialplan.compat import notifications

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert any("space marks one" in str(n.message) for n in notifications(app))


async def test_a_post_is_duplicated_and_cross_posted_with_undo(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        count = len(read_plan(demo_path).items)
        post = app.screen.selected_item()
        await pilot.press("y")
        await pilot.pause()
        copies = [
            i for i in read_plan(demo_path).items if i.title == post.title and i.id != post.id
        ]
        assert len(copies) == 1 and copies[0].scheduled_at == post.scheduled_at
        assert copies[0].status in (Status.DRAFT, Status.IDEA)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(read_plan(demo_path).items) == count
        post = app.screen.selected_item()
        await pilot.press("X")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CrossPostForm)
        await pilot.press("ctrl+s")  # nothing ticked
        await pilot.pause()
        assert isinstance(app.screen, CrossPostForm)
        form.query_one("#channels", SelectionList).select_all()
        await pilot.press("ctrl+s")
        await pilot.pause()
        variants = [i for i in read_plan(demo_path).items if i.variant_of == post.id]
        others = {c.id for c in read_plan(demo_path).channels} - {post.channel}
        assert {v.channel for v in variants} == others
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not [i for i in read_plan(demo_path).items if i.variant_of == post.id]


async def test_y_shift_duplicates_into_the_next_free_slot(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        post = app.screen.selected_item()
        await pilot.press("Y")
        await pilot.pause()
        copies = [
            i for i in read_plan(demo_path).items if i.title == post.title and i.id != post.id
        ]
        assert len(copies) == 1 and copies[0].scheduled_at != post.scheduled_at
        assert copies[0].scheduled_at is not None
