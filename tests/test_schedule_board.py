"""The Schedule screen's kanban, list, filter and workflow keys, driven by Pilot."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from socialplan.compat import notifications
from socialplan.core.model import Status
from socialplan.core.schedule import next_posts
from socialplan.data.store import read_plan
from socialplan.screens.comment import CommentScreen
from socialplan.screens.schedule import VIEW_ACTIONS
from socialplan.tui.widgets.item_list import ItemList
from socialplan.tui.widgets.kanban import Kanban, KanbanColumn

from .conftest import frozen_clock

SIZE = (120, 40)


def kanban(app) -> Kanban:
    return app.screen.query_one(Kanban)


def shown_columns(app) -> list:
    """The board's columns on screen now (the others are outside its window)."""
    return [column for column in kanban(app).columns() if column.region]


def headers(app) -> list[str]:
    return [column.view.header for column in kanban(app).columns()]


def stored(demo_path, item_id):
    return next(i for i in read_plan(demo_path).items if i.id == item_id)


async def test_board_opens_on_the_next_post_in_its_stage(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert headers(app) == [
            "See  20 · 20:0",
            "Think  22 · 22:0",
            "Do  8 · 4:4",
            "Care  10 · 10:0",
        ]
        focused = app.focused
        assert isinstance(focused, KanbanColumn) and focused.view.header.startswith("Care")
        assert app.screen.selected_item().title == "Maintenance walk-through for facility managers"


async def test_arrows_and_hjkl_move_between_cards_and_columns(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = app.focused.cursor
        await pilot.press("j")
        assert app.focused.cursor == start + 1
        await pilot.press("up")
        assert app.focused.cursor == start
        await pilot.press("h")
        assert app.focused.view.header.startswith("Do")
        await pilot.press("left", "left", "left")
        assert app.focused.view.header.startswith("See")
        await pilot.press("right")
        assert app.focused.view.header.startswith("Think")


async def test_shift_l_moves_the_card_to_the_next_stage_and_updates_headers(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")  # the Do column
        item = app.screen.selected_item()
        await pilot.press("L")
        await pilot.pause()
        assert stored(demo_path, item.id).stage == 4
        assert headers(app)[2:] == ["Do  7 · 3:4", "Care  11 · 11:0"]
        assert app.screen.selected_item().id == item.id
        assert app.focused.view.header.startswith("Care")
        await pilot.press("shift+left")
        await pilot.pause()
        assert stored(demo_path, item.id).stage == 3


async def test_shift_j_and_k_reorder_within_the_column(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = app.focused
        keys = list(column.view.keys)
        index = column.cursor
        await pilot.press("J")
        await pilot.pause()
        moved = list(app.focused.view.keys)
        assert moved[index + 1] == keys[index] and moved[index] == keys[index + 1]
        assert app.focused.cursor == index + 1
        await pilot.press("K")
        await pilot.pause()
        assert list(app.focused.view.keys) == keys
    assert stored(demo_path, int(keys[index])).rank is not None


async def test_filter_narrows_the_board_and_escape_clears_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"kind:promo")
        await pilot.pause()
        assert [len(c.view.keys) for c in kanban(app).columns()] == [0, 0, 4, 0]
        title = str(app.screen.query_one("#schedule-title").content)
        assert "4 of 60" in title
        await pilot.press("enter")
        assert isinstance(app.focused, KanbanColumn)
        await pilot.press("slash")
        app.screen.query_one("#filter", Input).value = "colour:red"
        await pilot.pause()
        error = app.screen.query_one("#error-filter", Static)
        assert error.display and "unknown field" in str(error.content)
        assert [len(c.view.keys) for c in kanban(app).columns()] == [0, 0, 4, 0]
        await pilot.press("escape")
        await pilot.pause()
        assert sum(len(c.view.keys) for c in kanban(app).columns()) == 60
        assert not app.screen.query_one("#filter", Input).display


async def test_v_toggles_the_list_keeping_the_selection(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        selected = app.screen.selected_item()
        await pilot.press("v")
        await pilot.pause()
        item_list = app.screen.query_one("#items", ItemList)
        assert item_list.display and not kanban(app).display
        assert item_list.row_count == 60
        assert app.screen.selected_item() == selected
        await pilot.press("v")
        await pilot.pause()
        assert kanban(app).display and app.screen.selected_item() == selected


async def test_s_advances_the_status_and_r_rejects_a_review_with_a_comment(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        in_review = next(i for i in app.plan_data.items if i.status is Status.IN_REVIEW)
        kanban(app).select_key(str(in_review.id))
        await pilot.press("r")
        assert isinstance(app.screen, CommentScreen)
        await pilot.press(*"Add the price", "enter")
        await pilot.pause()
        await pilot.pause()
        rejected = stored(demo_path, in_review.id)
        assert (rejected.status, rejected.review_comment) == (Status.DRAFT, "Add the price")
        column = kanban(app).current_column()
        lines = column.card_text(stored(demo_path, in_review.id))
        assert "✎ Add the price" in lines[-1].plain
        await pilot.press("s")
        await pilot.pause()
        again = stored(demo_path, in_review.id)
        assert (again.status, again.review_comment) == (Status.IN_REVIEW, "")
        await pilot.press("r", "escape")
        assert stored(demo_path, in_review.id).status is Status.IN_REVIEW


async def test_rejecting_an_item_not_in_review_is_explained(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        assert not isinstance(app.screen, CommentScreen)
        assert any("only an item in review" in n.message for n in notifications(app))


def board_lines(app) -> list[str]:
    return [
        column.render_line(y).text
        for column in kanban(app).columns()
        if column in shown_columns(app)
        for y in range(column.size.height)
    ]


async def test_the_form_shows_why_a_review_sent_the_item_back(make_app):
    from dataclasses import replace

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item = app.screen.selected_item()
        from socialplan.tui.messages import SaveEntity

        app.screen.post_message(
            SaveEntity(replace(item, status=Status.DRAFT, review_comment="[b]Add price[/b]"))
        )
        await pilot.pause()
        await pilot.press("e")
        shown = str(app.screen.query_one(".review-comment", Static).content)
        assert shown == "Sent back from review: [b]Add price[/b]"


def shown(app) -> list[str]:
    return [column.view.header.split()[0] for column in shown_columns(app)]


async def test_the_board_shows_whole_columns_around_the_focused_one(make_app):
    """Narrower than every stage column needs (under 80), the board shows those that fit."""
    app = make_app()
    async with app.run_test(size=(40, 24)) as pilot:
        await pilot.pause()
        assert shown(app) == ["Think", "Do", "Care"]
        await pilot.press("left", "left", "left")
        await pilot.pause()
        assert shown(app) == ["See", "Think", "Do"]
        assert all(not column.show_horizontal_scrollbar for column in kanban(app).columns())
        await pilot.resize_terminal(27, 24)
        await pilot.pause()
        assert shown(app) == ["See", "Think"]
        await pilot.press("right", "right")
        await pilot.pause()
        assert shown(app) == ["Think", "Do"]


@pytest.mark.parametrize("keys", [(), ("v",), ("c", "a")], ids=["board", "list", "calendar"])
async def test_every_view_answers_the_screen_the_same_way(make_app, keys):
    """Board, list and calendar keep one protocol: the screen selects, reads the selection
    and lists keys without asking which view is on screen."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        screen = app.screen
        post = next_posts(app.plan_data.items, frozen_clock(), 3)[-1]
        screen.current.select_key(str(post.id))
        await pilot.pause()
        assert screen.selected_item().id == post.id
        offered = {action for action in VIEW_ACTIONS if screen.check_action(action, ())}
        assert offered == screen.current.OFFERS


async def test_a_card_move_redraws_only_the_columns_it_changed(make_app, monkeypatch):
    from socialplan.tui.widgets.kanban import KanbanColumn

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        kanban(app).columns()[0].focus()
        await pilot.pause()
        drawn: list[str] = []
        show = KanbanColumn.show
        monkeypatch.setattr(
            KanbanColumn, "show", lambda column, view: (drawn.append(view.key), show(column, view))
        )
        await pilot.press("L")
        await pilot.pause()
        first, second = (c.view.key for c in kanban(app).columns()[:2])
        assert sorted(drawn) == sorted([first, second])


async def test_a_renamed_channel_is_shown_on_the_cards_at_once(make_app):
    """A card's lines are kept drawn while its post stays the same; the channel's name on
    it is not part of the post, and a rename must still reach every card."""
    from dataclasses import replace

    from socialplan.tui.messages import SaveEntity

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = kanban(app).current_column()
        channel = app.plan_data.channel(app.screen.selected_item().channel)
        app.post_message(SaveEntity(replace(channel, name="Renamed")))
        await pilot.pause()
        lines = [column.render_line(y).text for y in range(column.size.height)]
        assert any("Renam" in line for line in lines), lines
