"""The Schedule screen's channel calendar, slots, repeats and evergreen keys, by Pilot."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input, Static

from socialplan.core.model import ContentItem, Status
from socialplan.core.slots import next_free_slot
from socialplan.data.store import read_plan
from socialplan.screens.confirm import ConfirmScreen
from socialplan.screens.item_form import ItemForm
from socialplan.screens.slots_form import SlotsForm
from socialplan.tui.widgets.calendar import DayList, MonthGrid
from socialplan.tui.widgets.schedule_calendar import CalendarView

from .conftest import FROZEN_NOW

SIZE = (120, 40)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TODAY = date(2026, 11, 25)


def title(app) -> str:
    """The calendar's title, without the set-up flag that follows it."""
    return str(app.screen.query_one("#schedule-title").render()).split("  ⚠")[0]


def anchor(app) -> date:
    return app.screen.query_one(CalendarView).day


def day_lines(app) -> list[str]:
    days = app.screen.query_one(DayList)
    return [days.render_line(y).text for y in range(days.size.height)]


def grid_lines(app) -> list[str]:
    grid = app.screen.query_one(MonthGrid)
    return [grid.render_line(y).text for y in range(grid.size.height)]


def stored(path, item_id) -> ContentItem:
    return next(i for i in read_plan(path).items if i.id == item_id)


def local(item: ContentItem):
    return item.scheduled_at.astimezone(AMSTERDAM)


async def open_calendar(pilot, *keys: str) -> None:
    await pilot.pause()
    await pilot.press("c", *keys)
    await pilot.pause()


