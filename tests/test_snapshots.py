"""How the screens look: SVG snapshots on the demo plan with a frozen clock.

Update after an intended change with
``pytest tests/test_snapshots.py -n 0 --snapshot-update``
and review the SVGs before committing them.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from socialplan.core.cycle import PHASES
from socialplan.screens.strategy import StepSection

SMALL = (80, 24)
ROOMY = (120, 36)


@pytest.mark.parametrize("phase", PHASES, ids=lambda p: p.name)
def test_phase_screen_at_80_by_24(snap_compare, make_app, phase):
    assert snap_compare(make_app(), press=[phase.key], terminal_size=SMALL)


@pytest.mark.parametrize("phase", PHASES, ids=lambda p: p.name)
def test_phase_screen_at_120_by_40(snap_compare, make_app, phase):
    assert snap_compare(make_app(), press=[phase.key], terminal_size=(120, 40))


def test_the_panel_unfolded_at_80_by_24(snap_compare, make_app):
    """p opens the full panel where only its one-line strip fits."""
    assert snap_compare(make_app(), press=["p"], terminal_size=SMALL)


def test_schedule_roomy(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=ROOMY)


def test_schedule_without_panel(snap_compare, make_app):
    assert snap_compare(make_app(), press=["p"], terminal_size=SMALL)


def test_schedule_list_view(snap_compare, make_app):
    assert snap_compare(make_app(), press=["v"], terminal_size=ROOMY)


def test_schedule_filtered_board(snap_compare, make_app):
    async def filter_promotions(pilot):
        await pilot.press("slash", *"kind:promo", "enter")
        pilot.app.screen.query_one("#filter", Input).cursor_blink = False

    assert snap_compare(make_app(), terminal_size=ROOMY, run_before=filter_promotions)


def test_help(snap_compare, make_app):
    assert snap_compare(make_app(), press=["question_mark"], terminal_size=SMALL)


def test_item_form_with_a_validation_message(snap_compare, make_app):
    async def empty_the_title_and_save(pilot):
        await pilot.press("e")
        pilot.app.screen.query_one("#title", Input).value = ""
        await pilot.press("ctrl+s")
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=empty_the_title_and_save)


def test_calendar_month_at_80_by_24(snap_compare, make_app):
    assert snap_compare(make_app(), press=["c"], terminal_size=SMALL)


def test_calendar_month_roomy_without_panel(snap_compare, make_app):
    assert snap_compare(make_app(), press=["p", "c", "right", "enter"], terminal_size=ROOMY)


def test_calendar_week(snap_compare, make_app):
    assert snap_compare(make_app(), press=["c", "w"], terminal_size=ROOMY)


def test_calendar_agenda_at_80_by_24(snap_compare, make_app):
    assert snap_compare(make_app(), press=["c", "a"], terminal_size=SMALL)


def test_slots_form_with_preview(snap_compare, make_app):
    async def open_slots(pilot):
        await pilot.press("S")
        pilot.app.screen.query_one("#slots", Input).cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=open_slots)


def test_strategy_media_plan_step_roomy(snap_compare, make_app):
    assert snap_compare(
        make_app("strategy"), press=["right_square_bracket", "tab"], terminal_size=ROOMY
    )


def test_strategic_frameworks_form(snap_compare, make_app, textuals_idle_waits):
    async def open_the_form(pilot):
        """Each key once the screen has settled: the step the form opens over scrolls after
        its layout, which under load came after the snapshot."""
        for key in ("left_square_bracket", "e"):
            await pilot.pause()
            await pilot.press(key)
        strategy = pilot.app.screen_stack[-2]
        behind = strategy.query_one(".phase-scroll")
        seen: list[float] = []
        while (
            len(seen) < 3
            or len(set(seen[-3:])) > 1
            or any(step.scroll_when_laid_out for step in strategy.query(StepSection))
        ):
            await pilot.pause(0.05)
            seen.append(behind.scroll_y)
            assert len(seen) < 100, "the step list never settled"
        for field in pilot.app.screen.query("TextArea, Input"):
            field.cursor_blink = False  # a blinking cursor is on or off by the clock
        await pilot.pause()

    assert snap_compare(make_app("strategy"), run_before=open_the_form, terminal_size=SMALL)


def test_goal_form_refuses_a_goal_that_is_not_smart(snap_compare, make_app):
    async def add_a_vague_goal(pilot):
        pilot.app.screen.query_one("#goals").focus()
        await pilot.press("a", *"More leads", "ctrl+s")
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False

    assert snap_compare(make_app("strategy"), terminal_size=ROOMY, run_before=add_a_vague_goal)


def test_iteration_review_of_the_pilot(snap_compare, make_app):
    assert snap_compare(make_app("measure"), press=["h"], terminal_size=ROOMY)
