"""The Activity view: who changed what, for the plan and for the post under the cursor."""

from __future__ import annotations

from textual.widgets import DataTable, Label

from socialplan.screens.activity import ActivityScreen
from socialplan.screens.confirm import ConfirmScreen

from .test_sessions import edit_in_another_process, wait_for


def rows(app) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


async def test_activity_lists_the_posts_history_and_the_whole_plans(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        selected = app.screen.selected_item()
        other = next(i for i in app.plan_data.items if i.id != selected.id)
        edit_in_another_process(demo_path, other.id, person="Sanne", owner="Sanne")
        await pilot.press("s")
        if isinstance(app.screen, ConfirmScreen):  # the next status asks first
            await pilot.press("y")
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivityScreen))
        title = str(app.screen.query_one(".form-title", Label).render())
        assert title == f"History of '{selected.title}'"
        history = rows(app)
        assert len(history) == 1 and history[0][2:] == ["changed post", selected.title, "status"]
        await pilot.press("e")
        plan = rows(app)
        assert [row[1] for row in plan[:2]] == [history[0][1], "Sanne"]
        assert plan[1][2:] == ["changed post", other.title, "owner"]
        assert str(app.screen.query_one(".form-title", Label).render()).startswith("Activity in")
        await pilot.press("escape")
        assert not isinstance(app.screen, ActivityScreen)


async def test_activity_of_a_plan_without_changes_says_so(make_app):
    app = make_app(start_phase="foundation")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ActivityScreen))
        assert rows(app)[0][0] == "No changes recorded yet."