async def test_c_opens_the_month_of_the_selected_post_and_toggles_back(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        assert title(app) == "November 2026"
        assert isinstance(app.focused, MonthGrid)
        assert anchor(app) == TODAY  # the board had the next post selected: today 12:00
        lines = grid_lines(app)
        assert lines[0].split() == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        week_48 = next(n for n, line in enumerate(lines) if line.startswith("48"))
        assert lines[week_48 + 1].lstrip().startswith("!")  # Instagram is under plan
        pace = str(app.screen.query_one("#calendar-pace", Static).render())
        assert pace == "Week 48: Instagram 2/3 under · 3 on plan"
        await pilot.press("c")
        assert app.screen.view == "board"
        assert app.screen.selected_item().title == "Maintenance walk-through for facility managers"


@pytest.mark.parametrize("mode", ["w", "a", "m"])
async def test_a_new_calendar_mode_keeps_the_selected_post_even_in_a_burst(make_app, mode):
    """c and a mode key in one burst: the calendar, made when first shown, selects the
    board's post at once, and the week or agenda keeps it (not the day's first post)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        chosen = app.screen.selected_item()
        await pilot.press("c", mode)
        await pilot.pause()
        assert app.screen.selected_item() == chosen
        assert chosen.title == "Maintenance walk-through for facility managers"


async def test_keys_move_by_day_week_and_month_and_t_returns_to_today(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("right", "l")
        assert anchor(app) == date(2026, 11, 27)
        await pilot.press("down", "j")
        assert anchor(app) == date(2026, 12, 11)
        assert title(app) == "December 2026"
        await pilot.press("k", "h")
        assert anchor(app) == date(2026, 12, 3)
        await pilot.press("right_square_bracket")
        assert (anchor(app), title(app)) == (date(2027, 1, 3), "January 2027")
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert title(app) == "November 2026"
        await pilot.press("t")
        assert anchor(app) == TODAY


async def test_month_at_a_year_end_keeps_a_valid_day(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press(*["right"] * 6)  # 1 December
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert anchor(app) == date(2027, 2, 1)
        app.screen.query_one(CalendarView).day = date(2027, 1, 31)
        await pilot.press("right_square_bracket")
        assert anchor(app) == date(2027, 2, 28)


async def test_week_view_lists_every_day_with_its_posts_and_today(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot, "w")
        assert title(app).startswith("Week 48 · 23 Nov")
        assert isinstance(app.focused, DayList)
        lines = [line.strip() for line in day_lines(app)]
        headers = [
            line for line in lines if line[:3] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        ]
        assert [h.split("  ")[0] for h in headers] == [
            "Mon 23 Nov",
            "Tue 24 Nov",
            "Wed 25 Nov · today",
            "Thu 26 Nov",
            "Fri 27 Nov",
            "Sat 28 Nov",
            "Sun 29 Nov",
        ]
        assert "Sat 28 Nov  no posts" in lines
        assert any(line.startswith("12:00 ● YouTube") for line in lines)
        await pilot.press("right_square_bracket")
        assert title(app).startswith("Week 49 · 30 Nov")


async def test_agenda_lists_the_days_with_posts_from_the_selected_day(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot, "a")
        assert title(app) == "Agenda · Wed 25 Nov – Tue 08 Dec 2026"
        lines = [line.strip() for line in day_lines(app)]
        assert lines[0].startswith("Wed 25 Nov · today")
        assert not any(line.startswith(("Sat 28 Nov", "Sun 29 Nov")) for line in lines)
        await pilot.press("right_square_bracket")
        assert title(app) == "Agenda · Wed 09 Dec – Tue 22 Dec 2026"


async def test_enter_picks_a_day_then_a_post_to_edit(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot, "right", "enter")
        assert isinstance(app.focused, DayList)
        item = app.screen.selected_item()
        assert local(item).date() == date(2026, 11, 26) and local(item).strftime("%H:%M") == "07:30"
        await pilot.press("enter")
        assert isinstance(app.screen, ItemForm) and app.screen.item == item
        await pilot.press("escape")
        await pilot.press("up", "enter")  # the day's header: a new post on that day
        assert isinstance(app.screen, ItemForm) and app.screen.item.id == 0
        assert app.screen.query_one("#scheduled", Input).value == "2026-11-26 09:00"


async def test_moving_a_post_to_another_day_keeps_its_time(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot, "w")
        item = app.screen.selected_item()
        before = local(item)
        await pilot.press("L")
        await pilot.pause()
        moved = local(stored(demo_path, item.id))
        assert moved.date() == before.date() + timedelta(days=1)
        assert moved.time() == before.time()
        assert app.screen.selected_item().id == item.id  # the cursor follows the post
        await pilot.press("J")
        await pilot.pause()
        moved = local(stored(demo_path, item.id))
        assert (moved.date() - before.date(), moved.time()) == (timedelta(days=8), before.time())
        assert title(app).startswith("Week 49")
        await pilot.press("shift+left")
        await pilot.pause()
        assert local(stored(demo_path, item.id)).date() == before.date() + timedelta(days=7)


async def test_calendar_keys_are_listed_only_in_the_calendar(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert not screen.check_action("calendar_mode", ("month",))
        assert screen.check_action("move_stage", (1,))
        await open_calendar(pilot)
        assert screen.check_action("calendar_mode", ("month",))
        assert not screen.check_action("move_stage", (1,)) and not screen.check_action(
            "reorder", (1,)
        )
        palette = {c.title for c in app.get_system_commands(screen)}
        assert {"Month", "Week", "Agenda", "Today", "A day later"} <= palette
        assert "Stage right" not in palette


async def test_f_puts_a_post_into_its_channels_next_free_slot(make_app, demo_store, demo_path):
    idea = demo_store.add(ContentItem("Unplanned explainer", channel=3, stage=2))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        app.screen.query_one("#items").select_key(str(idea.id))
        expected = next_free_slot(app.plan_data, idea, FROZEN_NOW)
        await pilot.press("f")
        await pilot.pause()
        assert stored(demo_path, idea.id).scheduled_at == expected
        assert local(stored(demo_path, idea.id)).strftime("%a %H:%M") == "Wed 12:00"


async def test_capital_r_requeues_an_evergreen_post(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        published = next(
            i for i in app.plan_data.items if i.evergreen and i.status is Status.PUBLISHED
        )
        app.screen.query_one("#items").select_key(str(published.id))
        await pilot.press("R")
        await pilot.pause()
        copies = [i for i in read_plan(demo_path).items if i.title == published.title]
        assert len(copies) == 2
        again = max(copies, key=lambda i: i.id)
        assert again.status is Status.IN_REVIEW and again.scheduled_at > FROZEN_NOW
        assert app.screen.selected_item().id == again.id
        not_evergreen = next(i for i in app.plan_data.items if not i.evergreen)
        app.screen.query_one("#items").select_key(str(not_evergreen.id))
        await pilot.press("R")
        await pilot.pause()
        assert len(read_plan(demo_path).items) == 61


async def test_capital_s_edits_the_channels_slots_with_a_preview(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("S")
        assert isinstance(app.screen, SlotsForm)
        assert app.screen.channel.name == "YouTube"  # the selected post's channel
        slots = app.screen.query_one("#slots", Input)
        assert slots.value == "weekly wed 12:00"
        slots.value = "tue thu 9"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SlotsForm)
        assert "09:00" in str(app.screen.query_one("#error-slots", Static).render())
        slots.value = "tue thu 16:00 until 2027-06-30"
        await pilot.pause()
        preview = str(app.screen.query_one("#slots-preview", Static).render())
        assert preview.startswith("Next: Thu 26 Nov 16:00, Tue 01 Dec 16:00")
        assert "About 2 slots a week; the plan asks 1." in preview
        await pilot.press("ctrl+s")
        await pilot.pause()
        youtube = next(c for c in read_plan(demo_path).channels if c.name == "YouTube")
        assert youtube.slots == "FREQ=WEEKLY;BYDAY=TU,TH;BYHOUR=16;BYMINUTE=0;UNTIL=20270630T235959"
        assert youtube.slots_from == TODAY


async def test_a_repeating_post_creates_and_removes_its_repeats(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        head = app.screen.selected_item()
        await pilot.press("e")
        app.screen.query_one("#repeat", Input).value = "weekly count 3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        repeats = [i for i in read_plan(demo_path).items if i.series == head.id]
        assert [local(r) - local(head) for r in repeats] == [timedelta(days=7), timedelta(days=14)]
        assert stored(demo_path, head.id).repeat == "FREQ=WEEKLY;COUNT=3"
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "and its 2 upcoming repeats" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        ids = {i.id for i in read_plan(demo_path).items}
        assert head.id not in ids and not ids & {r.id for r in repeats}


async def test_a_repeat_without_an_end_is_refused_in_the_form(make_app, demo_path):
    before = demo_path.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        app.screen.query_one("#repeat", Input).value = "weekly"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ItemForm)
        assert "needs an end" in str(app.screen.query_one("#error-repeat", Static).render())
    assert demo_path.read_bytes() == before


def test_a_week_time_grid_has_a_row_per_hour_and_each_post_in_its_hour(demo_data):
    from socialplan.core.calendar import CalendarMode, calendar_page, week_hours

    page = calendar_page(demo_data, CalendarMode.WEEK, FROZEN_NOW.date())
    rows = week_hours(page.days, demo_data.plan.timezone)
    zone = ZoneInfo(demo_data.plan.timezone)
    hours = [row.hour for row in rows]
    assert hours == list(range(hours[0], hours[-1] + 1)) and hours[0] <= 8 and hours[-1] >= 18
    for day_index, cell in enumerate(page.days):
        for item in cell.items:
            row = rows[hours.index(item.scheduled_at.astimezone(zone).hour)]
            assert item in row.cells[day_index].items
    assert sum(len(c.items) for r in rows for c in r.cells) == sum(len(c.items) for c in page.days)


async def test_the_week_view_shows_its_time_grid_and_the_month_filters_by_channel(make_app):
    from socialplan.tui.widgets.calendar import WeekGrid

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c", "w")
        await pilot.pause()
        grid = app.screen.query_one(WeekGrid)
        assert grid.display and grid.rows
        assert str(grid.render_line(1).text).startswith(f"{grid.rows[0].hour:02}:00")
        await pilot.press("m")
        await pilot.pause()
        assert not grid.display
        await pilot.press("slash", *"channel:YouTube", "enter")
        await pilot.pause()
        shown = title(app)
        assert "filter 'channel:YouTube'" in shown
        cells = [c for w in app.screen.query_one(MonthGrid).page.weeks for c in w.days]
        channels = {app.plan_data.channel_name(i.channel) for c in cells for i in c.items}
        assert channels == {"YouTube"}
