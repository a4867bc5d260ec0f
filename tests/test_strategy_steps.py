"""The Strategy screen as a guided plan, driven from the keyboard: step sections that open,
get filled and marked complete, the progress line, the prose forms, the media plan."""

from __future__ import annotations

from textual.widgets import Collapsible, Input, Static, TextArea

from socialplan.core.i18n import use_language
from socialplan.data.store import read_plan
from socialplan.screens.entry_form import EntryForm

from .test_plan_editing import error

SIZE = (100, 40)


def progress(app) -> str:
    return str(app.screen.query_one("#progress", Static).render())


def open_steps(app) -> list[str]:
    return [
        c.id.removeprefix("step-")
        for c in app.screen.query(".step").results(Collapsible)
        if not c.collapsed and c.id.startswith("step-")
    ]


def focused_step(app) -> str:
    return next(a.id for a in app.focused.ancestors if isinstance(a, Collapsible))


async def test_opens_on_the_next_step_and_walks_the_steps(make_app):
    app = make_app("strategy")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "8 of 10 steps complete · next: 9. Integration" in progress(app)
        assert open_steps(app) == ["integration"]
        assert focused_step(app) == "step-integration"
        await pilot.press("right_square_bracket")
        assert open_steps(app) == ["media"]
        await pilot.press("right_square_bracket")
        assert open_steps(app) == ["media"]
        for _ in range(9):
            await pilot.press("left_square_bracket")
        assert open_steps(app) == ["inputs"]
        await pilot.press("enter")
        assert open_steps(app) == []


async def test_a_step_with_a_gap_is_refused_then_filled_and_marked(make_app, demo_path):
    app = make_app("strategy")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gap = str(app.screen.query_one("#gap-integration", Static).render())
        assert gap == "Before marking it complete: connect Reels from the workshop"
        await pilot.press("m")
        await pilot.pause()
        assert "integration" not in read_plan(demo_path).plan.completed_steps
        app.screen.query_one("#activities").move_cursor(row=2)
        await pilot.press("e")
        assert isinstance(app.screen, EntryForm)
        app.screen.query_one("#connects_to", TextArea).text = "Recruitment campaign\nOpen day"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("shift+tab", "m")
        await pilot.pause()
        saved = read_plan(demo_path)
        assert saved.activities[2].connects_to == ("Recruitment campaign", "Open day")
        assert saved.plan.completed_steps[-1] == "integration"
        assert "9 of 10 steps complete · next: 10. Media plan" in progress(app)
        assert open_steps(app) == ["media"]
        assert "✓ 9. Integration" in str(app.screen.query_one("#step-integration").title)
        await pilot.press("m")
        await pilot.pause()
        assert "10 of 10 steps complete" in progress(app)
        await pilot.press("m", "ctrl+z")
        await pilot.pause()
        assert "media" in read_plan(demo_path).plan.completed_steps


async def test_m_on_a_complete_step_reopens_it(make_app, demo_path):
    app = make_app("strategy")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("left_square_bracket", "m")
        await pilot.pause()
        assert "frameworks" not in read_plan(demo_path).plan.completed_steps
        assert "7 of 10 steps complete · next: 8. Strategic frameworks" in progress(app)
        assert "Ready: m marks it complete." in str(
            app.screen.query_one("#gap-frameworks", Static).render()
        )


async def test_frameworks_form_refuses_a_negative_budget_and_saves_lines(make_app, demo_path):
    app = make_app("strategy")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("left_square_bracket", "e")
        assert isinstance(app.screen, EntryForm)
        assert app.focused.id == "tone"
        app.screen.query_one("#tone", TextArea).text = "Warm and direct"
        app.screen.query_one("#dos", TextArea).text = "Say thanks\n\n  Tag partners  "
        await pilot.press("tab", "tab", "tab")
        assert app.focused.id == "budget"
        app.screen.query_one("#budget", Input).value = "-5"
        await pilot.press("ctrl+s")
        assert error(app, "budget") == "a budget is 0 to 1,000,000,000,000"
        assert app.focused.id == "budget"
        app.screen.query_one("#budget", Input).value = "6,000.50"
        app.screen.query_one("#hours_per_week", Input).value = "20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        plan = read_plan(demo_path).plan
        assert (plan.tone, plan.dos) == ("Warm and direct", ("Say thanks", "Tag partners"))
        assert (plan.budget, plan.hours_per_week) == (6000.5, 20)
        shown = str(app.screen.query_one("#frameworks", Static).render())
        assert "Budget: 6,000 per iteration" in shown and "• Tag partners" in shown


