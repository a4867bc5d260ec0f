"""A new user's first cycle, by keys only, at 80x24: from an empty plan through the
Foundation, every Strategy step in order, a set-up task, a post and a result, to closing
iteration 1 and landing in iteration 2 with its review's decision on Strategy."""

from __future__ import annotations

import pytest

from socialplan.compat import notifications
from socialplan.core.steps import STEP_KEYS
from socialplan.data.store import PlanStore, read_plan

from .conftest import FROZEN_NOW

SIZE = (80, 24)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in text))


async def fill(pilot, *values: str) -> None:
    """Type each value into the next field (tab between them); '' leaves one as it is."""
    for n, value in enumerate(values):
        if n:
            await pilot.press("tab")
        if value:
            await type_text(pilot, value)


async def choose(pilot, option: int) -> None:
    """Open the focused Select and take its ``option``-th choice (1: the first after the
    prompt)."""
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("home", *["down"] * option, "enter")
    await pilot.pause()


async def tab_to(pilot, widget_id: str) -> None:
    """Tab until the widget has the focus (keys only, however the screen is laid out)."""
    for _ in range(12):
        if pilot.app.focused is not None and pilot.app.focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached #{widget_id}")


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()


def told(app) -> str:
    return " | ".join(n.message for n in notifications(app))


async def mark(pilot, app, step: str) -> None:
    await pilot.press("m")
    await pilot.pause()
    assert step in read_plan(app.store.path).plan.completed_steps, told(app)


@pytest.mark.slow
async def test_a_new_plan_goes_round_its_first_cycle_by_keys(tmp_path):
    from socialplan.tui.app import SocialPlanApp

    path = tmp_path / "plan.json"
    app = SocialPlanApp(PlanStore.open(path), clock=lambda: FROZEN_NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Foundation: the people behind the plan
        await pilot.press("a")
        await fill(pilot, "Marieke", "Owner")
        await save(pilot)
        assert [s.name for s in read_plan(path).stakeholders] == ["Marieke"]
        # Strategy, every step in order
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("e")
        await fill(pilot, "", "Grow", "Expert")
        await save(pilot)
        await mark(pilot, app, "inputs")
        await pilot.press("e")
        await fill(pilot, "Unknown")
        await save(pilot)
        await mark(pilot, app, "problem")
        await pilot.press("a")
        await fill(pilot, "Facility manager")
        await save(pilot)
        await mark(pilot, app, "personas")
        await pilot.press("a")
        await fill(pilot, "40 leads")
        await pilot.press("tab")
        await choose(pilot, 10)  # conversions, the tenth KPI
        await fill(pilot, "", "40", "leads", "2027-03-31", "")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await fill(pilot, "LinkedIn", "3", "", "Readers")
        await save(pilot)
        await save(pilot)
        goal = read_plan(path).goals[0]
        assert (goal.kpi, goal.target, len(goal.channels)) == ("conversions", 40, 1), told(app)
        await mark(pilot, app, "goals")
        await pilot.press("a")
        await pilot.pause()
        await choose(pilot, 1)
        await pilot.pause()
        await pilot.press("tab")
        await choose(pilot, 1)
        await pilot.pause()
        await save(pilot)
        await mark(pilot, app, "behaviour")
        await mark(pilot, app, "channels")
        await pilot.press("tab", "tab")  # past the stages to the pillars
        await pilot.press("a")
        await fill(pilot, "Know-how", "", "")
        await pilot.press("space", "down", "space", "down", "space", "down", "space")
        await save(pilot)
        await mark(pilot, app, "content")
        await pilot.press("e")
        await fill(pilot, "Plain and calm")
        await save(pilot)
        await mark(pilot, app, "frameworks")
        await pilot.press("a")
        await fill(pilot, "Open day", "", "Sales events")
        await save(pilot)
        await mark(pilot, app, "integration")
        await pilot.press("e")  # the media plan edits the channel chosen in step 6
        await pilot.pause()
        await fill(pilot, "Expert", "FMs", "Posts", "", "Marieke")
        await save(pilot)
        await mark(pilot, app, "media")
        assert read_plan(path).channels[0].role == "Expert"
        assert set(read_plan(path).plan.completed_steps) == set(STEP_KEYS)
        # Set up: a task for the channel
        await pilot.press("3")
        await pilot.pause()
        await tab_to(pilot, "setup-tasks")
        await pilot.press("a")
        await pilot.pause()
        await choose(pilot, 1)
        await fill(pilot, "", "", "Profile names the company")
        await save(pilot)
        assert [t.title for t in read_plan(path).setup_tasks] == ["Profile names the company"]
        # Schedule: a post
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Winter checklist")
        await save(pilot)
        assert [i.title for i in read_plan(path).items] == ["Winter checklist"], told(app)
        # Measure: a result, then close iteration 1
        await pilot.press("5")
        await pilot.pause()
        await tab_to(pilot, "results")
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "2026-11-23", "2026-11-29", "")
        await choose(pilot, 1)
        await fill(pilot, "", "", "500", "2000", "40", "12", "3")
        await save(pilot)
        assert [r.conversions for r in read_plan(path).results] == [3], told(app)
        await pilot.press("C")
        await pilot.pause()
        await fill(pilot, "Lists work", "Post twice")
        await save(pilot)
        after = read_plan(path)
        assert after.plan.current_iteration == 2 and after.iterations[0].closed, told(app)
        await pilot.press("2")
        await pilot.pause()
        decisions = app.screen.query_one("#decisions")
        assert "Post twice" in str(decisions.get_row_at(0)[1])
