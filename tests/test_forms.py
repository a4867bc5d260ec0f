"""What every form tells: the title names what is edited, multi-choice lists say their
keys, the import dialog imports."""

from __future__ import annotations

from textual.widgets import Button, Label

from socialplan.data.store import read_plan
from socialplan.screens.entry_form import EntryForm

from .test_plan_editing import focus_list

SIZE = (120, 40)


def title(app) -> str:
    return str(app.screen.query_one(".form-title", Label).render())


async def test_an_edit_form_names_the_entry_and_a_channel_side_names_the_channel(
    make_app, demo_path
) -> None:
    plan = read_plan(demo_path)
    app = make_app("strategy")
    async with app.run_test(size=SIZE) as pilot:
        await focus_list(pilot, "media")
        await pilot.press("e")
        await pilot.pause()
        assert title(app) == f"Media plan of {plan.channels[0].name}"
        await pilot.press("escape")
        await focus_list(pilot, "goals")
        await pilot.press("e")
        await pilot.pause()
        assert title(app) == f"Edit objective '{plan.goals[0].title}'"
        hints = [str(s.render()) for s in app.screen.query(".field-hint")]
        assert hints == ["↑↓ move · space ticks or unticks"]
        await pilot.press("escape")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EntryForm) and title(app) == "New objective"


async def test_the_import_dialog_imports(make_app) -> None:
    app = make_app("measure")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert str(app.screen.query_one("#save", Button).label) == "Import (ctrl+s)"


async def test_an_owner_is_offered_from_the_project_team_and_a_new_name_kept(
    make_app, demo_path
) -> None:
    app = make_app("foundation")
    async with app.run_test(size=SIZE) as pilot:
        await focus_list(pilot, "change-actions")
        await pilot.press("a", *"Brief the sales team", "tab", *"lot")
        await pilot.pause()
        await pilot.press("right", "ctrl+s")  # → takes the offer
        await pilot.pause()
        await pilot.press("a", *"Ask the neighbours", "tab", *"Kees", "ctrl+s")
        await pilot.pause()
    owners = {a.title: a.owner for a in read_plan(demo_path).change_actions}
    assert owners["Brief the sales team"] == "Lotte van den Berg"
    assert owners["Ask the neighbours"] == "Kees"
