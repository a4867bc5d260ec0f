"""Custom KPIs: a goal may name a KPI Measure cannot compute ('qualified leads'); its values
are typed in per period on Measure, and the checks flag the goal until one is."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Input, Select

from socialplan.core.checks import goals_without_kpi
from socialplan.core.entry_rules import validate_entry, why_not_deletable
from socialplan.core.model import Goal, HandCount, KpiValue, Plan
from socialplan.core.plan_data import PlanData
from socialplan.core.summaries import GoalStatus, goal_progress, typed_in_value
from socialplan.data.store import read_plan
from socialplan.screens.entry_form import EntryForm

from .test_core_measure import TODAY, plan_with
from .test_measure import cells
from .test_plan_editing import error, focus_list

SIZE = (120, 40)
DEADLINE = TODAY + timedelta(days=60)


def leads_goal(target: float = 40, count: HandCount = HandCount.SUMMED) -> Goal:
    return Goal(
        "40 qualified leads", "qualified leads", target, "", DEADLINE, hand_count=count, id=7
    )


def typed(day: date, figure: float, value_id: int) -> KpiValue:
    return KpiValue(7, day, day + timedelta(days=6), figure, id=value_id)


def with_values(demo_data: PlanData, goal: Goal, *values: KpiValue) -> PlanData:
    return replace(plan_with(demo_data, (goal,), []), kpi_values=values)


def test_summed_values_add_up_within_the_goals_window(demo_data) -> None:
    before = typed(TODAY - timedelta(days=30), 99, 1)  # before the iteration began
    data = with_values(demo_data, leads_goal(), before, typed(TODAY, 12, 2), typed(TODAY, 9, 3))
    (progress,) = goal_progress(data, TODAY)
    assert progress.current == 21
    assert progress.status in (GoalStatus.ON_TRACK, GoalStatus.BEHIND)
    assert progress.expected_percent is not None


def test_the_latest_value_stands_for_a_score(demo_data) -> None:
    goal = leads_goal(50, HandCount.LATEST)
    older, newer = typed(TODAY - timedelta(days=7), 60, 5), typed(TODAY, 30, 2)
    (progress,) = goal_progress(with_values(demo_data, goal, newer, older), TODAY)
    assert progress.current == 30
    assert progress.status is GoalStatus.BEHIND and progress.expected_percent is None


def test_a_custom_kpi_without_values_is_not_measured_and_flagged(demo_data) -> None:
    data = with_values(demo_data, leads_goal())
    assert goal_progress(data, TODAY)[0].status is GoalStatus.NOT_MEASURED
    (problem,) = goals_without_kpi(data).problems
    assert "custom KPI 'qualified leads' has no value yet" in problem
    assert goals_without_kpi(with_values(demo_data, leads_goal(), typed(TODAY, 3, 1))).ok


@given(figures=st.lists(st.integers(-1000, 1000), min_size=1, max_size=8))
def test_summed_is_the_sum_and_latest_the_newest(figures) -> None:
    values = tuple(typed(TODAY + timedelta(days=n), f, n + 1) for n, f in enumerate(figures))
    data = PlanData(Plan("p"), goals=(leads_goal(),), kpi_values=values)
    window = (date.min, date.max)
    assert typed_in_value(leads_goal(), data, window) == sum(figures)
    latest = leads_goal(count=HandCount.LATEST)
    assert typed_in_value(latest, data, window) == figures[-1]


def test_a_value_needs_a_custom_goal_a_figure_and_a_period_in_order(demo_data) -> None:
    data = with_values(demo_data, leads_goal())
    fields = lambda entry: [p.field for p in validate_entry(entry, data)]  # noqa: E731
    assert fields(KpiValue(7, TODAY, TODAY, 4)) == []
    assert fields(KpiValue(7, TODAY, TODAY)) == ["figure"]
    assert fields(KpiValue(7, TODAY, TODAY - timedelta(days=1), 4)) == ["period_end"]
    measured = replace(data, goals=(replace(leads_goal(), kpi="conversions"),))
    assert [p.field for p in validate_entry(KpiValue(7, TODAY, TODAY, 4), measured)] == ["goal"]


def test_a_goal_with_typed_in_values_is_not_deleted_from_under_them(demo_data) -> None:
    data = with_values(demo_data, leads_goal(), typed(TODAY, 3, 1))
    reason = why_not_deletable(leads_goal(), data)
    assert reason is not None and "1 KPI value typed in" in reason
    assert why_not_deletable(leads_goal(), with_values(demo_data, leads_goal())) is None


async def choose_last_option(pilot) -> None:
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("end", "enter")
    await pilot.pause()


async def test_a_custom_kpi_is_named_in_the_goal_form_and_typed_in_on_measure(
    make_app, demo_path
) -> None:
    app = make_app("strategy")
    async with app.run_test(size=SIZE) as pilot:
        await focus_list(pilot, "goals")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntryForm)
        app.screen.query_one("#kpi", Select).focus()
        await choose_last_option(pilot)  # New custom KPI…
        await pilot.press("enter")
        assert "a custom KPI needs a name" in str(app.screen.query_one("#error-comment").render())
        await pilot.press(*"qualified leads", "enter")
        await pilot.pause()
        assert app.screen.query_one("#kpi", Select).value == "qualified leads"
        await pilot.press("ctrl+s")
        await pilot.pause()
        goal = next(g for g in read_plan(demo_path).goals if g.kpi == "qualified leads")
        assert any(goal.title in p for p in goals_without_kpi(app.plan_data).problems)

        await pilot.press("5")  # Measure
        await pilot.pause()
        await focus_list(pilot, "kpi-values")
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#goal", Select).value == goal.id
        form.query_one("#period_start", Input).value = "2026-11-16"
        form.query_one("#period_end", Input).value = "2026-11-22"
        await pilot.press("ctrl+s")
        assert error(app, "figure") == "must not be empty"
        form.query_one("#figure", Input).value = "14"
        await pilot.press("ctrl+s")
        await pilot.pause()
        (value,) = read_plan(demo_path).kpi_values
        assert (value.goal, value.figure) == (goal.id, 14)
        assert cells(app, "kpi-values")[0][-1] == "14"
        table = app.screen.query_one("#goal-progress")
        shown = dict(
            zip(
                [str(c.label) for c in table.columns.values()],
                table.get_row(str(goal.id)),
                strict=True,
            )
        )
        assert str(shown["Now"]) == "14.0"
        assert not any(goal.title in p for p in goals_without_kpi(app.plan_data).problems)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert read_plan(demo_path).kpi_values == ()


async def test_a_cancelled_name_keeps_the_kpi_chosen_before(make_app) -> None:
    app = make_app("strategy")
    async with app.run_test(size=SIZE) as pilot:
        await focus_list(pilot, "goals")
        await pilot.press("e")
        await pilot.pause()
        select = app.screen.query_one("#kpi", Select)
        before = select.value
        select.focus()
        await choose_last_option(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#kpi", Select).value == before


async def test_adding_a_value_without_a_custom_kpi_says_where_to_name_one(make_app) -> None:
    from socialplan.compat import notifications

    app = make_app("measure")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await focus_list(pilot, "kpi-values")
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, EntryForm)
        assert any("New custom KPI" in str(n.message) for n in notifications(app))
