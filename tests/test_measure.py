"""Measure from the keyboard: results typed in with their checks, goal status, trends, and
the cycle: closing an iteration with a review, browsing past ones, decisions on Strategy."""

from __future__ import annotations

from textual.widgets import Input, Select, Static, TextArea

from socialplan.data.store import read_plan
from socialplan.screens.entry_form import EntryForm
from socialplan.screens.review import ReviewScreen

from .test_plan_editing import error

SIZE = (120, 40)


def cells(app, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(f"#{table_id}")
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


async def test_goal_status_and_trends_are_shown(make_app):
    app = make_app("measure")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        goals = cells(app, "goal-progress")
        assert [row[1] for row in goals] == ["on track", "met", "behind", "behind"]
        assert "2 of 4 objectives met or on track" in str(
            app.screen.query_one("#measure-summary", Static).render()
        )
        trends = {row[0]: row for row in cells(app, "trends")}
        assert len(trends["reach"][1]) == 12
        assert trends["social ROI"][4].startswith("1: ")
        assert trends["social ROI"][2] != "-100.0"  # the last full week, costs and results in


async def test_a_result_is_typed_in_and_checked(make_app, demo_path):
    before = len(read_plan(demo_path).results)
    app = make_app("measure")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#results").focus()
        await pilot.press("a")
        assert isinstance(app.screen, EntryForm)
        await pilot.press("ctrl+s")
        assert error(app, "period_start") == "a date is needed (YYYY-MM-DD)"
        form = app.screen
        form.query_one("#period_start", Input).value = "2026-11-16"
        form.query_one("#period_end", Input).value = "2026-11-09"
        form.query_one("#channel", Select).value = read_plan(demo_path).channels[1].id
        form.query_one("#reach", Input).value = "1200"
        form.query_one("#ad_spend", Input).value = "-3"
        await pilot.press("ctrl+s")
        assert error(app, "ad_spend") == "from 0 to 1,000,000,000,000"
        form.query_one("#ad_spend", Input).value = "40"
        await pilot.press("ctrl+s")
        assert error(app, "period_end") == "the period cannot end before it starts"
        form.query_one("#period_end", Input).value = "2026-11-22"
        linkedin_post = next(i for i in app.plan_data.items if i.channel == 1 and i.scheduled_at)
        form.query_one("#item", Select).value = linkedin_post.id
        await pilot.press("ctrl+s")
        assert error(app, "item") == "that post is on LinkedIn"
        form.query_one("#item", Select).clear()
        form.query_one("#hours", Input).value = "2"
        form.query_one("#hourly_rate", Input).value = "50"
        await pilot.press("ctrl+s")
        await pilot.pause()
    results = read_plan(demo_path).results
    assert len(results) == before + 1
    added = results[-1]
    assert (added.reach, added.ad_spend, added.cost, added.item) == (1200, 40.0, 140.0, None)


async def test_closing_an_iteration_starts_the_next_and_keeps_decisions(make_app, demo_path):
    app = make_app("measure")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("C")
        assert isinstance(app.screen, ReviewScreen)
        review = app.screen
        assert [row[0] for row in cells(app, "review-posts")] == ["best"] * 3 + ["worst"] * 3
        review.query_one("#lessons", TextArea).text = "Explainers beat everything."
        review.query_one("#decisions", TextArea).text = "Two explainers a month\nStop reels"
        review.query_one("#name", Input).value = "Spring"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
        saved = read_plan(demo_path)
        assert saved.plan.current_iteration == 3
        closed, spring = saved.iterations[1:]
        assert (closed.closed, closed.lessons) == (True, "Explainers beat everything.")
        assert (spring.number, spring.name, spring.closed) == (3, "Spring", False)
        assert [d.text for d in saved.decisions] == ["Two explainers a month", "Stop reels"]
        assert app.screen.sub_title == "Iteration 3: Spring"
        await pilot.press("2")
        await pilot.pause()
        assert [row[1] for row in cells(app, "decisions")] == [
            "Two explainers a month",
            "Stop reels",
        ]
        app.screen.query_one("#decisions").focus()
        await pilot.press("e")
        app.screen.query_one("#done").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [row[1] for row in cells(app, "decisions")] == ["Stop reels"]
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
    restored = read_plan(demo_path)
    assert restored.plan.current_iteration == 2
    assert restored.decisions == () and len(restored.iterations) == 2


async def test_past_iterations_are_browsed_read_only(make_app, demo_path):
    before = demo_path.read_bytes()
    app = make_app("measure")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        assert isinstance(app.screen, ReviewScreen)
        assert "iteration 1: Pilot" in str(app.screen.query_one(".form-title").render())
        assert "LinkedIn project stories" in str(app.screen.query(".prose").first().render())
        assert not app.screen.query("#lessons")
        await pilot.press("ctrl+s", "right_square_bracket")
        await pilot.pause()
        assert "iteration 2: Winter campaign" in str(app.screen.query_one(".form-title").render())
        assert "running" in str(app.screen.query_one(".form-title").render())
        await pilot.press("right_square_bracket", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
    assert demo_path.read_bytes() == before


async def test_each_objective_says_where_its_figure_comes_from(make_app, demo_store):
    from datetime import date

    from socialplan.core.model import Result

    # an import that brings LinkedIn figures up to a later day than the newsletter's
    demo_store.add(
        Result(date(2026, 11, 30), date(2026, 11, 30), channel=1, impressions=10, source="linkedin")
    )
    app = make_app("measure")
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#goal-progress")
        labels = [str(c.label) for c in table.columns.values()]
        source = labels.index("Source")
        rows = cells(app, "goal-progress")
        assert rows[1][source].startswith("typed in, LinkedIn · 2026-11-09 to")
        newsletter = rows[2]
        assert newsletter[source].startswith("typed in · 2026-11-09 to")
        assert newsletter[labels.index("Now")].startswith("⚠ ")


def test_every_goal_status_has_its_colour():
    from socialplan.core.summaries import GoalStatus
    from socialplan.tui.text import GOAL_STATUS_STYLE

    assert {status.value for status in GoalStatus} == set(GOAL_STATUS_STYLE)