async def test_strategy_inputs_and_problem_statement_are_edited_in_place(make_app, demo_path):
    before = read_plan(demo_path).plan
    app = make_app("strategy")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(8):
            await pilot.press("left_square_bracket")
        await pilot.press("e")
        app.screen.query_one("#name", Input).value = ""
        await pilot.press("ctrl+s")
        assert error(app, "name") == "must not be empty"
        await pilot.press("escape", "y")  # discard the emptied name
        await pilot.pause()
        assert read_plan(demo_path).plan == before
        await pilot.press("right_square_bracket", "tab", "enter")
        assert app.screen.query_one("#problem_statement", TextArea).text.startswith("Nine in ten")
        app.screen.query_one("#points_of_attention", TextArea).text = "Only 12 hours a week"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert read_plan(demo_path).plan.points_of_attention == ("Only 12 hours a week",)
        assert "• Only 12 hours a week" in str(app.screen.query_one("#problem").render())


async def test_the_media_plan_edits_a_channels_use_but_adds_no_channels(make_app, demo_path):
    app = make_app("strategy")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket", "a")
        assert not isinstance(app.screen, EntryForm)
        assert app.focused.id == "media"
        await pilot.press("e")
        assert isinstance(app.screen, EntryForm)
        assert [f.name for f in app.screen.fields] == [
            "role",
            "audience",
            "formats",
            "planned_per_week",
            "owner",
            "char_limit",
        ]
        app.screen.query_one("#owner", Input).value = "Sanne"
        app.screen.query_one("#planned_per_week", Input).value = "4"
        await pilot.press("ctrl+s")
        await pilot.pause()
        linkedin = read_plan(demo_path).channels[0]
        assert (linkedin.owner, linkedin.planned_per_week) == ("Sanne", 4)
        assert linkedin.reason == "Facility managers and directors research here"


async def test_culture_notes_are_written_on_the_foundation_screen(make_app, demo_path):
    app = make_app("foundation")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#culture").focus()
        await pilot.press("enter")
        assert isinstance(app.screen, EntryForm)
        app.screen.query_one("#culture_notes", TextArea).text = "Open and curious."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert read_plan(demo_path).plan.culture_notes == "Open and curious."
        assert str(app.screen.query_one("#culture").render()) == "Open and curious."
        await pilot.press("d")
        assert read_plan(demo_path).plan.culture_notes == "Open and curious."


async def test_a_dutch_budget_is_read_and_shown_back_the_dutch_way(make_app, demo_path):
    """In Dutch, 6.000 is six thousand, and the form shows it back as 6.000: typing back
    what is shown never changes the number (it stored 6 before)."""
    use_language("nl")
    app = make_app("strategy")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("left_square_bracket", "e")
        app.screen.query_one("#budget", Input).value = "6.000"
        app.screen.query_one("#hours_per_week", Input).value = "7,5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        plan = read_plan(demo_path).plan
        assert (plan.budget, plan.hours_per_week) == (6000, 7.5)
        await pilot.press("e")
        assert app.screen.query_one("#budget", Input).value == "6.000"
        assert app.screen.query_one("#hours_per_week", Input).value == "7,5"
        app.screen.query_one("#budget", Input).value = "6,000"
        await pilot.press("ctrl+s")
        assert "6,000" in error(app, "budget") and "6000" in error(app, "budget")
