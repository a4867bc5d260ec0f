"""Set up: the method's checklist per channel, edited from the keyboard, its progress, and
the flags on the KPI panel and the Schedule screen while a channel's set-up is unfinished."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Input, Select, Static, TextArea

from socialplan.core.channel_setup import (
    CHECKLIST,
    incomplete_setup,
    missing_checklist,
    missing_checklists,
    overall_setup,
    setup_progress,
)
from socialplan.core.figures import panel_figures
from socialplan.core.model import SetupArea
from socialplan.core.plan_data import PlanData
from socialplan.data.store import read_plan
from socialplan.screens.entry_form import EntryForm

from .conftest import FROZEN_NOW
from .test_plan_editing import error

SIZE = (120, 40)


def test_the_checklist_covers_the_methods_set_up_step(demo_data: PlanData) -> None:
    assert list(CHECKLIST) == [area for area in SetupArea if area is not SetupArea.OTHER]
    youtube = demo_data.channels[2]
    tasks = missing_checklist(demo_data, youtube)
    assert [t.area for t in tasks] == list(CHECKLIST)[1:]
    assert tasks[0].title == "Team members active on YouTube under their own name"
    assert {t.owner for t in tasks} == {"Lotte"}
    assert all(t.channel == youtube.id and not t.done and not t.id for t in tasks)


def test_a_channel_with_the_whole_checklist_gets_nothing_more(demo_data: PlanData) -> None:
    filled = replace(
        demo_data, setup_tasks=(*demo_data.setup_tasks, *missing_checklists(demo_data))
    )
    assert missing_checklists(filled) == []
    assert len(missing_checklists(demo_data)) == 4 * 7 - len(demo_data.setup_tasks)


def test_progress_per_channel_and_overall(demo_data: PlanData) -> None:
    progress = setup_progress(demo_data)
    assert [(p.channel, p.describe()) for p in progress] == [
        ("LinkedIn", "3/5"),
        ("Instagram", "1/2"),
        ("YouTube", "1/1"),
        ("Newsletter", "1/2"),
    ]
    assert overall_setup(progress).describe() == "6/10"
    assert incomplete_setup(demo_data) == ("LinkedIn", "Instagram", "Newsletter")
    bare = replace(demo_data, setup_tasks=())
    assert setup_progress(bare)[0].describe() == "no checklist"
    assert incomplete_setup(bare) == ("LinkedIn", "Instagram", "YouTube", "Newsletter")


def test_the_panel_warns_while_set_up_is_unfinished(demo_data: PlanData) -> None:
    warnings = panel_figures(demo_data, FROZEN_NOW).warnings()
    assert "Set-up incomplete: LinkedIn, Instagram, Newsletter: see Set up (3)." in warnings
    done = replace(
        demo_data, setup_tasks=tuple(replace(t, done=True) for t in demo_data.setup_tasks)
    )
    assert not any("Set-up" in w for w in panel_figures(done, FROZEN_NOW).warnings())


async def test_checklist_generated_ticked_and_edited_from_the_keyboard(make_app, demo_path):
    app = make_app("setup")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused.id == "setup-tasks"
        await pilot.press("down", "space")
        await pilot.pause()
        task = next(t for t in read_plan(demo_path).setup_tasks if t.area is SetupArea.PERSONAL)
        assert task.done
        assert "7 of 10 tasks done" in str(app.screen.query_one("#setup-summary").render())
        await pilot.press("g")
        await pilot.pause()
        saved = read_plan(demo_path)
        assert len(saved.setup_tasks) == 28
        assert missing_checklists(saved) == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(read_plan(demo_path).setup_tasks) == 10
        await pilot.press("a")
        assert isinstance(app.screen, EntryForm)
        await pilot.press("ctrl+s")
        assert error(app, "title") == "must not be empty"
        app.screen.query_one("#area", Select).value = SetupArea.FOLLOW
        app.screen.query_one("#title", Input).value = "Follow local school boards"
        app.screen.query_one("#entries", TextArea).text = "PO Raad\nStichting Eemland"
        await pilot.press("ctrl+s")
        await pilot.pause()
        added = read_plan(demo_path).setup_tasks[-1]
        assert (added.area, added.entries) == (SetupArea.FOLLOW, ("PO Raad", "Stichting Eemland"))
        assert added.channel == read_plan(demo_path).channels[0].id


async def test_account_details_are_checked_and_channels_are_not_added_here(make_app, demo_path):
    app = make_app("setup")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#setup-channels").focus()
        await pilot.press("a")
        assert not isinstance(app.screen, EntryForm)
        await pilot.press("down", "down", "g")
        await pilot.pause()
        youtube = read_plan(demo_path).channels[2]
        assert len([t for t in read_plan(demo_path).setup_tasks if t.channel == youtube.id]) == 7
        await pilot.press("e")
        app.screen.query_one("#url", Input).value = "youtube.com/veldhuis"
        await pilot.press("ctrl+s")
        assert error(app, "url") == "a web address starting with https:// or http://"
        app.screen.query_one("#url", Input).value = "https://youtube.com/@veldhuis"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert read_plan(demo_path).channels[2].url == "https://youtube.com/@veldhuis"


async def test_the_schedule_screen_flags_unfinished_set_up(make_app, demo_path):
    app = make_app("schedule")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        title = str(app.screen.query_one("#schedule-title", Static).render())
        assert title.endswith("⚠ set-up: LinkedIn, Instagram, Newsletter")
