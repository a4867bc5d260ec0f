"""Foundation and Strategy lists edited from the keyboard: add, edit, delete, cancel, undo,
validation next to the field, and the consistency checks following every change."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Input, Select, SelectionList, Static, TextArea

from socialplan.compat import notifications
from socialplan.core.model import Activity, SupportLevel
from socialplan.data.store import read_plan
from socialplan.screens.confirm import ConfirmScreen
from socialplan.screens.entry_form import EntryForm

SIZE = (120, 40)


def error(app, field: str) -> str:
    return str(app.screen.query_one(f"#error-{field}", Static).render())


async def focus_list(pilot, table_id: str) -> None:
    pilot.app.screen.query_one(f"#{table_id}").focus()
    await pilot.pause()


async def test_add_edit_delete_and_undo_a_stakeholder(make_app, demo_path):
    app = make_app("foundation")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused.id == "stakeholders"
        await pilot.press("a")
        assert isinstance(app.screen, EntryForm)
        await pilot.press(*"Ria Jansen", "tab", *"Office manager")
        app.screen.query_one("#support", Select).value = SupportLevel.SUPPORTER
        await pilot.press("ctrl+s")
        await pilot.pause()
        ria = next(s for s in read_plan(demo_path).stakeholders if s.name == "Ria Jansen")
        assert (ria.role, ria.support) == ("Office manager", SupportLevel.SUPPORTER)
        assert "3 supporter" in str(app.screen.query_one("#support-summary").render())
        app.screen.query_one("#stakeholders").move_cursor(row=5)
        await pilot.press("e")
        assert app.screen.query_one("#name", Input).value == "Ria Jansen"
        app.screen.query_one("#next_action", Input).value = "Invite to the kick-off"
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = next(s for s in read_plan(demo_path).stakeholders if s.id == ria.id)
        assert edited.next_action == "Invite to the kick-off"
        await pilot.press("d", "y")
        await pilot.pause()
        assert all(s.id != ria.id for s in read_plan(demo_path).stakeholders)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert edited in read_plan(demo_path).stakeholders


async def test_a_field_reached_by_tab_keeps_its_text_and_takes_more(make_app, demo_path):
    """Focus puts the cursor after the text: the first key typed used to replace it all."""
    app = make_app("foundation")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = read_plan(demo_path).stakeholders[0]
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*" Jr", "tab", *" (acting)", "ctrl+s")
        await pilot.pause()
        edited = next(s for s in read_plan(demo_path).stakeholders if s.id == first.id)
        assert (edited.name, edited.role) == (f"{first.name} Jr", f"{first.role} (acting)")


async def test_escape_cancels_without_writing(make_app, demo_path):
    before = demo_path.read_bytes()
    app = make_app("foundation")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.press("escape")  # nothing changed: no question
        await pilot.pause()
        assert app.focused.id == "stakeholders"
        await pilot.press("e")
        app.screen.query_one("#name", Input).value = "Changed my mind"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#name", Input).value == "Changed my mind"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, EntryForm)
        assert app.focused.id == "stakeholders"
    assert demo_path.read_bytes() == before


async def test_a_goal_that_is_not_smart_is_refused_with_reasons(make_app, demo_path):
    before = demo_path.read_bytes()
    app = make_app("strategy")
    async with app.run_test(size=SIZE) as pilot:
        await focus_list(pilot, "goals")
        await pilot.press("a")
        await pilot.press(*"More leads", "ctrl+s")
        assert isinstance(app.screen, EntryForm)
        assert error(app, "kpi") == "name the KPI that measures this goal"
        assert error(app, "target") == "a SMART goal needs a measurable target value"
        assert error(app, "deadline") == "a SMART goal needs a deadline"
        app.screen.query_one("#target", Input).value = "lots"
        await pilot.press("ctrl+s")
        assert error(app, "target") == "'lots' is not a number"
        app.screen.query_one("#kpi", Select).value = "conversions"
        app.screen.query_one("#target", Input).value = "40"
        app.screen.query_one("#deadline", Input).value = "2027-06-30"
        app.screen.query_one("#channels", SelectionList).select(1)
        await pilot.press("ctrl+s")
        await pilot.pause()
    goal = next(g for g in read_plan(demo_path).goals if g.title == "More leads")
    assert (goal.kpi, goal.target, goal.deadline.isoformat(), goal.channels) == (
        "conversions",
        40.0,
        "2027-06-30",
        (1,),
    )
    assert demo_path.read_bytes() != before


async def test_a_second_behaviour_row_for_the_same_pair_is_refused(make_app):
    app = make_app("strategy")
    async with app.run_test(size=SIZE) as pilot:
        await focus_list(pilot, "behaviour")
        await pilot.press("a")
        app.screen.query_one("#activity", Select).value = Activity.HIGH
        await pilot.press("ctrl+s")
        assert "already has a row for this channel" in error(app, "channel")


async def test_a_channel_with_posts_cannot_be_deleted(make_app, demo_path):
    before = demo_path.read_bytes()
    app = make_app("strategy")
    async with app.run_test(size=SIZE) as pilot:
        await focus_list(pilot, "channels")
        await pilot.press("d")
        await pilot.pause()
        assert [n.message for n in notifications(app)] == [
            "LinkedIn has 30 posts: move or delete them first. On the Schedule, / channel:LinkedIn "
            "shows them, * marks them all, b gives them another channel and d deletes them."
        ]
    assert demo_path.read_bytes() == before


async def test_checks_follow_each_change(make_app, demo_path):
    app = make_app("strategy")
    async with app.run_test(size=SIZE) as pilot:
        await focus_list(pilot, "stages")
        await pilot.press("a", *"Advocate", "ctrl+s")
        await pilot.pause()
        checks = str(app.screen.query_one("#checks").render())
        assert "Journey stage 'Advocate' has no content pillar." in checks
        assert (app.figures.checks_failing, app.figures.checks_total) == (2, 5)
        await focus_list(pilot, "activities")
        app.screen.query_one("#activities").move_cursor(row=2)
        await pilot.press("e")
        app.screen.query_one("#connects_to", TextArea).text = "Open day\nCareers page"
        await pilot.press("ctrl+s")
        await pilot.pause()
        reels = next(a for a in read_plan(demo_path).activities if a.name.startswith("Reels"))
        assert reels.connects_to == ("Open day", "Careers page")
        assert app.figures.checks_failing == 1
        await focus_list(pilot, "pillars")
        await pilot.press("e")
        advocate = next(s for s in app.plan_data.stages if s.name == "Advocate")
        app.screen.query_one("#stages", SelectionList).select(advocate.id)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.figures.checks_failing == 0
        assert "✓ Every journey stage has a content pillar" in str(
            app.screen.query_one("#checks").render()
        )


async def test_a_new_persona_and_channel_fail_their_checks_until_connected(make_app, demo_path):
    app = make_app("strategy")
    async with app.run_test(size=SIZE) as pilot:
        await focus_list(pilot, "personas")
        await pilot.press("a", *"Student", "tab", *"Future technician", "ctrl+s")
        await focus_list(pilot, "channels")
        await pilot.press("a", *"TikTok", "tab", "backspace", *"lots", "ctrl+s")
        assert error(app, "planned_per_week") == "a whole number from 0 to 10,000"
        app.screen.query_one("#planned_per_week", Input).value = "3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        checks = str(app.screen.query_one("#checks").render())
        assert "Persona 'Student' is active on none of the chosen channels." in checks
        assert "No persona is active on TikTok" in checks
        assert app.figures.checks_failing == 3
        await focus_list(pilot, "behaviour")
        await pilot.press("a")
        student = next(p for p in app.plan_data.personas if p.name == "Student")
        tiktok = next(c for c in app.plan_data.channels if c.name == "TikTok")
        app.screen.query_one("#persona", Select).value = student.id
        app.screen.query_one("#channel", Select).value = tiktok.id
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.figures.checks_failing == 1
        saved = read_plan(demo_path)
        assert (student.role, tiktok.planned_per_week) == ("Future technician", 3)
        assert any(b.persona == student.id and b.channel == tiktok.id for b in saved.behaviour)


async def test_foundation_lists_refuse_bad_dates_and_empty_names(make_app, demo_path):
    app = make_app("foundation")
    async with app.run_test(size=SIZE) as pilot:
        await focus_list(pilot, "change-actions")
        await pilot.press("a", *"Lunch talk", "tab", *"Daan", "tab", *"next week", "ctrl+s")
        assert error(app, "due") == "'next week' is not a date; use YYYY-MM-DD"
        app.screen.query_one("#due", Input).value = "2026-12-10"
        await pilot.press("ctrl+s")
        await focus_list(pilot, "team")
        await pilot.press("a", "ctrl+s")
        assert error(app, "name") == "must not be empty"
        await pilot.press(*"Ilse", "tab", *"Photographer", "ctrl+s")
        await pilot.pause()
    saved = read_plan(demo_path)
    assert saved.change_actions[-1].title == "Lunch talk"
    assert str(saved.change_actions[-1].due) == "2026-12-10"
    assert (saved.team[-1].name, saved.team[-1].role) == ("Ilse", "Photographer")


async def test_steps_in_order_make_the_channel_they_need_inline(tmp_path):
    """Online behaviour (step 5) and goals (step 4) come before channel selection (step 6):
    ctrl+n in their form makes a channel, chosen there at once."""
    from socialplan.core.model import Persona
    from socialplan.data.store import PlanStore
    from socialplan.tui.app import SocialPlanApp

    from .conftest import FROZEN_NOW

    path = tmp_path / "plan.json"
    store = PlanStore.open(path)
    persona = store.add(Persona("Facility manager"))
    app = SocialPlanApp(store, clock=lambda: FROZEN_NOW, start_phase="strategy")
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_list(pilot, "behaviour")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one("#name", Input).value = "LinkedIn"
        await pilot.press("ctrl+s")
        await pilot.pause()
        channel = next(c for c in read_plan(path).channels if c.name == "LinkedIn")
        assert app.screen.query_one("#channel", Select).value == channel.id
        app.screen.query_one("#persona", Select).value = persona.id
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = read_plan(path).behaviour
        assert [(b.persona, b.channel) for b in saved] == [(persona.id, channel.id)]
        await focus_list(pilot, "goals")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one("#name", Input).value = "Newsletter"
        await pilot.press("ctrl+s")
        await pilot.pause()
        newsletter = next(c for c in read_plan(path).channels if c.name == "Newsletter")
        assert newsletter.id in app.screen.query_one("#channels", SelectionList).selected


async def test_the_plans_settings_are_edited_checked_and_undone(make_app, demo_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("comma")
        await pilot.pause()
        assert app.screen.query_one("#timezone", Input).value == "Europe/Amsterdam"
        app.screen.query_one("#timezone", Input).value = "Mars/Base"
        app.screen.query_one("#ratio_promotion", Input).value = "0"
        await pilot.press("ctrl+s")
        assert "unknown time zone" in error(app, "timezone")
        assert "at least 1" in error(app, "ratio_promotion")
        app.screen.query_one("#timezone", Input).value = "Europe/London"
        app.screen.query_one("#ratio_promotion", Input).value = "2"
        app.screen.query_one("#iteration_days", Input).value = "28"
        app.screen.query_one("#currency", Input).value = "GBP"
        await pilot.press("ctrl+s")
        await pilot.pause()
        plan = read_plan(demo_path).plan
        assert (plan.timezone, plan.ratio_promotion, plan.iteration_days, plan.currency) == (
            "Europe/London",
            2,
            28,
            "GBP",
        )
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert read_plan(demo_path).plan.timezone == "Europe/Amsterdam"


async def test_the_panel_toggle_is_remembered(make_app):
    from socialplan.data.settings import load_settings

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert app.show_panel is False and load_settings()["panel"] is False
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.show_panel is False


async def test_a_goals_kpi_is_chosen_from_what_measure_computes(make_app, demo_store, demo_path):
    """A KPI typed before stays as it was, a custom one the checks flag until it has a
    value or a measured one is chosen."""
    from socialplan.core.checks import goals_without_kpi
    from socialplan.core.kpi import MEASURED_KPIS
    from socialplan.screens.entry_form import kpi_options

    goal = demo_store.load().goals[0]
    demo_store.update(replace(goal, kpi="qualified leads"))
    flagged = goals_without_kpi(read_plan(demo_path))
    assert "custom KPI 'qualified leads' has no value yet" in flagged.problems[0]
    app = make_app("strategy")
    async with app.run_test(size=SIZE) as pilot:
        await focus_list(pilot, "goals")
        await pilot.press("e")
        await pilot.pause()
        kpi = app.screen.query_one("#kpi", Select)
        assert kpi.value == "qualified leads"
        labels = [str(prompt) for prompt, _key in kpi_options(kpi.value, app.plan_data)]
        assert "engagement rate (reach) (engagements ÷ reach)" in labels
        assert "engagement rate (impressions) (engagements ÷ impressions)" in labels
        assert labels[len(MEASURED_KPIS) :] == [
            "qualified leads (custom, typed in per period)",
            "New custom KPI…",
        ]
        kpi.value = "conversions"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert goals_without_kpi(read_plan(demo_path)).problems == ()
